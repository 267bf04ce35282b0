// Supervisors' and cadres' accounts, their web sessions and one-time sign-in links.
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { cadres } from './cadres';
import { role } from './enums';
import { dispatchingUnits, orgUnits } from './org';
import { createdAt } from './columns';

export const users = pgTable(
  'users',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    username: text().notNull().unique(),
    displayName: text().notNull(),
    /** 'pbkdf2-sha256$<iterations>$<salt>$<hash>'; null for accounts that sign in only via the bot. */
    passwordHash: text(),
    role: role().notNull(),
    /** The subtree this user sees and acts on. */
    orgUnitId: integer()
      .notNull()
      .references(() => orgUnits.id),
    /** Required for the dispatchingUnit role: the unit whose cadres the user manages. */
    dispatchingUnitId: integer().references(() => dispatchingUnits.id),
    /** Set for the cadre role. */
    cadreId: integer()
      .unique()
      .references(() => cadres.id),
    disabled: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      'users_dispatching_unit_role',
      sql`(${t.role} = 'dispatchingUnit') = (${t.dispatchingUnitId} is not null)`,
    ),
    check('users_cadre_role', sql`(${t.role} = 'cadre') = (${t.cadreId} is not null)`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the session token; the token itself is only in the cookie. */
    idHash: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expiry_idx').on(t.expiresAt)],
);

/** One-time sign-in links sent by the bot (/login). */
export const loginTokens = pgTable('login_tokens', {
  tokenHash: text().primaryKey(),
  userId: integer()
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  usedAt: timestamp({ withTimezone: true }),
});
