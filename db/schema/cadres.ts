// Cadres (驻村干部, 第一书记) and their assignments (派驻) to villages.
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { assignmentRole, dispatchLevel } from './enums';
import { dispatchingUnits, orgUnits } from './org';
import { createdAt } from './columns';

export const cadres = pgTable(
  'cadres',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    /** Post held at the dispatching unit, e.g. 科员. */
    title: text(),
    phone: text(),
    dispatchingUnitId: integer()
      .notNull()
      .references(() => dispatchingUnits.id),
    createdAt: createdAt(),
  },
  (t) => [index('cadres_dispatching_unit_idx').on(t.dispatchingUnitId)],
);

export const assignments = pgTable(
  'assignments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    cadreId: integer()
      .notNull()
      .references(() => cadres.id),
    villageId: integer()
      .notNull()
      .references(() => orgUnits.id),
    role: assignmentRole().notNull(),
    dispatchLevel: dispatchLevel().notNull(),
    dispatchingUnitId: integer()
      .notNull()
      .references(() => dispatchingUnits.id),
    startsOn: date({ mode: 'string' }).notNull(),
    /** Null while the assignment is open. */
    endsOn: date({ mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [
    // At most one open assignment per cadre.
    uniqueIndex('assignments_one_open_per_cadre')
      .on(t.cadreId)
      .where(sql`${t.endsOn} is null`),
    index('assignments_village_idx').on(t.villageId),
    // A cadre's assignment on a day (db/queries/cadres.ts): every message to the bot asks it.
    index('assignments_cadre_idx').on(t.cadreId, t.startsOn),
    check('assignments_dates', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
);

/** The columns of a record about a cadre's work in one assignment (check-ins, leave, flags, …). */
export const assignmentColumns = () => ({
  cadreId: integer()
    .notNull()
    .references(() => cadres.id),
  assignmentId: integer()
    .notNull()
    .references(() => assignments.id),
});
