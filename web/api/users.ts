// Accounts of supervisors (and cadres who sign in on the web), managed by admins within their own
// org subtree: list, create with a role and an org scope, disable and enable. Passwords are stored
// only as PBKDF2 hashes (db/password.ts); no answer ever carries one.
import { and, asc, eq, ilike, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { Hono } from 'hono';
import { describeRoute, validator } from 'hono-openapi';
import { z } from 'zod';
import { hashPassword } from '../../db/password';
import { role, assignments, dispatchingUnits, orgUnits, sessions, users } from '../../db/schema';
import type { ApiEnv, SessionUser } from './env';
import { ApiError, notFound, refused } from './errors';
import { audit, dispatchingUnitScope, idSchema, orgUnitInScope, responses } from './org';
import { cadreScope, inSubtree } from './scope';
import { requireRole } from './session';
import { invalidInput } from './validate';

type Vars = { var: ApiEnv['Variables'] };

/** Every role of the schema (architecture.md, Security). */
const roles = role.enumValues;

const userBody = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, {
        message:
          '3–64 个字母、数字、点、下划线或连字符 / 3–64 letters, digits, dots, underscores or hyphens',
      }),
    displayName: z.string().trim().min(1).max(100),
    /** Omitted for an account that signs in only through the bot (/login). */
    password: z.string().min(10).max(200).optional(),
    role: z.enum(roles),
    orgUnitId: idSchema,
    /** Required for, and only for, the dispatchingUnit role. */
    dispatchingUnitId: idSchema.optional(),
    /** Required for, and only for, the cadre role. */
    cadreId: idSchema.optional(),
  })
  .strict()
  .superRefine((u, ctx) => {
    if ((u.role === 'dispatchingUnit') !== (u.dispatchingUnitId !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['dispatchingUnitId'],
        message:
          u.role === 'dispatchingUnit'
            ? '派出单位账号须指定派出单位 / a dispatchingUnit user needs a dispatching unit'
            : '只有派出单位账号才有派出单位 / only a dispatchingUnit user has a dispatching unit',
      });
    }
    if ((u.role === 'cadre') !== (u.cadreId !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['cadreId'],
        message:
          u.role === 'cadre'
            ? '干部账号须指定干部 / a cadre user needs a cadre'
            : '只有干部账号才对应干部 / only a cadre user has a cadre',
      });
    }
  });

const usersQuery = z.object({
  orgUnitId: idSchema.optional(),
  role: z.enum(roles).optional(),
  q: z.string().trim().max(50).optional(),
});

const idParam = z.object({ id: idSchema });

const dispatchingUnit = alias(dispatchingUnits, 'user_dispatching_unit');

function userRows(c: Vars) {
  return c.var.db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      orgUnit: { id: orgUnits.id, name: orgUnits.name, level: orgUnits.level },
      dispatchingUnit: { id: dispatchingUnit.id, name: dispatchingUnit.name },
      cadreId: users.cadreId,
      disabled: users.disabled,
      passwordHash: users.passwordHash,
      createdAt: users.createdAt,
    })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .leftJoin(dispatchingUnit, eq(dispatchingUnit.id, users.dispatchingUnitId));
}

type UserRow = Awaited<ReturnType<ReturnType<typeof userRows>['where']>>[number];

function userJson({ passwordHash, createdAt, ...rest }: UserRow) {
  return { ...rest, hasPassword: passwordHash !== null, createdAt: createdAt.toISOString() };
}

/** A user whose org unit lies in the admin's subtree; else 404. */
async function userInScope(c: Vars, admin: SessionUser, id: number): Promise<UserRow> {
  const [row] = await userRows(c).where(and(eq(users.id, id), inSubtree(orgUnits.path, admin)));
  if (!row) throw notFound();
  return row;
}

async function setDisabled(c: Vars, admin: SessionUser, id: number, disabled: boolean) {
  const before = await userInScope(c, admin, id);
  if (disabled && before.id === admin.id) {
    throw refused(
      'cannot-disable-self',
      undefined,
      '不能停用自己的账号。',
      'You cannot disable your own account.',
    );
  }
  if (before.disabled === disabled) return userJson(before);
  await c.var.db.update(users).set({ disabled }).where(eq(users.id, id));
  // A disabled account is signed out everywhere at once.
  if (disabled) await c.var.db.delete(sessions).where(eq(sessions.userId, id));
  await audit(c, admin, disabled ? 'user.disable' : 'user.enable', 'user', id, {
    before: { disabled: before.disabled },
    after: { disabled },
  });
  return userJson({ ...before, disabled });
}

export const usersRoutes = new Hono<ApiEnv>()
  .get(
    '/users',
    describeRoute({
      responses: responses({ 200: 'The accounts' }, [400, 403, 404]),
      tags: ['users'],
      summary: 'Accounts whose org unit lies in the admin’s subtree (admin)',
    }),
    validator('query', usersQuery, invalidInput),
    async (c) => {
      const admin = requireRole(c, ['admin']);
      const query = c.req.valid('query');
      const root = query.orgUnitId
        ? await orgUnitInScope(c, admin, query.orgUnitId, 'orgUnitId')
        : null;
      const conditions: (SQL | undefined)[] = [
        inSubtree(orgUnits.path, admin),
        root ? inSubtree(orgUnits.path, { scopePath: root.path }) : undefined,
        query.role ? eq(users.role, query.role) : undefined,
        query.q
          ? or(
              ilike(users.username, `%${escapeLike(query.q)}%`),
              ilike(users.displayName, `%${escapeLike(query.q)}%`),
            )
          : undefined,
      ];
      const rows = await userRows(c)
        .where(and(...conditions))
        .orderBy(asc(orgUnits.path), asc(users.username));
      return c.json(rows.map(userJson));
    },
  )
  .get(
    '/users/:id',
    describeRoute({
      responses: responses({ 200: 'The account' }, [400, 403, 404]),
      tags: ['users'],
      summary: 'One account in the admin’s subtree (admin)',
    }),
    validator('param', idParam, invalidInput),
    async (c) => {
      const admin = requireRole(c, ['admin']);
      return c.json(userJson(await userInScope(c, admin, c.req.valid('param').id)));
    },
  )
  .post(
    '/users',
    describeRoute({
      responses: responses({ 201: 'The account, created' }, [400, 403, 404, 409]),
      tags: ['users'],
      summary: 'Create an account with a role and an org unit in the admin’s subtree (admin)',
      description:
        'A dispatchingUnit user needs dispatchingUnitId, a cadre user needs cadreId. Without a password the account signs in only through the bot. 409 when the user name is taken or the cadre already has an account.',
    }),
    validator('json', userBody, invalidInput),
    async (c) => {
      const admin = requireRole(c, ['admin']);
      const body = c.req.valid('json');
      const db = c.var.db;
      await orgUnitInScope(c, admin, body.orgUnitId, 'orgUnitId');
      if (body.dispatchingUnitId !== undefined) {
        const [unit] = await db
          .select({ id: dispatchingUnits.id })
          .from(dispatchingUnits)
          .innerJoin(orgUnits, eq(orgUnits.id, dispatchingUnits.orgUnitId))
          .where(and(eq(dispatchingUnits.id, body.dispatchingUnitId), dispatchingUnitScope(admin)));
        if (!unit) throw notFoundField('dispatchingUnitId');
      }
      if (body.cadreId !== undefined) {
        const [cadre] = await db
          .select({ id: assignments.cadreId })
          .from(assignments)
          .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
          .where(and(eq(assignments.cadreId, body.cadreId), cadreScope(admin)))
          .limit(1);
        if (!cadre) throw notFoundField('cadreId');
      }
      const [taken] = await db
        .select({ username: users.username, cadreId: users.cadreId })
        .from(users)
        .where(
          or(
            eq(users.username, body.username),
            body.cadreId !== undefined ? eq(users.cadreId, body.cadreId) : undefined,
          ),
        )
        .limit(1);
      if (taken) throw takenError(taken.username === body.username);
      const [created] = await db
        .insert(users)
        .values({
          username: body.username,
          displayName: body.displayName,
          passwordHash: body.password ? await hashPassword(body.password) : null,
          role: body.role,
          orgUnitId: body.orgUnitId,
          dispatchingUnitId: body.dispatchingUnitId ?? null,
          cadreId: body.cadreId ?? null,
        })
        .onConflictDoNothing()
        .returning({ id: users.id });
      // Taken by another request between the check and the insert.
      if (!created) throw takenError(true);
      const [row] = await userRows(c).where(eq(users.id, created.id));
      const after = userJson(row!);
      await audit(c, admin, 'user.create', 'user', created.id, { after });
      return c.json(after, 201);
    },
  )
  .post(
    '/users/:id/disable',
    describeRoute({
      responses: responses({ 200: 'The account, disabled' }, [400, 403, 404, 422]),
      tags: ['users'],
      summary: 'Disable an account in the admin’s subtree and end its sessions (admin)',
    }),
    validator('param', idParam, invalidInput),
    async (c) => {
      const admin = requireRole(c, ['admin']);
      return c.json(await setDisabled(c, admin, c.req.valid('param').id, true));
    },
  )
  .post(
    '/users/:id/enable',
    describeRoute({
      responses: responses({ 200: 'The account, enabled' }, [400, 403, 404]),
      tags: ['users'],
      summary: 'Enable a disabled account again (admin)',
    }),
    validator('param', idParam, invalidInput),
    async (c) => {
      const admin = requireRole(c, ['admin']);
      return c.json(await setDisabled(c, admin, c.req.valid('param').id, false));
    },
  );

function notFoundField(field: string): ApiError {
  return new ApiError(
    404,
    'not-found',
    `没有找到，或不在您的管理范围内：${field}`,
    `Not found, or not in your area: ${field}`,
    field,
  );
}

function takenError(username: boolean): ApiError {
  return username
    ? new ApiError(
        409,
        'username-taken',
        '这个用户名已被使用。',
        'This user name is taken.',
        'username',
      )
    : new ApiError(
        409,
        'cadre-has-account',
        '这名干部已有账号。',
        'This cadre already has an account.',
        'cadreId',
      );
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}
