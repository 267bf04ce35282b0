// Presence in the village (§1.1, §1.2): check-ins from the bot and presence verified by the
// township; the 民情日记 field diary (§2.5).
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  real,
  text,
  timestamp,
  unique,
} from 'drizzle-orm/pg-core';
import { assignmentColumns } from './cadres';
import { orgUnits } from './org';
import { users } from './users';
import { createdAt } from './columns';

export const checkIns = pgTable(
  'check_ins',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ...assignmentColumns(),
    villageId: integer()
      .notNull()
      .references(() => orgUnits.id),
    /** The Telegram update that carried it: one check-in per update, whatever the retries. */
    telegramUpdateId: bigint({ mode: 'number' }).unique(),
    at: timestamp({ withTimezone: true }).notNull(),
    /** The day in Asia/Shanghai, fixed when recorded. */
    localDate: date({ mode: 'string' }).notNull(),
    latitude: doublePrecision().notNull(),
    longitude: doublePrecision().notNull(),
    accuracyMetres: real(),
    /** Sent as live location (live_period). */
    live: boolean().notNull().default(false),
    inside: boolean().notNull(),
    distanceMetres: integer().notNull(),
    photoFileId: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index('check_ins_cadre_date_idx').on(t.cadreId, t.localDate),
    // One assignment's month so far, after every check-in (db/queries/attendance.ts cadreMonth).
    index('check_ins_assignment_date_idx').on(t.assignmentId, t.localDate),
    index('check_ins_village_date_idx').on(t.villageId, t.localDate),
    // The month close reads one month of every cadre (web/jobs/month-close.ts).
    index('check_ins_date_idx').on(t.localDate),
    check('check_ins_distance', sql`${t.distanceMetres} >= 0`),
  ],
);

/** Presence verified by the township (counts like an inside check-in, §1.1). */
export const verifiedPresence = pgTable(
  'verified_presence',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    ...assignmentColumns(),
    date: date({ mode: 'string' }).notNull(),
    verifiedByUserId: integer()
      .notNull()
      .references(() => users.id),
    note: text(),
    createdAt: createdAt(),
  },
  (t) => [unique('verified_presence_cadre_date').on(t.cadreId, t.date)],
);

export const diaryEntries = pgTable(
  'diary_entries',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    ...assignmentColumns(),
    localDate: date({ mode: 'string' }).notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    text: text(),
    photoFileId: text(),
    voiceFileId: text(),
    telegramUpdateId: bigint({ mode: 'number' }).unique(),
    createdAt: createdAt(),
  },
  (t) => [
    index('diary_entries_cadre_date_idx').on(t.cadreId, t.localDate),
    index('diary_entries_assignment_date_idx').on(t.assignmentId, t.localDate),
    index('diary_entries_date_idx').on(t.localDate),
    check(
      'diary_entries_content',
      sql`${t.text} is not null or ${t.photoFileId} is not null or ${t.voiceFileId} is not null`,
    ),
  ],
);
