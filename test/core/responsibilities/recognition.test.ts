// §4.7–§4.8: the recognition criteria shown for one cadre — facts, no points, no ranking.
import { describe, expect, it } from 'vitest';
import { defaultParameters } from '../../../core/parameters';
import { openCase } from '../../../core/procedure';
import { recognitionCriteria } from '../../../core/responsibilities';
import { postNotice } from '../procedure/fixtures';

describe('§4.7: recognition criteria', () => {
  const withdrawn = postNotice([
    { type: 'notice', date: '2026-09-30' },
    { type: 'appeal', date: '2026-10-08' },
    { type: 'appealAnswered', date: '2026-10-12', upheld: false },
  ]);
  const pending = openCase({ clause: '2.7', track: 'B', opened: '2026-11-20' });
  const criteria = recognitionCriteria({
    cadre: 'c-17',
    period: { from: '2026-01-01', to: '2026-12-31' },
    months: [
      { month: '2026-09', diaryEntries: 3, compliant: true },
      { month: '2026-10', diaryEntries: 0, compliant: false },
      { month: '2026-11', diaryEntries: 0, compliant: true, diaryExempt: true },
      { month: '2026-12', diaryEntries: 1, compliant: null },
    ],
    surveys: [
      { closed: '2026-06-30', rate: 0.82, valid: true },
      { closed: '2026-03-31', rate: null, valid: false },
      { closed: '2026-12-20', rate: 0.9, valid: true },
    ],
    cases: [withdrawn, pending],
    parameters: defaultParameters,
  });

  it('§4.7: for 2026, three ended months, October short of days and of diary entries; November on leave needs no diary', () => {
    expect(criteria.attendance).toEqual({
      monthsEnded: 3,
      monthsCompliant: 2,
      monthsShort: ['2026-10'],
    });
    expect(criteria.diary).toEqual({
      monthsEnded: 3,
      monthsMeetingMinimum: 2,
      monthsShort: ['2026-10'],
    });
  });

  it('§4.7: the valid surveys of Tue 2026-06-30 and Sun 2026-12-20 are shown as they are', () => {
    expect(criteria.satisfaction.surveys).toEqual([
      { closed: '2026-06-30', rate: 0.82 },
      { closed: '2026-12-20', rate: 0.9 },
    ]);
  });

  it('§3.8, §4.7: a notice of Wed 2026-09-30 withdrawn on appeal does not count; the case opened Fri 2026-11-20 is shown as pending', () => {
    expect(criteria.cases).toEqual({ noticed: 0, pending: 1 });
  });

  it('§4.7, §4.8: the criteria carry no score, verdict or rank', () => {
    expect(Object.keys(criteria).sort()).toEqual([
      'attendance',
      'cadre',
      'cases',
      'clause',
      'diary',
      'period',
      'satisfaction',
    ]);
  });
});
