// §4.6 support given to each cadre per year, and the findings about units and offices of §4.1–§4.3.
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  smallint,
  text,
} from 'drizzle-orm/pg-core';
import { cadres } from './cadres';
import { dispatchingUnits, orgUnits } from './org';
import { users } from './users';
import { createdAt } from './columns';

export const supportKind = pgEnum('support_kind', [
  'training',
  'mealSubsidy',
  'lodgingSubsidy',
  'transport',
  'physicalExam',
  'accidentInsurance',
  'workFund',
]);

export const supportRecords = pgTable(
  'support_records',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    cadreId: integer()
      .notNull()
      .references(() => cadres.id),
    year: smallint().notNull(),
    kind: supportKind().notNull(),
    /** Amount or insured sum, where the kind has one. */
    amountYuan: numeric({ precision: 12, scale: 2 }),
    occurredOn: date({ mode: 'string' }).notNull(),
    note: text(),
    recordedByUserId: integer().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('support_records_cadre_year_idx').on(t.cadreId, t.year),
    check('support_records_amount', sql`${t.amountYuan} is null or ${t.amountYuan} >= 0`),
  ],
);

/** A finding against a dispatching unit (§4.1), an organization department (§4.2) or a township (§4.3). */
export const responsibilityFindings = pgTable(
  'responsibility_findings',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    clause: text().notNull(),
    dispatchingUnitId: integer().references(() => dispatchingUnits.id),
    orgUnitId: integer().references(() => orgUnits.id),
    foundOn: date({ mode: 'string' }).notNull(),
    note: text().notNull(),
    /** 约谈 of the unit's or office's head. */
    accountabilityTalkOn: date({ mode: 'string' }),
    rectifiedOn: date({ mode: 'string' }),
    recordedByUserId: integer().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('responsibility_findings_clause', sql`${t.clause} in ('4.1', '4.2', '4.3')`),
    check(
      'responsibility_findings_subject',
      sql`(${t.dispatchingUnitId} is null) <> (${t.orgUnitId} is null)`,
    ),
  ],
);
