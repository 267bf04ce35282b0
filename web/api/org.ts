// The org tree in a supervisor's scope: org units, villages with their geofence (§1.1), dispatching
// units, cadres with their current assignment, assignments, and bot invitations. Every list and
// read is filtered by scope in the query itself; every write leaves an audit entry.
import {
  and,
  asc,
  desc,
  eq,
  gt,
  ilike,
  isNull,
  like,
  notExists,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { Hono } from 'hono';
import { describeRoute, validator } from 'hono-openapi';
import { z } from 'zod';
import { checkGeofence } from '../../core/attendance/geofence';
import { defaultParameters, parameterSpecs } from '../../core/parameters';
import type { Database } from '../../db/database';
import { createInvitation } from '../../db/queries/invitations';
import { assignments, cadres, dispatchingUnits, orgUnits, users } from '../../db/schema';
import type { ApiDependencies, ApiEnv, SessionUser } from './env';
import { ApiError, badRequest, conflict, notFound } from './errors';
import { cadreScope, inSubtree } from './scope';
import { requireRole } from './session';
import { invalidInput } from './validate';
import { audit, dateSchema, idSchema, today, type Vars } from './common';

export { audit, dateSchema, idSchema, today };

/** Everyone who supervises: every role but `cadre` reads the org tree and its people in scope. */
export const supervisorRoles = [
  'inspector',
  'township',
  'county',
  'dispatchingUnit',
  'discipline',
  'province',
  'admin',
] as const satisfies readonly SessionUser['role'][];

/** Who manages the tree, its villages and assignments: the county organization department. */
export const managerRoles = ['county', 'admin'] as const satisfies readonly SessionUser['role'][];

// ——— Shared input schemas ———

export const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "须为月份 YYYY-MM / must be a month 'YYYY-MM'" })
  .meta({ example: '2026-10' });

// ——— OpenAPI: the answers of a route, errors in the one format of index.ts's onError ———

type Responses = NonNullable<Parameters<typeof describeRoute>[0]['responses']>;

const errorMeanings: Record<number, string> = {
  400: 'Invalid input; `field` names it (a JSON path for an uploaded schedule)',
  401: 'Not signed in',
  403: 'Not allowed for the user’s role',
  404: 'Not found, or not in the user’s scope',
  409: 'Conflicts with the current state (`error` says which)',
  422: 'Refused by a rule; `clause` cites the regulation where one applies',
};

/** The success answers of a route, and its errors as `{ error, message, field?, clause? }`. */
export function responses(ok: Record<number, string>, errors: number[]): Responses {
  const result: Responses = {};
  for (const [status, description] of Object.entries(ok)) result[status] = { description };
  for (const status of [401, ...errors].sort()) {
    result[status] = {
      description: errorMeanings[status] ?? 'Error',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['error', 'message'],
            properties: {
              error: { type: 'string', description: 'A stable code, e.g. not-found' },
              message: { type: 'string', description: 'In the request’s language (zh-CN, en)' },
              field: { type: 'string' },
              clause: { type: 'string', example: '§1.1' },
            },
          },
        },
      },
    };
  }
  return result;
}

// ——— Helpers the other resources share ———

/** The org unit if it lies in the user's subtree; else 404 (naming `field` when given). */
export async function orgUnitInScope(c: Vars, user: SessionUser, id: number, field?: string) {
  const [unit] = await c.var.db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.id, id), inSubtree(orgUnits.path, user)));
  if (!unit) {
    if (!field) throw notFound();
    throw new ApiError(
      404,
      'not-found',
      `没有找到这个组织，或不在您的管理范围内：${field}`,
      `No such org unit in your area: ${field}`,
      field,
    );
  }
  return unit;
}

/**
 * Dispatching units a user may see: a dispatching unit officer only their own; everyone else the
 * units of their subtree and of the units above it (a province's 农业农村厅 sends cadres everywhere).
 */
export function dispatchingUnitScope(user: SessionUser): SQL {
  if (user.role === 'dispatchingUnit') {
    return eq(dispatchingUnits.id, user.dispatchingUnitId ?? -1);
  }
  return or(inSubtree(orgUnits.path, user), sql`${user.scopePath} like ${orgUnits.path} || '%'`)!;
}

async function dispatchingUnitInScope(c: Vars, user: SessionUser, id: number, field: string) {
  const [unit] = await c.var.db
    .select({ id: dispatchingUnits.id, name: dispatchingUnits.name, level: dispatchingUnits.level })
    .from(dispatchingUnits)
    .innerJoin(orgUnits, eq(orgUnits.id, dispatchingUnits.orgUnitId))
    .where(and(eq(dispatchingUnits.id, id), dispatchingUnitScope(user)));
  if (!unit) {
    throw new ApiError(
      404,
      'not-found',
      `没有找到这个派出单位，或不在您的管理范围内：${field}`,
      `No such dispatching unit in your area: ${field}`,
      field,
    );
  }
  return unit;
}

async function villageInScope(c: Vars, user: SessionUser, id: number, field?: string) {
  const unit = await orgUnitInScope(c, user, id, field);
  if (unit.level !== 'village') {
    throw new ApiError(
      404,
      'not-a-village',
      `这个组织不是村：${unit.name}`,
      `This org unit is not a village: ${unit.name}`,
      field,
    );
  }
  return unit;
}

const later = alias(assignments, 'later');

/** The assignment is the cadre's latest (by start date): their current one, open or ended. */
export function isLatestAssignment(db: Database): SQL {
  return notExists(
    db
      .select({ one: sql`1` })
      .from(later)
      .where(
        and(
          eq(later.cadreId, assignments.cadreId),
          or(
            gt(later.startsOn, assignments.startsOn),
            and(eq(later.startsOn, assignments.startsOn), gt(later.id, assignments.id)),
          ),
        ),
      ),
  );
}

const township = alias(orgUnits, 'township');

/** Cadres with an assignment, its village, township and dispatching unit. */
function cadreRows(db: Database) {
  return db
    .select({
      cadre: cadres,
      assignment: assignments,
      village: {
        id: orgUnits.id,
        name: orgUnits.name,
        path: orgUnits.path,
      },
      township: { id: township.id, name: township.name },
      dispatchingUnit: { id: dispatchingUnits.id, name: dispatchingUnits.name },
    })
    .from(cadres)
    .innerJoin(assignments, eq(assignments.cadreId, cadres.id))
    .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
    .leftJoin(township, eq(township.id, orgUnits.parentId))
    .innerJoin(dispatchingUnits, eq(dispatchingUnits.id, cadres.dispatchingUnitId));
}

type CadreRow = Awaited<ReturnType<ReturnType<typeof cadreRows>['where']>>[number];

function assignmentJson(row: CadreRow, day: string) {
  const a = row.assignment;
  return {
    id: a.id,
    role: a.role,
    dispatchLevel: a.dispatchLevel,
    dispatchingUnitId: a.dispatchingUnitId,
    startsOn: a.startsOn,
    endsOn: a.endsOn,
    inPost: a.startsOn <= day && (a.endsOn === null || a.endsOn >= day),
    village: row.village,
    township: row.township,
  };
}

function cadreJson(row: CadreRow, day: string) {
  const { id, name, title, phone } = row.cadre;
  return {
    id,
    name,
    title,
    phone,
    dispatchingUnit: row.dispatchingUnit,
    assignment: assignmentJson(row, day),
  };
}

/** A cadre the user may see (any assignment of theirs in scope), with the assignments in scope. */
async function cadreDetail(c: Vars, user: SessionUser, cadreId: number) {
  const rows = await cadreRows(c.var.db)
    .where(and(eq(cadres.id, cadreId), cadreScope(user)))
    .orderBy(desc(assignments.startsOn), desc(assignments.id));
  const first = rows[0];
  if (!first) throw notFound();
  const day = today(c);
  const { id, name, title, phone } = first.cadre;
  // [decision: `current` is the cadre's latest assignment when it lies in the user's scope; a
  //  cadre moved out of the area stays readable for the months they served in it]
  const [latest] = await c.var.db
    .select({ id: assignments.id })
    .from(assignments)
    .where(eq(assignments.cadreId, cadreId))
    .orderBy(desc(assignments.startsOn), desc(assignments.id))
    .limit(1);
  const current = rows.find((r) => r.assignment.id === latest?.id);
  return {
    id,
    name,
    title,
    phone,
    dispatchingUnit: first.dispatchingUnit,
    current: current ? assignmentJson(current, day) : null,
    assignments: rows.map((r) => assignmentJson(r, day)),
  };
}

// ——— Input schemas ———

const geofenceBody = z.object({
  latitude: z.number(),
  longitude: z.number(),
  radiusMetres: z.number().int(),
});

const assignmentRole = z.enum(['firstSecretary', 'teamMember']);
const dispatchLevel = z.enum(['province', 'city', 'county', 'township']);

const newAssignment = z.object({
  villageId: idSchema,
  role: assignmentRole,
  startsOn: dateSchema,
  /** Defaults to the dispatching unit's own level. */
  dispatchLevel: dispatchLevel.optional(),
});

const cadreBody = z.object({
  name: z.string().trim().min(1).max(100),
  title: z.string().trim().max(100).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{5,30}$/, { message: '须为电话号码 / must be a phone number' })
    .optional(),
  dispatchingUnitId: idSchema,
  assignment: newAssignment,
});

const assignmentBody = newAssignment.extend({
  cadreId: idSchema,
  /** Defaults to the cadre's dispatching unit. */
  dispatchingUnitId: idSchema.optional(),
});

const invitationBody = z.union([
  z.object({ cadreId: idSchema }).strict(),
  z.object({ userId: idSchema }).strict(),
]);

const idParam = z.object({ id: idSchema });

const cadreQuery = z.object({
  orgUnitId: idSchema.optional(),
  inPost: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** The sub-app; `botUsername` (without '@') turns invitation codes into t.me deep links. */
export function orgRoutes(deps: Pick<ApiDependencies, 'config'> & { botUsername?: string }) {
  return (
    new Hono<ApiEnv>()
      // ——— Org units ———
      .get(
        '/org-units',
        describeRoute({
          responses: responses({ 200: 'The unit with its subtree as children' }, [400, 403, 404]),
          tags: ['org'],
          summary: 'The org tree of the user’s scope (or of one unit in it: ?under=)',
        }),
        validator('query', z.object({ under: idSchema.optional() }), invalidInput),
        async (c) => {
          const user = requireRole(c, supervisorRoles);
          const { under } = c.req.valid('query');
          const root = await orgUnitInScope(
            c,
            user,
            under ?? user.orgUnitId,
            under ? 'under' : undefined,
          );
          const rows = await c.var.db
            .select()
            .from(orgUnits)
            .where(like(orgUnits.path, `${root.path}%`))
            .orderBy(asc(orgUnits.level), asc(orgUnits.name));
          type Node = ReturnType<typeof unitJson> & { children: Node[] };
          const nodes = new Map<number, Node>(
            rows.map((r) => [r.id, { ...unitJson(r), children: [] }]),
          );
          for (const r of rows) {
            if (r.id !== root.id && r.parentId !== null)
              nodes.get(r.parentId)?.children.push(nodes.get(r.id)!);
          }
          return c.json(nodes.get(root.id)!);
        },
      )
      .get(
        '/org-units/:id',
        describeRoute({
          responses: responses({ 200: 'The unit and its direct children' }, [400, 403, 404]),
          tags: ['org'],
          summary: 'One org unit in scope, with its direct children',
        }),
        validator('param', idParam, invalidInput),
        async (c) => {
          const user = requireRole(c, supervisorRoles);
          const unit = await orgUnitInScope(c, user, c.req.valid('param').id);
          const children = await c.var.db
            .select()
            .from(orgUnits)
            .where(eq(orgUnits.parentId, unit.id))
            .orderBy(asc(orgUnits.name));
          return c.json({ ...unitJson(unit), children: children.map(unitJson) });
        },
      )

      // ——— Villages and their geofence (§1.1) ———
      .get(
        '/villages',
        describeRoute({
          responses: responses({ 200: 'The villages' }, [400, 403, 404]),
          tags: ['org'],
          summary: 'Villages in scope (or under one unit: ?under=) with their geofence',
        }),
        validator('query', z.object({ under: idSchema.optional() }), invalidInput),
        async (c) => {
          const user = requireRole(c, supervisorRoles);
          const { under } = c.req.valid('query');
          const root = under ? await orgUnitInScope(c, user, under, 'under') : null;
          const rows = await c.var.db
            .select()
            .from(orgUnits)
            .where(
              and(
                eq(orgUnits.level, 'village'),
                inSubtree(orgUnits.path, user),
                root ? like(orgUnits.path, `${root.path}%`) : undefined,
              ),
            )
            .orderBy(asc(orgUnits.path));
          return c.json(rows.map(unitJson));
        },
      )
      .put(
        '/villages/:id/geofence',
        describeRoute({
          responses: responses({ 200: 'The village with its new geofence' }, [400, 403, 404, 422]),
          tags: ['org'],
          summary: 'Move a village’s centre or change its radius (county, admin) — §1.1',
          description: `The radius must lie within core's bounds for geofenceMetres (${parameterSpecs.geofenceMetres.min}–${parameterSpecs.geofenceMetres.max} m); otherwise 422.`,
        }),
        validator('param', idParam, invalidInput),
        validator('json', geofenceBody, invalidInput),
        async (c) => {
          const user = requireRole(c, managerRoles);
          const village = await villageInScope(c, user, c.req.valid('param').id);
          const body = c.req.valid('json');
          const centre = { latitude: body.latitude, longitude: body.longitude };
          // 真蹲实驻 — §1.1: core decides what a geofence may be.
          const checked = checkGeofence(
            { centre, radiusMetres: body.radiusMetres },
            centre,
            defaultParameters,
          );
          if (!checked.ok) {
            if (checked.reason === 'invalid-coordinates') {
              const field = checked.field.replace(/^centre\./, '');
              throw badRequest(
                'invalid-input',
                `输入有误：${field}（不是地球上的有效坐标）`,
                `Invalid input: ${field} (not a valid coordinate on Earth)`,
                field,
              );
            }
            const { min, max } = parameterSpecs.geofenceMetres;
            throw new ApiError(
              422,
              'geofence-radius-out-of-range',
              `电子围栏半径须在 ${min}–${max} 米之间。`,
              `The geofence radius must be from ${min} to ${max} metres.`,
              'radiusMetres',
              '§1.1',
            );
          }
          const before = geofenceOf(village);
          const [updated] = await c.var.db
            .update(orgUnits)
            .set({ ...centre, geofenceMetres: body.radiusMetres })
            .where(eq(orgUnits.id, village.id))
            .returning();
          await audit(c, user, 'village.geofence.update', 'org_unit', village.id, {
            before,
            after: geofenceOf(updated!),
          });
          return c.json(unitJson(updated!));
        },
      )

      // ——— Dispatching units ———
      .get(
        '/dispatching-units',
        describeRoute({
          responses: responses({ 200: 'The dispatching units' }, [403]),
          tags: ['org'],
          summary:
            'Dispatching units the user may see: those of the subtree and above it; a unit officer sees their own',
        }),
        async (c) => {
          const user = requireRole(c, supervisorRoles);
          const rows = await c.var.db
            .select({
              id: dispatchingUnits.id,
              name: dispatchingUnits.name,
              level: dispatchingUnits.level,
              orgUnit: { id: orgUnits.id, name: orgUnits.name, level: orgUnits.level },
            })
            .from(dispatchingUnits)
            .innerJoin(orgUnits, eq(orgUnits.id, dispatchingUnits.orgUnitId))
            .where(dispatchingUnitScope(user))
            .orderBy(asc(orgUnits.path), asc(dispatchingUnits.id));
          return c.json(rows);
        },
      )

      // ——— Cadres ———
      .get(
        '/cadres',
        describeRoute({
          responses: responses({ 200: '{ total, cadres }' }, [400, 403, 404]),
          tags: ['cadres'],
          summary:
            'Cadres whose current (latest) assignment lies in scope, with it; a unit officer sees only the unit’s cadres',
        }),
        validator('query', cadreQuery, invalidInput),
        async (c) => {
          const user = requireRole(c, supervisorRoles);
          const query = c.req.valid('query');
          const root = query.orgUnitId
            ? await orgUnitInScope(c, user, query.orgUnitId, 'orgUnitId')
            : null;
          const day = today(c);
          const inPost = and(
            sql`${assignments.startsOn} <= ${day}`,
            or(isNull(assignments.endsOn), sql`${assignments.endsOn} >= ${day}`),
          );
          const where = and(
            cadreScope(user),
            isLatestAssignment(c.var.db),
            root ? like(orgUnits.path, `${root.path}%`) : undefined,
            query.inPost === 'true'
              ? inPost
              : query.inPost === 'false'
                ? sql`not (${inPost})`
                : undefined,
            query.q ? ilike(cadres.name, `%${escapeLike(query.q)}%`) : undefined,
          );
          const [rows, [count]] = await Promise.all([
            cadreRows(c.var.db)
              .where(where)
              .orderBy(asc(orgUnits.path), asc(assignments.role), asc(cadres.name), asc(cadres.id))
              .limit(query.limit)
              .offset(query.offset),
            c.var.db
              .select({ total: sql<number>`count(*)::int` })
              .from(cadres)
              .innerJoin(assignments, eq(assignments.cadreId, cadres.id))
              .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
              .where(where),
          ]);
          return c.json({ total: count?.total ?? 0, cadres: rows.map((r) => cadreJson(r, day)) });
        },
      )
      .get(
        '/cadres/:id',
        describeRoute({
          responses: responses({ 200: 'The cadre' }, [400, 403, 404]),
          tags: ['cadres'],
          summary: 'One cadre in scope, with the current assignment and the assignments in scope',
        }),
        validator('param', idParam, invalidInput),
        async (c) => {
          const user = requireRole(c, supervisorRoles);
          return c.json(await cadreDetail(c, user, c.req.valid('param').id));
        },
      )
      .post(
        '/cadres',
        describeRoute({
          responses: responses({ 201: 'The cadre, registered' }, [400, 403, 404]),
          tags: ['cadres'],
          summary:
            'Register a cadre sent to a village in scope, with the first assignment (county, admin)',
        }),
        validator('json', cadreBody, invalidInput),
        async (c) => {
          const user = requireRole(c, managerRoles);
          const body = c.req.valid('json');
          const unit = await dispatchingUnitInScope(
            c,
            user,
            body.dispatchingUnitId,
            'dispatchingUnitId',
          );
          const village = await villageInScope(
            c,
            user,
            body.assignment.villageId,
            'assignment.villageId',
          );
          const [cadre] = await c.var.db
            .insert(cadres)
            .values({
              name: body.name,
              title: body.title ?? null,
              phone: body.phone ?? null,
              dispatchingUnitId: unit.id,
            })
            .returning();
          const [assignment] = await c.var.db
            .insert(assignments)
            .values({
              cadreId: cadre!.id,
              villageId: village.id,
              role: body.assignment.role,
              dispatchLevel: body.assignment.dispatchLevel ?? unit.level,
              dispatchingUnitId: unit.id,
              startsOn: body.assignment.startsOn,
            })
            .returning();
          await audit(c, user, 'cadre.create', 'cadre', cadre!.id, {
            after: { cadre: cadre!, assignment: assignment! },
          });
          return c.json(await cadreDetail(c, user, cadre!.id), 201);
        },
      )

      // ——— Assignments (派驻) ———
      .post(
        '/assignments',
        describeRoute({
          responses: responses({ 201: 'The assignment' }, [400, 403, 404, 409]),
          tags: ['assignments'],
          summary:
            'Send a cadre to a village in scope (county, admin); one open assignment per cadre',
          description:
            'A cadre with an open assignment, or one overlapping the new start date, gets 409: end it first.',
        }),
        validator('json', assignmentBody, invalidInput),
        async (c) => {
          const user = requireRole(c, managerRoles);
          const body = c.req.valid('json');
          const db = c.var.db;
          const cadre = await cadreToSend(c, user, body.cadreId);
          const unit = await dispatchingUnitInScope(
            c,
            user,
            body.dispatchingUnitId ?? cadre.dispatchingUnitId,
            'dispatchingUnitId',
          );
          const village = await villageInScope(c, user, body.villageId, 'villageId');

          // At most one open assignment per cadre (the database's partial unique index says so too);
          // one that overlaps the new start must be ended first.
          const [clash] = await db
            .select({
              id: assignments.id,
              startsOn: assignments.startsOn,
              endsOn: assignments.endsOn,
              village: orgUnits.name,
            })
            .from(assignments)
            .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
            .where(
              and(
                eq(assignments.cadreId, cadre.id),
                or(isNull(assignments.endsOn), sql`${assignments.endsOn} >= ${body.startsOn}`),
              ),
            )
            .orderBy(desc(assignments.startsOn))
            .limit(1);
          if (clash) throw assignmentClash(clash);
          const [created] = await db
            .insert(assignments)
            .values({
              cadreId: cadre.id,
              villageId: village.id,
              role: body.role,
              dispatchLevel: body.dispatchLevel ?? unit.level,
              dispatchingUnitId: unit.id,
              startsOn: body.startsOn,
            })
            .onConflictDoNothing()
            .returning();
          // Another request opened one between the check and the insert.
          if (!created) {
            throw conflict(
              'assignment-open',
              '这名干部已有未结束的派驻，请先结束它。',
              'This cadre already has an open assignment; end it first.',
            );
          }
          await audit(c, user, 'assignment.create', 'assignment', created.id, { after: created });
          return c.json(created, 201);
        },
      )
      .post(
        '/assignments/:id/end',
        describeRoute({
          responses: responses({ 200: 'The assignment, ended' }, [400, 403, 404, 409, 422]),
          tags: ['assignments'],
          summary: 'End an open assignment in scope on a date (county, admin)',
        }),
        validator('param', idParam, invalidInput),
        validator('json', z.object({ endsOn: dateSchema }), invalidInput),
        async (c) => {
          const user = requireRole(c, managerRoles);
          const { endsOn } = c.req.valid('json');
          const [row] = await c.var.db
            .select({ assignment: assignments })
            .from(assignments)
            .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
            .where(and(eq(assignments.id, c.req.valid('param').id), cadreScope(user)))
            .for('update', { of: assignments });
          if (!row) throw notFound();
          const before = row.assignment;
          if (before.endsOn !== null) {
            throw conflict(
              'assignment-ended',
              `这次派驻已于 ${before.endsOn} 结束。`,
              `This assignment already ended on ${before.endsOn}.`,
            );
          }
          if (endsOn < before.startsOn) {
            throw new ApiError(
              422,
              'assignment-ends-before-start',
              `结束日期不能早于派驻开始日期 ${before.startsOn}。`,
              `The end cannot be before the assignment started on ${before.startsOn}.`,
              'endsOn',
            );
          }
          const [after] = await c.var.db
            .update(assignments)
            .set({ endsOn })
            .where(eq(assignments.id, before.id))
            .returning();
          await audit(c, user, 'assignment.end', 'assignment', before.id, { before, after });
          return c.json(after!);
        },
      )

      // ——— Bot invitations ———
      .post(
        '/invitations',
        describeRoute({
          responses: responses(
            { 201: '{ cadreId | userId, code, link, expiresAt }' },
            [400, 403, 404, 422],
          ),
          tags: ['invitations'],
          summary:
            'A one-time bot invitation for a cadre in post in scope (township, county, dispatching unit, admin) or a supervisor (admin)',
          description:
            'Returns the code, and the t.me deep link when the bot’s username is known (else link is null). Single use, valid seven days; only its hash is stored.',
        }),
        validator('json', invitationBody, invalidInput),
        async (c) => {
          const body = c.req.valid('json');
          let target: { cadreId: number } | { userId: number };
          let user: SessionUser;
          if ('cadreId' in body) {
            user = requireRole(c, ['township', 'county', 'dispatchingUnit', 'admin']);
            await cadreDetail(c, user, body.cadreId);
            const day = today(c);
            const [open] = await c.var.db
              .select({ id: assignments.id })
              .from(assignments)
              .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
              .where(
                and(
                  eq(assignments.cadreId, body.cadreId),
                  cadreScope(user),
                  sql`${assignments.startsOn} <= ${day}`,
                  or(isNull(assignments.endsOn), sql`${assignments.endsOn} >= ${day}`),
                ),
              );
            if (!open) {
              throw new ApiError(
                422,
                'not-in-post',
                '这名干部目前没有在您管理范围内的派驻，无法邀请其使用机器人。',
                'This cadre has no current assignment in your area to link the bot to.',
                'cadreId',
              );
            }
            target = { cadreId: body.cadreId };
          } else {
            user = requireRole(c, ['admin']);
            const [invited] = await c.var.db
              .select({ id: users.id, role: users.role, disabled: users.disabled })
              .from(users)
              .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
              .where(and(eq(users.id, body.userId), inSubtree(orgUnits.path, user)));
            if (!invited) throw notFound();
            if (invited.disabled || invited.role === 'cadre') {
              throw new ApiError(
                422,
                invited.disabled ? 'user-disabled' : 'user-is-cadre',
                invited.disabled
                  ? '这个账号已停用。'
                  : '干部账号请用干部邀请（cadreId）绑定机器人。',
                invited.disabled
                  ? 'This account is disabled.'
                  : 'A cadre’s account links to the bot through a cadre invitation (cadreId).',
                'userId',
              );
            }
            target = { userId: invited.id };
          }
          const { code, expiresAt } = await createInvitation(c.var.db, target, c.var.now, user.id);
          // The code itself never reaches the audit log: only who was invited, by whom, until when.
          await audit(c, user, 'invitation.create', 'invitation', null, {
            after: { ...target, expiresAt: expiresAt.toISOString() },
          });
          const link = deps.botUsername ? `https://t.me/${deps.botUsername}?start=${code}` : null;
          return c.json({ ...target, code, link, expiresAt: expiresAt.toISOString() }, 201);
        },
      )
  );
}

/**
 * A cadre the user may send to a village: one of their assignments lies in scope, or, before their
 * first assignment, their dispatching unit is one the user sees. Else 404.
 */
async function cadreToSend(c: Vars, user: SessionUser, cadreId: number) {
  const db = c.var.db;
  const [cadre] = await db.select().from(cadres).where(eq(cadres.id, cadreId));
  const [seen, any, unit] = cadre
    ? await Promise.all([
        db
          .select({ id: assignments.id })
          .from(assignments)
          .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
          .where(and(eq(assignments.cadreId, cadre.id), cadreScope(user)))
          .limit(1),
        db
          .select({ id: assignments.id })
          .from(assignments)
          .where(eq(assignments.cadreId, cadre.id))
          .limit(1),
        db
          .select({ id: dispatchingUnits.id })
          .from(dispatchingUnits)
          .innerJoin(orgUnits, eq(orgUnits.id, dispatchingUnits.orgUnitId))
          .where(and(eq(dispatchingUnits.id, cadre.dispatchingUnitId), dispatchingUnitScope(user))),
      ])
    : [[], [], []];
  if (!cadre || !(seen[0] || (!any[0] && unit[0]))) {
    throw new ApiError(
      404,
      'not-found',
      '没有找到这名干部，或不在您的管理范围内。',
      'No such cadre in your area.',
      'cadreId',
    );
  }
  return cadre;
}

function unitJson(unit: typeof orgUnits.$inferSelect) {
  return {
    id: unit.id,
    parentId: unit.parentId,
    level: unit.level,
    name: unit.name,
    code: unit.code,
    path: unit.path,
    geofence: geofenceOf(unit),
  };
}

function geofenceOf(unit: typeof orgUnits.$inferSelect) {
  if (unit.latitude === null || unit.longitude === null || unit.geofenceMetres === null)
    return null;
  return { latitude: unit.latitude, longitude: unit.longitude, radiusMetres: unit.geofenceMetres };
}

function assignmentClash(clash: {
  startsOn: string;
  endsOn: string | null;
  village: string;
}): ApiError {
  if (clash.endsOn === null) {
    return conflict(
      'assignment-open',
      `这名干部已有未结束的派驻（${clash.village}，自 ${clash.startsOn} 起）。一名干部同时只能有一个未结束的派驻：请先结束它，再新建派驻。`,
      `This cadre already has an open assignment (${clash.village}, since ${clash.startsOn}). A cadre has at most one open assignment: end it before creating another.`,
    );
  }
  return conflict(
    'assignment-overlaps',
    `新派驻的开始日期与已有派驻（${clash.village}，${clash.startsOn} 至 ${clash.endsOn}）重叠。`,
    `The new assignment would start before the cadre’s assignment in ${clash.village} (${clash.startsOn} to ${clash.endsOn}) ended.`,
  );
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
