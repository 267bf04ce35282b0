// Properties of the month evaluation (§1.2, §2.4, §2.5) over random months, check-ins and leaves.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countDays,
  evaluateMonth,
  fullMask,
  monthFacts,
  type LeaveRecord,
  type MonthFacts,
} from '../../../core/attendance/monthly-presence';
import { addDays, daysInMonth, lastOfMonth } from '../../../core/calendar/local-date';
import { defaultParameters } from '../../../core/parameters';

const p = defaultParameters;
const mask = fc.integer({ min: 0, max: 0x7fffffff });

const facts: fc.Arbitrary<MonthFacts> = fc.record({
  daysInMonth: fc.constantFrom(28, 29, 30, 31),
  assigned: mask,
  inVillage: mask,
  leave: mask,
  diaryEntries: fc.nat({ max: 40 }),
  ended: fc.boolean(),
});

const params = fc.record({
  minDaysPerMonth: fc.integer({ min: 1, max: 31 }),
  minDiaryEntriesPerMonth: fc.integer({ min: 0, max: 31 }),
});

describe('month evaluation: properties', () => {
  it('in-village days plus justified absence never exceed the assigned days', () => {
    fc.assert(
      fc.property(facts, params, (f, q) => {
        const r = evaluateMonth(f, q);
        const assigned = countDays(f.assigned & fullMask(f.daysInMonth));
        expect(r.inVillage + r.justifiedAbsence).toBeLessThanOrEqual(assigned);
        expect(r.required).toBeLessThanOrEqual(assigned);
        expect(r.required).toBeLessThanOrEqual(q.minDaysPerMonth);
      }),
    );
  });

  it('adding a check-in never makes a compliant month non-compliant', () => {
    fc.assert(
      fc.property(facts, fc.integer({ min: 1, max: 31 }), (f, day) => {
        const before = evaluateMonth(f, p);
        const after = evaluateMonth({ ...f, inVillage: f.inVillage | (1 << (day - 1)) }, p);
        if (before.compliant === true) expect(after.compliant).toBe(true);
        expect(after.inVillage + after.justifiedAbsence).toBeGreaterThanOrEqual(
          before.inVillage + before.justifiedAbsence,
        );
      }),
    );
  });

  it('approving more leave never makes a compliant month non-compliant', () => {
    fc.assert(
      fc.property(facts, mask, (f, more) => {
        const before = evaluateMonth(f, p);
        const after = evaluateMonth({ ...f, leave: f.leave | more }, p);
        if (before.compliant === true) expect(after.compliant).toBe(true);
      }),
    );
  });

  it('an open month never has a verdict; an ended one always has', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const r = evaluateMonth(f, p);
        expect(r.compliant === null).toBe(!f.ended);
        expect(r.diaryCompliant === null).toBe(!f.ended);
      }),
    );
  });

  it('a leave counts the same whichever days the cadre was also in the village: each day once', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const r = evaluateMonth(f, p);
        const assigned = f.assigned & fullMask(f.daysInMonth);
        expect(r.inVillage + r.justifiedAbsence).toBe(
          countDays((f.inVillage | f.leave) & assigned),
        );
      }),
    );
  });

  it('more required days (a stricter county) never turns a non-compliant month compliant', () => {
    fc.assert(
      fc.property(facts, fc.integer({ min: 1, max: 30 }), (f, min) => {
        const f2 = { ...f, ended: true };
        const lax = evaluateMonth(f2, { ...p, minDaysPerMonth: min });
        const strict = evaluateMonth(f2, { ...p, minDaysPerMonth: min + 1 });
        if (lax.compliant === false) expect(strict.compliant).toBe(false);
      }),
    );
  });
});

describe('month facts from dated records: properties', () => {
  const monthArb = fc
    .tuple(fc.integer({ min: 2024, max: 2030 }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);

  const leaveIn = (month: string) =>
    fc
      .record({
        from: fc.integer({ min: -5, max: 35 }),
        length: fc.integer({ min: 0, max: 10 }),
        approvedAt: fc.option(fc.integer({ min: -10, max: 45 }), { nil: null }),
        returnedAt: fc.option(fc.integer({ min: 0, max: 15 }), { nil: null }),
      })
      .map(({ from, length, approvedAt, returnedAt }): LeaveRecord => {
        const start = addDays(`${month}-01`, from);
        return {
          from: start,
          to: addDays(start, length),
          approved: approvedAt === null ? null : addDays(`${month}-01`, approvedAt),
          returned: returnedAt === null ? null : addDays(start, returnedAt),
        };
      });

  it('a closed month is judged on the first day after it: a later asOf changes nothing', () => {
    fc.assert(
      fc.property(
        monthArb.chain((m) => fc.tuple(fc.constant(m), fc.array(leaveIn(m), { maxLength: 4 }))),
        ([month, leaves]) => {
          const y = Number(month.slice(0, 4));
          const mo = Number(month.slice(5, 7));
          const closeDay = addDays(lastOfMonth(month), 1);
          const records = {
            month,
            assignment: { start: '2020-01-01', end: null },
            inVillageDays: [],
            diaryDates: [],
            leaves,
          };
          const closed = evaluateMonth(monthFacts({ ...records, asOf: closeDay }), p);
          const muchLater = evaluateMonth(
            monthFacts({ ...records, asOf: addDays(closeDay, 90) }),
            p,
          );
          // A month is judged on the first day after it: later approvals change nothing.
          expect(muchLater).toEqual(closed);
          expect(closed.justifiedAbsence).toBeLessThanOrEqual(daysInMonth(y, mo));
        },
      ),
    );
  });
});
