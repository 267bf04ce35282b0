// Deadlines (§3.5–§3.8) across the open cases in my scope, for the supervisors' "what needs me
// today": the steps overdue and those due within N working days. Read from the deadlines table the
// events keep (db/queries/cases.ts syncDerived) — a home page must not replay every open case —
// and counted as GET /cases/:id counts them: working days by the calendar of the case's place,
// escalation by core (§4.2).
import { and, asc, eq, gte, isNull, ne, or } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute, validator } from 'hono-openapi';
import { z } from 'zod';
import { countWorkdaysBetween } from '../../core/calendar';
import type { LocalDate } from '../../core/calendar/local-date';
import { escalation } from '../../core/procedure';
import { calendarsFor } from '../../db/queries/calendar';
import { parametersForPaths } from '../../db/queries/parameters';
import { assignments, cadres, cases, deadlines, orgUnits } from '../../db/schema';
import { caseReaders, caseScope, deadlineWords, say } from './cases';
import { today } from './common';
import type { ApiEnv } from './env';
import { responses } from './org';
import { requireRole } from './session';
import { invalidInput } from './validate';

const query = z.object({
  /** Working days ahead, today's deadlines being 0 days ahead; the overdue ones always come. */
  within: z.coerce.number().int().min(0).max(30).default(2),
});

export const deadlineRoutes = new Hono<ApiEnv>().get(
  '/deadlines',
  describeRoute({
    responses: responses({ 200: '{ asOf, within, deadlines }' }, [400, 403]),
    tags: ['cases'],
    summary:
      'Deadlines of the open cases in my scope that are overdue or due within ?within= working days (default 2)',
    description:
      'Overdue first (most overdue first), then by due date. workdaysLeft counts working days by the calendar of the case’s place, negative once overdue (0 while only rest days have passed since the due date), as GET /cases/{id} counts them. Read by whoever reads cases.',
  }),
  validator('query', query, invalidInput),
  async (c) => {
    const user = requireRole(c, caseReaders);
    const { within } = c.req.valid('query');
    const asOf = today(c);
    const db = c.var.db;
    // Every deadline of an open case not yet met is owed (deadlineStatus in core's ledger: past due
    // it is overdue), but the appeal window, the cadre's right, which ends rather than falls overdue.
    const rows = await db
      .select({
        deadline: deadlines,
        caseId: cases.id,
        cadreId: cases.cadreId,
        dispatchLevel: cases.dispatchLevel,
        path: cases.scopePath,
        cadreName: cadres.name,
        village: { id: orgUnits.id, name: orgUnits.name },
      })
      .from(deadlines)
      .innerJoin(cases, eq(cases.id, deadlines.caseId))
      .innerJoin(assignments, eq(assignments.id, cases.assignmentId))
      .innerJoin(cadres, eq(cadres.id, cases.cadreId))
      .innerJoin(orgUnits, eq(orgUnits.id, cases.villageId))
      .where(
        and(
          caseScope(user),
          eq(cases.state, 'open'),
          isNull(deadlines.metOn),
          or(ne(deadlines.step, 'appeal'), gte(deadlines.due, asOf)),
        ),
      )
      .orderBy(asc(cases.id), asc(deadlines.id));
    const paths = [...new Set(rows.map((r) => r.path))];
    const [calendars, parameterSets] = await Promise.all([
      calendarsFor(db, paths),
      parametersForPaths(db, paths),
    ]);
    const list = rows.flatMap((row) => {
      const d = row.deadline;
      const calendar = calendars.get(row.path)!;
      const left = countWorkdaysBetween(calendar, asOf, d.due as LocalDate);
      const overdue = asOf > d.due;
      if (!overdue && left.workdays > within) return [];
      const escalated = overdue
        ? escalation(
            row.dispatchLevel,
            d.due as LocalDate,
            asOf,
            calendar,
            parameterSets.get(row.path)!,
          )
        : null;
      return [
        {
          caseId: row.caseId,
          cadre: { id: row.cadreId, name: row.cadreName },
          village: row.village,
          step: d.step,
          name: say(deadlineWords, d.step, c.var.lang),
          clause: d.clause,
          due: d.due,
          workdaysLeft: left.workdays,
          provisional: d.provisional || left.provisional,
          overdue,
          escalate: escalated?.escalate ?? false,
          escalateTo: escalated?.escalateTo ?? null,
        },
      ];
    });
    // Overdue first, the most overdue first; then by due date. The sort is stable: case, then
    // core's order of a case's deadlines, among equals.
    list.sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        (a.overdue ? a.workdaysLeft - b.workdaysLeft : 0) ||
        (a.due < b.due ? -1 : a.due > b.due ? 1 : 0),
    );
    return c.json({ asOf, within, deadlines: list });
  },
);
