// Raising flags (预警) from what the system detects (§2.1–§2.5), idempotently: once per source, and
// while a flag or case for the same cadre and clause is open, the detection is added to it as
// evidence instead (clauses.md §2).
import { and, eq, sql } from 'drizzle-orm';
import type { LocalDate } from '../../core/calendar/local-date';
import type { Database } from '../database';
import { assignments, cases, flags, orgUnits } from '../schema';

export interface Detection {
  cadreId: number;
  assignmentId: number;
  /** '2.1' … '2.5' */
  clause: string;
  raisedOn: LocalDate;
  /** What raised it: 'month:2026-10', 'review:12', 'inspection:40', 'survey:3'. */
  sourceKey: string;
  /** The figures behind it, kept with the flag. */
  evidence: Record<string, unknown>;
}

export type Raised =
  | { raised: true; flagId: number }
  | { raised: false; addedTo: { flagId: number } | { caseId: number } | null };

export async function raiseFlag(db: Database, detection: Detection): Promise<Raised> {
  const entry = { source: detection.sourceKey, date: detection.raisedOn, ...detection.evidence };
  const [openCase] = await db
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        eq(cases.cadreId, detection.cadreId),
        eq(cases.clause, detection.clause),
        eq(cases.state, 'open'),
      ),
    )
    .limit(1);
  if (openCase) return { raised: false, addedTo: { caseId: openCase.id } };
  const [openFlag] = await db
    .select({ id: flags.id, sourceKey: flags.sourceKey })
    .from(flags)
    .where(
      and(
        eq(flags.cadreId, detection.cadreId),
        eq(flags.clause, detection.clause),
        eq(flags.state, 'open'),
      ),
    )
    .limit(1);
  if (openFlag) {
    if (openFlag.sourceKey !== detection.sourceKey) {
      await db
        .update(flags)
        .set({ evidence: sql`${flags.evidence} || ${JSON.stringify([entry])}::jsonb` })
        .where(
          and(
            eq(flags.id, openFlag.id),
            sql`not ${flags.evidence} @> ${JSON.stringify([{ source: detection.sourceKey }])}::jsonb`,
          ),
        );
    }
    return { raised: false, addedTo: { flagId: openFlag.id } };
  }
  const [village] = await db
    .select({ id: orgUnits.id, path: orgUnits.path })
    .from(assignments)
    .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
    .where(eq(assignments.id, detection.assignmentId));
  const inserted = await db
    .insert(flags)
    .values({
      cadreId: detection.cadreId,
      assignmentId: detection.assignmentId,
      villageId: village!.id,
      scopePath: village!.path,
      clause: detection.clause,
      raisedOn: detection.raisedOn,
      sourceKey: detection.sourceKey,
      evidence: [entry],
    })
    .onConflictDoNothing()
    .returning({ id: flags.id });
  // Raised before from the same source (a retried job): nothing new.
  if (!inserted[0]) return { raised: false, addedTo: null };
  return { raised: true, flagId: inserted[0].id };
}
