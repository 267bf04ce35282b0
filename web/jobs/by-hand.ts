// What `npm run jobs` shows and does, shared by the in-process CLI and the running server's /dev
// routes: each job with its next occurrences and last runs, and one occurrence run by hand.
import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../db/database';
import { jobRuns } from '../../db/schema';
import type { Job, JobContext } from './job';
import { nextOccurrences } from './recurrence';
import { runOccurrence, type RunOutcome } from './runner';
import { instancesOf } from './scheduler';

export interface JobListing {
  name: string;
  description: string;
  rule: string;
  catchUpMinutes: number;
  /** The default rule and each county's own, with their next occurrences (ISO instants). */
  instances: Array<{ instance?: string; rule: string; counties?: number[]; next: string[] }>;
  lastRuns: Array<{
    job: string;
    occurrence: string;
    state: string;
    attempts: number;
    error: string | null;
  }>;
}

export async function listJobs(
  db: Database,
  jobs: readonly Job[],
  now: Date,
): Promise<JobListing[]> {
  const listing: JobListing[] = [];
  for (const job of jobs) {
    const instances = await instancesOf(db, job);
    const runs = await db
      .select()
      .from(jobRuns)
      .where(eq(jobRuns.job, job.name))
      .orderBy(desc(jobRuns.occurrence))
      .limit(3);
    listing.push({
      name: job.name,
      description: job.description,
      rule: job.rule,
      catchUpMinutes: job.catchUpMinutes,
      instances: instances.map((i) => ({
        ...i,
        next: nextOccurrences(i.rule, now, 3).map((d) => d.toISOString()),
      })),
      lastRuns: runs.map((r) => ({
        job: r.job,
        occurrence: r.occurrence.toISOString(),
        state: r.state,
        attempts: r.attempts,
        error: r.error,
      })),
    });
  }
  return listing;
}

/**
 * Runs `job` for the occurrence `at` by hand, recorded like a scheduled one (so the scheduler will
 * not run that occurrence again); `force` runs it again though it is done or failed.
 */
export async function runByHand(
  db: Database,
  job: Job,
  at: Date,
  options: { now: Date; force?: boolean; outbox?: JobContext['outbox']; log?(line: string): void },
): Promise<RunOutcome> {
  if (options.force) {
    // Done occurrences are not retried by the runner: mark this one failed so the claim succeeds.
    await db
      .update(jobRuns)
      .set({ state: 'failed', finishedAt: options.now, error: 'run again by hand' })
      .where(and(eq(jobRuns.job, job.name), eq(jobRuns.occurrence, at), eq(jobRuns.state, 'done')));
  }
  // By hand, a per-county job covers every county that has not switched it off.
  const counties = job.perCounty
    ? (await instancesOf(db, job)).flatMap((i) => i.counties ?? [])
    : undefined;
  return runOccurrence(job, at, {
    db,
    now: options.now,
    outbox: options.outbox,
    counties,
    force: options.force,
    log: options.log,
  });
}
