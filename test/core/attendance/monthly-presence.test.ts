import { describe, expect, it } from 'vitest';
import {
  assignedMonths,
  countDays,
  dayMask,
  daysOfMask,
  evaluateMonth,
  fullMask,
  isJustifiedAbsence,
  justifiedSpan,
  monthEvaluationDay,
  monthFacts,
  rangeMask,
  requiredDays,
  type MonthRecords,
} from '../../../core/attendance/monthly-presence';
import { eachDay } from '../../../core/calendar/local-date';
import { defaultParameters } from '../../../core/parameters';

const p = defaultParameters;

function month(records: Partial<MonthRecords> & Pick<MonthRecords, 'month' | 'asOf'>) {
  return evaluateMonth(
    monthFacts({
      assignment: { start: '2020-01-01', end: null },
      inVillageDays: [],
      diaryDates: [],
      leaves: [],
      ...records,
    }),
    p,
  );
}

describe('day masks', () => {
  it('hold days 1…31 of a month in one 32-bit number', () => {
    expect(countDays(fullMask(31))).toBe(31);
    expect(countDays(fullMask(28))).toBe(28);
    expect(daysOfMask(dayMask([1, 15, 31]))).toEqual([1, 15, 31]);
    expect(daysOfMask(rangeMask(30, 31))).toEqual([30, 31]);
    expect(rangeMask(5, 4)).toBe(0);
    expect(() => dayMask([0])).toThrow(RangeError);
    expect(() => dayMask([32])).toThrow(RangeError);
  });
});

describe('§1.2 required days', () => {
  it('a whole month needs 20 days, whatever its length', () => {
    expect(requiredDays(31, 31, 20)).toBe(20);
    expect(requiredDays(28, 28, 20)).toBe(20);
    expect(requiredDays(29, 29, 20)).toBe(20);
  });

  it('assigned from 16 March 2026, 16 of 31 days need ceil(20 × 16 / 31) = 11', () => {
    expect(requiredDays(16, 31, 20)).toBe(11);
  });

  it('an exact product needs no rounding: 15 of 30 days need 10', () => {
    expect(requiredDays(15, 30, 20)).toBe(10);
  });

  it('one assigned day needs one day, never more than the assigned days', () => {
    expect(requiredDays(1, 31, 20)).toBe(1);
    expect(requiredDays(30, 30, 31)).toBe(30);
    expect(requiredDays(0, 31, 20)).toBe(0);
  });
});

describe('§1.2 justified absence', () => {
  const leave = { from: '2026-10-25', to: '2026-10-28', approved: '2026-10-23', returned: null };

  it('an approved leave covers its days from start to approved end', () => {
    expect(justifiedSpan(leave, '2026-11-01')).toEqual({ from: '2026-10-25', to: '2026-10-28' });
  });

  it('an unapproved leave justifies nothing', () => {
    expect(justifiedSpan({ ...leave, approved: null }, '2026-11-01')).toBeNull();
  });

  it('an approval dated after the evaluation day does not count yet', () => {
    expect(justifiedSpan({ ...leave, approved: '2026-11-02' }, '2026-11-01')).toBeNull();
    expect(justifiedSpan({ ...leave, approved: '2026-11-01' }, '2026-11-01')).not.toBeNull();
  });

  it('an early return (销假) on 27 October ends the leave on the 26th', () => {
    expect(justifiedSpan({ ...leave, returned: '2026-10-27' }, '2026-11-01')).toEqual({
      from: '2026-10-25',
      to: '2026-10-26',
    });
  });

  it('a return recorded after the evaluation day does not cut the leave short yet', () => {
    expect(justifiedSpan({ ...leave, returned: '2026-10-27' }, '2026-10-26')).toEqual({
      from: '2026-10-25',
      to: '2026-10-28',
    });
  });

  it('a late return does not stretch the leave: days past the approved end are unjustified', () => {
    expect(justifiedSpan({ ...leave, returned: '2026-10-31' }, '2026-11-01')).toEqual({
      from: '2026-10-25',
      to: '2026-10-28',
    });
    expect(
      isJustifiedAbsence([{ ...leave, returned: '2026-10-31' }], '2026-10-29', '2026-11-01'),
    ).toBe(false);
  });

  it('a return on the first day of the leave leaves nothing justified', () => {
    expect(justifiedSpan({ ...leave, returned: '2026-10-25' }, '2026-11-01')).toBeNull();
  });
});

describe('§2.4 and §2.5 the month of a cadre', () => {
  it('October 2026: 17 days in the village + 2 of approved leave = 19 < 20', () => {
    const r = month({
      month: '2026-10',
      asOf: '2026-11-02',
      assignment: { start: '2026-10-01', end: null },
      inVillageDays: eachDay('2026-10-08', '2026-10-24'),
      diaryDates: ['2026-10-10', '2026-10-20'],
      leaves: [
        { from: '2026-10-25', to: '2026-10-26', approved: '2026-10-23', returned: '2026-10-27' },
      ],
    });
    expect(r).toEqual({
      required: 20,
      inVillage: 17,
      justifiedAbsence: 2,
      diaryEntries: 2,
      compliant: false,
      diaryExempt: false,
      diaryCompliant: true,
    });
  });

  it('a day both in the village and on leave counts once, as in village', () => {
    const r = month({
      month: '2026-06',
      asOf: '2026-07-01',
      inVillageDays: eachDay('2026-06-01', '2026-06-20'),
      leaves: [{ from: '2026-06-19', to: '2026-06-22', approved: '2026-06-01' }],
    });
    expect(r).toMatchObject({ inVillage: 20, justifiedAbsence: 2, compliant: true });
  });

  it('an open month has no verdict and counts leave only up to asOf', () => {
    const r = month({
      month: '2026-06',
      asOf: '2026-06-10',
      inVillageDays: eachDay('2026-06-01', '2026-06-05'),
      leaves: [{ from: '2026-06-08', to: '2026-06-20', approved: '2026-06-01' }],
    });
    expect(r).toMatchObject({
      inVillage: 5,
      justifiedAbsence: 3,
      compliant: null,
      diaryCompliant: null,
    });
  });

  it('the last day of the month is still open; the first day after closes it', () => {
    expect(monthEvaluationDay('2026-06', '2026-06-30')).toEqual({ on: '2026-06-30', ended: false });
    expect(monthEvaluationDay('2026-06', '2026-07-01')).toEqual({ on: '2026-07-01', ended: true });
    expect(monthEvaluationDay('2026-06', '2026-09-01')).toEqual({ on: '2026-07-01', ended: true });
  });

  it('a month all on approved leave is exempt from the diary (§2.5)', () => {
    const r = month({
      month: '2026-02',
      asOf: '2026-03-01',
      leaves: [{ from: '2026-02-01', to: '2026-02-28', approved: '2026-01-20' }],
    });
    expect(r).toMatchObject({
      justifiedAbsence: 28,
      diaryExempt: true,
      diaryCompliant: true,
      compliant: true,
    });
  });

  it('a month without diary entries owes one (minDiaryEntriesPerMonth = 1)', () => {
    const r = month({
      month: '2026-05',
      asOf: '2026-06-01',
      inVillageDays: eachDay('2026-05-01', '2026-05-31'),
    });
    expect(r).toMatchObject({ compliant: true, diaryCompliant: false, diaryExempt: false });
  });

  it('an assignment ending on 10 March 2028 needs ceil(20 × 10 / 31) = 7 days that month', () => {
    const r = month({
      month: '2028-03',
      asOf: '2028-04-01',
      assignment: { start: '2027-01-01', end: '2028-03-10' },
      inVillageDays: eachDay('2028-03-01', '2028-03-20'),
    });
    expect(r).toMatchObject({ required: 7, inVillage: 10 });
  });

  it('29 February 2028 is a day of the month like any other', () => {
    const r = month({
      month: '2028-02',
      asOf: '2028-03-01',
      inVillageDays: eachDay('2028-02-10', '2028-02-29'),
    });
    expect(r).toMatchObject({ required: 20, inVillage: 20, compliant: true });
  });
});

describe('the months of an assignment', () => {
  it('every month overlapping the assignment up to the month of asOf', () => {
    expect(assignedMonths({ start: '2026-03-16', end: null }, '2026-05-02')).toEqual([
      '2026-03',
      '2026-04',
      '2026-05',
    ]);
    expect(assignedMonths({ start: '2026-11-30', end: '2027-01-01' }, '2027-03-01')).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
    ]);
    expect(assignedMonths({ start: '2026-06-01', end: null }, '2026-05-20')).toEqual([]);
  });
});
