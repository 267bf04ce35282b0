// Scope: what a signed-in user may see, as conditions for the database query itself (never a filter
// in the page). A user sees the org subtree of their unit; a dispatching unit sees only its own
// cadres there.
import { and, desc, eq, like, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { assignments, cadres, orgUnits } from '../../db/schema';
import type { ApiEnv, SessionUser } from './env';
import { notFound } from './errors';

/** `column LIKE '/1/4/%'`: the org path column lies in the user's subtree. */
export function inSubtree(column: PgColumn, user: Pick<SessionUser, 'scopePath'>): SQL {
  return like(column, `${user.scopePath}%`);
}

/**
 * Conditions on a query that joins `assignments` (and `orgUnits` as the village): the cadre's
 * village lies in the user's subtree, and for a dispatching unit the cadre is theirs.
 */
export function cadreScope(user: SessionUser): SQL {
  const conditions = [inSubtree(orgUnits.path, user)];
  if (user.role === 'dispatchingUnit' && user.dispatchingUnitId !== null) {
    conditions.push(eq(assignments.dispatchingUnitId, user.dispatchingUnitId));
  }
  return and(...conditions)!;
}

/** A cadre with their current (latest) assignment and village, if the user may see them; else 404. */
export async function cadreInScope(
  c: { var: ApiEnv['Variables'] },
  user: SessionUser,
  cadreId: number,
) {
  const [row] = await c.var.db
    .select({ cadre: cadres, assignment: assignments, village: orgUnits })
    .from(cadres)
    .innerJoin(assignments, eq(assignments.cadreId, cadres.id))
    .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
    .where(and(eq(cadres.id, cadreId), cadreScope(user)))
    .orderBy(desc(assignments.startsOn))
    .limit(1);
  if (!row) throw notFound();
  return row;
}
