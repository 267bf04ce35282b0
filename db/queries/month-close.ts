// What the month close reads and writes, set-based (§1.1, §1.2, §2.4, §2.5): the records a month is
// judged on — days in the village, 民情日记 entries, approved leave — for every assignment a condition
// matches, in four queries grouped by assignment whatever the number of cadres (the attendance API
// reads months through the same loader); and its flags, raised thousands at a time (raiseFlags).
import { type AnyColumn, and, eq, gte, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { LeaveRecord } from '../../core/attendance';
import { eachDay, type LocalDate } from '../../core/calendar/local-date';
import type { Database } from '../database';
import type { Detection } from './flags';
import {
  assignments,
  checkIns,
  diaryEntries,
  leaveRequests,
  orgUnits,
  verifiedPresence,
} from '../schema';

/** One assignment's records between two dates, as core's monthFacts reads them. */
export interface MonthRecords {
  /** Days with an inside check-in or presence the township verified (a day may repeat). */
  inVillage: LocalDate[];
  /** One date per 民情日记 entry. */
  diary: LocalDate[];
  /** Approved leave overlapping the dates, with its approval and return (销假). */
  leaves: LeaveRecord[];
}

// Days travel as numbers, not dates: the offset of a day from `from`, and for days in the village a
// bit per day in windows of 31 days (one int4 per assignment and window), so the database aggregates
// a month of a province in a few megabytes of memory and sends one small row per assignment.
const WINDOW = 31;

/**
 * The records of every assignment matched by `where` (a condition on `assignments` joined with its
 * village as `orgUnits`) from `from` to `to`, both included, by assignment id. Assignments with no
 * record at all are absent from the map.
 */
export async function monthRecords(
  db: Database,
  where: SQL,
  from: LocalDate,
  to: LocalDate,
): Promise<Map<number, MonthRecords>> {
  const village = eq(orgUnits.id, assignments.villageId);
  const offset = (column: AnyColumn) => sql`(${column} - ${from}::date)`;
  const window = (column: AnyColumn) => sql<number>`${offset(column)} / ${sql.raw(String(WINDOW))}`;
  const dayBits = (column: AnyColumn) =>
    sql<number>`bit_or(1 << (${offset(column)} % ${sql.raw(String(WINDOW))}))`;
  const [inside, verified, diary, leaves] = await Promise.all([
    // 在村 — §1.1: a day with at least one check-in inside the geofence.
    db
      .select({
        assignmentId: checkIns.assignmentId,
        window: window(checkIns.localDate),
        days: dayBits(checkIns.localDate),
      })
      .from(checkIns)
      .innerJoin(assignments, eq(assignments.id, checkIns.assignmentId))
      .innerJoin(orgUnits, village)
      .where(
        and(
          where,
          eq(checkIns.inside, true),
          gte(checkIns.localDate, from),
          lte(checkIns.localDate, to),
        ),
      )
      // By position: the window's expression carries a parameter of its own.
      .groupBy(checkIns.assignmentId, sql`2`),
    // [decision: township-verified presence counts like an inside check-in — clauses.md §1.1]
    db
      .select({
        assignmentId: verifiedPresence.assignmentId,
        window: window(verifiedPresence.date),
        days: dayBits(verifiedPresence.date),
      })
      .from(verifiedPresence)
      .innerJoin(assignments, eq(assignments.id, verifiedPresence.assignmentId))
      .innerJoin(orgUnits, village)
      .where(and(where, gte(verifiedPresence.date, from), lte(verifiedPresence.date, to)))
      .groupBy(verifiedPresence.assignmentId, sql`2`),
    // Every entry counts (two on one day are two), so the diary keeps one offset per entry.
    db
      .select({
        assignmentId: diaryEntries.assignmentId,
        days: sql<string>`string_agg(${offset(diaryEntries.localDate)}::text, ',')`,
      })
      .from(diaryEntries)
      .innerJoin(assignments, eq(assignments.id, diaryEntries.assignmentId))
      .innerJoin(orgUnits, village)
      .where(and(where, gte(diaryEntries.localDate, from), lte(diaryEntries.localDate, to)))
      .groupBy(diaryEntries.assignmentId),
    // 特殊情况需请假的……履行书面请销假手续 — §1.2: only approved leave can justify absence; which
    // of its days do, as known on the day a month is judged, is core's (justifiedSpan).
    db
      .select({
        assignmentId: leaveRequests.assignmentId,
        from: leaveRequests.startsOn,
        to: leaveRequests.endsOn,
        approved: leaveRequests.approvedOn,
        returned: leaveRequests.returnedOn,
      })
      .from(leaveRequests)
      .innerJoin(assignments, eq(assignments.id, leaveRequests.assignmentId))
      .innerJoin(orgUnits, village)
      .where(
        and(
          where,
          eq(leaveRequests.state, 'approved'),
          lte(leaveRequests.startsOn, to),
          gte(leaveRequests.endsOn, from),
        ),
      ),
  ]);
  const dates = [...eachDay(from, to)];
  const byAssignment = new Map<number, MonthRecords>();
  const of = (id: number) => {
    let r = byAssignment.get(id);
    if (!r) byAssignment.set(id, (r = { inVillage: [], diary: [], leaves: [] }));
    return r;
  };
  for (const row of [...inside, ...verified]) {
    const days = of(row.assignmentId).inVillage;
    const first = Number(row.window) * WINDOW;
    for (let bit = 0, mask = Number(row.days); mask !== 0; bit++, mask >>>= 1) {
      if (mask & 1) days.push(dates[first + bit]!);
    }
  }
  for (const row of diary) of(row.assignmentId).diary = row.days.split(',').map((d) => dates[+d]!);
  for (const { assignmentId, ...leave } of leaves) of(assignmentId).leaves.push(leave);
  return byAssignment;
}

/** Assignments that overlap the days from..to: begun by `to`, not ended before `from`. */
export function overlapping(from: LocalDate, to: LocalDate): SQL {
  return and(
    lte(assignments.startsOn, to),
    or(isNull(assignments.endsOn), gte(assignments.endsOn, from)),
  )!;
}

/** Every assignment of the month close: its cadre, dates and village's org path. */
export async function assignmentsOverlapping(db: Database, where: SQL) {
  return db
    .select({
      id: assignments.id,
      cadreId: assignments.cadreId,
      startsOn: assignments.startsOn,
      endsOn: assignments.endsOn,
      villagePath: orgUnits.path,
    })
    .from(assignments)
    .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
    .where(where)
    .orderBy(assignments.id);
}

/** Gives, for an org path, the path of the county above it (the path itself when there is none). */
export async function countyPaths(db: Database): Promise<(path: string) => string> {
  const counties = await db
    .select({ path: orgUnits.path })
    .from(orgUnits)
    .where(eq(orgUnits.level, 'county'));
  const known = new Set(counties.map((c) => c.path));
  return (path) => {
    // '/1/4/9/31/77/' → '/1/', '/1/4/', '/1/4/9/', … until one is a county's.
    for (let end = path.indexOf('/', 1); end > 0; end = path.indexOf('/', end + 1)) {
      const prefix = path.slice(0, end + 1);
      if (known.has(prefix)) return prefix;
    }
    return path;
  };
}

/** A flag this raise created. */
export interface RaisedFlag {
  flagId: number;
  cadreId: number;
  clause: string;
}

/** Detections per statement: one JSON parameter each, a few megabytes at most. */
const RAISE_CHUNK = 5_000;

/**
 * raiseFlag (db/queries/flags.ts) for many detections at once, in two statements per few thousand
 * instead of up to four queries each: the same rules, in the same order. While a case for the cadre
 * and clause is open, nothing; while a flag is, the detection is added to its evidence once (unless
 * it is that flag's own source); otherwise a flag, once per cadre, clause and source. Of several
 * detections for one cadre and clause, the first (by assignment) counts, as when raised one by one.
 * Returns the flags it created, by cadre and clause; a detection raised before (a retried run)
 * creates none.
 */
export async function raiseFlags(
  db: Database,
  detections: readonly Detection[],
): Promise<RaisedFlag[]> {
  const raised: RaisedFlag[] = [];
  for (let i = 0; i < detections.length; i += RAISE_CHUNK) {
    const chunk = detections.slice(i, i + RAISE_CHUNK).map((d) => ({
      cadre_id: d.cadreId,
      assignment_id: d.assignmentId,
      clause: d.clause,
      raised_on: d.raisedOn,
      source_key: d.sourceKey,
      // The evidence entry exactly as raiseFlag writes it.
      entry: { source: d.sourceKey, date: d.raisedOn, ...d.evidence },
    }));
    const input = sql`(
      select distinct on (cadre_id, clause) *
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(cadre_id int,
        assignment_id int, clause text, raised_on date, source_key text, entry jsonb)
      order by cadre_id, clause, assignment_id
    )`;
    const noOpenCase = sql`not exists (select 1 from cases c
      where c.cadre_id = d.cadre_id and c.clause = d.clause and c.state = 'open')`;
    // While a flag … for the same cadre and clause is open, the detection is added to it as
    // evidence instead — clauses.md §2
    await db.execute(sql`
      update flags f set evidence = f.evidence || jsonb_build_array(d.entry)
      from ${input} d
      where f.cadre_id = d.cadre_id and f.clause = d.clause and f.state = 'open'
        and f.source_key <> d.source_key
        and not f.evidence @> jsonb_build_array(jsonb_build_object('source', d.source_key))
        and ${noOpenCase}`);
    const result = await db.execute(sql`
      insert into flags (cadre_id, assignment_id, village_id, scope_path, clause, raised_on,
        source_key, evidence)
      select d.cadre_id, d.assignment_id, v.id, v.path, d.clause, d.raised_on, d.source_key,
        jsonb_build_array(d.entry)
      from ${input} d
        join assignments a on a.id = d.assignment_id
        join org_units v on v.id = a.village_id
      where ${noOpenCase}
        and not exists (select 1 from flags f
          where f.cadre_id = d.cadre_id and f.clause = d.clause and f.state = 'open')
      on conflict do nothing
      returning id, cadre_id, clause`);
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
      id: number;
      cadre_id: number;
      clause: string;
    }[];
    for (const r of rows) raised.push({ flagId: r.id, cadreId: r.cadre_id, clause: r.clause });
  }
  return raised.sort((a, b) => a.cadreId - b.cadreId || a.clause.localeCompare(b.clause));
}
