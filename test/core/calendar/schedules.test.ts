// The built-in State Council schedules 2017–2026 against a second, independent transcription of the
// notices (ranges as the notices write them), and the statutory fallback table against the notices.

import { describe, expect, it } from 'vitest';
import {
  builtInSchedules,
  builtInYears,
  dayInfo,
  isPublishedYear,
  isWorkday,
  lunarTableFirstYear,
  lunarTableLastYear,
  nationalCalendar as cal,
  parseSchedule,
  statutoryHolidays,
  workdaysBetween,
} from '../../../core/calendar';
import { addDays, daysBetween, eachDay } from '../../../core/calendar/local-date';
import { lunarDates } from '../../../core/calendar/lunar-dates';

type Notice = {
  year: number;
  notice: string;
  published: string;
  /** [name, first day, last day]: every day off, weekend days included. */
  holidays: [string, string, string][];
  workdays: string[];
};

// Transcribed from the notices' texts (国务院办公厅关于XXXX年部分节假日安排的通知 and the two later
// notices of 2019 and 2020). '与周末连休' includes the adjoining weekend of the same year.
const notices: Notice[] = [
  {
    year: 2017,
    notice: '国办发明电〔2016〕17号',
    published: '2016-12-01',
    holidays: [
      ['元旦', '2017-01-01', '2017-01-02'],
      ['春节', '2017-01-27', '2017-02-02'],
      ['清明节', '2017-04-02', '2017-04-04'],
      ['劳动节', '2017-04-29', '2017-05-01'],
      ['端午节', '2017-05-28', '2017-05-30'],
      ['中秋节、国庆节', '2017-10-01', '2017-10-08'],
    ],
    workdays: ['2017-01-22', '2017-02-04', '2017-04-01', '2017-05-27', '2017-09-30'],
  },
  {
    year: 2018,
    notice: '国办发明电〔2017〕12号',
    published: '2017-11-30',
    holidays: [
      ['元旦', '2018-01-01', '2018-01-01'],
      ['春节', '2018-02-15', '2018-02-21'],
      ['清明节', '2018-04-05', '2018-04-07'],
      ['劳动节', '2018-04-29', '2018-05-01'],
      ['端午节', '2018-06-16', '2018-06-18'],
      ['中秋节', '2018-09-22', '2018-09-24'],
      ['国庆节', '2018-10-01', '2018-10-07'],
      // 2019年元旦：2018年12月30日至2019年1月1日放假调休 — 国办发明电〔2018〕15号
      ['元旦', '2018-12-30', '2018-12-31'],
    ],
    workdays: [
      '2018-02-11',
      '2018-02-24',
      '2018-04-08',
      '2018-04-28',
      '2018-09-29',
      '2018-09-30',
      '2018-12-29',
    ],
  },
  {
    year: 2019,
    notice: '国办发明电〔2018〕15号',
    published: '2018-12-06',
    holidays: [
      ['元旦', '2019-01-01', '2019-01-01'],
      ['春节', '2019-02-04', '2019-02-10'],
      ['清明节', '2019-04-05', '2019-04-07'],
      // 调整2019年劳动节假期安排 — 国办发明电〔2019〕3号
      ['劳动节', '2019-05-01', '2019-05-04'],
      ['端午节', '2019-06-07', '2019-06-09'],
      ['中秋节', '2019-09-13', '2019-09-15'],
      ['国庆节', '2019-10-01', '2019-10-07'],
    ],
    workdays: ['2019-02-02', '2019-02-03', '2019-04-28', '2019-05-05', '2019-09-29', '2019-10-12'],
  },
  {
    year: 2020,
    notice: '国办发明电〔2019〕16号',
    published: '2019-11-21',
    holidays: [
      ['元旦', '2020-01-01', '2020-01-01'],
      ['春节', '2020-01-24', '2020-01-30'],
      // 延长2020年春节假期至2月2日 — 国办发明电〔2020〕1号; 2 February was to be worked
      ['春节（延长假期）', '2020-01-31', '2020-02-02'],
      ['清明节', '2020-04-04', '2020-04-06'],
      ['劳动节', '2020-05-01', '2020-05-05'],
      ['端午节', '2020-06-25', '2020-06-27'],
      ['国庆节、中秋节', '2020-10-01', '2020-10-08'],
    ],
    workdays: ['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10'],
  },
  {
    year: 2021,
    notice: '国办发明电〔2020〕27号',
    published: '2020-11-25',
    holidays: [
      ['元旦', '2021-01-01', '2021-01-03'],
      ['春节', '2021-02-11', '2021-02-17'],
      ['清明节', '2021-04-03', '2021-04-05'],
      ['劳动节', '2021-05-01', '2021-05-05'],
      ['端午节', '2021-06-12', '2021-06-14'],
      ['中秋节', '2021-09-19', '2021-09-21'],
      ['国庆节', '2021-10-01', '2021-10-07'],
    ],
    workdays: [
      '2021-02-07',
      '2021-02-20',
      '2021-04-25',
      '2021-05-08',
      '2021-09-18',
      '2021-09-26',
      '2021-10-09',
    ],
  },
  {
    year: 2022,
    notice: '国办发明电〔2021〕11号',
    published: '2021-10-25',
    holidays: [
      ['元旦', '2022-01-01', '2022-01-03'],
      ['春节', '2022-01-31', '2022-02-06'],
      ['清明节', '2022-04-03', '2022-04-05'],
      ['劳动节', '2022-04-30', '2022-05-04'],
      ['端午节', '2022-06-03', '2022-06-05'],
      ['中秋节', '2022-09-10', '2022-09-12'],
      ['国庆节', '2022-10-01', '2022-10-07'],
      // 元旦：2022年12月31日至2023年1月2日放假调休 — 国办发明电〔2022〕16号
      ['元旦', '2022-12-31', '2022-12-31'],
    ],
    workdays: [
      '2022-01-29',
      '2022-01-30',
      '2022-04-02',
      '2022-04-24',
      '2022-05-07',
      '2022-10-08',
      '2022-10-09',
    ],
  },
  {
    year: 2023,
    notice: '国办发明电〔2022〕16号',
    published: '2022-12-08',
    holidays: [
      ['元旦', '2023-01-01', '2023-01-02'],
      ['春节', '2023-01-21', '2023-01-27'],
      ['清明节', '2023-04-05', '2023-04-05'],
      ['劳动节', '2023-04-29', '2023-05-03'],
      ['端午节', '2023-06-22', '2023-06-24'],
      ['中秋节、国庆节', '2023-09-29', '2023-10-06'],
    ],
    workdays: [
      '2023-01-28',
      '2023-01-29',
      '2023-04-23',
      '2023-05-06',
      '2023-06-25',
      '2023-10-07',
      '2023-10-08',
    ],
  },
  {
    year: 2024,
    notice: '国办发明电〔2023〕7号',
    published: '2023-10-25',
    holidays: [
      ['元旦', '2024-01-01', '2024-01-01'],
      ['春节', '2024-02-10', '2024-02-17'],
      ['清明节', '2024-04-04', '2024-04-06'],
      ['劳动节', '2024-05-01', '2024-05-05'],
      ['端午节', '2024-06-08', '2024-06-10'],
      ['中秋节', '2024-09-15', '2024-09-17'],
      ['国庆节', '2024-10-01', '2024-10-07'],
    ],
    workdays: [
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
      '2024-10-12',
    ],
  },
  {
    year: 2025,
    notice: '国办发明电〔2024〕12号',
    published: '2024-11-12',
    holidays: [
      ['元旦', '2025-01-01', '2025-01-01'],
      ['春节', '2025-01-28', '2025-02-04'],
      ['清明节', '2025-04-04', '2025-04-06'],
      ['劳动节', '2025-05-01', '2025-05-05'],
      ['端午节', '2025-05-31', '2025-06-02'],
      ['国庆节、中秋节', '2025-10-01', '2025-10-08'],
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    notice: '国办发明电〔2025〕7号',
    published: '2025-11-04',
    holidays: [
      ['元旦', '2026-01-01', '2026-01-03'],
      ['春节', '2026-02-15', '2026-02-23'],
      ['清明节', '2026-04-04', '2026-04-06'],
      ['劳动节', '2026-05-01', '2026-05-05'],
      ['端午节', '2026-06-19', '2026-06-21'],
      ['中秋节', '2026-09-25', '2026-09-27'],
      ['国庆节', '2026-10-01', '2026-10-07'],
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];

// Working days a year, as counted by chinese-days 1.5.7 in TZ=Asia/Shanghai (a third source).
const workdaysPerYear: Record<number, number> = {
  2017: 249,
  2018: 250,
  2019: 250,
  2020: 249,
  2021: 250,
  2022: 249,
  2023: 249,
  2024: 251,
  2025: 248,
  2026: 248,
};

const inRange = (n: number, lo: number, hi: number) => n >= lo && n <= hi;

const holidayDays = (n: Notice) =>
  n.holidays.flatMap(([name, from, to]) => [...eachDay(from, to)].map((d) => ({ name, d })));

describe('the built-in schedules 2017–2026', () => {
  it('are the ten years 2017–2026, each published', () => {
    expect(builtInYears).toEqual([2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    for (const year of builtInYears) expect(isPublishedYear(cal, year)).toBe(true);
    expect(isPublishedYear(cal, 2016)).toBe(false);
    expect(isPublishedYear(cal, 2027)).toBe(false);
  });

  it.each(builtInSchedules.map((s) => [s.year, s] as const))(
    'the %i file validates and names its notice with the date it was published',
    (year, schedule) => {
      const parsed = parseSchedule(JSON.parse(JSON.stringify(schedule)));
      expect(parsed).toEqual({ ok: true, schedule });
      const notice = notices.find((n) => n.year === year)!;
      expect(schedule.source.notice).toBe(notice.notice);
      expect(schedule.source.published).toBe(notice.published);
      expect(schedule.source.title).toBe(`国务院办公厅关于${year}年部分节假日安排的通知`);
    },
  );

  it.each(notices.map((n) => [n.year, n] as const))(
    'the %i file lists exactly the days off and make-up working days of the notices',
    (year, notice) => {
      const schedule = builtInSchedules.find((s) => s.year === year)!;
      const ours = schedule.holidays.flatMap((h) => h.days.map((d) => ({ name: h.name, d })));
      const sort = (xs: { name: string; d: string }[]) =>
        [...xs].sort((a, b) => a.d.localeCompare(b.d));
      expect(sort(ours)).toEqual(sort(holidayDays(notice)));
      expect([...schedule.workdays].sort()).toEqual([...notice.workdays].sort());
    },
  );

  it.each(notices.flatMap((n) => n.workdays.map((d) => [d, n.year] as const)))(
    'the make-up working day %s (%i) is a working day, not provisional',
    (date) => {
      expect(isWorkday(cal, date)).toEqual({ workday: true, provisional: false });
      expect(dayInfo(cal, date)).toMatchObject({ makeUpWorkday: true, weekend: true });
    },
  );

  it.each(notices.flatMap((n) => holidayDays(n).map(({ name, d }) => [d, name] as const)))(
    'the holiday day %s (%s) is not a working day',
    (date, name) => {
      expect(isWorkday(cal, date)).toEqual({ workday: false, provisional: false });
      expect(dayInfo(cal, date).holiday).toBe(name);
    },
  );

  it.each(Object.entries(workdaysPerYear))(
    '%s has %i working days, as chinese-days counts them',
    (year, count) => {
      expect(workdaysBetween(cal, `${Number(year) - 1}-12-31`, `${year}-12-31`)).toBe(count);
    },
  );
});

describe('the 2026 Spring Festival (国办发明电〔2025〕7号)', () => {
  it('is nine days off, Sun 2026-02-15 to Mon 2026-02-23, with Sat 2026-02-14 and Sat 2026-02-28 worked', () => {
    for (const d of eachDay('2026-02-15', '2026-02-23'))
      expect(isWorkday(cal, d).workday).toBe(false);
    expect(isWorkday(cal, '2026-02-13').workday).toBe(true);
    expect(isWorkday(cal, '2026-02-14').workday).toBe(true);
    expect(isWorkday(cal, '2026-02-24').workday).toBe(true);
    expect(isWorkday(cal, '2026-02-28').workday).toBe(true);
    expect(isWorkday(cal, '2026-03-01').workday).toBe(false);
  });
});

describe('the 2025 National Day and Mid-Autumn Festival (国办发明电〔2024〕12号)', () => {
  it('is eight days off, Wed 2025-10-01 to Wed 2025-10-08, with Sun 2025-09-28 and Sat 2025-10-11 worked', () => {
    for (const d of eachDay('2025-10-01', '2025-10-08')) {
      expect(dayInfo(cal, d)).toMatchObject({ workday: false, holiday: '国庆节、中秋节' });
    }
    expect(isWorkday(cal, '2025-09-28').workday).toBe(true);
    expect(isWorkday(cal, '2025-10-09').workday).toBe(true);
    expect(isWorkday(cal, '2025-10-11').workday).toBe(true);
    expect(isWorkday(cal, '2025-10-12').workday).toBe(false);
  });
});

describe('the two later notices', () => {
  it('2019: Labour Day became Wed 2019-05-01 to Sat 2019-05-04, with Sun 2019-04-28 and Sun 2019-05-05 worked (国办发明电〔2019〕3号)', () => {
    expect(isWorkday(cal, '2019-05-02').workday).toBe(false);
    expect(isWorkday(cal, '2019-05-03').workday).toBe(false);
    expect(isWorkday(cal, '2019-04-28').workday).toBe(true);
    expect(isWorkday(cal, '2019-05-05').workday).toBe(true);
  });

  it('2020: the Spring Festival was extended to Sun 2020-02-02, so Sat 2020-02-01 was not worked and Mon 2020-02-03 was (国办发明电〔2020〕1号)', () => {
    expect(isWorkday(cal, '2020-01-31').workday).toBe(false);
    expect(isWorkday(cal, '2020-02-01').workday).toBe(false);
    expect(isWorkday(cal, '2020-02-03').workday).toBe(true);
    const schedule = builtInSchedules.find((s) => s.year === 2020)!;
    expect(schedule.amendments?.[0]).toMatchObject({
      notice: '国办发明电〔2020〕1号',
      published: '2020-01-27',
    });
  });

  it('2019 New Year began in 2018: Sat 2018-12-29 was worked and Mon 2018-12-31 was off (国办发明电〔2018〕15号)', () => {
    expect(isWorkday(cal, '2018-12-29').workday).toBe(true);
    expect(isWorkday(cal, '2018-12-31').workday).toBe(false);
    expect(workdaysBetween(cal, '2018-12-28', '2019-01-02')).toBe(2);
  });
});

describe('the lunar and solar-term table of the statutory fallback', () => {
  it(`covers ${lunarTableFirstYear}–${lunarTableLastYear}, each row in season and lunar months apart`, () => {
    const days = (a: string, b: string) => daysBetween(a, b);
    for (let year = lunarTableFirstYear; year <= lunarTableLastYear; year++) {
      const row = lunarDates[year];
      expect(row, String(year)).toBeDefined();
      const [chuxi, qingming, duanwu, zhongqiu] = row!.map((md) => `${year}-${md}`) as [
        string,
        string,
        string,
        string,
      ];
      expect(chuxi >= `${year}-01-20` && chuxi <= `${year}-02-20`, `${year} 除夕 ${chuxi}`).toBe(
        true,
      );
      expect(['04-04', '04-05', '04-06'], `${year} 清明`).toContain(qingming.slice(5));
      // 除夕 to 五月初五: 1 + four months of 29 or 30 days + 4, or one leap month more.
      const toDuanwu = days(chuxi, duanwu);
      expect(
        inRange(toDuanwu, 121, 124) || inRange(toDuanwu, 150, 154),
        `${year} 端午 ${duanwu}`,
      ).toBe(true);
      // 五月初五 to 八月十五: three months + 10, or one leap month more.
      const toZhongqiu = days(duanwu, zhongqiu);
      expect(
        inRange(toZhongqiu, 97, 100) || inRange(toZhongqiu, 126, 130),
        `${year} 中秋 ${zhongqiu}`,
      ).toBe(true);
    }
  });

  it.each(notices.map((n) => [n.year, n] as const))(
    'agrees with the %i notice: 正月初一–初三, 清明, 端午 and 中秋 are days off in it',
    (year) => {
      const [chuxi, qingming, duanwu, zhongqiu] = lunarDates[year]!.map((md) => `${year}-${md}`);
      for (const d of [1, 2, 3].map((n) => addDays(chuxi!, n))) {
        expect(isWorkday(cal, d).workday, `${d} 春节`).toBe(false);
      }
      for (const d of [qingming!, duanwu!, zhongqiu!])
        expect(isWorkday(cal, d).workday, d).toBe(false);
    },
  );

  it('puts 除夕 where the notices name it: 2024-02-09, 2025-01-28, and 2026-02-16 (2026-02-15 is 腊月二十八)', () => {
    expect(lunarDates[2024]![0]).toBe('02-09');
    expect(lunarDates[2025]![0]).toBe('01-28');
    expect(lunarDates[2026]![0]).toBe('02-16');
  });

  it('applies the 2025 rules to 2025 and 2026: every statutory day is a day off in the published schedule', () => {
    for (const year of [2025, 2026]) {
      for (const { name, days } of statutoryHolidays(year)!) {
        for (const d of days) expect(isWorkday(cal, d).workday, `${d} ${name}`).toBe(false);
      }
    }
  });
});
