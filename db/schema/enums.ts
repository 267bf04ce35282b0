// Postgres enums shared by several aggregates. Values are the glossary's identifiers.
import { pgEnum } from 'drizzle-orm/pg-core';

/** Levels of the org tree: province → city/prefecture → county → township → village. */
export const orgLevel = pgEnum('org_level', ['province', 'city', 'county', 'township', 'village']);

/** 选派层级 — the level that sent the cadre (§1.5, §3.2③, §3.6). */
export const dispatchLevel = pgEnum('dispatch_level', ['province', 'city', 'county', 'township']);

/** Supervisor and cadre roles (architecture.md, Security). */
export const role = pgEnum('role', [
  'cadre',
  'inspector',
  'township',
  'county',
  'dispatchingUnit',
  'discipline',
  'province',
  'admin',
]);

/** A cadre's role in the village: 第一书记 or 驻村工作队员. */
export const assignmentRole = pgEnum('assignment_role', ['firstSecretary', 'teamMember']);

/** 述职述评 and annual assessment ratings (§2.1). */
export const reviewRating = pgEnum('review_rating', [
  'excellent',
  'competent',
  'basically_competent',
  'incompetent',
  'qualified',
  'basically_qualified',
  'unqualified',
]);

/** 满意 / 基本满意 / 不满意 (§2.3). */
export const satisfaction = pgEnum('satisfaction', [
  'satisfied',
  'basicallySatisfied',
  'dissatisfied',
]);
