// Overdue steps and their escalation (§4.2, §4.3): which deadlines of a case (§3.5–§3.8) have passed
// unmet, by how many working days, and which go to the level above.

import { workdaysBetween } from '../calendar';
import type { Calendar } from '../calendar';
import type { LocalDate } from '../calendar/local-date';
import type { Parameters } from '../parameters';
import { levelAbove } from './parties';
import type { DispatchLevel, Party } from './parties';
import type { CaseState, Deadline } from './post-notice';

export interface Escalation {
  /** Working days d with due < d ≤ asOf. */
  overdueWorkdays: number;
  /** Overdue by at least `escalateAfterWorkdays`. */
  escalate: boolean;
  /** The level the step goes to; null at the top, or when the responsible level is not known. */
  escalateTo: DispatchLevel | null;
}

export interface OverdueStep extends Escalation {
  deadline: Deadline;
  /** Who owes the step. */
  responsible: Party;
  /** The level of the office that owes it: the cadre's dispatch level. */
  level: DispatchLevel | null;
  clause: '§4.2';
}

// 对第一书记和驻村干部从严管理责任落实不到位的,由上级组织部门约谈其主要领导 — §4.2
// [decision: a step overdue by escalateAfterWorkdays working days goes to the level above:
//  township → county → city → province — clauses.md §4.2]
/** Escalation of anything due on `due` and still undone on `asOf` (flags of §4.3 too). */
export function escalation(
  level: DispatchLevel | null,
  due: LocalDate,
  asOf: LocalDate,
  calendar: Calendar,
  parameters: Parameters,
): Escalation {
  const overdueWorkdays = Math.max(0, workdaysBetween(calendar, due, asOf));
  return {
    overdueWorkdays,
    escalate: asOf > due && overdueWorkdays >= parameters.escalateAfterWorkdays,
    escalateTo: level === null ? null : levelAbove(level),
  };
}

/**
 * The case's deadlines that are past due and unmet on `asOf`, oldest first. The appeal window is the
 * cadre's right, not a duty, so it is never overdue.
 */
export function overdueSteps(
  c: CaseState,
  asOf: LocalDate,
  calendar: Calendar,
  parameters: Parameters,
): OverdueStep[] {
  const overdue: OverdueStep[] = [];
  for (const deadline of c.deadlines) {
    if (deadline.step === 'appeal' || asOf <= deadline.due) continue;
    const met = metOn(c, deadline);
    if (met !== null && met <= asOf) continue;
    // [decision: a closed case owes nothing more: closing after a notice needs the outcome
    //  (post-notice.ts), and a withdrawn notice ends the steps it started]
    if (c.state === 'closed' && c.closedOn !== null && c.closedOn <= asOf) continue;
    overdue.push({
      deadline,
      responsible: responsibleFor(c, deadline),
      level: c.dispatchLevel,
      clause: '§4.2',
      ...escalation(c.dispatchLevel, deadline.due, asOf, calendar, parameters),
    });
  }
  return overdue.sort((a, b) =>
    a.deadline.due < b.deadline.due ? -1 : a.deadline.due > b.deadline.due ? 1 : 0,
  );
}

/** The day a deadline's step was done, or null. */
export function metOn(c: CaseState, d: Deadline): LocalDate | null {
  switch (d.step) {
    case 'appeal':
      return c.appeal?.filed ?? null;
    case 'appealAnswer':
      return c.appeal?.answered?.date ?? null;
    case 'recall':
      return c.recalled;
    // [decision: the post-notice events have no step for the return (§3.6) or the replacement (§3.7):
    //  closing the case records that it is done]
    case 'return':
    case 'replacement':
      return c.closedOn;
  }
}

function responsibleFor(c: CaseState, d: Deadline): Party {
  // 有关部门在5个工作日内予以复核并答复 — §3.8 (省级选派的由省直四个工<党>委负责)
  if (d.step === 'appealAnswer') {
    return c.dispatchLevel === 'province' ? 'provincialWorkCommittees' : 'sameLevelDepartment';
  }
  // §3.5–§3.7: the dispatching unit recalls, sends back, or sends someone else.
  return 'dispatchingUnit';
}
