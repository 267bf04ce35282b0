// The working-day calendar in force for an org unit: the built-in State Council schedules, years
// imported by admins since, and the local days of the unit and its ancestors.
import { inArray } from 'drizzle-orm';
import { type Calendar, createCalendar, parseSchedule, type Schedule } from '../../core/calendar';
import type { Database } from '../database';
import { calendarDays, holidaySchedules } from '../schema';
import { pathIds } from './parameters';

export async function calendarFor(db: Database, orgPath: string): Promise<Calendar> {
  return (await calendarsFor(db, [orgPath])).get(orgPath)!;
}

/**
 * The calendars of several places at once (a county's cases): the schedules read and parsed once,
 * every place's own days in one query.
 */
export async function calendarsFor(
  db: Database,
  orgPaths: readonly string[],
): Promise<Map<string, Calendar>> {
  const allIds = [...new Set(orgPaths.flatMap(pathIds))];
  const [imported, local] = await Promise.all([
    db.select({ schedule: holidaySchedules.schedule }).from(holidaySchedules),
    db
      .select({
        orgUnitId: calendarDays.orgUnitId,
        date: calendarDays.date,
        kind: calendarDays.kind,
      })
      .from(calendarDays)
      .where(inArray(calendarDays.orgUnitId, [-1, ...allIds])),
  ]);
  const schedules: Schedule[] = [];
  for (const row of imported) {
    // Stored schedules were checked on import; one that no longer parses is left out, not fatal.
    const parsed = parseSchedule(row.schedule);
    if (parsed.ok) schedules.push(parsed.schedule);
  }
  const calendars = new Map<string, Calendar>();
  // Places with the same local days share one calendar: building one expands every schedule.
  const built = new Map<string, Calendar>();
  for (const orgPath of new Set(orgPaths)) {
    // The nearest unit's word on a day wins over its ancestors'.
    const ids = pathIds(orgPath);
    const own = local.filter((day) => day.orgUnitId === -1 || ids.includes(day.orgUnitId));
    const byDate = new Map<string, 'holiday' | 'workday'>();
    for (const day of own.sort((a, b) => ids.indexOf(a.orgUnitId) - ids.indexOf(b.orgUnitId))) {
      byDate.set(day.date, day.kind);
    }
    const of = (kind: 'holiday' | 'workday') =>
      [...byDate].filter(([, k]) => k === kind).map(([date]) => date);
    const days = { holidays: of('holiday'), workdays: of('workday') };
    const key = `${days.holidays.join()}|${days.workdays.join()}`;
    let calendar = built.get(key);
    if (!calendar) {
      calendar = createCalendar({ schedules, local: days });
      built.set(key, calendar);
    }
    calendars.set(orgPath, calendar);
  }
  return calendars;
}
