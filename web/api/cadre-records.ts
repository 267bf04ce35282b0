// What the resources about a cadre's records share (leave, inspections, reviews, surveys): the
// cadre's assignment on a day as the user's scope allows it, and (from common.ts) inputs, today and
// the audit entry of a write.
import { and, desc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { LocalDate } from '../../core/calendar/local-date';
import { assignments, cadres, orgUnits } from '../../db/schema';
import type { SessionUser } from './env';
import { ApiError, notFound } from './errors';
import { cadreScope } from './scope';
import { type Vars } from './common';

export { audit, dateSchema, idParam, idSchema, today as todayOf, type Vars } from './common';

export type Role = SessionUser['role'];

/**
 * The cadre's assignment on `day` with its village, when the user's scope covers it (the village
 * in their subtree and, for a dispatching unit, the cadre theirs). With `orLatest`, an assignment
 * that ended before `day` will do (an annual assessment recorded after the stay ended). A cadre the
 * user cannot see is 404; one they can see but who was not stationed then is 422.
 */
export async function assignmentInScope(
  c: Vars,
  user: SessionUser,
  cadreId: number,
  day: LocalDate,
  options: { orLatest?: boolean } = {},
) {
  const select = () =>
    c.var.db
      .select({
        assignment: assignments,
        cadre: { id: cadres.id, name: cadres.name },
        village: { id: orgUnits.id, name: orgUnits.name, path: orgUnits.path },
      })
      .from(assignments)
      .innerJoin(cadres, eq(cadres.id, assignments.cadreId))
      .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId));
  const [covering] = await select()
    .where(
      and(
        eq(assignments.cadreId, cadreId),
        cadreScope(user),
        lte(assignments.startsOn, day),
        options.orLatest ? undefined : or(isNull(assignments.endsOn), gte(assignments.endsOn, day)),
      ),
    )
    .orderBy(desc(assignments.startsOn))
    .limit(1);
  if (covering) return covering;
  const [any] = await select()
    .where(and(eq(assignments.cadreId, cadreId), cadreScope(user)))
    .limit(1);
  if (!any) throw notFound();
  throw new ApiError(
    422,
    'no-assignment-on-date',
    `${day} 这一天该干部不在驻村任期内。`,
    `The cadre was not stationed in a village on ${day}.`,
    'date',
  );
}
