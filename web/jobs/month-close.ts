// The month close (§1.2, §2.4, §2.5): at 00:30 on the 1st, the previous month of every assignment
// that overlapped it is judged by core from set-based figures, with the parameters of its county;
// its §2.4/§2.5 flags (预警) are raised once per cadre, clause and month, and the offices that must
// act on them are told. No working-day calendar is involved: §1.2 counts days of the month.
import { evaluateMonth, monthFacts } from '../../core/attendance';
import {
  addDays,
  firstOfMonth,
  lastOfMonth,
  monthOf,
  type LocalDate,
} from '../../core/calendar/local-date';
import type { Parameters } from '../../core/parameters';
import { detectMonthClose } from '../../core/situations';
import type { Database } from '../../db/database';
import type { Detection } from '../../db/queries/flags';
import {
  assignmentsOverlapping,
  countyPaths,
  monthRecords,
  overlapping,
  raiseFlags,
} from '../../db/queries/month-close';
import { parametersFor } from '../../db/queries/parameters';
import { notifyNewFlags } from '../../bot/notify';
import type { Job, JobContext } from './job';

export type MonthCloseResult = {
  /** The month judged, 'YYYY-MM'. */
  month: string;
  /** Assignments that overlapped it. */
  assignments: number;
  /** Flags this run raised; a detection that went onto an open flag or case, or that a run before
   * already raised, is not counted. */
  flags: { '§2.4': number; '§2.5': number };
  /** Messages sent to the offices about the new flags (0 when the bot is off). */
  notified: number;
};

export const monthClose: Job = {
  name: 'monthClose',
  description:
    '月末核查：评估上月每名驻村干部的在村天数和民情日记，发出预警（§2.4、§2.5）并通知负责的部门 / ' +
    'Month close: judge last month’s days in the village and diary of every cadre, raise §2.4/§2.5 flags and tell the offices',
  // [decision: evaluated, and flagged, on the first day after the month — clauses.md §2.4]
  rule: 'FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=0;BYMINUTE=30',
  // A month close must run however late: a month is judged as known on its first day after
  // (core's monthEvaluationDay), so a late run judges it the same.
  catchUpMinutes: 40 * 24 * 60,
  run: (ctx) => closeMonth(ctx),
};

/** The month before the one of `day`, 'YYYY-MM'. */
export function monthBefore(day: LocalDate): string {
  return monthOf(addDays(firstOfMonth(monthOf(day)), -1));
}

export async function closeMonth(ctx: JobContext): Promise<MonthCloseResult> {
  const { db } = ctx;
  const month = monthBefore(ctx.day);
  const from = firstOfMonth(month);
  const to = lastOfMonth(month);
  // Every assignment active at any time in the month, and their records: a handful of queries,
  // grouped by assignment, whatever the number of cadres.
  const where = overlapping(from, to);
  const [rows, records, countyOf] = await Promise.all([
    assignmentsOverlapping(db, where),
    monthRecords(db, where, from, to),
    countyPaths(db),
  ]);
  const parametersAt = await parametersByCounty(
    db,
    rows.map((r) => countyOf(r.villagePath)),
  );

  const detections: Detection[] = [];
  for (const a of rows) {
    const own = records.get(a.id);
    const presence = evaluateMonth(
      monthFacts({
        month,
        assignment: { start: a.startsOn, end: a.endsOn },
        inVillageDays: own?.inVillage ?? [],
        diaryDates: own?.diary ?? [],
        leaves: own?.leaves ?? [],
        // Judged as known on the first day after the month, however late this runs (monthFacts).
        asOf: ctx.day,
      }),
      parametersAt.get(countyOf(a.villagePath))!,
    );
    for (const detection of detectMonthClose(month, presence)) {
      detections.push({
        cadreId: a.cadreId,
        assignmentId: a.id,
        clause: detection.clause,
        raisedOn: detection.date,
        // The same source as the demo's month close (db/seed/demo.ts): one flag per cadre, clause
        // and month, whoever raised it first.
        sourceKey: `month:${month}`,
        evidence: {
          detail: detection.detail,
          required: presence.required,
          inVillage: presence.inVillage,
          justifiedAbsence: presence.justifiedAbsence,
          diaryEntries: presence.diaryEntries,
        },
      });
    }
  }

  // All the month's flags in one transaction: a run that dies half-way leaves none, and its retry
  // raises (and announces) them all; a second run finds each raised and raises nothing.
  const raised = await db.transaction((tx) => raiseFlags(tx, detections));

  let notified = 0;
  if (ctx.outbox) {
    notified = await notifyNewFlags(
      ctx.outbox.api,
      ctx.outbox.texts,
      db,
      raised.map((f) => f.flagId),
    );
  } else if (raised.length > 0) {
    ctx.log(
      `月末核查 ${month}：机器人未开启，${raised.length} 条新预警未通知 / month close ${month}: the bot is off, ${raised.length} new flags not announced`,
    );
  }
  return {
    month,
    assignments: rows.length,
    flags: {
      '§2.4': raised.filter((f) => f.clause === '2.4').length,
      '§2.5': raised.filter((f) => f.clause === '2.5').length,
    },
    notified,
  };
}

/** The parameters in force in each county, computed once per county. */
async function parametersByCounty(
  db: Database,
  paths: readonly string[],
): Promise<Map<string, Parameters>> {
  const distinct = [...new Set(paths)];
  const parameters = await Promise.all(distinct.map((path) => parametersFor(db, path)));
  return new Map(distinct.map((path, i) => [path, parameters[i]!]));
}
