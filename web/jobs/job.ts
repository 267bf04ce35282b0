// What a scheduled job is: a name, a recurrence rule in Beijing wall-clock time, how late a missed
// occurrence may still run, and the work. The jobs themselves are listed in schedule.ts.
import type { LocalDate } from '../../core/calendar/local-date';
import type { Database } from '../../db/database';
import type { Outbox } from '../../bot/notify';

export interface JobContext {
  db: Database;
  /** The occurrence being run: its scheduled instant. */
  occurrence: Date;
  /** The occurrence's day in Beijing. */
  day: LocalDate;
  /** When the run actually started (later than `occurrence` after downtime). */
  now: Date;
  /**
   * The counties this occurrence is for: undefined for a job that is not set per county; else the
   * ids of the counties whose rule (their own, or the default) produced this occurrence.
   */
  counties?: number[];
  /** The bot's way to people, when the bot runs; without it a job still does its database part. */
  outbox?: Outbox;
  log(line: string): void;
}

/** What a run reports; kept as the run's `result` (job_runs), so keep it small. */
export type JobResult = Record<string, unknown>;

export interface Job {
  name: string;
  /** What it does, for `npm run jobs -- list`: Chinese first, then English. */
  description: string;
  /** An RFC 5545 RRULE in Beijing wall-clock time, e.g. 'FREQ=DAILY;BYHOUR=9;BYMINUTE=30'. */
  rule: string;
  /**
   * How late an occurrence may still run after downtime, in minutes: a check-in reminder at noon
   * helps nobody at midnight, a month close must run however late. Older ones are not run.
   */
  catchUpMinutes: number;
  /** A county may switch it off or give it another rule (job_settings). */
  perCounty?: boolean;
  run(ctx: JobContext): Promise<JobResult>;
}
