// parseSchedule and parseLocalDays: an uploaded year of the State Council schedule, or an org unit's
// local days, is admitted as data or refused with the path of the first fault.

import { describe, expect, it } from 'vitest';
import { parseLocalDays, parseSchedule } from '../../../core/calendar';

// Hypothetical data for the test only: shaped like a notice for 2027, not the real one.
const valid = () => ({
  year: 2027,
  source: { notice: '测试用通知（非真实）', published: '2026-11-04', title: '测试' },
  holidays: [
    { name: '元旦', days: ['2027-01-01', '2027-01-02', '2027-01-03'] },
    { name: '春节', days: ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'] },
  ],
  workdays: ['2027-01-31', '2027-02-20'],
});

describe('parseSchedule admits', () => {
  it('a well-formed year and returns a copy of it', () => {
    const input = valid();
    const result = parseSchedule(input);
    expect(result).toEqual({ ok: true, schedule: input });
    if (!result.ok) return;
    input.holidays[0]!.days.push('2027-01-04');
    expect(result.schedule.holidays[0]!.days).toHaveLength(3);
  });

  it('optional title, signed date, amendments with notes and a holiday set by another notice', () => {
    const input = {
      ...valid(),
      source: { notice: 'A', published: '2026-11-06', signed: '2026-11-04' },
      amendments: [{ notice: 'B', published: '2027-03-22', note: '调整' }],
      holidays: [{ name: '劳动节', days: ['2027-05-01'], notice: 'B' }],
      workdays: [],
    };
    expect(parseSchedule(input)).toEqual({ ok: true, schedule: input });
  });
});

describe('parseSchedule refuses, naming the path', () => {
  const cases: [string, (s: ReturnType<typeof valid>) => unknown, string, string][] = [
    ['not an object', () => null, '$', 'wrong-type'],
    ['a list', () => [], '$', 'wrong-type'],
    ['no year', ({ year: _, ...rest }) => rest, '$.year', 'missing'],
    ['a year as text', (s) => ({ ...s, year: '2027' }), '$.year', 'invalid-year'],
    ['a fractional year', (s) => ({ ...s, year: 2027.5 }), '$.year', 'invalid-year'],
    ['a five-digit year', (s) => ({ ...s, year: 20270 }), '$.year', 'invalid-year'],
    [
      'an unknown field (a typo of workdays)',
      (s) => ({ ...s, workday: [] }),
      '$.workday',
      'unknown-field',
    ],
    ['no source', ({ source: _, ...rest }) => rest, '$.source', 'missing'],
    [
      'an empty notice number',
      (s) => ({ ...s, source: { ...s.source, notice: ' ' } }),
      '$.source.notice',
      'wrong-type',
    ],
    [
      'an impossible publication date',
      (s) => ({ ...s, source: { ...s.source, published: '2026-11-31' } }),
      '$.source.published',
      'invalid-date',
    ],
    [
      'a notice for 2027 published in 2028',
      (s) => ({ ...s, source: { ...s.source, published: '2028-01-02' } }),
      '$.source.published',
      'published-after-year',
    ],
    [
      'an unknown source field',
      (s) => ({ ...s, source: { ...s.source, url: 'x' } }),
      '$.source.url',
      'unknown-field',
    ],
    [
      'amendments that are not a list',
      (s) => ({ ...s, amendments: {} }),
      '$.amendments',
      'wrong-type',
    ],
    [
      'an amendment without its number',
      (s) => ({ ...s, amendments: [{ published: '2027-03-01' }] }),
      '$.amendments[0].notice',
      'missing',
    ],
    ['no holidays', (s) => ({ ...s, holidays: [] }), '$.holidays', 'empty'],
    [
      'a holiday without a name',
      (s) => ({ ...s, holidays: [{ days: ['2027-01-01'] }] }),
      '$.holidays[0].name',
      'missing',
    ],
    [
      'a holiday without days',
      (s) => ({ ...s, holidays: [{ name: '元旦', days: [] }] }),
      '$.holidays[0].days',
      'empty',
    ],
    [
      'an impossible date, 2027-02-30',
      (s) => ({ ...s, holidays: [s.holidays[0], { name: '春节', days: ['2027-02-30'] }] }),
      '$.holidays[1].days[0]',
      'invalid-date',
    ],
    [
      'a date written 2027-2-5',
      (s) => ({ ...s, holidays: [{ name: '春节', days: ['2027-2-5'] }] }),
      '$.holidays[0].days[0]',
      'invalid-date',
    ],
    [
      'a date that is a number',
      (s) => ({ ...s, workdays: [20270131] }),
      '$.workdays[0]',
      'wrong-type',
    ],
    [
      'a holiday day outside the year',
      (s) => ({ ...s, holidays: [{ name: '元旦', days: ['2026-12-31', '2027-01-01'] }] }),
      '$.holidays[0].days[0]',
      'outside-year',
    ],
    [
      'a workday outside the year',
      (s) => ({ ...s, workdays: ['2027-01-31', '2028-01-02'] }),
      '$.workdays[1]',
      'outside-year',
    ],
    [
      'a day in two holidays',
      (s) => ({ ...s, holidays: [s.holidays[0], { name: '又一个', days: ['2027-01-03'] }] }),
      '$.holidays[1].days[0]',
      'duplicate-day',
    ],
    [
      'a workday listed twice',
      (s) => ({ ...s, workdays: ['2027-01-31', '2027-02-20', '2027-01-31'] }),
      '$.workdays[2]',
      'duplicate-day',
    ],
    [
      'a day both holiday and workday',
      (s) => ({ ...s, workdays: ['2027-01-31', '2027-02-20', '2027-02-06'] }),
      '$.workdays[2]',
      'holiday-and-workday',
    ],
    [
      'a make-up working day on a Monday',
      (s) => ({ ...s, workdays: ['2027-02-01'] }),
      '$.workdays[0]',
      'not-weekend',
    ],
    ['workdays missing', ({ workdays: _, ...rest }) => rest, '$.workdays', 'missing'],
  ];

  it.each(cases)('%s: %s', (_what, mutate, path, code) => {
    const result = parseSchedule(mutate(valid()));
    expect(result).toMatchObject({ ok: false, path, code });
    if (!result.ok) expect(result.message.length).toBeGreaterThan(3);
  });

  it('a day both holiday and workday says both places: $.workdays[2] and $.holidays[1].days[1]', () => {
    const result = parseSchedule({
      ...valid(),
      workdays: ['2027-01-31', '2027-02-20', '2027-02-06'],
    });
    expect(result).toEqual({
      ok: false,
      path: '$.workdays[2]',
      code: 'holiday-and-workday',
      message: '2027-02-06 is both a holiday ($.holidays[1].days[1]) and a working day',
    });
  });

  it('never throws on any JSON value', () => {
    for (const json of [
      undefined,
      0,
      'x',
      true,
      {},
      { year: 2027 },
      { holidays: 'x' },
      [[]],
      { source: null },
    ]) {
      expect(parseSchedule(json).ok).toBe(false);
    }
  });
});

describe('parseLocalDays', () => {
  it('admits holidays and workdays of any year, either list optional', () => {
    expect(parseLocalDays({ holidays: ['2026-11-16'], workdays: ['2030-01-05'] })).toEqual({
      ok: true,
      local: { holidays: ['2026-11-16'], workdays: ['2030-01-05'] },
    });
    expect(parseLocalDays({})).toEqual({ ok: true, local: { holidays: [], workdays: [] } });
  });

  it.each([
    [{ holidays: ['2026-02-29'] }, '$.holidays[0]', 'invalid-date'],
    [
      { holidays: ['2026-11-16'], workdays: ['2026-11-16'] },
      '$.workdays[0]',
      'holiday-and-workday',
    ],
    [{ holidays: ['2026-11-16', '2026-11-16'] }, '$.holidays[1]', 'duplicate-day'],
    [{ names: [] }, '$.names', 'unknown-field'],
    [{ holidays: '2026-11-16' }, '$.holidays', 'wrong-type'],
  ])('refuses %j at %s', (json, path, code) => {
    expect(parseLocalDays(json)).toMatchObject({ ok: false, path, code });
  });
});
