// A cadre with the assignment and village in force on a day: what the bot needs on every message,
// in one round trip (the check-in path runs it for every location a province sends).
import { and, desc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { LocalDate } from '../../core/calendar/local-date';
import type { Database } from '../database';
import { assignments, cadres, orgUnits } from '../schema';

export async function cadreOn(db: Database, cadreId: number, day: LocalDate) {
  const [row] = await db
    .select({ cadre: cadres, assignment: assignments, village: orgUnits })
    .from(cadres)
    .leftJoin(
      assignments,
      and(
        eq(assignments.cadreId, cadres.id),
        lte(assignments.startsOn, day),
        or(isNull(assignments.endsOn), gte(assignments.endsOn, day)),
      ),
    )
    .leftJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
    .where(eq(cadres.id, cadreId))
    // The latest assignment in force, as assignmentOn (db/queries/attendance.ts) chooses it.
    .orderBy(desc(assignments.startsOn))
    .limit(1);
  if (!row) return undefined;
  if (!row.assignment) return { cadre: row.cadre, assignment: undefined, village: undefined };
  return { cadre: row.cadre, assignment: row.assignment, village: row.village! };
}
