// Deadlines (§3.5–§3.8) across the open cases in my scope, for the supervisors' "what needs me
// today": the steps overdue and those due within N working days. Each is counted as GET /cases/:id
// counts it (db/queries/cases.ts deadlinesOn: core's status, the calendar of the case's place).
import { and, asc, eq, exists, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute, validator } from 'hono-openapi';
import { z } from 'zod';
import { deadlinesOn, loadCases } from '../../db/queries/cases';
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
    const rows = await db
      .select({
        case: cases,
        cadreName: cadres.name,
        village: { id: orgUnits.id, name: orgUnits.name },
      })
      .from(cases)
      .innerJoin(assignments, eq(assignments.id, cases.assignmentId))
      .innerJoin(cadres, eq(cadres.id, cases.cadreId))
      .innerJoin(orgUnits, eq(orgUnits.id, cases.villageId))
      .where(
        and(
          caseScope(user),
          eq(cases.state, 'open'),
          // Only cases with a step still owed, by the derived deadlines table (and its partial
          // index); whether it is overdue or near is core's to say, below.
          exists(
            db
              .select({ id: deadlines.id })
              .from(deadlines)
              .where(and(eq(deadlines.caseId, cases.id), isNull(deadlines.metOn))),
          ),
        ),
      )
      .orderBy(asc(cases.id));
    const loaded = await loadCases(
      db,
      rows.map((r) => r.case),
    );
    const list = loaded.flatMap((one, i) => {
      const row = rows[i]!;
      return deadlinesOn(one, asOf).flatMap(({ deadline: d, status, left, overdue }) => {
        if (!left || (status !== 'overdue' && left.workdays > within)) return [];
        return [
          {
            caseId: row.case.id,
            cadre: { id: row.case.cadreId, name: row.cadreName },
            village: row.village,
            step: d.step,
            name: say(deadlineWords, d.step, c.var.lang),
            clause: d.clause,
            due: d.due,
            workdaysLeft: left.workdays,
            provisional: d.provisional || left.provisional,
            overdue: status === 'overdue',
            escalate: overdue?.escalate ?? false,
            escalateTo: overdue?.escalateTo ?? null,
          },
        ];
      });
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
