// Flags (预警) in my scope: what the system detected (§2.1–§2.5), waiting for the office that must
// act to confirm it — after hearing the cadre (§3.4), which opens a case — or to dismiss it with a
// written reason that the level above sees (§4.2, §4.3). A flag is a prompt, never a verdict.
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { Hono } from 'hono';
import { describeRoute, validator } from 'hono-openapi';
import { z } from 'zod';
import { shanghaiDate } from '../../core/calendar/local-date';
import { openers } from '../../core/procedure';
import { confirmFlag, dismissFlag } from '../../db/queries/cases';
import {
  assignments,
  cadres,
  cases,
  dispatchingUnits,
  flags,
  orgUnits,
  users,
} from '../../db/schema';
import { caseView, idParam, refusalError, situationText } from './cases';
import type { ApiEnv, SessionUser } from './env';
import { notFound } from './errors';
import { inSubtree } from './scope';
import { requireRole } from './session';
import { invalidInput } from './validate';

// [decision: flags are read by the offices that confirm them (township, county), by the
//  dispatching unit for its own cadres, and by the province; discipline inspection, inspectors,
//  admins and cadres do not read them here (a cadre sees their own in the bot's /me)]
const flagReaders: readonly SessionUser['role'][] = [
  'township',
  'county',
  'dispatchingUnit',
  'province',
];

/** Conditions on `flags` joined with `assignments`: in the subtree; a unit's own cadres only. */
function flagScope(user: SessionUser): SQL {
  const conditions = [inSubtree(flags.scopePath, user)];
  if (user.role === 'dispatchingUnit') {
    conditions.push(eq(assignments.dispatchingUnitId, user.dispatchingUnitId ?? -1));
  }
  return and(...conditions)!;
}

const township = alias(orgUnits, 'township');
const decider = alias(users, 'decider');

const listQuery = z.object({
  state: z.enum(['open', 'confirmed', 'dismissed']).optional(),
  clause: z
    .string()
    .regex(/^§?2\.[1-5]$/, '须为可自动发现的情形 2.1 … 2.5 / a detected situation: 2.1 … 2.5')
    .transform((s) => s.replace('§', ''))
    .optional(),
  cadreId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

const confirmBody = z.object({
  /** The day of the decision, which opens the case; today by default. */
  date: z.iso.date().optional(),
  // 同时听取本人陈述 — §3.4: what the cadre said when heard, or that they declined to say anything.
  statement: z.string().trim().min(1).max(10_000),
  idempotencyKey: z.string().trim().min(8).max(100).optional(),
});

const dismissBody = z.object({ reason: z.string().trim().min(1).max(2_000) });

async function flagsWhere(
  c: { var: ApiEnv['Variables'] },
  user: SessionUser,
  where: SQL[],
  limit = 500,
) {
  // The page of flags first, then the names of its rows: joining every flag in scope before the
  // limit costs the whole subtree.
  const page = c.var.db
    .select({ id: flags.id })
    .from(flags)
    .innerJoin(assignments, eq(assignments.id, flags.assignmentId))
    .where(and(flagScope(user), ...where))
    .orderBy(desc(flags.raisedOn), desc(flags.id))
    .limit(limit)
    .as('page');
  return c.var.db
    .select({
      flag: flags,
      cadreName: cadres.name,
      villageName: orgUnits.name,
      townshipId: township.id,
      townshipName: township.name,
      unitId: dispatchingUnits.id,
      unitName: dispatchingUnits.name,
      deciderName: decider.displayName,
      deciderRole: decider.role,
      caseId: cases.id,
    })
    .from(page)
    .innerJoin(flags, eq(flags.id, page.id))
    .innerJoin(assignments, eq(assignments.id, flags.assignmentId))
    .innerJoin(cadres, eq(cadres.id, flags.cadreId))
    .innerJoin(orgUnits, eq(orgUnits.id, flags.villageId))
    .leftJoin(township, eq(township.id, orgUnits.parentId))
    .innerJoin(dispatchingUnits, eq(dispatchingUnits.id, assignments.dispatchingUnitId))
    .leftJoin(decider, eq(decider.id, flags.decidedByUserId))
    .leftJoin(cases, eq(cases.flagId, flags.id))
    .orderBy(desc(flags.raisedOn), desc(flags.id));
}

type FlagRow = Awaited<ReturnType<typeof flagsWhere>>[number];

function flagView(r: FlagRow, user: SessionUser, lang: ApiEnv['Variables']['lang']) {
  const f = r.flag;
  return {
    id: f.id,
    clause: `§${f.clause}`,
    situation: situationText(f.clause, lang),
    state: f.state,
    raisedOn: f.raisedOn,
    evidence: f.evidence,
    cadre: { id: f.cadreId, name: r.cadreName },
    village: { id: f.villageId, name: r.villageName },
    township: r.townshipId === null ? null : { id: r.townshipId, name: r.townshipName },
    dispatchingUnit: { id: r.unitId, name: r.unitName },
    decidedBy:
      f.decidedByUserId === null
        ? null
        : { userId: f.decidedByUserId, name: r.deciderName, role: r.deciderRole },
    decidedAt: f.decidedAt,
    dismissReason: f.dismissReason,
    caseId: r.caseId,
    /** Whether the signed-in user's office confirms or dismisses it (core's track table). */
    mayDecide: f.state === 'open' && openers(f.clause, 'flag').includes(user.role),
  };
}

async function flagInScope(c: { var: ApiEnv['Variables'] }, user: SessionUser, id: number) {
  const [row] = await c.var.db
    .select({ id: flags.id })
    .from(flags)
    .innerJoin(assignments, eq(assignments.id, flags.assignmentId))
    .where(and(eq(flags.id, id), flagScope(user)));
  if (!row) throw notFound();
  return row.id;
}

export const flagRoutes = new Hono<ApiEnv>()
  .get(
    '/flags',
    describeRoute({
      tags: ['flags'],
      summary:
        'Flags (预警) in my scope, newest first; dismissed ones with their reasons; ?state=open|confirmed|dismissed',
    }),
    validator('query', listQuery, invalidInput),
    async (c) => {
      const user = requireRole(c, flagReaders);
      const q = c.req.valid('query');
      const where: SQL[] = [];
      if (q.state) where.push(eq(flags.state, q.state));
      if (q.clause) where.push(eq(flags.clause, q.clause));
      if (q.cadreId) where.push(eq(flags.cadreId, q.cadreId));
      const rows = await flagsWhere(c, user, where, q.limit);
      return c.json({ flags: rows.map((r) => flagView(r, user, c.var.lang)) });
    },
  )
  .get(
    '/flags/:id',
    describeRoute({ tags: ['flags'], summary: 'One flag in my scope' }),
    validator('param', idParam, invalidInput),
    async (c) => {
      const user = requireRole(c, flagReaders);
      const [row] = await flagsWhere(c, user, [eq(flags.id, c.req.valid('param').id)]);
      if (!row) throw notFound();
      return c.json(flagView(row, user, c.var.lang));
    },
  )
  .post(
    '/flags/:id/confirm',
    describeRoute({
      tags: ['flags'],
      summary:
        'Confirm a flag after hearing the cadre (§3.4): opens the case; `statement` is what the cadre said',
    }),
    validator('param', idParam, invalidInput),
    validator('json', confirmBody, invalidInput),
    async (c) => {
      const user = requireRole(c, flagReaders);
      const id = await flagInScope(c, user, c.req.valid('param').id);
      const body = c.req.valid('json');
      const result = await confirmFlag(c.var.db, id, {
        date: body.date ?? shanghaiDate(c.var.now),
        statement: body.statement,
        actor: user,
        now: c.var.now,
        idempotencyKey: body.idempotencyKey,
      });
      if (!result.ok) throw refusalError(result);
      const [row] = await flagsWhere(c, user, [eq(flags.id, id)]);
      return c.json(
        {
          flag: flagView(row!, user, c.var.lang),
          case: result.case ? await caseView(c, user, result.case) : null,
        },
        result.replayed ? 200 : 201,
      );
    },
  )
  .post(
    '/flags/:id/dismiss',
    describeRoute({
      tags: ['flags'],
      summary: 'Dismiss a flag with a written reason, which the level above sees (§4.2, §4.3)',
    }),
    validator('param', idParam, invalidInput),
    validator('json', dismissBody, invalidInput),
    async (c) => {
      const user = requireRole(c, flagReaders);
      const id = await flagInScope(c, user, c.req.valid('param').id);
      const result = await dismissFlag(c.var.db, id, {
        reason: c.req.valid('json').reason,
        actor: user,
        now: c.var.now,
      });
      if (!result.ok) throw refusalError(result);
      const [row] = await flagsWhere(c, user, [eq(flags.id, id)]);
      return c.json({ flag: flagView(row!, user, c.var.lang) });
    },
  );
