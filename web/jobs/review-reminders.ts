// Reminders of the half-year review (半年述职述评) and the annual assessment (年度考核) of §1.3 and
// §2.1: the township and county officers hear which of the cadres in their scope have no review of
// the period recorded yet (reviews, one per cadre and period).
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { parts, type LocalDate } from '../../core/calendar/local-date';
import type { Database } from '../../db/database';
import { assignments, botLinks, cadres, orgUnits, reviews, users } from '../../db/schema';
import { listPages, notify } from '../../bot/notify';
import type { Job, JobContext } from './job';
import { countyPaths, inPost, occurrenceProgress, under } from './check-in-reminder';

// 采取述职述评、群众满意度测评、工作实绩考评等办法……共同联合考核 — §1.3
// 在半年述职述评、年度考核中被评定为“不称职”或“不合格”的 — §2.1
// [decision: the regulation names a half-year review and an annual assessment but no dates. A
//  review is of a period that has ended: the half-year's on 1 July, the day after it ends; the
//  year's on 5 January, after the New Year holiday — civil servants' annual assessment is held
//  "在每年年末或者翌年年初" (公务员考核规定), so early January still finds those not yet
//  assessed. Cadres listed: those in post on the day whose assignment began by the period's end
//  (they served some of it)]

export const halfYearReviewReminder: Job = {
  name: 'halfYearReviewReminder',
  description:
    '半年述职述评提醒：7月1日告诉乡镇和县委组织部还有哪些驻村干部没有上半年的评定（§1.3、§2.1）/ half-year review reminder: on 1 July, the cadres still without a review of the first half',
  rule: 'FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=0',
  catchUpMinutes: 7 * 24 * 60,
  run: (ctx) => remindReviews(ctx, halfYearReviewReminder, halfYearPeriod(ctx.day)),
};

export const annualReviewReminder: Job = {
  name: 'annualReviewReminder',
  description:
    '年度考核提醒：1月5日告诉乡镇和县委组织部还有哪些驻村干部没有上一年度的考核等次（§1.3、§2.1、§4.4）/ annual assessment reminder: on 5 January, the cadres still without last year’s assessment',
  rule: 'FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=5;BYHOUR=9;BYMINUTE=0',
  catchUpMinutes: 7 * 24 * 60,
  run: (ctx) => remindReviews(ctx, annualReviewReminder, annualPeriod(ctx.day)),
};

/** The half-year review a day reminds of: that of its year's first half ('YYYYH1'). */
export function halfYearPeriod(day: LocalDate): { period: string; ends: LocalDate } {
  const { year } = parts(day);
  return { period: `${year}H1`, ends: `${year}-06-30` };
}

/**
 * The annual assessment a day reminds of: in the first half of a year, the year before (its
 * assessment runs into January); in the second half, its own (run by hand towards the year's end).
 */
export function annualPeriod(day: LocalDate): { period: string; ends: LocalDate } {
  const { year, month } = parts(day);
  const y = month <= 6 ? year - 1 : year;
  return { period: String(y), ends: `${y}-12-31` };
}

/** Officers who take part in the assessment and read the reviews (web/api/reviews.ts). */
const RECEIVING_ROLES = ['township', 'county'] as const;
/** A long list is cut into at most this many messages; the rest are counted. */
const MAX_MESSAGES = 3;

async function remindReviews(ctx: JobContext, job: Job, of: { period: string; ends: LocalDate }) {
  const paths = await countyPaths(ctx.db, ctx.counties);
  const missing = await withoutReview(ctx.db, ctx.day, of, paths);
  const receivers = await officers(ctx.db, paths);
  // Each cadre under every unit of their village's path: an officer's list is the entry of their
  // own unit's path (their scope), whatever the number of officers.
  const byScope = new Map<string, typeof missing>();
  for (const cadre of missing) {
    const ids = cadre.villagePath.split('/').filter(Boolean);
    for (let i = 1; i <= ids.length; i++) {
      const prefix = `/${ids.slice(0, i).join('/')}/`;
      const list = byScope.get(prefix);
      if (list) list.push(cadre);
      else byScope.set(prefix, [cadre]);
    }
  }
  const annual = !of.period.endsWith('H1');
  // One reminder per officer and occurrence, also when a retry resumes (check-in-reminder.ts).
  const progress = ctx.outbox ? await occurrenceProgress(ctx, job) : null;
  let messages = 0;
  let told = 0;
  let toTell = 0;
  for (const receiver of receivers) {
    const theirs = byScope.get(receiver.scopePath) ?? [];
    if (theirs.length === 0) continue;
    toTell++;
    if (!progress || progress.done(receiver.telegramUserId)) continue;
    await progress.mark(receiver.telegramUserId);
    const outbox = ctx.outbox!;
    const t = outbox.texts.translator(outbox.texts.negotiate(receiver.languageCode ?? undefined));
    const lines = theirs.map((c) =>
      t('review-reminder-line', { name: c.name, village: c.village }),
    );
    const { pages, left } = listPages(lines, MAX_MESSAGES);
    let reached = false;
    for (const [i, page] of pages.entries()) {
      const text = [
        i === 0
          ? t(annual ? 'review-reminder-annual' : 'review-reminder-half-year', {
              year: of.period.slice(0, 4),
              count: theirs.length,
            })
          : null,
        ...page,
        i === pages.length - 1 && left > 0 ? t('review-reminder-more', { count: left }) : null,
      ]
        .filter((line): line is string => line !== null)
        .join('\n');
      const ok = await notify(outbox.api, outbox.texts, receiver, () => ({ text }));
      if (ok) messages++;
      reached ||= ok;
    }
    if (reached) told++;
  }
  return {
    period: of.period,
    withoutReview: missing.length,
    ...(progress
      ? {
          officersTold: told,
          messages,
          ...(progress.resumedAfter !== null ? { resumedAfter: progress.resumedAfter } : {}),
        }
      : { bot: false, officersToTell: toTell }),
  };
}

/** Cadres in post on `day` whose assignment began by the period's end and who lack its review. */
async function withoutReview(
  db: Database,
  day: LocalDate,
  of: { period: string; ends: LocalDate },
  paths: string[] | undefined,
) {
  const rows = await db
    .selectDistinctOn([cadres.id], {
      cadreId: cadres.id,
      name: cadres.name,
      village: orgUnits.name,
      villagePath: orgUnits.path,
    })
    .from(assignments)
    .innerJoin(cadres, eq(cadres.id, assignments.cadreId))
    .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
    .where(
      and(
        inPost(day),
        lte(assignments.startsOn, of.ends),
        under(orgUnits.path, paths),
        sql`not exists (select 1 from ${reviews} where ${reviews.cadreId} = ${cadres.id} and ${reviews.period} = ${of.period})`,
      ),
    )
    .orderBy(asc(cadres.id));
  // Listed village by village, so an officer reads them as their townships and villages run.
  return rows.sort(
    (a, b) =>
      (a.villagePath < b.villagePath ? -1 : a.villagePath > b.villagePath ? 1 : 0) ||
      a.cadreId - b.cadreId,
  );
}

/** Linked township and county officers, with their scope, under the counties (or anywhere). */
async function officers(db: Database, paths: string[] | undefined) {
  return db
    .select({
      telegramUserId: botLinks.telegramUserId,
      languageCode: botLinks.languageCode,
      scopePath: orgUnits.path,
    })
    .from(botLinks)
    .innerJoin(users, eq(users.id, botLinks.userId))
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(
      and(
        inArray(users.role, [...RECEIVING_ROLES]),
        eq(users.disabled, false),
        // [decision: the township committee and the county department themselves, not a city or
        //  provincial account holding the county role — theirs would be a province-wide list]
        inArray(orgUnits.level, ['township', 'county']),
        under(orgUnits.path, paths),
      ),
    )
    .orderBy(asc(botLinks.telegramUserId));
}
