// The daily check-in reminder (§1.1, §1.2): each linked cadre in post who has not checked in today
// and is not on approved leave gets one message with the one-tap 📍 button — a prompt, never a
// reproach (the State Council's rules on government apps, design/architecture.md). Per county: a
// county may switch it off or move it (job_settings); the scheduler passes the counties.
import { and, eq, gte, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { isJustifiedAbsence, type LeaveRecord } from '../../core/attendance';
import type { Database } from '../../db/database';
import {
  assignments,
  botLinks,
  checkIns,
  jobRuns,
  leaveRequests,
  orgUnits,
  verifiedPresence,
} from '../../db/schema';
import { notifyCadre } from '../../bot/notify';
import type { Job, JobContext } from './job';
import { runKey } from './runner';

export const checkInReminder: Job = {
  name: 'checkInReminder',
  description:
    '每日打卡提醒：今天还没有打卡、也不在请假中的驻村干部收到一条提醒（§1.1、§1.2）/ daily check-in reminder: one message to each linked cadre who has not checked in today and is not on leave',
  // 每月在村工作时间原则上不少于20天 — §1.2
  // [decision: every day, weekends and holidays included: §1.2 counts calendar days in the village,
  //  not working days (clauses.md §1.2), so a Sunday in the village counts like a Monday and is
  //  lost without a check-in. The text says to ignore it when away; a county that wants working
  //  days only sets its own rule (job_settings), e.g. FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;…]
  rule: 'FREQ=DAILY;BYHOUR=9;BYMINUTE=30',
  // Until about half past noon: a reminder in the afternoon of a missed morning still helps the
  // day count; one caught up in the evening would not.
  catchUpMinutes: 180,
  perCounty: true,
  async run(ctx) {
    const job = checkInReminder;
    const paths = await countyPaths(ctx.db, ctx.counties);
    const candidates = await notCheckedIn(ctx.db, ctx.day, paths);
    const leaves = await leavesOn(ctx.db, ctx.day, paths);
    // 特殊情况需请假的……严格履行书面请销假手续 — §1.2: on approved leave today, as core reads it
    // (approved, up to the day before the return), no reminder.
    const due = candidates.filter(
      (c) => !isJustifiedAbsence(leaves.get(c.cadreId) ?? [], ctx.day, ctx.day),
    );
    const result = {
      day: ctx.day,
      notCheckedIn: candidates.length,
      onLeave: candidates.length - due.length,
    };
    if (!ctx.outbox) return { ...result, bot: false, wouldRemind: due.length };

    // [decision: one message per cadre and occurrence, also when a run is retried after its
    //  process died half-way: cadres go in ascending id, and before each send the occurrence's own
    //  job_runs row records "done through cadre N" (occurrenceProgress below); the retry (the
    //  runner takes over a run left 'running') skips them. Marked before sending, so a death
    //  between the two costs that one cadre the day's reminder instead of sending anyone two. A run
    //  that fails with an error (the database, as notify() never throws) starts over, since the
    //  runner clears `result` on failure: those reminded before the error hear twice]
    const progress = await occurrenceProgress(ctx, job);
    let reminded = 0;
    let unreachable = 0;
    for (const cadre of due) {
      if (progress.done(cadre.cadreId)) continue;
      await progress.mark(cadre.cadreId);
      const ok = await notifyCadre(ctx.outbox.api, ctx.outbox.texts, cadre, (t) =>
        t('checkin-reminder', { date: ctx.day }),
      );
      if (ok) reminded++;
      else unreachable++;
    }
    const { resumedAfter } = progress;
    return { ...result, reminded, unreachable, ...(resumedAfter !== null ? { resumedAfter } : {}) };
  },
};

/** Linked cadres in post on `day` in the villages under `paths`, with no check-in that day. */
async function notCheckedIn(db: Database, day: string, paths: string[] | undefined) {
  // [decision: any check-in today, inside the geofence or not, and presence the township verified
  //  count as "checked in": the reminder is for those who sent nothing; whether a day counts is the
  //  month's business (§1.1)]
  const rows = await db
    .select({
      cadreId: botLinks.cadreId,
      telegramUserId: botLinks.telegramUserId,
      languageCode: botLinks.languageCode,
    })
    .from(botLinks)
    .innerJoin(assignments, eq(assignments.cadreId, botLinks.cadreId))
    .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
    .where(
      and(
        inPost(day),
        under(orgUnits.path, paths),
        sql`not exists (select 1 from ${checkIns} where ${checkIns.cadreId} = ${assignments.cadreId} and ${checkIns.localDate} = ${day})`,
        sql`not exists (select 1 from ${verifiedPresence} where ${verifiedPresence.cadreId} = ${assignments.cadreId} and ${verifiedPresence.date} = ${day})`,
      ),
    )
    .orderBy(botLinks.cadreId);
  // Two assignments overlapping on the day (one ending, the next starting) give one cadre twice.
  return rows.flatMap((r, i) =>
    r.cadreId !== null && r.cadreId !== rows[i - 1]?.cadreId ? [{ ...r, cadreId: r.cadreId }] : [],
  );
}

/** Approved leaves covering `day` of the cadres in post under `paths`, by cadre, for core. */
async function leavesOn(db: Database, day: string, paths: string[] | undefined) {
  const rows = await db
    .select({
      cadreId: leaveRequests.cadreId,
      from: leaveRequests.startsOn,
      to: leaveRequests.endsOn,
      approved: leaveRequests.approvedOn,
      returned: leaveRequests.returnedOn,
    })
    .from(leaveRequests)
    .innerJoin(assignments, eq(assignments.id, leaveRequests.assignmentId))
    .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
    .where(
      and(
        eq(leaveRequests.state, 'approved'),
        lte(leaveRequests.startsOn, day),
        gte(leaveRequests.endsOn, day),
        inPost(day),
        under(orgUnits.path, paths),
      ),
    );
  const byCadre = new Map<number, LeaveRecord[]>();
  for (const { cadreId, ...leave } of rows) {
    byCadre.set(cadreId, [...(byCadre.get(cadreId) ?? []), leave]);
  }
  return byCadre;
}

/** The assignment (joined) is in force on `day`. */
export function inPost(day: string): SQL {
  return and(
    lte(assignments.startsOn, day),
    or(isNull(assignments.endsOn), gte(assignments.endsOn, day)),
  )!;
}

/** The org paths of the counties a per-county occurrence is for; undefined means every county. */
export async function countyPaths(
  db: Database,
  counties: readonly number[] | undefined,
): Promise<string[] | undefined> {
  if (counties === undefined) return undefined;
  if (counties.length === 0) return [];
  const rows = await db
    .select({ path: orgUnits.path })
    .from(orgUnits)
    .where(inArray(orgUnits.id, [...counties]));
  return rows.map((r) => r.path);
}

/** The path column lies under one of `paths` (an indexed prefix match each); any when undefined. */
export function under(column: PgColumn, paths: readonly string[] | undefined): SQL | undefined {
  if (paths === undefined) return undefined;
  if (paths.length === 0) return sql`false`;
  return or(...paths.map((p) => sql`${column} like ${`${p}%`}`));
}

// ——— Progress inside the occurrence's job_runs row ———

export interface Progress {
  /** The last id done by an earlier attempt at this occurrence, or null on a first attempt. */
  resumedAfter: number | null;
  /** Whether an earlier attempt did this id (ids go in ascending order). */
  done(id: number): boolean;
  /** Records that this id is being done: call it before the message goes. */
  mark(id: number): Promise<void>;
}

/**
 * The progress of a send loop over ascending ids, kept as `{ through: id }` in the result of the
 * occurrence's own job_runs row while it runs (runner.ts replaces it with the final result). A retry
 * of an occurrence whose process died (the runner takes over a stale 'running' row) resumes after
 * the last id marked. Without a row (a job run outside the runner) nothing is kept.
 */
export async function occurrenceProgress(ctx: JobContext, job: Job): Promise<Progress> {
  const key = await runRowKey(ctx, job);
  const row = and(
    eq(jobRuns.job, key),
    eq(jobRuns.occurrence, ctx.occurrence),
    eq(jobRuns.state, 'running'),
  );
  const [found] = await ctx.db.select({ result: jobRuns.result }).from(jobRuns).where(row);
  const through = (found?.result as { through?: unknown } | null | undefined)?.through;
  const resumedAfter = typeof through === 'number' ? through : null;
  return {
    resumedAfter,
    done: (id) => resumedAfter !== null && id <= resumedAfter,
    async mark(id) {
      await ctx.db
        .update(jobRuns)
        .set({ result: { through: id } })
        .where(row);
    },
  };
}

/** The key the runner recorded this occurrence under: a county with its own rule has its own. */
async function runRowKey(ctx: JobContext, job: Job): Promise<string> {
  const [only] = ctx.counties ?? [];
  if (ctx.counties?.length === 1 && only !== undefined) {
    const own = runKey(job, `county:${only}`);
    const [row] = await ctx.db
      .select({ job: jobRuns.job })
      .from(jobRuns)
      .where(and(eq(jobRuns.job, own), eq(jobRuns.occurrence, ctx.occurrence)));
    if (row) return own;
  }
  return runKey(job);
}
