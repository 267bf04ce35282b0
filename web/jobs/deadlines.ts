// Deadlines of the case procedure (§3.5–§3.8) each morning: the reminders two working days ahead and
// the daily overdue notices (bot/notify.ts notifyDeadlines), and the escalation of a step overdue by
// `escalateAfterWorkdays` working days to the level above the office that owes it (§4.2).
// not formalised here: §4.3's unhandled flags escalating like §4.2 — flags have no column to
// record that they were reported (as deadlines.escalatedAt), so this job reports steps only.
import { and, asc, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { DispatchLevel } from '../../core/procedure';
import { deadlinesOn, loadCases } from '../../db/queries/cases';
import { cases, cadres, deadlines, dispatchingUnits, assignments, orgUnits } from '../../db/schema';
import { notifyDeadlines, notify, officersAt } from '../../bot/notify';
import type { Job, JobContext } from './job';
import { countyPaths, under } from './check-in-reminder';

export const deadlineReminders: Job = {
  name: 'deadlineReminders',
  description:
    '期限提醒与逾期上报：到期前两个工作日提醒，超期按规定报上一级组织部门（§3.5–§3.8、§4.2）/ deadline reminders two working days ahead, and overdue steps escalated to the level above',
  rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0',
  // Still worth sending the same working day; the next morning's run covers a longer outage.
  catchUpMinutes: 10 * 60,
  async run(ctx) {
    // Escalation first: its marks make it safe to repeat, so a retry after a failure in it sends no
    // reminder twice. notifyDeadlines marks the reminders ahead (remindedAt) but sends the overdue
    // notices on every call: a retry after it failed half-way repeats the overdue notices before
    // the failure.
    const escalation = await escalateOverdue(ctx);
    const reminders = ctx.outbox ? await notifyDeadlines(ctx.outbox, ctx.day, ctx.now) : null;
    return {
      day: ctx.day,
      ...escalation,
      ...(reminders === null ? { bot: false } : { reminders }),
    };
  },
};

/**
 * Each unmet deadline overdue by `escalateAfterWorkdays` working days (the parameter of the case's
 * place) goes once to the office of the level above — as GET /cases/:id shows it (`escalate`,
 * `escalateTo`, from db/queries/cases.ts deadlinesOn and core/procedure/escalation.ts).
 */
async function escalateOverdue(ctx: JobContext) {
  const paths = await countyPaths(ctx.db, ctx.counties);
  // Only open cases with a step overdue and not yet escalated, by the derived deadlines table;
  // whether it is overdue enough is core's to say (working days, the place's calendar).
  const rows = await ctx.db
    .selectDistinct({ case: cases })
    .from(cases)
    .innerJoin(deadlines, eq(deadlines.caseId, cases.id))
    .where(
      and(
        eq(cases.state, 'open'),
        isNull(deadlines.metOn),
        isNull(deadlines.escalatedAt),
        lt(deadlines.due, ctx.day),
        under(cases.scopePath, paths),
      ),
    )
    .orderBy(asc(cases.id));
  const loaded = await loadCases(
    ctx.db,
    rows.map((r) => r.case),
  );
  const owed =
    rows.length === 0
      ? []
      : await ctx.db
          .select({ id: deadlines.id, caseId: deadlines.caseId, step: deadlines.step })
          .from(deadlines)
          .where(
            and(
              inArray(
                deadlines.caseId,
                rows.map((r) => r.case.id),
              ),
              isNull(deadlines.escalatedAt),
            ),
          );
  let escalated = 0;
  let wouldEscalate = 0;
  let noLevelAbove = 0;
  let sent = 0;
  for (const one of loaded) {
    for (const { deadline, overdue } of deadlinesOn(one, ctx.day)) {
      // 对第一书记和驻村干部从严管理责任落实不到位的,由上级组织部门约谈其主要领导 — §4.2
      if (!overdue?.escalate) continue;
      const row = owed.find((d) => d.caseId === one.row.id && d.step === deadline.step);
      if (!row) continue;
      // A province-level cadre's steps have no level above (core: escalateTo null): the overdue
      // notices of notifyDeadlines are all there is.
      if (overdue.escalateTo === null) {
        noLevelAbove++;
        continue;
      }
      // Without the bot nobody can be told: left unmarked, so the report goes once it runs (the
      // app shows `escalate` meanwhile).
      if (!ctx.outbox) {
        wouldEscalate++;
        continue;
      }
      // [decision: marked before it is sent, in one conditional update: once, whatever the
      //  retries; a death between the two loses this report (the app still shows it) rather than
      //  sending it twice]
      const claimed = await ctx.db
        .update(deadlines)
        .set({ escalatedAt: ctx.now })
        .where(and(eq(deadlines.id, row.id), isNull(deadlines.escalatedAt)))
        .returning({ id: deadlines.id });
      if (claimed.length === 0) continue;
      escalated++;
      sent += await tellLevelAbove(ctx, one.row, deadline, overdue.escalateTo, {
        overdueWorkdays: overdue.overdueWorkdays,
        responsible: overdue.responsible,
      });
    }
  }
  return {
    escalated,
    escalationMessages: sent,
    noLevelAbove,
    ...(ctx.outbox ? {} : { wouldEscalate }),
  };
}

async function tellLevelAbove(
  ctx: JobContext,
  c: typeof cases.$inferSelect,
  deadline: { step: string; due: string; clause: string },
  level: DispatchLevel,
  overdue: { overdueWorkdays: number; responsible: string },
): Promise<number> {
  const outbox = ctx.outbox!;
  const [about] = await ctx.db
    .select({ cadre: cadres.name, village: orgUnits.name, unit: dispatchingUnits.name })
    .from(cases)
    .innerJoin(cadres, eq(cadres.id, cases.cadreId))
    .innerJoin(orgUnits, eq(orgUnits.id, cases.villageId))
    .innerJoin(assignments, eq(assignments.id, cases.assignmentId))
    .innerJoin(dispatchingUnits, eq(dispatchingUnits.id, assignments.dispatchingUnitId))
    .where(eq(cases.id, c.id));
  let sent = 0;
  for (const receiver of await officersAt(ctx.db, level, c.scopePath)) {
    const ok = await notify(outbox.api, outbox.texts, receiver, (t) => ({
      text: t('deadline-escalated', {
        step: t(`deadline-${deadline.step}`),
        clause: deadline.clause,
        name: about?.cadre ?? '',
        village: about?.village ?? '',
        situation: c.clause,
        due: deadline.due,
        overdue: overdue.overdueWorkdays,
        owner: t(`escalation-owner-${overdue.responsible}`, { unit: about?.unit ?? '' }),
        level: t(`escalation-level-${level}`),
      }),
    }));
    if (ok) sent++;
  }
  return sent;
}
