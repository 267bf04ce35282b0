// The numbers of the regulation in force for an org unit (core/parameters.ts: clause, unit, default,
// bounds), where each override comes from, and a county's overrides — set only within core's bounds.
import { and, eq, inArray } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute, validator } from 'hono-openapi';
import { z } from 'zod';
import {
  defaultParameters,
  type ParameterName,
  type Parameters,
  type ParameterSpec,
  parameterSpecs,
  withOverrides,
} from '../../core/parameters';
import type { Database } from '../../db/database';
import { pathIds } from '../../db/queries/parameters';
import { orgUnits, parameterOverrides } from '../../db/schema';
import type { ApiEnv, Language, SessionUser } from './env';
import { ApiError, notFound } from './errors';
import { audit, idSchema, managerRoles, orgUnitInScope, responses, supervisorRoles } from './org';
import { requireRole } from './session';
import { invalidInput } from './validate';

/** Levels whose units carry overrides: the county and the levels above it. */
const overridableLevels = ['province', 'city', 'county'] as const;

function isParameterName(name: string): name is ParameterName {
  // Own properties only: 'toString' is not a parameter.
  return Object.hasOwn(parameterSpecs, name);
}

interface OverrideSource {
  orgUnitId: number;
  orgUnitName: string;
  level: string;
  value: number;
  setAt: string;
  setByUserId: number | null;
  /** False when the unit's overrides were skipped because one no longer fits core's bounds. */
  applied: boolean;
}

/**
 * The parameters in force at a unit and, for each, every override on its path (root first) and
 * the one that wins — the fold of db/queries/parameters.ts `parametersFor`, keeping the sources.
 */
async function parametersAt(db: Database, path: string, lang: Language) {
  const ids = pathIds(path);
  const rows = await db
    .select({
      orgUnitId: parameterOverrides.orgUnitId,
      name: parameterOverrides.name,
      value: parameterOverrides.value,
      setAt: parameterOverrides.setAt,
      setByUserId: parameterOverrides.setByUserId,
      orgUnitName: orgUnits.name,
      level: orgUnits.level,
    })
    .from(parameterOverrides)
    .innerJoin(orgUnits, eq(orgUnits.id, parameterOverrides.orgUnitId))
    .where(inArray(parameterOverrides.orgUnitId, ids.length ? ids : [-1]));
  let parameters: Parameters = defaultParameters;
  const sources = new Map<string, OverrideSource[]>();
  for (const id of ids) {
    const here = rows.filter((r) => r.orgUnitId === id);
    if (here.length === 0) continue;
    const applied = withOverrides(
      parameters,
      Object.fromEntries(here.map((r) => [r.name, r.value])),
    );
    if (applied.ok) parameters = applied.parameters;
    for (const r of here) {
      sources.set(r.name, [
        ...(sources.get(r.name) ?? []),
        {
          orgUnitId: r.orgUnitId,
          orgUnitName: r.orgUnitName,
          level: r.level,
          value: r.value,
          setAt: r.setAt.toISOString(),
          setByUserId: r.setByUserId,
          applied: applied.ok,
        },
      ]);
    }
  }
  return (Object.entries(parameterSpecs) as [ParameterName, ParameterSpec][]).map(
    ([name, spec]) => {
      const overrides = sources.get(name) ?? [];
      const source = overrides.filter((o) => o.applied).at(-1) ?? null;
      return {
        name,
        label: lang === 'en' ? spec.en : spec.zh,
        clause: spec.clause,
        unit: spec.unit,
        default: spec.default,
        min: spec.min,
        max: spec.max,
        integer: spec.integer,
        value: parameters[name],
        /** The override in force, or null when the default holds. */
        source,
        overrides,
      };
    },
  );
}

const nameParam = z.object({
  orgUnitId: idSchema,
  name: z
    .string()
    .regex(/^[A-Za-z]{1,60}$/, { message: '须为参数名称 / must be a parameter name' }),
});

function knownName(name: string): ParameterName {
  if (!isParameterName(name)) {
    throw new ApiError(
      404,
      'unknown-parameter',
      `没有这个参数：${name}`,
      `No such parameter: ${name}`,
      'name',
    );
  }
  return name;
}

async function overridableUnit(
  c: { var: ApiEnv['Variables'] },
  user: SessionUser,
  orgUnitId: number,
) {
  const unit = await orgUnitInScope(c, user, orgUnitId);
  if (!(overridableLevels as readonly string[]).includes(unit.level)) {
    throw new ApiError(
      422,
      'parameter-level',
      '参数只能按县（或市、省）设置，不能按乡镇或村设置。',
      'Parameters are set per county (or city, province), not per township or village.',
      'orgUnitId',
    );
  }
  return unit;
}

export const parametersRoutes = new Hono<ApiEnv>()
  .get(
    '/parameters',
    describeRoute({
      responses: responses({ 200: '{ orgUnit, parameters }' }, [400, 403, 404]),
      tags: ['parameters'],
      summary:
        'The parameters in force for an org unit in scope (default: the user’s own), with clause, unit, default, bounds and where each override comes from',
    }),
    validator('query', z.object({ orgUnitId: idSchema.optional() }), invalidInput),
    async (c) => {
      const user = requireRole(c, supervisorRoles);
      const { orgUnitId } = c.req.valid('query');
      const unit = await orgUnitInScope(
        c,
        user,
        orgUnitId ?? user.orgUnitId,
        orgUnitId ? 'orgUnitId' : undefined,
      );
      return c.json({
        orgUnit: { id: unit.id, name: unit.name, level: unit.level },
        parameters: await parametersAt(c.var.db, unit.path, c.var.lang),
      });
    },
  )
  .put(
    '/parameters/:orgUnitId/:name',
    describeRoute({
      responses: responses({ 200: 'The parameter now in force at the unit' }, [400, 403, 404, 422]),
      tags: ['parameters'],
      summary: 'Set a county’s (or city’s, province’s) override of a parameter (county, admin)',
      description:
        'The value must lie within core’s bounds for the parameter (and be whole where it must): 422 otherwise, citing the clause.',
    }),
    validator('param', nameParam, invalidInput),
    validator('json', z.object({ value: z.number() }), invalidInput),
    async (c) => {
      const user = requireRole(c, managerRoles);
      const params = c.req.valid('param');
      const name = knownName(params.name);
      const unit = await overridableUnit(c, user, params.orgUnitId);
      const { value } = c.req.valid('json');
      const spec: ParameterSpec = parameterSpecs[name];
      if (!withOverrides(defaultParameters, { [name]: value }).ok) {
        const whole = spec.integer ? '的整数' : '';
        throw new ApiError(
          422,
          'parameter-out-of-range',
          `${spec.zh}须为 ${spec.min}–${spec.max} 之间${whole}（${spec.clause}）。`,
          `${spec.en} must be ${spec.integer ? 'a whole number ' : ''}from ${spec.min} to ${spec.max} (${spec.clause}).`,
          'value',
          spec.clause,
        );
      }
      const [before] = await c.var.db
        .select({ value: parameterOverrides.value })
        .from(parameterOverrides)
        .where(and(eq(parameterOverrides.orgUnitId, unit.id), eq(parameterOverrides.name, name)));
      const set = { value, setByUserId: user.id, setAt: c.var.now };
      await c.var.db
        .insert(parameterOverrides)
        .values({ orgUnitId: unit.id, name, ...set })
        .onConflictDoUpdate({
          target: [parameterOverrides.orgUnitId, parameterOverrides.name],
          set,
        });
      await audit(c, user, 'parameter.set', 'parameter_override', `${unit.id}/${name}`, {
        before: before ? { value: before.value } : null,
        after: { value },
      });
      const all = await parametersAt(c.var.db, unit.path, c.var.lang);
      return c.json(all.find((p) => p.name === name)!);
    },
  )
  .delete(
    '/parameters/:orgUnitId/:name',
    describeRoute({
      responses: responses({ 204: 'Removed' }, [400, 403, 404]),
      tags: ['parameters'],
      summary:
        'Remove an override, so the level above (or core’s default) holds again (county, admin)',
    }),
    validator('param', nameParam, invalidInput),
    async (c) => {
      const user = requireRole(c, managerRoles);
      const params = c.req.valid('param');
      const name = knownName(params.name);
      const unit = await orgUnitInScope(c, user, params.orgUnitId);
      const [removed] = await c.var.db
        .delete(parameterOverrides)
        .where(and(eq(parameterOverrides.orgUnitId, unit.id), eq(parameterOverrides.name, name)))
        .returning({ value: parameterOverrides.value });
      if (!removed) throw notFound();
      await audit(c, user, 'parameter.delete', 'parameter_override', `${unit.id}/${name}`, {
        before: { value: removed.value },
        after: null,
      });
      return c.body(null, 204);
    },
  );
