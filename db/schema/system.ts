// System records: the hash-chained audit log, the calendar data imported by admins, counties'
// parameter overrides, counties' job settings, and job runs (one row per job occurrence: exactly
// once).
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { role } from './enums';
import { orgUnits } from './org';
import { users } from './users';

/** Append-only (a trigger refuses updates and deletes); each row's hash covers the previous one. */
export const auditLog = pgTable('audit_log', {
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  actorUserId: integer().references(() => users.id),
  actorRole: role(),
  action: text().notNull(),
  entity: text().notNull(),
  entityId: text(),
  detail: jsonb().notNull().default({}),
  prevHash: text(),
  hash: text().notNull().unique(),
});

/** A national holiday schedule imported as data after the built-in years (core/calendar). */
export const holidaySchedules = pgTable('holiday_schedules', {
  year: smallint().primaryKey(),
  schedule: jsonb().notNull(),
  importedByUserId: integer().references(() => users.id),
  importedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const calendarDayKind = pgEnum('calendar_day_kind', ['holiday', 'workday']);

/** Local holidays and extra working days of an org unit's subtree (e.g. a prefecture's 苗年). */
export const calendarDays = pgTable(
  'calendar_days',
  {
    orgUnitId: integer()
      .notNull()
      .references(() => orgUnits.id),
    date: date({ mode: 'string' }).notNull(),
    kind: calendarDayKind().notNull(),
    name: text().notNull(),
    createdByUserId: integer().references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.orgUnitId, t.date] })],
);

/** A county's (or any unit's) override of a parameter of core/parameters.ts. */
export const parameterOverrides = pgTable(
  'parameter_overrides',
  {
    orgUnitId: integer()
      .notNull()
      .references(() => orgUnits.id),
    name: text().notNull(),
    value: doublePrecision().notNull(),
    setByUserId: integer().references(() => users.id),
    setAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgUnitId, t.name] })],
);

/**
 * A county's own setting of a scheduled job (web/jobs/): off, or at another time (an RRULE in
 * Beijing wall-clock time). Without a row the job runs on its default rule.
 */
export const jobSettings = pgTable(
  'job_settings',
  {
    orgUnitId: integer()
      .notNull()
      .references(() => orgUnits.id),
    job: text().notNull(),
    enabled: boolean().notNull().default(true),
    rule: text(),
    setByUserId: integer().references(() => users.id),
    setAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgUnitId, t.job] })],
);

export const jobState = pgEnum('job_state', ['running', 'done', 'failed']);

export const jobRuns = pgTable(
  'job_runs',
  {
    job: text().notNull(),
    occurrence: timestamp({ withTimezone: true }).notNull(),
    state: jobState().notNull().default('running'),
    attempts: smallint().notNull().default(1),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    error: text(),
    result: jsonb(),
  },
  (t) => [
    primaryKey({ columns: [t.job, t.occurrence] }),
    check('job_runs_finished', sql`(${t.state} = 'running') = (${t.finishedAt} is null)`),
  ],
);
