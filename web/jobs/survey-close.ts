// Satisfaction surveys (群众满意度测评, §1.3, §2.3) close by themselves at the end of their period,
// exactly as POST /api/surveys/:id/close closes one (db/queries/surveys.ts closeSurveyAndEvaluate):
// §2.3 evaluated per cadre by core, flags raised below the threshold, the offices told.
import { and, asc, eq, lt } from 'drizzle-orm';
import { closeSurveyAndEvaluate } from '../../db/queries/surveys';
import { orgUnits, surveys } from '../../db/schema';
import { notifyNewFlags } from '../../bot/notify';
import type { Job } from './job';
import { countyPaths, under } from './check-in-reminder';

export const surveyClose: Job = {
  name: 'surveyClose',
  description:
    '满意度测评到期关闭：测评期结束后自动关闭，按§2.3逐人评价，低于50%的发出预警 / surveys close after their period: §2.3 per cadre, flags below the threshold',
  // Ten past midnight: the first day after the last day of the period (closesOn < day).
  rule: 'FREQ=DAILY;BYHOUR=0;BYMINUTE=10',
  // However late: a survey past its period must be closed; later runs find any left open too.
  catchUpMinutes: 24 * 60,
  async run(ctx) {
    const paths = await countyPaths(ctx.db, ctx.counties);
    const due = await ctx.db
      .select({
        survey: { id: surveys.id, villageId: surveys.villageId },
        villagePath: orgUnits.path,
      })
      .from(surveys)
      .innerJoin(orgUnits, eq(orgUnits.id, surveys.villageId))
      .where(
        and(eq(surveys.state, 'open'), lt(surveys.closesOn, ctx.day), under(orgUnits.path, paths)),
      )
      .orderBy(asc(surveys.id));
    const closed: number[] = [];
    let flagsRaised = 0;
    let addedToOpen = 0;
    let notified = 0;
    for (const { survey, villagePath } of due) {
      // One transaction per survey, as one request of the API: closed, evaluated, flagged and
      // audited together or not at all. A retry finds it closed and passes on (idempotent).
      const done = await ctx.db.transaction((tx) =>
        closeSurveyAndEvaluate(tx, {
          survey,
          villagePath,
          today: ctx.day,
          // The system closes it: no user, no role (the audit log tells it from a person).
          actor: { actorUserId: null, actorRole: null },
          now: ctx.now,
        }),
      );
      if (!done) continue;
      closed.push(survey.id);
      flagsRaised += done.raised.length;
      addedToOpen += done.flags.length - done.raised.length;
      // Told after the commit, as the API does (bot/notify.ts notifyNewFlags).
      if (ctx.outbox && done.raised.length > 0) {
        notified += await notifyNewFlags(
          ctx.outbox.api,
          ctx.outbox.texts,
          ctx.outbox.db,
          done.raised,
        );
      }
    }
    return {
      day: ctx.day,
      closed: closed.length,
      surveys: closed,
      flagsRaised,
      addedToOpen,
      ...(ctx.outbox ? { notified } : { bot: false }),
    };
  },
};
