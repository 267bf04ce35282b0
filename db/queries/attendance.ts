// A cadre's month as core evaluates it (§1.2, §2.4, §2.5), from the records in the database.
import { and, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import { evaluateMonth, monthFacts, type MonthPresence } from '../../core/attendance';
import { firstOfMonth, lastOfMonth, type LocalDate } from '../../core/calendar/local-date';
import type { Parameters } from '../../core/parameters';
import type { Database } from '../database';
import { assignments, checkIns, diaryEntries, leaveRequests, verifiedPresence } from '../schema';

export interface CadreMonth extends MonthPresence {
  month: string;
  /** Days still needed this month to reach `required` (0 when reached). */
  stillNeeded: number;
}

/** The month of `asOf` (or `month`) for one assignment, as known on `asOf`. */
export async function cadreMonth(
  db: Database,
  assignment: { id: number; startsOn: LocalDate; endsOn: LocalDate | null },
  month: string,
  asOf: LocalDate,
  parameters: Parameters,
): Promise<CadreMonth> {
  const from = firstOfMonth(month);
  const to = lastOfMonth(month);
  const [inside, verified, diary, leaves] = await Promise.all([
    db
      .selectDistinct({ day: checkIns.localDate })
      .from(checkIns)
      .where(
        and(
          eq(checkIns.assignmentId, assignment.id),
          eq(checkIns.inside, true),
          gte(checkIns.localDate, from),
          lte(checkIns.localDate, to),
        ),
      ),
    db
      .select({ day: verifiedPresence.date })
      .from(verifiedPresence)
      .where(
        and(
          eq(verifiedPresence.assignmentId, assignment.id),
          gte(verifiedPresence.date, from),
          lte(verifiedPresence.date, to),
        ),
      ),
    db
      .select({ day: diaryEntries.localDate })
      .from(diaryEntries)
      .where(
        and(
          eq(diaryEntries.assignmentId, assignment.id),
          gte(diaryEntries.localDate, from),
          lte(diaryEntries.localDate, to),
        ),
      ),
    db
      .select({
        from: leaveRequests.startsOn,
        to: leaveRequests.endsOn,
        approved: leaveRequests.approvedOn,
        returned: leaveRequests.returnedOn,
      })
      .from(leaveRequests)
      .where(
        and(
          eq(leaveRequests.assignmentId, assignment.id),
          eq(leaveRequests.state, 'approved'),
          lte(leaveRequests.startsOn, to),
          gte(leaveRequests.endsOn, from),
        ),
      ),
  ]);
  const facts = monthFacts({
    month,
    assignment: { start: assignment.startsOn, end: assignment.endsOn },
    inVillageDays: [...inside, ...verified].map((r) => r.day),
    diaryDates: diary.map((r) => r.day),
    leaves,
    asOf,
  });
  const presence = evaluateMonth(facts, parameters);
  return {
    month,
    ...presence,
    stillNeeded: Math.max(0, presence.required - presence.inVillage - presence.justifiedAbsence),
  };
}

/** A cadre's assignment in force on `day` (the open one, or one whose dates cover the day). */
export async function assignmentOn(db: Database, cadreId: number, day: LocalDate) {
  const [row] = await db
    .select()
    .from(assignments)
    .where(
      and(
        eq(assignments.cadreId, cadreId),
        lte(assignments.startsOn, day),
        or(isNull(assignments.endsOn), gte(assignments.endsOn, day)),
      ),
    )
    .orderBy(sql`${assignments.startsOn} desc`)
    .limit(1);
  return row;
}
