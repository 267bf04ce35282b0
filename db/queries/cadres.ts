// A cadre with the assignment and village in force on a day: what the bot needs on every message.
import { eq } from 'drizzle-orm';
import type { LocalDate } from '../../core/calendar/local-date';
import type { Database } from '../database';
import { cadres, orgUnits } from '../schema';
import { assignmentOn } from './attendance';

export async function cadreOn(db: Database, cadreId: number, day: LocalDate) {
  const [cadre] = await db.select().from(cadres).where(eq(cadres.id, cadreId));
  if (!cadre) return undefined;
  const assignment = await assignmentOn(db, cadreId, day);
  if (!assignment) return { cadre, assignment: undefined, village: undefined };
  const [village] = await db.select().from(orgUnits).where(eq(orgUnits.id, assignment.villageId));
  return { cadre, assignment, village: village! };
}
