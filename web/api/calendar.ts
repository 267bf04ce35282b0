// The working-day calendar (clauses.md §3: every 'within N working days'): a year's days as core's
// dayInfo sees them for an org unit, the State Council schedules admins import as data (checked by
// core's parseSchedule), and an org unit's local holidays and working days.
import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import { Hono } from 'hono';
import { describeRoute, validator } from 'hono-openapi';
import { z } from 'zod';
import {
  builtInSchedules,
  dayInfo,
  isPublishedYear,
  parseSchedule,
  type Schedule,
  type ScheduleErrorCode,
} from '../../core/calendar';
import { eachDay } from '../../core/calendar/local-date';
import { calendarFor } from '../../db/queries/calendar';
import { pathIds } from '../../db/queries/parameters';
import { calendarDays, holidaySchedules } from '../../db/schema';
import type { ApiEnv } from './env';
import { ApiError, conflict, forbidden, notFound } from './errors';
import { audit, dateSchema, idSchema, orgUnitInScope, responses } from './org';
import { requireRole, requireUser } from './session';
import { invalidInput } from './validate';

/** Years the API shows: the product's span, with the statutory fallback up to 2099. */
const yearSchema = z.coerce.number().int().min(2000).max(2100);

/** What each refusal of parseSchedule means, for the zh-CN message (core's own message is English). */
const scheduleErrorZh: Record<ScheduleErrorCode, string> = {
  'wrong-type': '类型不对',
  missing: '缺少此项',
  'unknown-field': '不认识的字段',
  empty: '至少要列出一项',
  'invalid-year': '年份无效',
  'invalid-date': '不是有效的日期',
  'outside-year': '日期不在该年份内',
  'published-after-year': '通知的发布日期晚于该年',
  'duplicate-day': '同一天列了两次',
  'holiday-and-workday': '同一天既是放假日又是调休上班日',
  'not-weekend': '调休上班日只能是周六或周日',
};

const localDayBody = z.object({
  orgUnitId: idSchema,
  date: dateSchema,
  kind: z.enum(['holiday', 'workday']),
  /** The day's name as the local government announces it: 苗年, 姊妹节, 苗年调休. */
  name: z.string().trim().min(1).max(50),
});

const scheduleExample = {
  year: 2027,
  source: {
    notice: '国办发明电〔2026〕N号',
    published: '2026-11-10',
    title: '国务院办公厅关于2027年部分节假日安排的通知',
  },
  holidays: [{ name: '元旦', days: ['2027-01-01', '2027-01-02', '2027-01-03'] }],
  workdays: ['2027-02-20'],
};

export const calendarRoutes = new Hono<ApiEnv>()
  .get(
    '/calendar/:year',
    describeRoute({
      responses: responses(
        { 200: '{ year, orgUnit, published, basis, schedule, days }' },
        [400, 404],
      ),
      tags: ['calendar'],
      summary:
        'Every day of a year as core’s dayInfo sees it for an org unit in scope (default: the user’s own)',
      description:
        'Working day or not, provisional (no published schedule for the year), weekend, national holiday, make-up working day, and the org unit’s own days with their names.',
    }),
    validator('param', z.object({ year: yearSchema }), invalidInput),
    validator('query', z.object({ orgUnitId: idSchema.optional() }), invalidInput),
    async (c) => {
      const user = requireUser(c);
      const { year } = c.req.valid('param');
      const { orgUnitId } = c.req.valid('query');
      const unit = await orgUnitInScope(
        c,
        user,
        orgUnitId ?? user.orgUnitId,
        orgUnitId ? 'orgUnitId' : undefined,
      );
      const ids = pathIds(unit.path);
      const [calendar, local, [imported]] = await Promise.all([
        calendarFor(c.var.db, unit.path),
        c.var.db
          .select()
          .from(calendarDays)
          .where(
            and(
              inArray(calendarDays.orgUnitId, ids),
              gte(calendarDays.date, `${year}-01-01`),
              lte(calendarDays.date, `${year}-12-31`),
            ),
          ),
        c.var.db
          .select({ schedule: holidaySchedules.schedule })
          .from(holidaySchedules)
          .where(eq(holidaySchedules.year, year)),
      ]);
      // The nearest unit's word on a day wins, as in calendarFor.
      const names = new Map<string, { name: string; orgUnitId: number; depth: number }>();
      for (const day of local) {
        const depth = ids.indexOf(day.orgUnitId);
        const known = names.get(day.date);
        if (!known || depth > known.depth)
          names.set(day.date, { name: day.name, orgUnitId: day.orgUnitId, depth });
      }
      const parsed = imported ? parseSchedule(imported.schedule) : null;
      const schedule: Schedule | undefined =
        parsed?.ok === true ? parsed.schedule : builtInSchedules.find((s) => s.year === year);
      const days = [...eachDay(`${year}-01-01`, `${year}-12-31`)].map((date) => {
        const info = dayInfo(calendar, date);
        const own = names.get(date);
        return {
          ...info,
          localName: info.local && own ? own.name : null,
          localOrgUnitId: info.local && own ? own.orgUnitId : null,
        };
      });
      return c.json({
        year,
        orgUnit: { id: unit.id, name: unit.name, level: unit.level },
        published: isPublishedYear(calendar, year),
        basis: days[0]!.basis,
        schedule: schedule ? { source: schedule.source, imported: parsed?.ok === true } : null,
        days,
      });
    },
  )
  .post(
    '/calendar/schedules',
    describeRoute({
      responses: responses(
        {
          201: 'Imported',
          200: 'Imported again, replacing the earlier import or the built-in year',
        },
        [400, 403],
      ),
      tags: ['calendar'],
      summary: 'Import a year’s State Council holiday schedule (province-level admin)',
      description:
        'The body is the schedule itself, checked by core’s parseSchedule; a bad one is a 400 whose `field` is the JSON path (e.g. $.workdays[2]). It replaces an earlier import or a built-in year; from then on that year’s working days are no longer provisional. 201 for a new year, 200 for a replacement.',
    }),
    validator(
      'json',
      z.record(z.string(), z.unknown()).meta({
        description: 'A schedule: year, source { notice, published, title? }, holidays, workdays',
        example: scheduleExample,
      }),
      invalidInput,
    ),
    async (c) => {
      const user = requireRole(c, ['admin']);
      // The national schedule holds for everyone: only an admin of the whole province changes it.
      if (user.scopeLevel !== 'province') {
        throw forbidden(
          '只有省级管理员可以导入国务院节假日安排。',
          'Only a province-level admin imports the State Council’s schedules.',
        );
      }
      const parsed = parseSchedule(c.req.valid('json'));
      if (!parsed.ok) {
        throw new ApiError(
          400,
          'invalid-schedule',
          `节假日安排有误：${parsed.path}（${scheduleErrorZh[parsed.code]}）`,
          `Invalid schedule: ${parsed.path} (${parsed.message})`,
          parsed.path,
        );
      }
      const { schedule } = parsed;
      const [before] = await c.var.db
        .select({ schedule: holidaySchedules.schedule })
        .from(holidaySchedules)
        .where(eq(holidaySchedules.year, schedule.year));
      const values = {
        year: schedule.year,
        schedule,
        importedByUserId: user.id,
        importedAt: c.var.now,
      };
      await c.var.db
        .insert(holidaySchedules)
        .values(values)
        .onConflictDoUpdate({ target: holidaySchedules.year, set: values });
      const builtIn = builtInSchedules.some((s) => s.year === schedule.year);
      await audit(c, user, 'calendar.schedule.import', 'holiday_schedule', schedule.year, {
        before: before?.schedule ?? null,
        after: schedule,
      });
      return c.json(
        { year: schedule.year, source: schedule.source, replaced: before !== undefined, builtIn },
        before ? 200 : 201,
      );
    },
  )
  .post(
    '/calendar/local-days',
    describeRoute({
      responses: responses({ 201: 'The local day' }, [400, 403, 404, 409]),
      tags: ['calendar'],
      summary:
        'Add a local holiday or working day (苗年, 姊妹节) for an org unit in scope and its subtree (county, admin)',
      description:
        'It overrides the national schedule both ways. 409 when the unit already has that day.',
    }),
    validator('json', localDayBody, invalidInput),
    async (c) => {
      const user = requireRole(c, ['county', 'admin']);
      const body = c.req.valid('json');
      const unit = await orgUnitInScope(c, user, body.orgUnitId, 'orgUnitId');
      const [created] = await c.var.db
        .insert(calendarDays)
        .values({
          orgUnitId: unit.id,
          date: body.date,
          kind: body.kind,
          name: body.name,
          createdByUserId: user.id,
        })
        .onConflictDoNothing()
        .returning();
      if (!created) {
        throw conflict(
          'local-day-exists',
          `${unit.name}在 ${body.date} 已有地方安排；请先删除它。`,
          `${unit.name} already has a local day on ${body.date}; delete it first.`,
        );
      }
      await audit(c, user, 'calendar.localDay.create', 'calendar_day', `${unit.id}/${body.date}`, {
        after: created,
      });
      return c.json(created, 201);
    },
  )
  .delete(
    '/calendar/local-days/:orgUnitId/:date',
    describeRoute({
      responses: responses({ 204: 'Removed' }, [400, 403, 404]),
      tags: ['calendar'],
      summary: 'Remove a local holiday or working day of an org unit in scope (county, admin)',
    }),
    validator('param', z.object({ orgUnitId: idSchema, date: dateSchema }), invalidInput),
    async (c) => {
      const user = requireRole(c, ['county', 'admin']);
      const { orgUnitId, date } = c.req.valid('param');
      const unit = await orgUnitInScope(c, user, orgUnitId);
      const [removed] = await c.var.db
        .delete(calendarDays)
        .where(and(eq(calendarDays.orgUnitId, unit.id), eq(calendarDays.date, date)))
        .returning();
      if (!removed) throw notFound();
      await audit(c, user, 'calendar.localDay.delete', 'calendar_day', `${unit.id}/${date}`, {
        before: removed,
      });
      return c.body(null, 204);
    },
  );
