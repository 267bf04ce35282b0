// Leave requests (请假), their approvers and their decisions, for the bot and the API. §1.2.
import { and, asc, count, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Approver, LeaveState } from '../../core/attendance';
import type { LocalDate } from '../../core/calendar/local-date';
import type { Database } from '../database';
import {
  assignments,
  botLinks,
  cadres,
  leaveApprovals,
  leaveRequests,
  orgUnits,
  users,
} from '../schema';

/** The cadre's pending and approved leaves: what a new request must not overlap. */
export async function activeLeaves(db: Database, assignmentId: number) {
  return db
    .select({
      id: leaveRequests.id,
      from: leaveRequests.startsOn,
      to: leaveRequests.endsOn,
      state: leaveRequests.state,
      returnedOn: leaveRequests.returnedOn,
      kind: leaveRequests.kind,
    })
    .from(leaveRequests)
    .where(
      and(
        eq(leaveRequests.assignmentId, assignmentId),
        inArray(leaveRequests.state, ['pending', 'approved']),
      ),
    )
    .orderBy(asc(leaveRequests.startsOn));
}

/** A leave with what deciding on it needs: its cadre, village and approvals so far. */
export async function leaveForDecision(db: Database, leaveId: number) {
  const [row] = await db
    .select({
      leave: leaveRequests,
      cadreName: cadres.name,
      villageName: orgUnits.name,
      villagePath: orgUnits.path,
      dispatchingUnitId: assignments.dispatchingUnitId,
    })
    .from(leaveRequests)
    .innerJoin(cadres, eq(cadres.id, leaveRequests.cadreId))
    .innerJoin(assignments, eq(assignments.id, leaveRequests.assignmentId))
    .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
    .where(eq(leaveRequests.id, leaveId))
    .for('update', { of: leaveRequests });
  if (!row) return undefined;
  const [approved] = await db
    .select({ n: count() })
    .from(leaveApprovals)
    .where(and(eq(leaveApprovals.leaveId, leaveId), eq(leaveApprovals.decision, 'approved')));
  return {
    ...row,
    approvals: approved!.n,
    chain: row.leave.approvalChain as Approver[],
    state: row.leave.state as LeaveState,
  };
}

/**
 * Whether a supervisor may act for a leave of a cadre in this village: their scope (org unit
 * subtree) covers the village and, for a dispatching unit, the cadre is theirs.
 */
export function inScope(
  user: { scopePath: string; role: string; dispatchingUnitId: number | null },
  leave: { villagePath: string; dispatchingUnitId: number },
): boolean {
  if (!leave.villagePath.startsWith(user.scopePath)) return false;
  return user.role !== 'dispatchingUnit' || user.dispatchingUnitId === leave.dispatchingUnitId;
}

/** A supervisor with their scope's path. */
export async function supervisor(db: Database, userId: number) {
  const [row] = await db
    .select({
      id: users.id,
      role: users.role,
      displayName: users.displayName,
      dispatchingUnitId: users.dispatchingUnitId,
      disabled: users.disabled,
      scopePath: orgUnits.path,
    })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(eq(users.id, userId));
  return row;
}

/** The Telegram chats of the supervisors who may take a leave's step `role`. */
export async function approverChats(
  db: Database,
  role: Approver,
  leave: { villagePath: string; dispatchingUnitId: number },
) {
  const rows = await db
    .select({
      telegramUserId: botLinks.telegramUserId,
      languageCode: botLinks.languageCode,
      userId: users.id,
      role: users.role,
      dispatchingUnitId: users.dispatchingUnitId,
      scopePath: orgUnits.path,
    })
    .from(botLinks)
    .innerJoin(users, eq(users.id, botLinks.userId))
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(
      and(
        eq(users.role, role),
        eq(users.disabled, false),
        // The scope's path is a prefix of the village's.
        sql`${leave.villagePath} like ${orgUnits.path} || '%'`,
      ),
    );
  return rows.filter((r) => inScope(r, leave));
}

/** The cadre's own chat, for telling them about decisions. */
export async function cadreChat(db: Database, cadreId: number) {
  const [row] = await db
    .select({ telegramUserId: botLinks.telegramUserId, languageCode: botLinks.languageCode })
    .from(botLinks)
    .where(eq(botLinks.cadreId, cadreId));
  return row;
}

/** Records one approver's decision and moves the leave on; the caller decided it with core. */
export async function recordLeaveDecision(
  db: Database,
  args: {
    leaveId: number;
    step: number;
    role: Approver;
    userId: number;
    decision: 'approved' | 'rejected';
    state: LeaveState;
    comment?: string | null;
    now: Date;
    today: LocalDate;
  },
): Promise<boolean> {
  const inserted = await db
    .insert(leaveApprovals)
    .values({
      leaveId: args.leaveId,
      step: args.step,
      role: args.role,
      decision: args.decision,
      userId: args.userId,
      comment: args.comment ?? null,
      decidedAt: args.now,
    })
    .onConflictDoNothing()
    .returning({ id: leaveApprovals.id });
  if (inserted.length === 0) return false; // this step was decided already
  if (args.state !== 'pending') {
    await db
      .update(leaveRequests)
      .set({
        state: args.state,
        decidedAt: args.now,
        approvedOn: args.state === 'approved' ? args.today : null,
      })
      .where(eq(leaveRequests.id, args.leaveId));
  }
  return true;
}

/** 销假 by hand: the approved leave that has started and not been reported back from. */
export async function reportBack(db: Database, assignmentId: number, today: LocalDate) {
  return db
    .update(leaveRequests)
    .set({ returnedOn: today })
    .where(
      and(
        eq(leaveRequests.assignmentId, assignmentId),
        eq(leaveRequests.state, 'approved'),
        isNull(leaveRequests.returnedOn),
        lte(leaveRequests.startsOn, today),
      ),
    )
    .returning({ id: leaveRequests.id, from: leaveRequests.startsOn, to: leaveRequests.endsOn });
}

/** The condition "the step a pending leave waits for is `role`": the chain's entry after its approvals. */
export function waitingStepIs(role: string) {
  const approved = sql<number>`(select count(*)::int from ${leaveApprovals} where ${leaveApprovals.leaveId} = ${leaveRequests.id} and ${leaveApprovals.decision} = 'approved')`;
  return and(
    eq(leaveRequests.state, 'pending'),
    sql`${leaveRequests.approvalChain} ->> ${approved} = ${role}`,
  )!;
}

/** Pending leaves waiting for this supervisor's step, in their scope, with the step's index. */
export async function leavesWaitingFor(
  db: Database,
  user: { role: string; scopePath: string; dispatchingUnitId: number | null },
) {
  const rows = await db
    .select({
      id: leaveRequests.id,
      villagePath: orgUnits.path,
      dispatchingUnitId: assignments.dispatchingUnitId,
    })
    .from(leaveRequests)
    .innerJoin(assignments, eq(assignments.id, leaveRequests.assignmentId))
    .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
    .where(and(waitingStepIs(user.role), sql`${orgUnits.path} like ${user.scopePath} || '%'`))
    .orderBy(asc(leaveRequests.startsOn), asc(leaveRequests.id))
    .limit(50);
  const waiting: { leaveId: number; step: number }[] = [];
  for (const row of rows.filter((r) => inScope(user, r))) {
    const found = await leaveForDecision(db, row.id);
    if (found) waiting.push({ leaveId: row.id, step: found.approvals });
  }
  return waiting;
}
