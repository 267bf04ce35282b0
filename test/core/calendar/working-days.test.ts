// Deadlines in working days (clauses.md §3): examples with dates, provisional years, local days.

import { describe, expect, it } from 'vitest';
import {
  builtInSchedules,
  CalendarConfigError,
  CalendarInputError,
  countWorkdaysBetween,
  createCalendar,
  dayInfo,
  isPublishedYear,
  isWorkday,
  nationalCalendar as cal,
  workdaysAfter,
  workdaysBetween,
} from '../../../core/calendar';
import type { Schedule } from '../../../core/calendar';

describe('§3 deadlines: the N-th working day after the event, the event day not counted', () => {
  it.each([
    // [clause, event, n, due, why]
    [
      '§3.8',
      '2026-09-30',
      2,
      '2026-10-09',
      'a notice received on Wed 2026-09-30 can be appealed until Fri 2026-10-09, across the National Day holiday',
    ],
    [
      '§3.5',
      '2026-09-30',
      7,
      '2026-10-15',
      'the recall after a notice of Wed 2026-09-30 is due Thu 2026-10-15, counting the make-up Sat 2026-10-10',
    ],
    [
      '§3.8',
      '2026-10-09',
      5,
      '2026-10-15',
      'an appeal filed on Fri 2026-10-09 is answered by Thu 2026-10-15, counting the make-up Sat 2026-10-10',
    ],
    [
      '§3.8',
      '2026-02-13',
      2,
      '2026-02-24',
      'a notice received on Fri 2026-02-13 can be appealed until Tue 2026-02-24: Sat 2026-02-14 is worked, then nine days of Spring Festival',
    ],
    [
      '§3.8',
      '2026-02-12',
      2,
      '2026-02-14',
      'a notice received on Thu 2026-02-12 can be appealed until the make-up Sat 2026-02-14',
    ],
    [
      '§3.5',
      '2025-09-26',
      7,
      '2025-10-13',
      'a notice of Fri 2025-09-26: the recall is due Mon 2025-10-13, across 1–8 October 2025 with Sun 9-28 and Sat 10-11 worked',
    ],
    [
      '§3.8',
      '2026-01-03',
      2,
      '2026-01-05',
      'a notice received on a holiday, Sat 2026-01-03, can be appealed until Mon 2026-01-05 (Sun 2026-01-04 is worked)',
    ],
    [
      '§3.8',
      '2026-03-06',
      2,
      '2026-03-10',
      'a notice received on Fri 2026-03-06 can be appealed until Tue 2026-03-10, over an ordinary weekend',
    ],
    [
      '§3.6',
      '2020-01-20',
      7,
      '2020-02-06',
      'an approval of Mon 2020-01-20 gives until Thu 2020-02-06, across the Spring Festival extended to 2 February 2020',
    ],
  ])('%s: event %s + %i working days = %s — %s', (_clause, event, n, due) => {
    expect(workdaysAfter(cal, event, n)).toEqual({ date: due, provisional: false });
    expect(workdaysBetween(cal, event, due)).toBe(n);
  });

  it('§4.2: a step due Fri 2026-10-09 and still open on Wed 2026-10-14 is overdue by 4 working days, the make-up Sat 2026-10-10 included', () => {
    expect(workdaysBetween(cal, '2026-10-09', '2026-10-14')).toBe(4);
    expect(workdaysBetween(cal, '2026-10-14', '2026-10-09')).toBe(-4);
    expect(workdaysBetween(cal, '2026-10-09', '2026-10-09')).toBe(0);
    // Backwards over holidays only: 0, never -0.
    expect(Object.is(workdaysBetween(cal, '2026-10-04', '2026-10-03'), 0)).toBe(true);
  });

  it('a due date of Fri 2026-10-09 seen on Wed 2026-09-30 has 2 working days left; seen on Sun 2026-10-04, 2 as well', () => {
    expect(workdaysBetween(cal, '2026-09-30', '2026-10-09')).toBe(2);
    expect(workdaysBetween(cal, '2026-10-04', '2026-10-09')).toBe(2);
  });
});

describe('years whose schedule is not published: provisional', () => {
  it('a deadline from Wed 2026-12-30 runs into 2027: 2 working days end Mon 2027-01-04 (元旦 Fri 2027-01-01 assumed off), provisional', () => {
    expect(workdaysAfter(cal, '2026-12-30', 2)).toEqual({ date: '2027-01-04', provisional: true });
    expect(countWorkdaysBetween(cal, '2026-12-30', '2027-01-04')).toEqual({
      workdays: 2,
      provisional: true,
    });
  });

  it('a deadline from Tue 2026-12-29 that ends Thu 2026-12-31 stays in 2026 and is not provisional', () => {
    expect(workdaysAfter(cal, '2026-12-29', 2)).toEqual({ date: '2026-12-31', provisional: false });
    expect(countWorkdaysBetween(cal, '2026-12-29', '2026-12-31')).toEqual({
      workdays: 2,
      provisional: false,
    });
  });

  it('a deadline from Thu 2026-12-31 is provisional at once: its first counted day is in 2027', () => {
    expect(workdaysAfter(cal, '2026-12-31', 1)).toEqual({ date: '2027-01-04', provisional: true });
  });

  it('2027 is counted on weekends plus the statutory holidays: 春节 除夕 Fri 2027-02-05 to 初三 Mon 2027-02-08', () => {
    expect(isPublishedYear(cal, 2027)).toBe(false);
    expect(dayInfo(cal, '2027-02-05')).toMatchObject({
      workday: false,
      provisional: true,
      holiday: '春节',
      basis: 'statutory',
    });
    expect(isWorkday(cal, '2027-02-08')).toEqual({ workday: false, provisional: true });
    expect(isWorkday(cal, '2027-02-09')).toEqual({ workday: true, provisional: true });
    expect(isWorkday(cal, '2027-04-05').workday).toBe(false); // 清明
    expect(isWorkday(cal, '2027-06-09').workday).toBe(false); // 端午, a Wednesday
    expect(isWorkday(cal, '2027-09-15').workday).toBe(false); // 中秋, a Wednesday
    expect(isWorkday(cal, '2027-10-01').workday).toBe(false); // 国庆
    expect(isWorkday(cal, '2027-10-04').workday).toBe(true); // no 调休 is guessed
  });

  it('29 February 2028 (a Tuesday) is a working day, provisional; Mon 2028-02-28 + 1 is Tue 2028-02-29', () => {
    expect(isWorkday(cal, '2028-02-29')).toEqual({ workday: true, provisional: true });
    expect(workdaysAfter(cal, '2028-02-28', 1)).toEqual({ date: '2028-02-29', provisional: true });
    expect(workdaysAfter(cal, '2028-02-25', 2)).toEqual({ date: '2028-02-29', provisional: true });
    // 2 February to 1 March 2028: 21 weekdays, no holiday (春节 2028 is in January).
    expect(workdaysBetween(cal, '2028-02-01', '2028-03-01')).toBe(21);
  });

  it('2028: 春节 is 除夕 Tue 2028-01-25 to 初三 Fri 2028-01-28, and 中秋 Tue 2028-10-03 falls in 国庆', () => {
    for (const d of ['2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28']) {
      expect(isWorkday(cal, d).workday).toBe(false);
    }
    expect(dayInfo(cal, '2028-10-03').holiday).toBe('中秋节、国庆节');
  });

  it('a year before 2017 is weekends only, provisional: Mon 2016-10-03 (a holiday then) counts as a working day', () => {
    expect(isWorkday(cal, '2016-10-03')).toEqual({ workday: true, provisional: true });
    expect(dayInfo(cal, '2016-10-03').basis).toBe('weekends');
    // Sat 2016-12-31 is counted on weekends only, so the result depends on 2016: provisional.
    expect(workdaysAfter(cal, '2016-12-30', 1)).toEqual({ date: '2017-01-03', provisional: true });
    expect(workdaysAfter(cal, '2016-12-31', 1)).toEqual({ date: '2017-01-03', provisional: false });
  });

  it('a year past the lunar table (2100 on) is weekends only, provisional, and never a crash', () => {
    expect(isWorkday(cal, '2100-01-01')).toEqual({ workday: true, provisional: true });
    expect(dayInfo(cal, '2100-01-01').basis).toBe('weekends');
    expect(workdaysAfter(cal, '9999-12-30', 1)).toEqual({ date: '9999-12-31', provisional: true });
    expect(() => workdaysAfter(cal, '9999-12-31', 1)).toThrow(CalendarInputError);
    expect(workdaysAfter(cal, '0001-01-01', 5)).toEqual({ date: '0001-01-08', provisional: true });
  });

  it('a count over many years matches its day-by-day count (1990 to 2100)', () => {
    let count = 0;
    for (let y = 1991; y <= 2100; y++) {
      for (let m = 1; m <= 12; m++) {
        for (let d = 1; d <= 31; d++) {
          const date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          if (new Date(`${date}T00:00:00Z`).getUTCDate() !== d) continue;
          if (isWorkday(cal, date).workday) count++;
        }
      }
    }
    expect(workdaysBetween(cal, '1990-12-31', '2100-12-31')).toBe(count);
    expect(workdaysAfter(cal, '1990-12-31', count).date).toBe('2100-12-31');
  });
});

describe('a published schedule passed in', () => {
  // Hypothetical data for the test only: not the State Council's 2027 schedule.
  const hypothetical2027: Schedule = {
    year: 2027,
    source: { notice: '测试用通知（非真实）', published: '2026-11-01' },
    holidays: [
      { name: '元旦', days: ['2027-01-01', '2027-01-02', '2027-01-03'] },
      {
        name: '春节',
        days: [
          '2027-02-05',
          '2027-02-06',
          '2027-02-07',
          '2027-02-08',
          '2027-02-09',
          '2027-02-10',
          '2027-02-11',
          '2027-02-12',
        ],
      },
    ],
    workdays: ['2027-02-14'],
  };

  it('makes 2027 published: from Wed 2026-12-30, 2 working days end Mon 2027-01-04, no longer provisional', () => {
    const c = createCalendar({ schedules: [hypothetical2027] });
    expect(isPublishedYear(c, 2027)).toBe(true);
    expect(workdaysAfter(c, '2026-12-30', 2)).toEqual({ date: '2027-01-04', provisional: false });
    expect(isWorkday(c, '2027-02-10')).toEqual({ workday: false, provisional: false });
    expect(isWorkday(c, '2027-02-14')).toEqual({ workday: true, provisional: false });
    // The statutory fallback is gone for that year: 清明 Mon 2027-04-05 is not in this schedule.
    expect(isWorkday(c, '2027-04-05').workday).toBe(true);
  });

  it('replaces the built-in schedule of the same year', () => {
    const c = createCalendar({
      schedules: [
        {
          ...hypothetical2027,
          year: 2026,
          source: { notice: '测试', published: '2025-11-04' },
          holidays: [{ name: '元旦', days: ['2026-01-01'] }],
          workdays: [],
        },
      ],
    });
    expect(isWorkday(c, '2026-10-05').workday).toBe(true);
    expect(isWorkday(cal, '2026-10-05').workday).toBe(false);
  });

  it('refuses an invalid schedule or two for one year with CalendarConfigError naming the path', () => {
    const bad = { ...hypothetical2027, workdays: ['2027-02-30'] };
    expect(() => createCalendar({ schedules: [bad] })).toThrow(CalendarConfigError);
    expect(() => createCalendar({ schedules: [bad] })).toThrow('schedules[0].workdays[0]');
    expect(() => createCalendar({ schedules: [hypothetical2027, hypothetical2027] })).toThrow(
      'schedules[1].year: a second schedule for 2027',
    );
  });
});

describe('local days of an org unit over the national schedule', () => {
  // Hypothetical local days: a county's 苗年 on Mon 2026-11-16 and Tue 2026-11-17, made up on Sun 2026-11-22.
  const county = createCalendar({
    local: { holidays: ['2026-11-16', '2026-11-17'], workdays: ['2026-11-22'] },
  });

  it('a local holiday is not a working day; its make-up Sunday is', () => {
    expect(isWorkday(county, '2026-11-16')).toEqual({ workday: false, provisional: false });
    expect(dayInfo(county, '2026-11-16')).toMatchObject({ local: 'holiday', holiday: null });
    expect(isWorkday(county, '2026-11-22')).toEqual({ workday: true, provisional: false });
    expect(dayInfo(county, '2026-11-22')).toMatchObject({ local: 'workday', weekend: true });
    expect(isWorkday(cal, '2026-11-16').workday).toBe(true);
  });

  it('§3.8: a notice received on Fri 2026-11-13 in that county can be appealed until Thu 2026-11-19, elsewhere until Tue 2026-11-17', () => {
    expect(workdaysAfter(county, '2026-11-13', 2).date).toBe('2026-11-19');
    expect(workdaysAfter(cal, '2026-11-13', 2).date).toBe('2026-11-17');
    expect(workdaysBetween(county, '2026-11-13', '2026-11-23')).toBe(5);
    expect(workdaysBetween(cal, '2026-11-13', '2026-11-23')).toBe(6);
  });

  it('overrides the national schedule both ways: a local holiday on the make-up Sat 2026-10-10, a local workday on Wed 2026-10-07', () => {
    const c = createCalendar({ local: { holidays: ['2026-10-10'], workdays: ['2026-10-07'] } });
    expect(isWorkday(c, '2026-10-10').workday).toBe(false);
    expect(dayInfo(c, '2026-10-07')).toMatchObject({
      workday: true,
      local: 'workday',
      holiday: '国庆节',
    });
  });

  it('a local holiday in an unpublished year is still provisional: Mon 2027-03-01', () => {
    const c = createCalendar({ local: { holidays: ['2027-03-01'] } });
    expect(isWorkday(c, '2027-03-01')).toEqual({ workday: false, provisional: true });
  });

  it('refuses a day that is both a local holiday and a local workday, or an impossible date', () => {
    expect(() =>
      createCalendar({ local: { holidays: ['2026-11-16'], workdays: ['2026-11-16'] } }),
    ).toThrow('local.workdays[0]');
    expect(() => createCalendar({ local: { holidays: ['2026-02-30'] } })).toThrow(
      CalendarConfigError,
    );
  });
});

describe('inputs that are bugs throw CalendarInputError', () => {
  it.each(['2026-02-30', '2026-2-3', '20260203', '', '2026-13-01', 'abcd-ef-gh'])(
    'the date %j',
    (date) => {
      expect(() => isWorkday(cal, date)).toThrow(CalendarInputError);
      expect(() => workdaysAfter(cal, date, 1)).toThrow(CalendarInputError);
      expect(() => workdaysBetween(cal, date, '2026-01-01')).toThrow(CalendarInputError);
    },
  );

  it.each([0, -1, 1.5, Number.NaN])('n = %d', (n) => {
    expect(() => workdaysAfter(cal, '2026-01-05', n)).toThrow(CalendarInputError);
  });
});

describe('calendars are values', () => {
  it('a schedule changed after createCalendar does not change the calendar', () => {
    const schedule: Schedule = {
      year: 2027,
      source: { notice: '测试用通知（非真实）', published: '2026-11-01' },
      holidays: [{ name: '元旦', days: ['2027-01-01'] }],
      workdays: [],
    };
    const c = createCalendar({ schedules: [schedule] });
    schedule.holidays[0]!.days.push('2027-01-04');
    expect(isWorkday(c, '2027-01-04').workday).toBe(true);
  });

  it('the built-in schedules are frozen', () => {
    const [first] = builtInSchedules;
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first!.holidays[0]!.days)).toBe(true);
  });
});
