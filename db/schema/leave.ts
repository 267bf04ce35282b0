// Leave (请假) with its approval chain, and the report back (销假) — §1.2.
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { checkIns } from './attendance';
import { assignmentColumns } from './cadres';
import { role } from './enums';
import { users } from './users';

export const leaveKind = pgEnum('leave_kind', ['personal', 'sick', 'official', 'other']);
export const leaveState = pgEnum('leave_state', ['pending', 'approved', 'rejected', 'withdrawn']);
export const approvalDecision = pgEnum('approval_decision', ['approved', 'rejected']);

export const leaveRequests = pgTable(
  'leave_requests',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    ...assignmentColumns(),
    kind: leaveKind().notNull(),
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    reason: text().notNull(),
    state: leaveState().notNull().default('pending'),
    /** The roles that must approve, in order, fixed when requested. */
    approvalChain: jsonb().$type<string[]>().notNull(),
    /** The Telegram update (or client key) that asked: a retried request is not filed twice. */
    requestKey: text().unique(),
    requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The day the last approver approved: only from then is the absence justified (§1.2). */
    approvedOn: date({ mode: 'string' }),
    decidedAt: timestamp({ withTimezone: true }),
    /** 销假: the day the cadre reported back. */
    returnedOn: date({ mode: 'string' }),
    returnCheckInId: bigint({ mode: 'number' }).references(() => checkIns.id),
  },
  (t) => [
    index('leave_requests_cadre_idx').on(t.cadreId, t.startsOn),
    index('leave_requests_assignment_idx').on(t.assignmentId, t.startsOn),
    index('leave_requests_pending_idx')
      .on(t.state)
      .where(sql`${t.state} = 'pending'`),
    check('leave_requests_dates', sql`${t.endsOn} >= ${t.startsOn}`),
    check(
      'leave_requests_approved',
      sql`(${t.state} = 'approved') = (${t.approvedOn} is not null)`,
    ),
    check(
      'leave_requests_return',
      sql`${t.returnedOn} is null or ${t.returnedOn} >= ${t.startsOn}`,
    ),
  ],
);

export const leaveApprovals = pgTable(
  'leave_approvals',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    leaveId: integer()
      .notNull()
      .references(() => leaveRequests.id),
    /** Position in the approval chain, from 0. */
    step: smallint().notNull(),
    role: role().notNull(),
    decision: approvalDecision().notNull(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    comment: text(),
    decidedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('leave_approvals_one_per_step').on(t.leaveId, t.step)],
);
