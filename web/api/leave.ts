// Leave (请假, §1.2) for the supervisors who approve it: what waits for my step, my decision with a
// comment, and the history in my scope. Decisions follow the same rules as the bot's ✅/❌ buttons,
// through the same functions: core's decideLeave, db's leaveForDecision/inScope/recordLeaveDecision.
// The API has no bot, so it tells nobody: the cadre and the next approver see the decision in the
// PWA (and the bot's own path keeps notifying).
import { and, asc, desc, eq, gte, inArray, lte } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute, validator } from 'hono-openapi';
import { z } from 'zod';
import { decideLeave, leaveDays, type Approver } from '../../core/attendance';
import {
  inScope,
  leaveForDecision,
  recordLeaveDecision,
  waitingStepIs,
} from '../../db/queries/leave';
import {
  assignments,
  cadres,
  leaveApprovals,
  leaveRequests,
  orgUnits,
  users,
} from '../../db/schema';
import {
  audit,
  dateSchema,
  idParam,
  idSchema,
  todayOf,
  type Role,
  type Vars,
} from './cadre-records';
import type { ApiEnv } from './env';
import { conflict, notFound, refused } from './errors';
import { cadreScope } from './scope';
import { requireRole } from './session';
import { invalidInput } from './validate';

/** The offices of the approval chain (core's Approver). */
const approverRoles = ['township', 'dispatchingUnit', 'county'] as const satisfies readonly Role[];
/** Who reads leave in scope: the approvers, and the province for oversight. Leave reasons can be
 * medical, so inspectors, discipline inspection and admins do not. */
const readerRoles = [...approverRoles, 'province'] as const satisfies readonly Role[];

const refusalTexts: Record<string, [string, string]> = {
  'leave-not-pending': ['这份请假已经处理完毕或已撤回。', 'This leave is no longer pending.'],
  'not-your-step': [
    '这份请假现在不在您审批的环节。',
    'This leave is not at your step of its approval chain.',
  ],
};

const decisionBody = z.object({
  decision: z.enum(['approved', 'rejected']),
  comment: z.string().trim().max(1000).optional(),
});

const historyQuery = z.object({
  cadreId: idSchema.optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
});

export const leaveRoutes = new Hono<ApiEnv>()
  .get(
    '/waiting',
    describeRoute({
      tags: ['leave'],
      summary: 'Pending leave whose current step is my role, in my scope (§1.2)',
    }),
    async (c) => {
      const user = requireRole(c, approverRoles);
      const rows = await c.var.db
        .select(leaveColumns)
        .from(leaveRequests)
        .innerJoin(cadres, eq(cadres.id, leaveRequests.cadreId))
        .innerJoin(assignments, eq(assignments.id, leaveRequests.assignmentId))
        .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
        .where(and(waitingStepIs(user.role), cadreScope(user)))
        .orderBy(asc(leaveRequests.startsOn), asc(leaveRequests.id))
        .limit(500);
      return c.json({ leave: await withApprovals(c, rows) });
    },
  )
  .get(
    '/',
    describeRoute({
      tags: ['leave'],
      summary: 'Leave history in my scope, by cadre and dates (overlapping from…to)',
    }),
    validator('query', historyQuery, invalidInput),
    async (c) => {
      const user = requireRole(c, readerRoles);
      const q = c.req.valid('query');
      const rows = await c.var.db
        .select(leaveColumns)
        .from(leaveRequests)
        .innerJoin(cadres, eq(cadres.id, leaveRequests.cadreId))
        .innerJoin(assignments, eq(assignments.id, leaveRequests.assignmentId))
        .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
        .where(
          and(
            cadreScope(user),
            q.cadreId === undefined ? undefined : eq(leaveRequests.cadreId, q.cadreId),
            q.from === undefined ? undefined : gte(leaveRequests.endsOn, q.from),
            q.to === undefined ? undefined : lte(leaveRequests.startsOn, q.to),
          ),
        )
        .orderBy(desc(leaveRequests.startsOn), desc(leaveRequests.id))
        .limit(500);
      return c.json({ leave: await withApprovals(c, rows) });
    },
  )
  .post(
    '/:id/decision',
    describeRoute({
      tags: ['leave'],
      summary: 'Approve or reject a leave at my step, with a comment (§1.2)',
      description:
        '422 with `error` = core’s reason (`not-your-step`, `leave-not-pending`) and `clause`; 404 for a leave outside my scope.',
    }),
    validator('param', idParam, invalidInput),
    validator('json', decisionBody, invalidInput),
    async (c) => {
      const user = requireRole(c, approverRoles);
      const { id } = c.req.valid('param');
      const { decision, comment } = c.req.valid('json');
      const found = await leaveForDecision(c.var.db, id);
      // A leave outside the scope is not found, whatever its state: its existence is not told.
      const scoped = found !== undefined && inScope(user, found);
      if (!found || !scoped) throw notFound();
      const result = decideLeave(
        { state: found.state, chain: found.chain, approvals: found.approvals },
        { role: user.role, inScope: scoped },
        decision,
      );
      if (!result.ok) {
        const [zh, en] = refusalTexts[result.reason] ?? ['不能处理这份请假。', 'Refused.'];
        throw refused(result.reason, result.clause, zh, en);
      }
      const today = todayOf(c);
      const recorded = await recordLeaveDecision(c.var.db, {
        leaveId: id,
        step: result.step,
        role: found.chain[result.step]!,
        userId: user.id,
        decision,
        state: result.state,
        comment: comment || null,
        now: c.var.now,
        today,
      });
      if (!recorded) {
        throw conflict(
          'leave-step-decided',
          '这一步刚刚已由他人处理。',
          'Someone else has just decided this step.',
        );
      }
      const notifier = c.var.notifier;
      if (notifier) c.var.afterCommit.push(() => notifier.leaveDecided(id, result.step));
      await audit(c, user, `leave.${decision}`, 'leave', id, {
        cadreId: found.leave.cadreId,
        step: result.step,
        role: found.chain[result.step],
        state: result.state,
        next: result.next,
        comment: comment || null,
      });
      return c.json({
        id,
        decision,
        step: result.step,
        state: result.state,
        next: result.next,
        approvedOn: result.state === 'approved' ? today : null,
      });
    },
  );

const leaveColumns = {
  id: leaveRequests.id,
  cadreId: leaveRequests.cadreId,
  cadreName: cadres.name,
  villageId: orgUnits.id,
  village: orgUnits.name,
  kind: leaveRequests.kind,
  startsOn: leaveRequests.startsOn,
  endsOn: leaveRequests.endsOn,
  reason: leaveRequests.reason,
  state: leaveRequests.state,
  approvalChain: leaveRequests.approvalChain,
  requestedAt: leaveRequests.requestedAt,
  approvedOn: leaveRequests.approvedOn,
  decidedAt: leaveRequests.decidedAt,
  returnedOn: leaveRequests.returnedOn,
};

/** The rows with their days, their decisions so far and the step now waiting. */
async function withApprovals<
  T extends {
    id: number;
    startsOn: string;
    endsOn: string;
    state: string;
    approvalChain: string[];
  },
>(c: Vars, rows: T[]) {
  const ids = rows.map((r) => r.id);
  const decisions =
    ids.length === 0
      ? []
      : await c.var.db
          .select({
            leaveId: leaveApprovals.leaveId,
            step: leaveApprovals.step,
            role: leaveApprovals.role,
            decision: leaveApprovals.decision,
            comment: leaveApprovals.comment,
            decidedAt: leaveApprovals.decidedAt,
            by: users.displayName,
          })
          .from(leaveApprovals)
          .innerJoin(users, eq(users.id, leaveApprovals.userId))
          .where(inArray(leaveApprovals.leaveId, ids))
          .orderBy(asc(leaveApprovals.step));
  return rows.map((row) => {
    const approvals = decisions
      .filter((d) => d.leaveId === row.id)
      .map(({ leaveId: _, ...d }) => d);
    const approvedSteps = approvals.filter((a) => a.decision === 'approved').length;
    return {
      ...row,
      days: leaveDays(row.startsOn, row.endsOn),
      approvals,
      waitingFor:
        row.state === 'pending' ? ((row.approvalChain[approvedSteps] as Approver) ?? null) : null,
    };
  });
}
