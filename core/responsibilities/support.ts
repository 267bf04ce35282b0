// The support a dispatching unit and the organization departments owe each cadre a year (§4.6):
// training, meal and lodging subsidy, transport, a yearly physical exam, accident insurance and
// village work funds — given the year's support records, the gaps.

import { addDays, maxDate, minDate } from '../calendar/local-date';
import type { LocalDate } from '../calendar/local-date';
import type { Parameters } from '../parameters';

export type SupportKind =
  | 'training'
  | 'mealLodgingSubsidy'
  | 'transport'
  | 'physicalExam'
  | 'accidentInsurance'
  | 'workFunds';

export type SupportRecord =
  | { kind: 'training' | 'mealLodgingSubsidy' | 'transport' | 'physicalExam'; date: LocalDate }
  /** A policy in force from `from` to `to` (both included), insuring `coverageYuan`. */
  | { kind: 'accidentInsurance'; from: LocalDate; to: LocalDate; coverageYuan: number }
  | { kind: 'workFunds'; date: LocalDate; amountYuan: number };

export interface SupportGap {
  kind: SupportKind;
  clause: '§4.6';
  /** What is required: a count, or yuan. */
  required: number;
  /** What the records show: a count, or yuan (for insurance: the lowest coverage in force). */
  actual: number;
  /** For insurance: the days of the year, within the assignment, without a sufficient policy. */
  uncovered?: readonly { from: LocalDate; to: LocalDate }[];
  /** The period is over by `asOf`: the gap can no longer be made good this year. */
  settled: boolean;
}

// 各级派出单位、组织部门要按有关规定认真落实第一书记和驻村干部的学习培训、食宿补助、交通费用、每年一次
// 体检、不低于50万元保额的人身意外伤害保险、不低于1万元的驻村工作经费等保障政策 — §4.6
/**
 * The gaps in one cadre's support for `year`, counted over the part of the year inside the
 * assignment. No gap for a year the assignment does not reach.
 */
export function supportGaps(args: {
  year: number;
  assignment: { start: LocalDate; end: LocalDate | null };
  records: readonly SupportRecord[];
  parameters: Parameters;
  asOf: LocalDate;
}): SupportGap[] {
  const { year, assignment, records, parameters, asOf } = args;
  const from = maxDate(`${year}-01-01`, assignment.start);
  const to = minDate(`${year}-12-31`, assignment.end ?? `${year}-12-31`);
  if (from > to) return [];
  const settled = asOf > to;
  const inPeriod = (date: LocalDate) => date >= from && date <= to;
  const gaps: SupportGap[] = [];

  // [decision: training, the meal/lodging subsidy and transport have no amount or frequency in the
  //  text; at least one record in the period shows they are provided]
  for (const kind of ['training', 'mealLodgingSubsidy', 'transport'] as const) {
    const actual = records.filter((r) => r.kind === kind && inPeriod(r.date)).length;
    if (actual < 1) gaps.push({ kind, clause: '§4.6', required: 1, actual, settled });
  }

  // 每年一次体检 — §4.6  [decision: per calendar year — clauses.md §4.6]
  const exams = records.filter((r) => r.kind === 'physicalExam' && inPeriod(r.date)).length;
  if (exams < parameters.physicalExamsPerYear) {
    const required = parameters.physicalExamsPerYear;
    gaps.push({ kind: 'physicalExam', clause: '§4.6', required, actual: exams, settled });
  }

  // 不低于50万元保额的人身意外伤害保险 — §4.6
  // [decision: every assigned day of the year must be covered by a policy of at least
  //  insuranceMinYuan; days still to come count too, since a policy is bought ahead]
  const policies = records.filter(
    (r): r is Extract<SupportRecord, { kind: 'accidentInsurance' }> =>
      r.kind === 'accidentInsurance' && r.coverageYuan >= parameters.insuranceMinYuan,
  );
  const uncovered = uncoveredRanges(from, to, policies);
  if (uncovered.length > 0) {
    const inForce = records.flatMap((r) =>
      r.kind === 'accidentInsurance' && r.from <= to && r.to >= from ? [r.coverageYuan] : [],
    );
    gaps.push({
      kind: 'accidentInsurance',
      clause: '§4.6',
      required: parameters.insuranceMinYuan,
      actual: inForce.length > 0 ? Math.min(...inForce) : 0,
      uncovered,
      settled,
    });
  }

  // 不低于1万元的驻村工作经费 — §4.6
  // [decision: the yearly minimum is not prorated for a year only partly assigned — clauses.md §4.6
  //  sets it "a year"]
  const funds = records
    .filter((r) => r.kind === 'workFunds' && inPeriod(r.date))
    .reduce((sum, r) => sum + (r.kind === 'workFunds' ? r.amountYuan : 0), 0);
  if (funds < parameters.workFundMinYuan) {
    const required = parameters.workFundMinYuan;
    gaps.push({ kind: 'workFunds', clause: '§4.6', required, actual: funds, settled });
  }
  return gaps;
}

/** The ranges of from…to that no policy covers. */
function uncoveredRanges(
  from: LocalDate,
  to: LocalDate,
  policies: readonly { from: LocalDate; to: LocalDate }[],
): { from: LocalDate; to: LocalDate }[] {
  const sorted = [...policies].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const gaps: { from: LocalDate; to: LocalDate }[] = [];
  let next = from; // the first day not yet known to be covered
  for (const p of sorted) {
    if (next > to) break;
    if (p.to < next) continue;
    if (p.from > next) gaps.push({ from: next, to: minDate(addDays(p.from, -1), to) });
    next = maxDate(next, addDays(p.to, 1));
  }
  if (next <= to) gaps.push({ from: next, to });
  return gaps;
}
