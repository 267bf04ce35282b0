// The org tree (province → city → county → township → village, villages with their geofence) and
// the dispatching units (派出单位) that send cadres.
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
} from 'drizzle-orm/pg-core';
import { dispatchLevel, orgLevel } from './enums';
import { createdAt } from './columns';

export const orgUnits = pgTable(
  'org_units',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    parentId: integer().references((): AnyPgColumn => orgUnits.id),
    level: orgLevel().notNull(),
    name: text().notNull(),
    /** 行政区划代码 where known. */
    code: text().unique(),
    /**
     * Materialised path of ids, '/1/4/9/': a supervisor's scope is every unit whose path starts
     * with the scope unit's path, so scope filters are one indexed prefix match.
     */
    path: text().notNull().unique(),
    /** Village geofence (§1.1): centre and radius. Null above village level. */
    latitude: doublePrecision(),
    longitude: doublePrecision(),
    geofenceMetres: integer(),
    createdAt: createdAt(),
  },
  (t) => [
    index('org_units_parent_idx').on(t.parentId),
    index('org_units_path_prefix_idx').on(t.path.op('text_pattern_ops')),
    check('org_units_root_is_province', sql`(${t.parentId} is null) = (${t.level} = 'province')`),
    check(
      'org_units_village_geofence',
      sql`(${t.level} = 'village') = (${t.latitude} is not null and ${t.longitude} is not null and ${t.geofenceMetres} is not null)`,
    ),
    check('org_units_latitude', sql`${t.latitude} between -90 and 90`),
    check('org_units_longitude', sql`${t.longitude} between -180 and 180`),
    check('org_units_geofence_positive', sql`${t.geofenceMetres} > 0`),
  ],
);

export const dispatchingUnits = pgTable(
  'dispatching_units',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    name: text().notNull(),
    level: dispatchLevel().notNull(),
    /** The org unit the dispatching unit belongs to (its province, city, county or township). */
    orgUnitId: integer()
      .notNull()
      .references(() => orgUnits.id),
    createdAt: createdAt(),
  },
  (t) => [index('dispatching_units_org_unit_idx').on(t.orgUnitId)],
);
