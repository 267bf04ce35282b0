// When jobs run: each job's rule (or a county's own, job_settings) gives its occurrences; those due
// now and not older than the job's catch-up window are run, each exactly once (runner.ts). On Node
// an in-process timer does this every minute in the one process that holds the leadership (a
// PostgreSQL advisory lock); on Workers the Cron Trigger's scheduled handler calls runDue().
import { eq } from 'drizzle-orm';
import type { Leadership } from '../../db/client';
import type { Database } from '../../db/database';
import { jobSettings, orgUnits } from '../../db/schema';
import type { Job, JobContext } from './job';
import { occurrencesBetween } from './recurrence';
import { runOccurrence, type RunOutcome } from './runner';

/** At most this many occurrences of one job are caught up at once (a long downtime). */
export const MAX_CATCH_UP = 31;

export interface Due {
  job: Job;
  occurrence: Date;
  /** For a county with its own rule: 'county:<id>'. */
  instance?: string;
  counties?: number[];
}

/** A job's rules now: the default for most counties, and each county's own where it set one. */
export async function instancesOf(
  db: Database,
  job: Job,
): Promise<Array<{ rule: string; instance?: string; counties?: number[] }>> {
  if (!job.perCounty) return [{ rule: job.rule }];
  const [counties, settings] = await Promise.all([
    db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.level, 'county')),
    db.select().from(jobSettings).where(eq(jobSettings.job, job.name)),
  ]);
  const own = new Map(settings.map((s) => [s.orgUnitId, s]));
  const byDefault: number[] = [];
  const instances: Array<{ rule: string; instance?: string; counties?: number[] }> = [];
  for (const { id } of counties) {
    const setting = own.get(id);
    if (setting && !setting.enabled) continue;
    if (setting?.rule)
      instances.push({ rule: setting.rule, instance: `county:${id}`, counties: [id] });
    else byDefault.push(id);
  }
  if (byDefault.length > 0) instances.unshift({ rule: job.rule, counties: byDefault });
  return instances;
}

/** Occurrences due at `now`: past, and within each job's catch-up window (the latest ones). */
export async function dueOccurrences(
  db: Database,
  jobs: readonly Job[],
  now: Date,
): Promise<Due[]> {
  const due: Due[] = [];
  for (const job of jobs) {
    const since = new Date(now.getTime() - job.catchUpMinutes * 60_000);
    for (const { rule, instance, counties } of await instancesOf(db, job)) {
      for (const occurrence of occurrencesBetween(rule, since, now).slice(-MAX_CATCH_UP)) {
        due.push({ job, occurrence, instance, counties });
      }
    }
  }
  return due.sort((a, b) => a.occurrence.getTime() - b.occurrence.getTime());
}

export interface RunDueOptions {
  db: Database;
  jobs: readonly Job[];
  now: Date;
  outbox?: JobContext['outbox'];
  log?: (line: string) => void;
}

/** Runs every due occurrence not yet run; what a Cron Trigger or a scheduler tick does. */
export async function runDue(
  options: RunDueOptions,
): Promise<Array<Due & { outcome: RunOutcome }>> {
  const log = options.log ?? (() => {});
  const ran: Array<Due & { outcome: RunOutcome }> = [];
  for (const due of await dueOccurrences(options.db, options.jobs, options.now)) {
    const outcome = await runOccurrence(due.job, due.occurrence, { ...options, ...due });
    if (outcome.ran) {
      log(
        `${due.job.name}${due.instance ? `@${due.instance}` : ''} ${due.occurrence.toISOString()}: ${outcome.state}`,
      );
    }
    ran.push({ ...due, outcome });
  }
  return ran;
}

export interface SchedulerOptions extends Omit<RunDueOptions, 'now'> {
  clock?: () => Date;
  tryLeadership(): Promise<Leadership | undefined>;
  intervalMs?: number;
}

/**
 * Starts the in-process scheduler (Node): a tick now and every minute; a tick that finds this
 * process without the leadership tries to take it, and does nothing else. stop() waits for a
 * running tick and releases the leadership.
 */
export function startScheduler(options: SchedulerOptions): { stop(): Promise<void> } {
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? (() => {});
  let leadership: Leadership | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const tick = async () => {
    if (leadership && !(await leadership.held().catch(() => false))) {
      log('调度：失去主节点身份 / scheduler: leadership lost');
      leadership = undefined;
    }
    leadership ??= await options.tryLeadership().catch(() => undefined);
    if (!leadership || stopped) return;
    await runDue({ ...options, now: clock() }).catch((error: Error) =>
      log(`调度出错 / scheduler: ${error.message}`),
    );
  };
  const schedule = () => {
    running = running.then(tick);
  };
  schedule();
  const timer = setInterval(schedule, options.intervalMs ?? 60_000);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await leadership?.release().catch(() => {});
    },
  };
}
