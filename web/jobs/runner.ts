// Running one occurrence of one job exactly once: the (job, occurrence) row of job_runs is claimed
// first — inserted, or taken over from a failed run, or from a run that has been 'running' so long
// that its process must have died — and only the process whose claim succeeded does the work. Two
// processes, a retried Cron Trigger or a catch-up after downtime all meet at that row.
import { and, eq, lt, sql } from 'drizzle-orm';
import { shanghaiDate } from '../../core/calendar/local-date';
import type { Database } from '../../db/database';
import { jobRuns } from '../../db/schema';
import type { Job, JobContext, JobResult } from './job';

/** A run still 'running' after this long is taken to have died with its process. */
export const STALE_RUN_MINUTES = 30;
/** A failing occurrence is tried this many times in all, then left for a person (npm run jobs). */
export const MAX_ATTEMPTS = 3;

export type RunOutcome =
  | { ran: true; state: 'done'; result: JobResult }
  | { ran: true; state: 'failed'; error: string }
  /** Not run here: done already, running elsewhere, or failed too often. */
  | { ran: false; reason: 'done' | 'running' | 'failed' };

export interface RunOptions {
  db: Database;
  now: Date;
  outbox?: JobContext['outbox'];
  counties?: number[];
  log?: (line: string) => void;
}

/** The key an occurrence is recorded under: the job, and for a county's own rule its id. */
export const runKey = (job: Job, instance?: string) =>
  instance ? `${job.name}@${instance}` : job.name;

export async function runOccurrence(
  job: Job,
  occurrence: Date,
  options: RunOptions & { instance?: string; force?: boolean },
): Promise<RunOutcome> {
  const { db, now } = options;
  const key = runKey(job, options.instance);
  // By hand (npm run jobs -- run) a failed occurrence may be tried again whatever its attempts.
  const maxAttempts = options.force ? 32_767 : MAX_ATTEMPTS; // attempts is a smallint
  if (!(await claim(db, key, occurrence, now, maxAttempts))) {
    const [row] = await db
      .select({ state: jobRuns.state })
      .from(jobRuns)
      .where(and(eq(jobRuns.job, key), eq(jobRuns.occurrence, occurrence)));
    return { ran: false, reason: row?.state ?? 'running' };
  }
  const log = options.log ?? (() => {});
  try {
    const result = await job.run({
      db,
      occurrence,
      day: shanghaiDate(occurrence),
      now,
      counties: options.counties,
      outbox: options.outbox,
      log,
    });
    await finish(db, key, occurrence, { state: 'done', result });
    return { ran: true, state: 'done', result };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    log(`${key} ${occurrence.toISOString()}: ${message}`);
    await finish(db, key, occurrence, { state: 'failed', error: message });
    return { ran: true, state: 'failed', error: message };
  }
}

/** True when this process now owns the occurrence. */
async function claim(
  db: Database,
  job: string,
  occurrence: Date,
  now: Date,
  maxAttempts: number,
): Promise<boolean> {
  const inserted = await db
    .insert(jobRuns)
    .values({ job, occurrence, startedAt: now })
    .onConflictDoNothing()
    .returning({ job: jobRuns.job });
  if (inserted.length > 0) return true;
  // A failed run is retried; a run 'running' for too long died with its process. One UPDATE with
  // the condition decides, so of two processes trying at once only one gets the row.
  const staleBefore = new Date(now.getTime() - STALE_RUN_MINUTES * 60_000);
  const taken = await db
    .update(jobRuns)
    .set({
      state: 'running',
      attempts: sql`${jobRuns.attempts} + 1`,
      startedAt: now,
      finishedAt: null,
      error: null,
    })
    .where(
      and(
        eq(jobRuns.job, job),
        eq(jobRuns.occurrence, occurrence),
        sql`((${jobRuns.state} = 'failed' and ${jobRuns.attempts} < ${maxAttempts})
          or (${jobRuns.state} = 'running' and ${lt(jobRuns.startedAt, staleBefore)}))`,
      ),
    )
    .returning({ job: jobRuns.job });
  return taken.length > 0;
}

async function finish(
  db: Database,
  job: string,
  occurrence: Date,
  outcome: { state: 'done'; result: JobResult } | { state: 'failed'; error: string },
) {
  await db
    .update(jobRuns)
    .set({
      state: outcome.state,
      finishedAt: new Date(),
      // A failed run keeps the progress it recorded in `result` (a job may resume from it).
      ...(outcome.state === 'done'
        ? { result: outcome.result, error: null }
        : { error: outcome.error }),
    })
    .where(and(eq(jobRuns.job, job), eq(jobRuns.occurrence, occurrence)));
}
