import { describe, expect, it } from 'vitest';
import { evaluateMonth, monthFacts } from '../../../core/attendance/monthly-presence';
import { eachDay } from '../../../core/calendar/local-date';
import { defaultParameters } from '../../../core/parameters';
import { decideFlag, openMatterFor, raiseFlag } from '../../../core/situations/flags';
import { inspectionStrikes } from '../../../core/situations/inspections';
import { detectMonthClose } from '../../../core/situations/month-close';
import { detectReview, isAnnualPeriod, isReviewPeriod } from '../../../core/situations/reviews';
import { detectSurvey, evaluateSurvey, roundRate } from '../../../core/situations/surveys';

const p = defaultParameters;
const assignment = { start: '2026-03-01', end: null };

describe('§2.1 reviews', () => {
  it('a half-year review of 2026H1 rated 不称职 on 2026-07-10 raises a flag that day', () => {
    expect(
      detectReview({ date: '2026-07-10', period: '2026H1', rating: 'incompetent' }),
    ).toMatchObject({
      clause: '2.1',
      date: '2026-07-10',
      source: 'review',
    });
  });

  it('an annual assessment rated 不合格 raises one; 基本称职 and 基本合格 do not', () => {
    expect(
      detectReview({ date: '2027-01-15', period: '2026', rating: 'unqualified' }),
    ).not.toBeNull();
    expect(
      detectReview({ date: '2027-01-15', period: '2026', rating: 'basically_competent' }),
    ).toBeNull();
    expect(
      detectReview({ date: '2027-01-15', period: '2026', rating: 'basically_qualified' }),
    ).toBeNull();
  });

  it('knows the periods: "2026H1" half-year, "2026" annual', () => {
    expect(isReviewPeriod('2026H1')).toBe(true);
    expect(isReviewPeriod('2026H2')).toBe(false);
    expect(isAnnualPeriod('2026')).toBe(true);
    expect(isAnnualPeriod('2026H1')).toBe(false);
  });
});

describe('§2.2 inspection strikes', () => {
  const absent = (date: string) => ({ date, present: false });

  it('the third finding of absence in March 2026 raises a flag on its day', () => {
    const r = inspectionStrikes(
      [
        absent('2026-03-05'),
        absent('2026-03-12'),
        { date: '2026-03-15', present: true },
        absent('2026-03-19'),
      ],
      [],
      assignment,
      p,
    );
    expect(r.strikes.map((s) => s.date)).toEqual(['2026-03-05', '2026-03-12', '2026-03-19']);
    expect(r.detections).toEqual([expect.objectContaining({ clause: '2.2', date: '2026-03-19' })]);
  });

  it('a finding on a day of leave approved by that day does not count; one approved later does', () => {
    const onTime = { from: '2026-03-12', to: '2026-03-12', approved: '2026-03-12' };
    const late = { from: '2026-03-12', to: '2026-03-12', approved: '2026-03-13' };
    const findings = [absent('2026-03-05'), absent('2026-03-12'), absent('2026-03-19')];
    expect(inspectionStrikes(findings, [onTime], assignment, p).detections).toHaveLength(0);
    expect(inspectionStrikes(findings, [late], assignment, p).detections).toHaveLength(1);
  });

  it('every third strike raises one: six findings, two detections', () => {
    const findings = ['03-02', '03-03', '03-04', '03-05', '03-06', '03-09'].map((d) =>
      absent(`2026-${d}`),
    );
    expect(inspectionStrikes(findings, [], assignment, p).detections.map((d) => d.date)).toEqual([
      '2026-03-04',
      '2026-03-09',
    ]);
  });

  it('findings before the assignment and repeated findings on one day are not counted again', () => {
    const findings = [
      absent('2026-02-20'),
      absent('2026-03-05'),
      absent('2026-03-05'),
      absent('2026-03-06'),
    ];
    expect(inspectionStrikes(findings, [], assignment, p).strikes).toHaveLength(2);
  });

  it('inspectionStrikes = 2 in a county raises at the second finding', () => {
    const r = inspectionStrikes([absent('2026-03-05'), absent('2026-03-06')], [], assignment, {
      inspectionStrikes: 2,
    });
    expect(r.detections).toHaveLength(1);
  });
});

describe('§2.3 surveys', () => {
  it('5 of 10 satisfied is exactly 50 %: nothing; 4 of 10 raises a flag', () => {
    expect(evaluateSurvey({ satisfied: 3, basicallySatisfied: 2, dissatisfied: 5 }, p)).toEqual({
      responses: 10,
      satisfactionRate: 0.5,
      valid: true,
      belowThreshold: false,
    });
    expect(
      detectSurvey('2026-09-30', { satisfied: 2, basicallySatisfied: 2, dissatisfied: 6 }, p),
    ).toMatchObject({
      clause: '2.3',
      date: '2026-09-30',
    });
  });

  it('fewer than 10 valid responses trigger nothing and have no rate', () => {
    expect(
      evaluateSurvey({ satisfied: 0, basicallySatisfied: 0, dissatisfied: 9 }, p),
    ).toMatchObject({
      valid: false,
      satisfactionRate: null,
      belowThreshold: false,
    });
    expect(
      evaluateSurvey(
        { satisfied: 0, basicallySatisfied: 0, dissatisfied: 0 },
        { ...p, minSurveyResponses: 1 },
      ),
    ).toMatchObject({
      valid: false,
    });
  });

  it('rounds the shown rate to 4 decimals: 1 of 3 → 0.3333', () => {
    expect(roundRate(1 / 3)).toBe(0.3333);
    expect(roundRate(2 / 3)).toBe(0.6667);
    expect(roundRate(null)).toBeNull();
  });

  it('a county threshold of 0.6 flags 5 of 10', () => {
    expect(
      evaluateSurvey(
        { satisfied: 5, basicallySatisfied: 0, dissatisfied: 5 },
        { ...p, satisfactionThreshold: 0.6 },
      ).belowThreshold,
    ).toBe(true);
  });
});

describe('§2.4 and §2.5 at month close', () => {
  it('a short month without diary raises both flags on the first day after it', () => {
    const presence = evaluateMonth(
      monthFacts({
        month: '2026-04',
        asOf: '2026-05-03',
        assignment,
        inVillageDays: eachDay('2026-04-01', '2026-04-10'),
        diaryDates: [],
        leaves: [],
      }),
      p,
    );
    expect(detectMonthClose('2026-04', presence).map((d) => [d.clause, d.date])).toEqual([
      ['2.4', '2026-05-01'],
      ['2.5', '2026-05-01'],
    ]);
  });

  it('an open month raises nothing', () => {
    const presence = evaluateMonth(
      monthFacts({
        month: '2026-04',
        asOf: '2026-04-30',
        assignment,
        inVillageDays: [],
        diaryDates: [],
        leaves: [],
      }),
      p,
    );
    expect(detectMonthClose('2026-04', presence)).toEqual([]);
  });
});

describe('flags', () => {
  const detection = {
    clause: '2.4' as const,
    date: '2026-05-01',
    source: 'monthClose' as const,
    detail: '',
  };

  it('no new flag while a flag or a case for the same clause is open', () => {
    const flags = [raiseFlag(detection)];
    expect(openMatterFor('2.4', flags, [])).toEqual({ kind: 'flag', index: 0 });
    expect(openMatterFor('2.5', flags, [])).toBeNull();
    const confirmed = [{ ...flags[0]!, state: 'confirmed' }];
    expect(openMatterFor('2.4', confirmed, [{ clause: '2.4', state: 'open' }])).toEqual({
      kind: 'case',
      index: 0,
    });
    expect(openMatterFor('2.4', confirmed, [{ clause: '2.4', state: 'closed' }])).toBeNull();
  });

  it('a flag is confirmed or dismissed once, not before it is raised', () => {
    const flag = raiseFlag(detection);
    expect(decideFlag(flag, { kind: 'confirm', date: '2026-04-30' })).toMatchObject({
      ok: false,
      reason: 'flag-not-raised',
    });
    const dismissed = decideFlag(flag, {
      kind: 'dismiss',
      date: '2026-05-06',
      reason: 'sick leave papers',
    });
    expect(dismissed).toMatchObject({
      ok: true,
      flag: { state: 'dismissed', reason: 'sick leave papers' },
    });
    if (!dismissed.ok) return;
    expect(decideFlag(dismissed.flag, { kind: 'confirm', date: '2026-05-07' })).toMatchObject({
      ok: false,
      reason: 'flag-not-open',
    });
    expect(decideFlag(undefined, { kind: 'confirm', date: '2026-05-07' })).toMatchObject({
      ok: false,
      reason: 'flag-not-raised',
    });
  });
});
