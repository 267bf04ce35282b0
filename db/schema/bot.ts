// Telegram links, invitations, processed updates (for exactly-once handling) and bot sessions
// (conversation state lives in the database so any process or Worker can take the next update).
import { sql } from 'drizzle-orm';
import { bigint, check, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { cadres } from './cadres';
import { users } from './users';
import { createdAt } from './columns';

export const botLinks = pgTable(
  'bot_links',
  {
    telegramUserId: bigint({ mode: 'number' }).primaryKey(),
    cadreId: integer()
      .unique()
      .references(() => cadres.id),
    userId: integer()
      .unique()
      .references(() => users.id),
    /** The user's Telegram language when linked: messages we start (notifications) use it. */
    languageCode: text(),
    linkedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('bot_links_target', sql`${t.cadreId} is not null or ${t.userId} is not null`)],
);

/** One-time invitation to link a Telegram account to a cadre or a supervisor. */
export const invitations = pgTable(
  'invitations',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** SHA-256 of the code in the deep link. */
    codeHash: text().notNull().unique(),
    cadreId: integer().references(() => cadres.id),
    userId: integer().references(() => users.id),
    createdByUserId: integer().references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [check('invitations_target', sql`(${t.cadreId} is null) <> (${t.userId} is null)`)],
);

/** Every Telegram update handled, so a retried delivery is acknowledged without acting twice. */
export const processedUpdates = pgTable('processed_updates', {
  updateId: bigint({ mode: 'number' }).primaryKey(),
  processedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const botSessions = pgTable('bot_sessions', {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
