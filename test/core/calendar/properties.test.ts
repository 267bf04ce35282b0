// Properties of working-day arithmetic (clauses.md §3), checked with fast-check against a day-by-day
// reference built straight from the schedule data.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  builtInSchedules,
  countWorkdaysBetween,
  createCalendar,
  isWorkday,
  nationalCalendar as cal,
  statutoryHolidays,
  workdaysAfter,
  workdaysBetween,
} from '../../../core/calendar';
import { addDays, dayNumber, daysBetween, fromDayNumber } from '../../../core/calendar/local-date';

const runs = { numRuns: 500 };

// The reference: schedule data, else the statutory list, else weekends; weekdays from Date.UTC.
const published = new Map(
  builtInSchedules.map((s) => [
    s.year,
    { off: new Set(s.holidays.flatMap((h) => h.days)), on: new Set(s.workdays) },
  ]),
);
const statutoryCache = new Map<number, Set<string>>();
function reference(date: string): { workday: boolean; provisional: boolean } {
  const year = Number(date.slice(0, 4));
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  const ordinary = weekday !== 0 && weekday !== 6;
  const schedule = published.get(year);
  if (schedule) {
    const workday = schedule.on.has(date) || (!schedule.off.has(date) && ordinary);
    return { workday, provisional: false };
  }
  let statutory = statutoryCache.get(year);
  if (!statutory) {
    statutory = new Set((statutoryHolidays(year) ?? []).flatMap((h) => h.days));
    statutoryCache.set(year, statutory);
  }
  return { workday: ordinary && !statutory.has(date), provisional: true };
}
function referenceAfter(date: string, n: number) {
  let d = date;
  let provisional = false;
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    const r = reference(d);
    provisional ||= r.provisional;
    if (r.workday) left--;
  }
  return { date: d, provisional };
}

const dateIn = (from: [number, number, number], to: [number, number, number]) =>
  fc.integer({ min: dayNumber(...from), max: dayNumber(...to) }).map(fromDayNumber);
// 2014–2032: before, through and after the published years 2017–2026.
const date = dateIn([2014, 1, 1], [2032, 12, 31]);
const count = fc.integer({ min: 1, max: 300 });

describe('workdaysAfter(d, n)', () => {
  it('equals the day-by-day reference, date and provisional flag', () => {
    fc.assert(
      fc.property(date, count, (d, n) => {
        expect(workdaysAfter(cal, d, n)).toEqual(referenceAfter(d, n));
      }),
      runs,
    );
  });

  it('is a working day, at least n days after d', () => {
    fc.assert(
      fc.property(date, count, (d, n) => {
        const due = workdaysAfter(cal, d, n).date;
        expect(isWorkday(cal, due).workday).toBe(true);
        expect(daysBetween(d, due)).toBeGreaterThanOrEqual(n);
      }),
      runs,
    );
  });

  it('strictly increases with n', () => {
    fc.assert(
      fc.property(date, count, (d, n) => {
        expect(workdaysAfter(cal, d, n + 1).date > workdaysAfter(cal, d, n).date).toBe(true);
      }),
      runs,
    );
  });

  it('composes: n + m working days after d = m working days after (n after d)', () => {
    fc.assert(
      fc.property(date, count, count, (d, n, m) => {
        const first = workdaysAfter(cal, d, n);
        const both = workdaysAfter(cal, d, n + m);
        const then = workdaysAfter(cal, first.date, m);
        expect(both.date).toBe(then.date);
        expect(both.provisional).toBe(first.provisional || then.provisional);
      }),
      runs,
    );
  });

  it('counts back: workdaysBetween(d, workdaysAfter(d, n)) = n, and the day before the result is < n', () => {
    fc.assert(
      fc.property(date, count, (d, n) => {
        const due = workdaysAfter(cal, d, n).date;
        expect(workdaysBetween(cal, d, due)).toBe(n);
        expect(workdaysBetween(cal, d, addDays(due, -1))).toBe(n - 1);
      }),
      runs,
    );
  });

  it('is provisional exactly when a year from d+1 to the result is not 2017–2026', () => {
    fc.assert(
      fc.property(date, count, (d, n) => {
        const { date: due, provisional } = workdaysAfter(cal, d, n);
        const first = Number(addDays(d, 1).slice(0, 4));
        const last = Number(due.slice(0, 4));
        expect(provisional).toBe(first < 2017 || last > 2026);
      }),
      runs,
    );
  });

  it('never waits more than 11 days for the next working day (the longest break: 2020 春节, extended)', () => {
    fc.assert(
      fc.property(dateIn([2014, 1, 1], [2099, 12, 31]), (d) => {
        expect(daysBetween(d, workdaysAfter(cal, d, 1).date)).toBeLessThanOrEqual(11);
      }),
      runs,
    );
    expect(daysBetween('2020-01-23', workdaysAfter(cal, '2020-01-23', 1).date)).toBe(11);
  });
});

describe('workdaysBetween(a, b)', () => {
  it('equals the day-by-day count of working days d with a < d ≤ b', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 800 }), (a, span) => {
        const b = addDays(a, span);
        let expected = 0;
        for (let d = addDays(a, 1); d <= b; d = addDays(d, 1)) if (reference(d).workday) expected++;
        expect(workdaysBetween(cal, a, b)).toBe(expected);
        expect(expected).toBeLessThanOrEqual(span);
      }),
      runs,
    );
  });

  it('is antisymmetric and additive: (a, b) = −(b, a), (a, b) + (b, c) = (a, c)', () => {
    fc.assert(
      fc.property(date, date, date, (a, b, c) => {
        expect(workdaysBetween(cal, a, b) + workdaysBetween(cal, b, a)).toBe(0);
        expect(workdaysBetween(cal, a, b) + workdaysBetween(cal, b, c)).toBe(
          workdaysBetween(cal, a, c),
        );
      }),
      runs,
    );
  });

  it('is provisional the same way in both directions', () => {
    fc.assert(
      fc.property(date, date, (a, b) => {
        expect(countWorkdaysBetween(cal, a, b).provisional).toBe(
          countWorkdaysBetween(cal, b, a).provisional,
        );
      }),
      runs,
    );
  });
});

describe('years with nothing published', () => {
  it('1900–2016 are weekends only: a working day is Monday to Friday, provisional', () => {
    fc.assert(
      fc.property(dateIn([1900, 1, 1], [2016, 12, 31]), (d) => {
        const weekday = new Date(`${d}T12:00:00Z`).getUTCDay();
        expect(isWorkday(cal, d)).toEqual({
          workday: weekday !== 0 && weekday !== 6,
          provisional: true,
        });
      }),
      runs,
    );
  });
});

describe('local days', () => {
  const window = dateIn([2026, 1, 1], [2028, 12, 31]);

  it('a local holiday is never a deadline, and local holidays never make a deadline earlier', () => {
    fc.assert(
      fc.property(window, count, fc.uniqueArray(window, { maxLength: 30 }), (d, n, holidays) => {
        const local = createCalendar({ local: { holidays } });
        const due = workdaysAfter(local, d, n).date;
        expect(holidays).not.toContain(due);
        expect(due >= workdaysAfter(cal, d, n).date).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('local working days never make a deadline later, and each is a working day', () => {
    fc.assert(
      fc.property(window, count, fc.uniqueArray(window, { maxLength: 30 }), (d, n, workdays) => {
        const local = createCalendar({ local: { workdays } });
        expect(workdaysAfter(local, d, n).date <= workdaysAfter(cal, d, n).date).toBe(true);
        for (const w of workdays) expect(isWorkday(local, w).workday).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
