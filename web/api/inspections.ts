// Inspections (督查, §2.2): findings of presence or absence, recorded once per client id so an
// inspector's offline replay is never a second finding. Recording an absence evaluates §2.2 with
// core (counted over the assignment, excused by justified absence as known on the inspection day)
// and raises the flag, idempotently per finding.
import { and, asc, desc, eq, gte, lte } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute, validator } from 'hono-openapi';
import { z } from 'zod';
import { inspectionStrikes } from '../../core/situations';
import { raiseFlag, type Raised } from '../../db/queries/flags';
import { parametersFor } from '../../db/queries/parameters';
import { assignments, cadres, inspections, leaveRequests, orgUnits, users } from '../../db/schema';
import {
  assignmentInScope,
  audit,
  dateSchema,
  idSchema,
  todayOf,
  type Role,
  type Vars,
} from './cadre-records';
import { announceFlags } from './common';
import type { ApiEnv } from './env';
import { ApiError, conflict } from './errors';
import { cadreScope } from './scope';
import { requireRole } from './session';
import { invalidInput } from './validate';

/** Who records findings: inspectors, and the township and county who also inspect. */
const recorderRoles = ['inspector', 'township', 'county'] as const satisfies readonly Role[];
/** Who reads them: the recorders, the cadre's dispatching unit, the province. */
const readerRoles = [
  ...recorderRoles,
  'dispatchingUnit',
  'province',
] as const satisfies readonly Role[];

const findingBody = z.object({
  cadreId: idSchema,
  date: dateSchema,
  present: z.boolean(),
  note: z.string().trim().max(2000).optional(),
  /** A reference to a photo stored elsewhere; photos are optional (国办函〔2026〕12号). */
  photoKey: z.string().trim().min(1).max(500).optional(),
  /** Chosen by the client when the finding is made, offline or not: a replay records once. */
  clientId: z.uuid(),
});

const listQuery = z.object({
  cadreId: idSchema.optional(),
  from: dateSchema.optional(),
  to: dateSchema.optional(),
});

type Inspection = typeof inspections.$inferSelect;

export const inspectionRoutes = new Hono<ApiEnv>()
  .post(
    '/',
    describeRoute({
      tags: ['inspections'],
      summary: 'Record a finding of presence or absence (§2.2); a replayed clientId returns 200',
      description:
        '201 with the finding, the count of findings of absence in the assignment that count towards §2.2, and the flag when this one is the third; 200 with the first record for a clientId already recorded.',
    }),
    validator('json', findingBody, invalidInput),
    async (c) => {
      const user = requireRole(c, recorderRoles);
      const body = c.req.valid('json');
      if (body.date > todayOf(c)) {
        throw new ApiError(
          422,
          'inspection-in-future',
          '督查日期不能晚于今天。',
          'An inspection cannot be dated after today.',
          'date',
        );
      }
      const { assignment, village, cadre } = await assignmentInScope(
        c,
        user,
        body.cadreId,
        body.date,
      );

      const replayed = await byClientId(c, body.clientId);
      if (replayed) return c.json(replay(replayed, body), 200);

      const [inserted] = await c.var.db
        .insert(inspections)
        .values({
          cadreId: cadre.id,
          assignmentId: assignment.id,
          date: body.date,
          present: body.present,
          note: body.note || null,
          photoKey: body.photoKey ?? null,
          inspectorUserId: user.id,
          clientId: body.clientId,
          createdAt: c.var.now,
        })
        .onConflictDoNothing()
        .returning();
      if (!inserted) {
        // The same finding arrived twice at once: the other request recorded it.
        const first = await byClientId(c, body.clientId);
        if (first) return c.json(replay(first, body), 200);
        throw new Error(`inspection ${body.clientId} neither inserted nor found`);
      }

      const evaluation = body.present
        ? null
        : await evaluateStrikes(c, inserted, { ...assignment, villagePath: village.path });
      await audit(c, user, 'inspection.record', 'inspection', inserted.id, {
        cadreId: cadre.id,
        date: inserted.date,
        present: inserted.present,
        clientId: inserted.clientId,
        ...(evaluation ? { strikes: evaluation.strikes, flag: evaluation.flag } : {}),
      });
      return c.json(
        {
          inspection: inserted,
          strikes: evaluation?.strikes ?? null,
          flag: evaluation?.flag ?? null,
        },
        201,
      );
    },
  )
  .get(
    '/',
    describeRoute({
      tags: ['inspections'],
      summary: 'Findings in my scope, by cadre and dates',
    }),
    validator('query', listQuery, invalidInput),
    async (c) => {
      const user = requireRole(c, readerRoles);
      const q = c.req.valid('query');
      const rows = await c.var.db
        .select({
          id: inspections.id,
          cadreId: inspections.cadreId,
          cadreName: cadres.name,
          villageId: orgUnits.id,
          village: orgUnits.name,
          date: inspections.date,
          present: inspections.present,
          note: inspections.note,
          photoKey: inspections.photoKey,
          inspector: users.displayName,
          createdAt: inspections.createdAt,
        })
        .from(inspections)
        .innerJoin(cadres, eq(cadres.id, inspections.cadreId))
        .innerJoin(assignments, eq(assignments.id, inspections.assignmentId))
        .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
        .leftJoin(users, eq(users.id, inspections.inspectorUserId))
        .where(
          and(
            cadreScope(user),
            q.cadreId === undefined ? undefined : eq(inspections.cadreId, q.cadreId),
            q.from === undefined ? undefined : gte(inspections.date, q.from),
            q.to === undefined ? undefined : lte(inspections.date, q.to),
          ),
        )
        .orderBy(desc(inspections.date), desc(inspections.id))
        .limit(1000);
      return c.json({ inspections: rows });
    },
  );

async function byClientId(c: Vars, clientId: string): Promise<Inspection | undefined> {
  const [row] = await c.var.db.select().from(inspections).where(eq(inspections.clientId, clientId));
  return row;
}

/** The first record of a replayed finding; a different finding under the same id is a conflict. */
function replay(first: Inspection, body: z.output<typeof findingBody>) {
  if (
    first.cadreId !== body.cadreId ||
    first.date !== body.date ||
    first.present !== body.present
  ) {
    throw conflict(
      'client-id-reused',
      '这个 clientId 已用于另一条督查记录。',
      'This clientId was already used for a different finding.',
    );
  }
  return { inspection: first, replayed: true };
}

// 在各级督查中累计被发现三次不在岗、且没有按规定程序履行请销假手续的 — §2.2
/**
 * Counts the assignment's findings of absence with core after a new one, and raises the flag for
 * every detection on or after its day (a finding replayed late, dated before others, renumbers
 * those after it). The flag's source is the finding that makes the count: `inspection:<id>`.
 */
async function evaluateStrikes(
  c: Vars,
  finding: Inspection,
  assignment: {
    id: number;
    cadreId: number;
    startsOn: string;
    endsOn: string | null;
    villagePath: string;
  },
): Promise<{ strikes: number; flag: Raised | null }> {
  const [findings, leaves, parameters] = await Promise.all([
    c.var.db
      .select({ id: inspections.id, date: inspections.date, present: inspections.present })
      .from(inspections)
      .where(eq(inspections.assignmentId, assignment.id))
      .orderBy(asc(inspections.date), asc(inspections.id)),
    c.var.db
      .select({
        from: leaveRequests.startsOn,
        to: leaveRequests.endsOn,
        approved: leaveRequests.approvedOn,
        returned: leaveRequests.returnedOn,
      })
      .from(leaveRequests)
      .where(
        and(eq(leaveRequests.assignmentId, assignment.id), eq(leaveRequests.state, 'approved')),
      ),
    parametersFor(c.var.db, assignment.villagePath),
  ]);
  const { strikes, detections } = inspectionStrikes(
    findings,
    leaves,
    { start: assignment.startsOn, end: assignment.endsOn },
    parameters,
  );
  let flag: Raised | null = null;
  for (const detection of detections) {
    if (detection.date < finding.date) continue;
    const strike = strikes.find((s) => s.date === detection.date)!;
    const source = findings.find((f) => f.date === detection.date && !f.present)!;
    const raised = await raiseFlag(c.var.db, {
      cadreId: assignment.cadreId,
      assignmentId: assignment.id,
      clause: detection.clause,
      raisedOn: detection.date,
      sourceKey: `inspection:${source.id}`,
      evidence: {
        detail: detection.detail,
        strike: strike.count,
        findings: strikes.slice(0, strike.count).map((s) => s.date),
      },
    });
    flag = raised;
    if (raised.raised) announceFlags(c, [raised.flagId]);
  }
  return { strikes: strikes.length, flag };
}
