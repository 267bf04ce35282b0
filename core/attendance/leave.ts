// A leave request (请假) before it is filed: its dates, who must approve it, and overlaps. §1.2.
import { daysBetween, type LocalDate } from '../calendar/local-date';
import type { Parameters } from '../parameters';

export type Approver = 'township' | 'dispatchingUnit' | 'county';

export type LeaveRefusal = {
  ok: false;
  reason:
    | 'leave-ends-before-start'
    | 'leave-starts-in-past'
    | 'leave-overlaps'
    | 'leave-outside-assignment';
  clause: '§1.2';
};

/** Calendar days of a leave, both ends included. */
export function leaveDays(from: LocalDate, to: LocalDate): number {
  return daysBetween(from, to) + 1;
}

// 严格按《贵州省村党组织第一书记管理办法(暂行)》(黔党建办发〔2016〕8号)有关程序 — §1.2
// [decision: the approval chain grows with the leave's length: the township; then also the
//  dispatching unit; then also the county — parameters leaveTownshipMaxDays, leaveUnitMaxDays]
export function leaveApprovalChain(
  days: number,
  parameters: Pick<Parameters, 'leaveTownshipMaxDays' | 'leaveUnitMaxDays'>,
): Approver[] {
  if (days <= parameters.leaveTownshipMaxDays) return ['township'];
  if (days <= parameters.leaveUnitMaxDays) return ['township', 'dispatchingUnit'];
  return ['township', 'dispatchingUnit', 'county'];
}

// 严格履行书面请销假手续 — §1.2: leave is asked for before it is taken.
// [decision: a leave may start today but not earlier; it may not overlap another pending or
//  approved leave, and must lie inside the assignment]
export function checkLeaveRequest(
  request: { from: LocalDate; to: LocalDate },
  context: {
    today: LocalDate;
    assignment: { start: LocalDate; end: LocalDate | null };
    /** The cadre's other pending or approved leaves. */
    others: readonly { from: LocalDate; to: LocalDate }[];
  },
): { ok: true; days: number } | LeaveRefusal {
  const refuse = (reason: LeaveRefusal['reason']): LeaveRefusal => ({
    ok: false,
    reason,
    clause: '§1.2',
  });
  if (request.to < request.from) return refuse('leave-ends-before-start');
  if (request.from < context.today) return refuse('leave-starts-in-past');
  const { start, end } = context.assignment;
  if (request.from < start || (end !== null && request.to > end))
    return refuse('leave-outside-assignment');
  if (context.others.some((o) => o.from <= request.to && request.from <= o.to))
    return refuse('leave-overlaps');
  return { ok: true, days: leaveDays(request.from, request.to) };
}

export type LeaveState = 'pending' | 'approved' | 'rejected' | 'withdrawn';

export type LeaveDecisionRefusal = {
  ok: false;
  reason: 'leave-not-pending' | 'not-your-step' | 'out-of-scope';
  clause: '§1.2';
};

/**
 * One approver's decision on a pending leave. Approvals go in chain order; a rejection at any step
 * ends the request. The leave is approved (and its absence justified from then on, §1.2) when the
 * last approver approves.
 */
export function decideLeave(
  leave: { state: LeaveState; chain: readonly Approver[]; approvals: number },
  actor: { role: string; inScope: boolean },
  decision: 'approved' | 'rejected',
): { ok: true; step: number; state: LeaveState; next: Approver | null } | LeaveDecisionRefusal {
  const refuse = (reason: LeaveDecisionRefusal['reason']): LeaveDecisionRefusal => ({
    ok: false,
    reason,
    clause: '§1.2',
  });
  if (leave.state !== 'pending') return refuse('leave-not-pending');
  const step = leave.approvals;
  if (leave.chain[step] !== actor.role) return refuse('not-your-step');
  if (!actor.inScope) return refuse('out-of-scope');
  if (decision === 'rejected') return { ok: true, step, state: 'rejected', next: null };
  const next = leave.chain[step + 1] ?? null;
  return { ok: true, step, state: next ? 'pending' : 'approved', next };
}

/** A pending leave, or an approved one that has not started, may be withdrawn by the cadre. */
export function canWithdrawLeave(
  leave: { state: LeaveState; from: LocalDate },
  today: LocalDate,
): boolean {
  return leave.state === 'pending' || (leave.state === 'approved' && leave.from > today);
}
