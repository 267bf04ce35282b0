// Inspections (督查, §2.2), reviews (述职述评 and annual assessment, §1.3, §2.1) and villager surveys
// (群众满意度测评, §2.3) with their one-time tokens and anonymous responses.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { assignmentColumns, cadres } from './cadres';
import { reviewRating, satisfaction } from './enums';
import { orgUnits } from './org';
import { users } from './users';
import { createdAt } from './columns';

export const inspections = pgTable(
  'inspections',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    ...assignmentColumns(),
    date: date({ mode: 'string' }).notNull(),
    present: boolean().notNull(),
    note: text(),
    photoKey: text(),
    inspectorUserId: integer().references(() => users.id),
    /** Id chosen by the (possibly offline) client: a replayed submission is recorded once. */
    clientId: uuid().unique(),
    createdAt: createdAt(),
  },
  (t) => [index('inspections_cadre_date_idx').on(t.cadreId, t.date)],
);

export const reviews = pgTable(
  'reviews',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    cadreId: integer()
      .notNull()
      .references(() => cadres.id),
    /** 'YYYYH1' for the half-year 述职述评, 'YYYY' for the annual assessment. */
    period: text().notNull(),
    rating: reviewRating().notNull(),
    recordedOn: date({ mode: 'string' }).notNull(),
    recordedByUserId: integer().references(() => users.id),
    note: text(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('reviews_one_per_period').on(t.cadreId, t.period),
    check('reviews_period', sql`${t.period} ~ '^[0-9]{4}(H1)?$'`),
  ],
);

export const surveyState = pgEnum('survey_state', ['open', 'closed']);

/** A survey of one village for one period; villagers rate each cadre stationed there. */
export const surveys = pgTable(
  'surveys',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    villageId: integer()
      .notNull()
      .references(() => orgUnits.id),
    title: text().notNull(),
    opensOn: date({ mode: 'string' }).notNull(),
    closesOn: date({ mode: 'string' }).notNull(),
    state: surveyState().notNull().default('open'),
    closedOn: date({ mode: 'string' }),
    createdByUserId: integer().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('surveys_village_idx').on(t.villageId),
    check('surveys_dates', sql`${t.closesOn} >= ${t.opensOn}`),
    check('surveys_closed', sql`(${t.state} = 'closed') = (${t.closedOn} is not null)`),
  ],
);

/** The cadres a survey asks about (one question each). */
export const surveySubjects = pgTable(
  'survey_subjects',
  {
    surveyId: integer()
      .notNull()
      .references(() => surveys.id),
    cadreId: integer()
      .notNull()
      .references(() => cadres.id),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.cadreId] })],
);

/** A bearer slip handed out at random, never tied to a villager. */
export const surveyTokens = pgTable('survey_tokens', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  surveyId: integer()
    .notNull()
    .references(() => surveys.id),
  tokenHash: text().notNull().unique(),
  createdAt: createdAt(),
});

export const surveyResponses = pgTable('survey_responses', {
  /** Chosen by the client before it queues the answers: the idempotency key of the submission. */
  id: uuid().primaryKey(),
  surveyId: integer()
    .notNull()
    .references(() => surveys.id),
  /** One response per token. */
  tokenId: integer()
    .notNull()
    .unique()
    .references(() => surveyTokens.id),
  comment: text(),
  receivedOn: date({ mode: 'string' }).notNull(),
});

export const surveyAnswers = pgTable(
  'survey_answers',
  {
    responseId: uuid()
      .notNull()
      .references(() => surveyResponses.id),
    cadreId: integer()
      .notNull()
      .references(() => cadres.id),
    answer: satisfaction().notNull(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.cadreId] })],
);
