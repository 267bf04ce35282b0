// One cadre's month: required days, in-village days, justified absence, diary entries, and whether
// the month meets §2.4 and §2.5. §1.2, §2.4, §2.5 (the day sets come from §1.1 check-ins).
import {
  addDays,
  daysInMonth as daysInCalendarMonth,
  firstOfMonth,
  lastOfMonth,
  nextMonth,
  parts,
  type LocalDate,
} from '../calendar/local-date';
import type { Parameters } from '../parameters';

/**
 * A set of days of one month, compact enough to evaluate a province in milliseconds: bit (d − 1)
 * stands for day d (1…31). A database can hand these over directly (`bit(31)` columns) or as sorted
 * day numbers through `dayMask`.
 */
export type DayMask = number;

/** The facts of one cadre's month, as known on the day it is evaluated. */
export interface MonthFacts {
  daysInMonth: number;
  /** Days of the month inside the assignment. */
  assigned: DayMask;
  /** Days with ≥ 1 accepted check-in inside the geofence or a township-verified attendance record. */
  inVillage: DayMask;
  /** Days covered by an approved leave, as known on the evaluation day (see `justifiedSpan`). */
  leave: DayMask;
  /** 民情日记 entries written in the month's assigned days. */
  diaryEntries: number;
  /** Whether the month has ended by the evaluation day; an open month gets no verdict. */
  ended: boolean;
}

export interface MonthPresence {
  required: number;
  inVillage: number;
  justifiedAbsence: number;
  diaryEntries: number;
  /** §2.4: inVillage + justifiedAbsence ≥ required; null while the month has not ended. */
  compliant: boolean | null;
  /** §2.5: every assigned day was justified absence, so no diary is owed. */
  diaryExempt: boolean;
  /** §2.5: enough diary entries, or exempt; null while the month has not ended. */
  diaryCompliant: boolean | null;
}

/** Bits 0…(n − 1) set: every day of an n-day month. */
export function fullMask(days: number): DayMask {
  if (days <= 0) return 0;
  return days >= 32 ? -1 : (2 ** days - 1) | 0;
}

/** The days first…last (1-based, both included) of a month, clamped to 1…31; empty when last < first. */
export function rangeMask(first: number, last: number): DayMask {
  const a = Math.max(1, first);
  const b = Math.min(31, last);
  if (b < a) return 0;
  return (fullMask(b) & ~fullMask(a - 1)) | 0;
}

/** The mask of day-of-month numbers (1…31), e.g. the sorted days of a month's check-ins. */
export function dayMask(days: ArrayLike<number>): DayMask {
  let mask = 0;
  for (let i = 0; i < days.length; i++) {
    const d = days[i]!;
    if (!(d >= 1 && d <= 31) || !Number.isInteger(d)) {
      throw new RangeError(`day of month out of range: ${d}`);
    }
    mask |= 1 << (d - 1);
  }
  return mask;
}

/** The days (1…31) in a mask, ascending. */
export function daysOfMask(mask: DayMask): number[] {
  const days: number[] = [];
  for (let d = 1; d <= 31; d++) if (mask & (1 << (d - 1))) days.push(d);
  return days;
}

/** Number of days in a mask. */
export function countDays(mask: DayMask): number {
  let x = mask | 0;
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

// 每月在村工作时间原则上不少于20天 — §1.2
// [decision: a month only partly inside the assignment needs ceil(20 × assignedDays / daysInMonth)
//  days — clauses.md §1.2; never more than the assigned days, which only a county's minDaysPerMonth
//  above 28 could otherwise ask]
export function requiredDays(
  assignedDays: number,
  daysInMonth: number,
  minDaysPerMonth: number,
): number {
  if (assignedDays <= 0) return 0;
  // Integer ceiling: ceil(20 × 16 / 31) must be 11, with no floating-point rounding in between.
  const required = Math.floor((minDaysPerMonth * assignedDays + daysInMonth - 1) / daysInMonth);
  return Math.min(required, assignedDays);
}

/** Evaluates one cadre's month from its day sets: a handful of integer operations, no allocation. */
export function evaluateMonth(
  facts: MonthFacts,
  parameters: Pick<Parameters, 'minDaysPerMonth' | 'minDiaryEntriesPerMonth'>,
): MonthPresence {
  const assigned = facts.assigned & fullMask(facts.daysInMonth);
  const assignedDays = countDays(assigned);
  // 在村 — §1.1: a day counts when it has ≥ 1 inside check-in or verified attendance.
  const inVillage = countDays(facts.inVillage & assigned);
  // 特殊情况需请假的……履行书面请销假手续 — §1.2
  // [decision: a day both in village and on leave counts once, as in village — clauses.md §1.2]
  const justifiedAbsence = countDays(facts.leave & assigned & ~facts.inVillage);
  const required = requiredDays(assignedDays, facts.daysInMonth, parameters.minDaysPerMonth);
  // 没有民情日记 — §2.5
  // [decision: a month whose assigned days are all justified absence owes no diary — clauses.md §2.5]
  const diaryExempt = assignedDays > 0 && justifiedAbsence === assignedDays;
  return {
    required,
    inVillage,
    justifiedAbsence,
    diaryEntries: facts.diaryEntries,
    // 无正当理由、且没有履行相关请假手续,每月驻村时间没有达到20天的 — §2.4
    compliant: facts.ended ? inVillage + justifiedAbsence >= required : null,
    diaryExempt,
    diaryCompliant: facts.ended
      ? diaryExempt || facts.diaryEntries >= parameters.minDiaryEntriesPerMonth
      : null,
  };
}

// ——— From dated records (the bot, the scenario runner) to a month's facts ———

/** A leave request (请假) with its approval and its return (销假), as recorded. */
export interface LeaveRecord {
  from: LocalDate;
  to: LocalDate;
  /** The day it was approved; null while it is not. */
  approved: LocalDate | null;
  /** The day the cadre reported back (销假), if they have. */
  returned?: LocalDate | null;
}

// 特殊情况需请假的,严格……履行书面请销假手续 — §1.2
// [decision: a leave is justified only once approved; its days count from its start to its approved
//  end, or to the day before the recorded return if that is earlier; days past the approved end
//  without a return are unjustified; all judged on what was known on `knownOn`: an approval or a
//  return dated after it does not count yet — clauses.md §1.2, scenarios README]
export function justifiedSpan(
  leave: LeaveRecord,
  knownOn: LocalDate,
): { from: LocalDate; to: LocalDate } | null {
  if (leave.approved == null || leave.approved > knownOn) return null;
  let to = leave.to;
  if (leave.returned != null && leave.returned <= knownOn) {
    const dayBefore = addDays(leave.returned, -1);
    if (dayBefore < to) to = dayBefore;
  }
  return to < leave.from ? null : { from: leave.from, to };
}

/** Whether `date` is justified absence by one of the leaves, as known on `knownOn` (§2.2 uses the
 * inspection's own day). */
export function isJustifiedAbsence(
  leaves: readonly LeaveRecord[],
  date: LocalDate,
  knownOn: LocalDate,
): boolean {
  for (const leave of leaves) {
    const span = justifiedSpan(leave, knownOn);
    if (span && span.from <= date && date <= span.to) return true;
  }
  return false;
}

/**
 * The day a month is judged on: the first day after it when that day has come by `asOf`, else
 * `asOf` itself (an open month is shown as known on asOf). [decision: scenarios README]
 */
export function monthEvaluationDay(
  month: string,
  asOf: LocalDate,
): { on: LocalDate; ended: boolean } {
  const after = firstOfMonth(nextMonth(month));
  return asOf >= after ? { on: after, ended: true } : { on: asOf, ended: false };
}

export interface MonthRecords {
  /** 'YYYY-MM' */
  month: string;
  assignment: { start: LocalDate; end: LocalDate | null };
  /** Days with an inside check-in or township-verified attendance (duplicates are harmless). */
  inVillageDays: Iterable<LocalDate>;
  /** One date per 民情日记 entry. */
  diaryDates: Iterable<LocalDate>;
  leaves: readonly LeaveRecord[];
  asOf: LocalDate;
}

/** The mask of the days from..to (local dates) that fall in `month`. */
export function spanMask(month: string, from: LocalDate, to: LocalDate): DayMask {
  const first = firstOfMonth(month);
  const last = lastOfMonth(month);
  if (to < first || from > last) return 0;
  const a = from < first ? 1 : parts(from).day;
  const b = to > last ? parts(last).day : parts(to).day;
  return rangeMask(a, b);
}

/** Builds a month's facts from dated records, as known on the month's evaluation day. */
export function monthFacts(records: MonthRecords): MonthFacts {
  const { month, assignment, asOf } = records;
  const { year, month: m } = parts(firstOfMonth(month));
  const days = daysInCalendarMonth(year, m);
  const { on, ended } = monthEvaluationDay(month, asOf);
  const assigned = spanMask(month, assignment.start, assignment.end ?? lastOfMonth(month));
  // [decision: in an open month only the days up to asOf are counted; later days have not happened]
  const known = ended ? fullMask(days) : spanMask(month, firstOfMonth(month), on);

  let inVillage = 0;
  for (const d of records.inVillageDays)
    if (d.startsWith(month)) inVillage |= 1 << (parts(d).day - 1);
  let leave = 0;
  for (const l of records.leaves) {
    const span = justifiedSpan(l, on);
    if (span) leave |= spanMask(month, span.from, span.to);
  }
  let diaryEntries = 0;
  for (const d of records.diaryDates) {
    if (d.startsWith(month) && assigned & (1 << (parts(d).day - 1))) diaryEntries++;
  }
  return {
    daysInMonth: days,
    assigned,
    inVillage: inVillage & known,
    leave: leave & known,
    diaryEntries,
    ended,
  };
}

/** The months ('YYYY-MM') that overlap the assignment, up to the month of `asOf`. */
export function assignedMonths(
  assignment: { start: LocalDate; end: LocalDate | null },
  asOf: LocalDate,
): string[] {
  const lastDay = assignment.end != null && assignment.end < asOf ? assignment.end : asOf;
  const months: string[] = [];
  if (lastDay < firstOfMonth(assignment.start.slice(0, 7))) return months;
  for (let m = assignment.start.slice(0, 7); m <= lastDay.slice(0, 7); m = nextMonth(m))
    months.push(m);
  return months;
}
