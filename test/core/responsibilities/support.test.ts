// §4.6: the support minimums of a cadre's year, and the gaps.
import { describe, expect, it } from 'vitest';
import { defaultParameters } from '../../../core/parameters';
import { supportGaps, type SupportRecord } from '../../../core/responsibilities';

const full: SupportRecord[] = [
  { kind: 'training', date: '2026-03-10' },
  { kind: 'mealLodgingSubsidy', date: '2026-04-01' },
  { kind: 'transport', date: '2026-04-01' },
  { kind: 'physicalExam', date: '2026-05-20' },
  { kind: 'accidentInsurance', from: '2026-01-01', to: '2026-12-31', coverageYuan: 500_000 },
  { kind: 'workFunds', date: '2026-02-01', amountYuan: 6_000 },
  { kind: 'workFunds', date: '2026-08-01', amountYuan: 4_000 },
];
const gaps = (records: SupportRecord[], asOf = '2027-01-05', start = '2026-01-01') =>
  supportGaps({
    year: 2026,
    assignment: { start, end: null },
    records,
    parameters: defaultParameters,
    asOf,
  });

describe('§4.6: support minimums', () => {
  it('§4.6: a cadre with training, subsidy, transport, an exam on Wed 2026-05-20, ¥500,000 of insurance all year and ¥10,000 of funds has no gap in 2026', () => {
    expect(gaps(full)).toEqual([]);
  });

  it('§4.6: ¥400,000 of insurance is below the minimum: the whole of 2026 is uncovered', () => {
    const records = full.map((r) =>
      r.kind === 'accidentInsurance' ? { ...r, coverageYuan: 400_000 } : r,
    );
    expect(gaps(records)).toEqual([
      {
        kind: 'accidentInsurance',
        clause: '§4.6',
        required: 500_000,
        actual: 400_000,
        uncovered: [{ from: '2026-01-01', to: '2026-12-31' }],
        settled: true,
      },
    ]);
  });

  it('§4.6: a policy ending Tue 2026-06-30 and the next starting Sat 2026-08-01 leave July uncovered, already on Wed 2026-07-15', () => {
    const records = [
      ...full.filter((r) => r.kind !== 'accidentInsurance'),
      {
        kind: 'accidentInsurance',
        from: '2025-07-01',
        to: '2026-06-30',
        coverageYuan: 500_000,
      } as const,
      {
        kind: 'accidentInsurance',
        from: '2026-08-01',
        to: '2027-07-31',
        coverageYuan: 600_000,
      } as const,
    ];
    const [gap] = gaps(records, '2026-07-15');
    expect(gap).toMatchObject({
      kind: 'accidentInsurance',
      uncovered: [{ from: '2026-07-01', to: '2026-07-31' }],
      settled: false,
    });
  });

  it('§4.6: ¥9,000 of work funds and no physical exam in 2026 are gaps, settled once the year is over on Tue 2027-01-05', () => {
    const records = full.filter(
      (r) => r.kind !== 'physicalExam' && !(r.kind === 'workFunds' && r.amountYuan === 4_000),
    );
    expect(
      gaps([...records, { kind: 'workFunds', date: '2026-09-01', amountYuan: 3_000 }]),
    ).toEqual([
      { kind: 'physicalExam', clause: '§4.6', required: 1, actual: 0, settled: true },
      { kind: 'workFunds', clause: '§4.6', required: 10_000, actual: 9_000, settled: true },
    ]);
  });

  it('§4.6: an exam on Thu 2025-12-18 does not count for 2026', () => {
    const records = [
      ...full.filter((r) => r.kind !== 'physicalExam'),
      { kind: 'physicalExam', date: '2025-12-18' } as const,
    ];
    expect(gaps(records).map((g) => g.kind)).toEqual(['physicalExam']);
  });

  it('§4.6: an assignment starting Tue 2026-09-01 needs training, subsidy and transport from September, and insurance only from then', () => {
    const records: SupportRecord[] = [
      { kind: 'training', date: '2026-03-10' },
      { kind: 'mealLodgingSubsidy', date: '2026-09-05' },
      { kind: 'transport', date: '2026-09-05' },
      { kind: 'physicalExam', date: '2026-09-20' },
      { kind: 'accidentInsurance', from: '2026-09-01', to: '2027-08-31', coverageYuan: 500_000 },
      { kind: 'workFunds', date: '2026-09-10', amountYuan: 10_000 },
    ];
    expect(gaps(records, '2026-10-01', '2026-09-01').map((g) => [g.kind, g.settled])).toEqual([
      ['training', false],
    ]);
  });

  it('§4.6: an assignment that ended on Tue 2025-12-30 owes nothing for 2026', () => {
    expect(
      supportGaps({
        year: 2026,
        assignment: { start: '2025-01-01', end: '2025-12-30' },
        records: [],
        parameters: defaultParameters,
        asOf: '2026-06-01',
      }),
    ).toEqual([]);
  });
});
