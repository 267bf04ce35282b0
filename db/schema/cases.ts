// Flags (预警) the system raises, cases (教育整改) run through §3 as an append-only history of
// events, their deadlines in working days, and the sanctions of §4.4.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { reviews } from './assessment';
import { assignmentColumns, cadres } from './cadres';
import { dispatchLevel, role } from './enums';
import { orgUnits } from './org';
import { tips } from './tips';
import { users } from './users';
import { createdAt } from './columns';

export const flagState = pgEnum('flag_state', ['open', 'confirmed', 'dismissed']);
export const caseTrack = pgEnum('case_track', ['A', 'B', 'C']);
export const caseState = pgEnum('case_state', ['open', 'closed']);
export const caseOrigin = pgEnum('case_origin', ['flag', 'intake', 'tip']);

/** A cadre's assignment, its village, and the village's org path copied for scope filters. */
const villageScopedColumns = () => ({
  ...assignmentColumns(),
  villageId: integer()
    .notNull()
    .references(() => orgUnits.id),
  scopePath: text().notNull(),
});

export const flags = pgTable(
  'flags',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    ...villageScopedColumns(),
    /** The situation detected: '2.1' … '2.5'. */
    clause: text().notNull(),
    raisedOn: date({ mode: 'string' }).notNull(),
    /** What raised it ('month:2026-10', 'review:12', …): raising is idempotent per source. */
    sourceKey: text().notNull(),
    state: flagState().notNull().default('open'),
    /** Detections added while the flag was open, and their figures. */
    evidence: jsonb().notNull().default([]),
    decidedByUserId: integer().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    dismissReason: text(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('flags_once_per_source').on(t.cadreId, t.clause, t.sourceKey),
    uniqueIndex('flags_one_open_per_clause')
      .on(t.cadreId, t.clause)
      .where(sql`${t.state} = 'open'`),
    index('flags_state_scope_idx').on(t.state, t.scopePath.op('text_pattern_ops')),
    check('flags_clause', sql`${t.clause} in ('2.1', '2.2', '2.3', '2.4', '2.5')`),
    check(
      'flags_dismiss_reason',
      sql`${t.state} <> 'dismissed' or length(trim(${t.dismissReason})) > 0`,
    ),
  ],
);

export const cases = pgTable(
  'cases',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    ...villageScopedColumns(),
    /** The situation: '2.1' … '2.13'. */
    clause: text().notNull(),
    track: caseTrack().notNull(),
    dispatchLevel: dispatchLevel().notNull(),
    origin: caseOrigin().notNull(),
    flagId: integer()
      .unique()
      .references(() => flags.id),
    tipId: uuid().references(() => tips.id),
    /** The current step of the track, as core's transition table names it. */
    step: text().notNull(),
    state: caseState().notNull().default('open'),
    openedOn: date({ mode: 'string' }).notNull(),
    openedByUserId: integer().references(() => users.id),
    noticeOn: date({ mode: 'string' }),
    closedOn: date({ mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('cases_state_scope_idx').on(t.state, t.scopePath.op('text_pattern_ops')),
    // The case list's order (GET /cases: newest first, a page of 200): walked, not sorted.
    index('cases_state_opened_idx').on(t.state, t.openedOn.desc(), t.id.desc()),
    index('cases_cadre_idx').on(t.cadreId),
    check(
      'cases_clause',
      sql`${t.clause} in ('2.1','2.2','2.3','2.4','2.5','2.6','2.7','2.8','2.9','2.10','2.11','2.12','2.13')`,
    ),
    check('cases_closed', sql`(${t.state} = 'closed') = (${t.closedOn} is not null)`),
  ],
);

/** Every step of a case, appended (a trigger refuses updates and deletes). */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: integer()
      .notNull()
      .references(() => cases.id),
    seq: smallint().notNull(),
    event: text().notNull(),
    occurredOn: date({ mode: 'string' }).notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorUserId: integer().references(() => users.id),
    actorRole: role(),
    /** Opinions, statements, evidence references, comments. */
    payload: jsonb().notNull().default({}),
    /** Chosen by the client: a retried step is recorded once. */
    idempotencyKey: text().unique(),
  },
  (t) => [unique('case_events_seq').on(t.caseId, t.seq)],
);

export const deadlines = pgTable(
  'deadlines',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    caseId: integer()
      .notNull()
      .references(() => cases.id),
    /** 'appeal' | 'appealAnswer' | 'recall' | 'return' | 'replacement' */
    step: text().notNull(),
    clause: text().notNull(),
    startsOn: date({ mode: 'string' }).notNull(),
    due: date({ mode: 'string' }).notNull(),
    /** Counted over a year whose holiday schedule was not yet published. */
    provisional: boolean().notNull(),
    metOn: date({ mode: 'string' }),
    remindedAt: timestamp({ withTimezone: true }),
    escalatedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique('deadlines_one_per_step').on(t.caseId, t.step),
    index('deadlines_open_due_idx')
      .on(t.due)
      .where(sql`${t.metOn} is null`),
  ],
);

/** §4.4: from a case's notice, or from an annual assessment rated 不称职/不合格. */
export const sanctions = pgTable(
  'sanctions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    cadreId: integer()
      .notNull()
      .references(() => cadres.id),
    caseId: integer()
      .unique()
      .references(() => cases.id),
    reviewId: integer()
      .unique()
      .references(() => reviews.id),
    startsOn: date({ mode: 'string' }).notNull(),
    noAwardsYear: smallint(),
    noPromotionUntil: date({ mode: 'string' }),
    /** Share of the year's target performance bonus withheld at least (0.2) or wholly (1). */
    bonusWithheldMin: numeric({ precision: 4, scale: 3 }),
    admonitionTalk: boolean().notNull().default(false),
    /** Set when an appeal withdraws the notice. */
    lapsedOn: date({ mode: 'string' }),
  },
  (t) => [
    index('sanctions_cadre_idx').on(t.cadreId),
    check('sanctions_source', sql`(${t.caseId} is null) <> (${t.reviewId} is null)`),
  ],
);
