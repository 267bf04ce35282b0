// Attendance as core evaluates it (§1.1, §1.2, §2.4, §2.5): a cadre's months and 民情日记 (diary)
// entries, the month of a village, township or county (who is short, by how much, with which
// justified absence), and the presence a township verified. The figures come from core's monthFacts
// and evaluateMonth only.
import { and, asc, desc, eq, gte, isNull, like, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { Hono } from 'hono';
import { describeRoute, validator } from 'hono-openapi';
import { z } from 'zod';
import {
  assignedMonths,
  evaluateMonth,
  monthFacts,
  type MonthPresence,
} from '../../core/attendance';
import { addDays, firstOfMonth, lastOfMonth, type LocalDate } from '../../core/calendar/local-date';
import { defaultParameters, type Parameters, withOverrides } from '../../core/parameters';
import type { Database } from '../../db/database';
import { monthRecords, type MonthRecords } from '../../db/queries/month-close';
import { pathIds } from '../../db/queries/parameters';
import {
  assignments,
  cadres,
  checkIns,
  diaryEntries,
  dispatchingUnits,
  orgUnits,
  parameterOverrides,
  verifiedPresence,
} from '../../db/schema';
import type { ApiEnv, SessionUser } from './env';
import { ApiError, badRequest, notFound, refused } from './errors';
import {
  audit,
  dateSchema,
  idSchema,
  monthSchema,
  orgUnitInScope,
  responses,
  supervisorRoles,
  today,
} from './org';
import { cadreScope } from './scope';
import { requireRole, requireUser } from './session';
import { invalidInput } from './validate';

/** One month of one assignment, as core evaluates it, with the days still missing. */
export interface MonthFigures extends MonthPresence {
  month: string;
  /** Whether the month has ended by today; an open month has no verdict (compliant is null). */
  ended: boolean;
  /** Days missing to reach `required`: required − inVillage − justifiedAbsence, at least 0. */
  shortfall: number;
}

/** One assignment's month from its records, by core. */
function figures(
  month: string,
  assignment: { startsOn: LocalDate; endsOn: LocalDate | null },
  records: MonthRecords | undefined,
  asOf: LocalDate,
  parameters: Parameters,
): MonthFigures {
  const facts = monthFacts({
    month,
    assignment: { start: assignment.startsOn, end: assignment.endsOn },
    inVillageDays: records?.inVillage ?? [],
    diaryDates: records?.diary ?? [],
    leaves: records?.leaves ?? [],
    asOf,
  });
  const presence = evaluateMonth(facts, parameters);
  return {
    month,
    ended: facts.ended,
    ...presence,
    shortfall: Math.max(0, presence.required - presence.inVillage - presence.justifiedAbsence),
  };
}

/**
 * The parameters in force at every unit of a subtree, from one query: core's defaults, then the
 * overrides of each ancestor from the province down, the nearest unit's winning — the same fold as
 * db/queries/parameters.ts `parametersFor`, for many villages at once.
 */
async function parametersInSubtree(
  db: Database,
  rootPath: string,
): Promise<(path: string) => Parameters> {
  const rows = await db
    .select({
      orgUnitId: parameterOverrides.orgUnitId,
      name: parameterOverrides.name,
      value: parameterOverrides.value,
    })
    .from(parameterOverrides)
    .innerJoin(orgUnits, eq(orgUnits.id, parameterOverrides.orgUnitId))
    .where(or(like(orgUnits.path, `${rootPath}%`), sql`${rootPath} like ${orgUnits.path} || '%'`));
  const byUnit = new Map<number, Record<string, number>>();
  for (const r of rows) byUnit.set(r.orgUnitId, { ...byUnit.get(r.orgUnitId), [r.name]: r.value });
  const memo = new Map<string, Parameters>();
  return (path) => {
    let parameters = memo.get(path);
    if (parameters) return parameters;
    parameters = defaultParameters;
    for (const id of pathIds(path)) {
      const overrides = byUnit.get(id);
      if (!overrides) continue;
      const applied = withOverrides(parameters, overrides);
      // As in parametersFor: a stored override that no longer fits is skipped with its unit's.
      if (applied.ok) parameters = applied.parameters;
    }
    memo.set(path, parameters);
    return parameters;
  };
}

const township = alias(orgUnits, 'township');

// Who reads §2.5 flags reads the diary behind them; as for leave, not discipline or inspectors.
const diaryReaders = [
  'township',
  'county',
  'dispatchingUnit',
  'province',
] as const satisfies readonly SessionUser['role'][];

/** The diary's default range: the 90 days up to `to` (today by default), both ends included. */
const DIARY_DAYS = 90;
/** Entries per answer, newest first; `truncated` says when there are more in the range. */
const MAX_DIARY_ENTRIES = 500;

const diaryQuery = z.object({ from: dateSchema.optional(), to: dateSchema.optional() });

const verifiedBody = z.object({
  cadreId: idSchema,
  date: dateSchema,
  note: z.string().trim().max(500).optional(),
});

export const attendanceRoutes = new Hono<ApiEnv>()
  .get(
    '/cadres/:id/months',
    describeRoute({
      responses: responses(
        { 200: '{ cadre, village, assignment, asOf, parameters, months }' },
        [400, 403, 404],
      ),
      tags: ['attendance'],
      summary:
        'Every month of a cadre’s assignment as core evaluates it today (§1.2, §2.4, §2.5); ?assignmentId= for an earlier one',
      description:
        'The current (latest) assignment in the user’s scope by default. A cadre signed in sees their own.',
    }),
    validator('param', z.object({ id: idSchema }), invalidInput),
    validator('query', z.object({ assignmentId: idSchema.optional() }), invalidInput),
    async (c) => {
      const user = requireUser(c);
      const cadreId = c.req.valid('param').id;
      const { assignmentId } = c.req.valid('query');
      const scope = ownOrInScope(c, user, cadreId, supervisorRoles);
      const where = and(
        eq(assignments.cadreId, cadreId),
        scope,
        assignmentId ? eq(assignments.id, assignmentId) : undefined,
      )!;
      const [row] = await c.var.db
        .select({
          assignment: assignments,
          cadre: { id: cadres.id, name: cadres.name },
          village: { id: orgUnits.id, name: orgUnits.name, path: orgUnits.path },
        })
        .from(assignments)
        .innerJoin(cadres, eq(cadres.id, assignments.cadreId))
        .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
        .where(where)
        .orderBy(sql`${assignments.startsOn} desc, ${assignments.id} desc`)
        .limit(1);
      if (!row) throw notFound();
      const asOf = today(c);
      const { assignment } = row;
      const months = assignedMonths({ start: assignment.startsOn, end: assignment.endsOn }, asOf);
      const parameters = (await parametersInSubtree(c.var.db, row.village.path))(row.village.path);
      const records = months.length
        ? await monthRecords(
            c.var.db,
            eq(assignments.id, assignment.id),
            firstOfMonth(months[0]!),
            lastOfMonth(months[months.length - 1]!),
          )
        : new Map<number, MonthRecords>();
      return c.json({
        cadre: row.cadre,
        village: { id: row.village.id, name: row.village.name },
        assignment: {
          id: assignment.id,
          role: assignment.role,
          startsOn: assignment.startsOn,
          endsOn: assignment.endsOn,
        },
        asOf,
        parameters: {
          minDaysPerMonth: parameters.minDaysPerMonth,
          minDiaryEntriesPerMonth: parameters.minDiaryEntriesPerMonth,
        },
        months: months.map((m) =>
          figures(m, assignment, records.get(assignment.id), asOf, parameters),
        ),
      });
    },
  )
  .get(
    '/cadres/:id/diary',
    describeRoute({
      responses: responses({ 200: '{ cadre, from, to, entries, truncated }' }, [400, 403, 404]),
      tags: ['attendance'],
      summary:
        'A cadre’s 民情日记 entries from ?from= to ?to=, newest first (§2.5); the last 90 days by default',
      description: `At most ${MAX_DIARY_ENTRIES} entries (truncated: true when the range holds more). Only the entries of the cadre’s assignments in the user’s scope; a cadre signed in reads their own.`,
    }),
    validator('param', z.object({ id: idSchema }), invalidInput),
    validator('query', diaryQuery, invalidInput),
    async (c) => {
      const user = requireUser(c);
      const cadreId = c.req.valid('param').id;
      const scope = ownOrInScope(c, user, cadreId, diaryReaders);
      const q = c.req.valid('query');
      const to = q.to ?? today(c);
      const from = q.from ?? addDays(to, 1 - DIARY_DAYS);
      if (from > to) {
        throw badRequest(
          'invalid-input',
          `输入有误：from（不能晚于 ${to}）`,
          `Invalid input: from (must not be after ${to})`,
          'from',
        );
      }
      const [cadre] = await c.var.db
        .select({ id: cadres.id, name: cadres.name })
        .from(assignments)
        .innerJoin(cadres, eq(cadres.id, assignments.cadreId))
        .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
        .where(and(eq(assignments.cadreId, cadreId), scope))
        .limit(1);
      if (!cadre) throw notFound();
      // The entries of the stays the user may see: an earlier village outside the scope stays out.
      const rows = await c.var.db
        .select({ entry: diaryEntries, village: { id: orgUnits.id, name: orgUnits.name } })
        .from(diaryEntries)
        .innerJoin(assignments, eq(assignments.id, diaryEntries.assignmentId))
        .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
        .where(
          and(
            eq(diaryEntries.cadreId, cadreId),
            scope,
            gte(diaryEntries.localDate, from),
            lte(diaryEntries.localDate, to),
          ),
        )
        .orderBy(desc(diaryEntries.localDate), desc(diaryEntries.at), desc(diaryEntries.id))
        .limit(MAX_DIARY_ENTRIES + 1);
      return c.json({
        cadre,
        from,
        to,
        entries: rows.slice(0, MAX_DIARY_ENTRIES).map(({ entry, village }) => ({
          id: entry.id,
          date: entry.localDate,
          at: entry.at.toISOString(),
          text: entry.text,
          // The photo and the voice note stay in Telegram: the app says that there is one.
          photo: entry.photoFileId !== null,
          voice: entry.voiceFileId !== null,
          assignmentId: entry.assignmentId,
          village,
          createdAt: entry.createdAt.toISOString(),
        })),
        truncated: rows.length > MAX_DIARY_ENTRIES,
      });
    },
  )
  .get(
    '/cadres/:id/presence',
    describeRoute({
      responses: responses({ 200: '{ cadre, month, asOf, days }' }, [400, 403, 404]),
      tags: ['attendance'],
      summary:
        'The days of a month a cadre was in the village: an inside check-in or presence the township verified (§1.1)',
      description:
        'One row per day that has either, up to today: { date, checkIn, verified }. The same scope as /cadres/{id}/months; a cadre signed in sees their own. For the month calendar of the PWA.',
    }),
    validator('param', z.object({ id: idSchema }), invalidInput),
    validator('query', z.object({ month: monthSchema }), invalidInput),
    async (c) => {
      const user = requireUser(c);
      const cadreId = c.req.valid('param').id;
      const { month } = c.req.valid('query');
      const scope = ownOrInScope(c, user, cadreId, supervisorRoles);
      const [cadre] = await c.var.db
        .select({ id: cadres.id, name: cadres.name })
        .from(assignments)
        .innerJoin(cadres, eq(cadres.id, assignments.cadreId))
        .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
        .where(and(eq(assignments.cadreId, cadreId), scope))
        .limit(1);
      if (!cadre) throw notFound();
      const asOf = today(c);
      const from = firstOfMonth(month);
      const last = lastOfMonth(month);
      // [decision: as monthFacts, only the days up to today; later ones have not happened]
      const to = last < asOf ? last : asOf;
      // The stays the user may see, as for the diary: an earlier village outside the scope stays out.
      const where = and(eq(assignments.cadreId, cadreId), scope)!;
      const [inside, verified] =
        from > to
          ? [[], []]
          : await Promise.all([
              c.var.db
                .selectDistinct({ day: checkIns.localDate })
                .from(checkIns)
                .innerJoin(assignments, eq(assignments.id, checkIns.assignmentId))
                .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
                .where(
                  and(
                    where,
                    eq(checkIns.inside, true),
                    gte(checkIns.localDate, from),
                    lte(checkIns.localDate, to),
                  ),
                ),
              c.var.db
                .select({ day: verifiedPresence.date })
                .from(verifiedPresence)
                .innerJoin(assignments, eq(assignments.id, verifiedPresence.assignmentId))
                .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
                .where(
                  and(where, gte(verifiedPresence.date, from), lte(verifiedPresence.date, to)),
                ),
            ]);
      const days = new Map<string, { date: string; checkIn: boolean; verified: boolean }>();
      const day = (date: string) => {
        let d = days.get(date);
        if (!d) days.set(date, (d = { date, checkIn: false, verified: false }));
        return d;
      };
      for (const r of inside) day(r.day).checkIn = true;
      for (const r of verified) day(r.day).verified = true;
      return c.json({
        cadre,
        month,
        asOf,
        days: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)),
      });
    },
  )
  .get(
    '/attendance/:orgUnitId/:month',
    describeRoute({
      responses: responses(
        { 200: '{ orgUnit, month, asOf, ended, summary, cadres }' },
        [400, 403, 404, 422],
      ),
      tags: ['attendance'],
      summary:
        'A month of every cadre assigned under a village, township or county in scope, shortest first (§1.2, §2.4, §2.5)',
      description:
        'Each row: required, inVillage, justifiedAbsence, shortfall, diaryEntries, compliant (null while the month is open). A dispatching unit officer sees only the unit’s cadres.',
    }),
    validator('param', z.object({ orgUnitId: idSchema, month: monthSchema }), invalidInput),
    async (c) => {
      const user = requireRole(c, supervisorRoles);
      const { orgUnitId, month } = c.req.valid('param');
      const unit = await orgUnitInScope(c, user, orgUnitId);
      const asOf = today(c);
      if (firstOfMonth(month) > asOf) {
        throw new ApiError(
          422,
          'month-not-started',
          `${month} 还没有开始。`,
          `${month} has not begun yet.`,
          'month',
        );
      }
      const from = firstOfMonth(month);
      const to = lastOfMonth(month);
      // Assignments under the unit that overlap the month and have begun by today.
      const where = and(
        cadreScope(user),
        like(orgUnits.path, `${unit.path}%`),
        lte(assignments.startsOn, to),
        lte(assignments.startsOn, asOf),
        or(isNull(assignments.endsOn), gte(assignments.endsOn, from)),
      )!;
      const [rows, records, parametersAt] = await Promise.all([
        c.var.db
          .select({
            assignment: assignments,
            cadre: { id: cadres.id, name: cadres.name },
            village: { id: orgUnits.id, name: orgUnits.name, path: orgUnits.path },
            township: { id: township.id, name: township.name },
            dispatchingUnit: { id: dispatchingUnits.id, name: dispatchingUnits.name },
          })
          .from(assignments)
          .innerJoin(cadres, eq(cadres.id, assignments.cadreId))
          .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
          .leftJoin(township, eq(township.id, orgUnits.parentId))
          .innerJoin(dispatchingUnits, eq(dispatchingUnits.id, assignments.dispatchingUnitId))
          .where(where)
          .orderBy(asc(orgUnits.path), asc(assignments.role), asc(cadres.name)),
        monthRecords(c.var.db, where, from, to),
        parametersInSubtree(c.var.db, unit.path),
      ]);
      const list = rows.map((r) => {
        const {
          month: _,
          ended: __,
          ...figure
        } = figures(
          month,
          r.assignment,
          records.get(r.assignment.id),
          asOf,
          parametersAt(r.village.path),
        );
        return {
          cadre: r.cadre,
          assignment: {
            id: r.assignment.id,
            role: r.assignment.role,
            startsOn: r.assignment.startsOn,
            endsOn: r.assignment.endsOn,
          },
          village: { id: r.village.id, name: r.village.name },
          township: r.township,
          dispatchingUnit: r.dispatchingUnit,
          ...figure,
        };
      });
      // Shortest first; the stable sort keeps the tree's order among equals.
      list.sort((a, b) => b.shortfall - a.shortfall);
      const ended = to < asOf;
      return c.json({
        orgUnit: { id: unit.id, name: unit.name, level: unit.level },
        month,
        asOf,
        ended,
        summary: {
          cadres: list.length,
          short: list.filter((r) => r.shortfall > 0).length,
          compliant: list.filter((r) => r.compliant === true).length,
          nonCompliant: list.filter((r) => r.compliant === false).length,
        },
        cadres: list,
      });
    },
  )
  .post(
    '/attendance/verified',
    describeRoute({
      responses: responses(
        {
          201: 'Recorded (created: true)',
          200: 'Recorded before; the existing record (created: false)',
        },
        [400, 403, 404, 422],
      ),
      tags: ['attendance'],
      summary: 'Record presence the township (or county) verified for a cadre on a date (§1.1)',
      description:
        'Idempotent per cadre and date: the first call creates the record (201, created: true); a repeat returns the existing record unchanged (200, created: false) and writes nothing.',
    }),
    validator('json', verifiedBody, invalidInput),
    async (c) => {
      const user = requireRole(c, ['township', 'county']);
      const body = c.req.valid('json');
      const db = c.var.db;
      const [assignment] = await db
        .select({ id: assignments.id })
        .from(assignments)
        .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
        .where(
          and(
            eq(assignments.cadreId, body.cadreId),
            cadreScope(user),
            lte(assignments.startsOn, body.date),
            or(isNull(assignments.endsOn), gte(assignments.endsOn, body.date)),
          ),
        )
        .limit(1);
      if (!assignment) {
        const [seen] = await db
          .select({ id: assignments.id })
          .from(assignments)
          .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
          .where(and(eq(assignments.cadreId, body.cadreId), cadreScope(user)))
          .limit(1);
        if (!seen) throw notFound();
        throw new ApiError(
          422,
          'outside-assignment',
          `${body.date} 这名干部没有在您管理范围内的派驻。`,
          `On ${body.date} this cadre had no assignment in your area.`,
          'date',
          '§1.1',
        );
      }
      // 在村 — §1.1: verified presence counts like an inside check-in, so only for a day that has come.
      if (body.date > today(c)) {
        throw refused(
          'date-in-future',
          '§1.1',
          `不能核实还没有到来的日期（${body.date}）的在村情况。`,
          `Presence cannot be verified for a day that has not come (${body.date}).`,
        );
      }
      const [created] = await db
        .insert(verifiedPresence)
        .values({
          cadreId: body.cadreId,
          assignmentId: assignment.id,
          date: body.date,
          verifiedByUserId: user.id,
          note: body.note ?? null,
          createdAt: c.var.now,
        })
        .onConflictDoNothing({ target: [verifiedPresence.cadreId, verifiedPresence.date] })
        .returning();
      if (created) {
        await audit(c, user, 'presence.verify', 'verified_presence', created.id, {
          after: created,
        });
        return c.json({ ...presenceJson(created), created: true }, 201);
      }
      const [existing] = await db
        .select()
        .from(verifiedPresence)
        .where(
          and(eq(verifiedPresence.cadreId, body.cadreId), eq(verifiedPresence.date, body.date)),
        );
      return c.json({ ...presenceJson(existing!), created: false }, 200);
    },
  );

function presenceJson(row: typeof verifiedPresence.$inferSelect) {
  return {
    id: row.id,
    cadreId: row.cadreId,
    assignmentId: row.assignmentId,
    date: row.date,
    verifiedByUserId: row.verifiedByUserId,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Which of a cadre's records a user reads: a cadre their own, whatever village they are in, and
 * nobody else's (404); one of `roles` those in their scope (cadreScope); anyone else 403.
 */
function ownOrInScope(
  c: { var: ApiEnv['Variables'] },
  user: SessionUser,
  cadreId: number,
  roles: readonly SessionUser['role'][],
): SQL {
  if (user.role !== 'cadre') return cadreScope(requireRole(c, roles));
  if (user.cadreId !== cadreId) throw notFound();
  return sql`true`;
}
