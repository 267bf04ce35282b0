// The yearly check of the support each cadre is owed (§4.6): training, meal and lodging subsidies,
// transport, a physical exam every year, accident insurance of at least 500,000 yuan and village
// work funds of at least 10,000 yuan. Per cadre in post, core's supportGaps over the year's
// support_records; each dispatching unit's linked officers hear of their own cadres' gaps.
import { and, asc, between, eq, inArray } from 'drizzle-orm';
import { addDays, daysInMonth, parts, type LocalDate } from '../../core/calendar/local-date';
import type { Parameters } from '../../core/parameters';
import { supportGaps, type SupportGap, type SupportRecord } from '../../core/responsibilities';
import type { Database } from '../../db/database';
import { parametersFor } from '../../db/queries/parameters';
import { assignments, cadres, dispatchingUnits, orgUnits, supportRecords } from '../../db/schema';
import { listPages, notify, unitOfficers } from '../../bot/notify';
import type { Translate } from '../../bot/i18n';
import type { Job, JobContext } from './job';
import { countyPaths, inPost, occurrenceProgress, under } from './check-in-reminder';

// 各级派出单位、组织部门要按有关规定认真落实……每年一次体检、不低于50万元保额的人身意外伤害保险、不低于
// 1万元的驻村工作经费等保障政策 — §4.6
// [decision: on 1 November: two months before the year ends (§4.6 counts per calendar year —
//  clauses.md), time enough to hold the exam, buy or raise the insurance and pay the funds; a check
//  in December would find the gaps when they can no longer be made good]
export const supportCheck: Job = {
  name: 'supportCheck',
  description:
    '驻村保障年度检查：11月1日检查每名在岗驻村干部当年的体检、保险、工作经费等（§4.6），告诉派出单位 / yearly §4.6 support check (exam, insurance, work funds…) per cadre in post, told to the dispatching units',
  rule: 'FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=1;BYHOUR=9;BYMINUTE=0',
  catchUpMinutes: 14 * 24 * 60,
  run: checkSupport,
};

/** A long list is cut into at most this many messages; the rest are counted. */
const MAX_MESSAGES = 5;

async function checkSupport(ctx: JobContext) {
  const { year } = parts(ctx.day);
  const paths = await countyPaths(ctx.db, ctx.counties);
  const inPostNow = await cadresInPost(ctx.db, ctx.day, paths);
  const records = await recordsOf(ctx.db, ctx.day, year, paths);
  const parameters = new Map<string, Promise<Parameters>>();
  const parametersAt = (path: string) => {
    let p = parameters.get(path);
    if (!p) parameters.set(path, (p = parametersFor(ctx.db, path)));
    return p;
  };

  const byUnit = new Map<number, { cadres: number; withGaps: Array<Found> }>();
  const gapCounts: Record<string, number> = {};
  for (const cadre of inPostNow) {
    const gaps = supportGaps({
      year,
      assignment: { start: cadre.startsOn, end: cadre.endsOn },
      records: records.get(cadre.cadreId) ?? [],
      parameters: await parametersAt(cadre.villagePath),
      asOf: ctx.day,
    });
    const unit = byUnit.get(cadre.unitId) ?? { cadres: 0, withGaps: [] };
    unit.cadres++;
    if (gaps.length > 0) unit.withGaps.push({ ...cadre, gaps });
    byUnit.set(cadre.unitId, unit);
    for (const gap of gaps) gapCounts[gap.kind] = (gapCounts[gap.kind] ?? 0) + 1;
  }

  // Units in ascending id, each told once per occurrence, also when a retry resumes
  // (check-in-reminder.ts occurrenceProgress).
  const progress = ctx.outbox ? await occurrenceProgress(ctx, supportCheck) : null;
  const units: Array<{ unit: number; cadres: number; withGaps: number; told?: boolean }> = [];
  let messages = 0;
  for (const [unitId, unit] of [...byUnit].sort(([a], [b]) => a - b)) {
    if (unit.withGaps.length === 0) continue;
    const entry: (typeof units)[number] = {
      unit: unitId,
      cadres: unit.cadres,
      withGaps: unit.withGaps.length,
    };
    units.push(entry);
    if (!progress || !ctx.outbox || progress.done(unitId)) continue;
    await progress.mark(unitId);
    let told = false;
    for (const receiver of await unitOfficers(ctx.db, unitId)) {
      const t = ctx.outbox.texts.translator(
        ctx.outbox.texts.negotiate(receiver.languageCode ?? undefined),
      );
      const lines = unit.withGaps.map((c) =>
        t('support-check-line', {
          name: c.name,
          village: c.village,
          gaps: c.gaps.map((g) => gapText(t, g)).join(t('support-check-separator')),
        }),
      );
      const { pages, left } = listPages(lines, MAX_MESSAGES);
      for (const [i, page] of pages.entries()) {
        const text = [
          i === 0
            ? t('support-check-unit', { year: String(year), count: unit.withGaps.length })
            : null,
          ...page,
          i === pages.length - 1 && left > 0 ? t('support-check-more', { count: left }) : null,
        ]
          .filter((line): line is string => line !== null)
          .join('\n');
        if (await notify(ctx.outbox.api, ctx.outbox.texts, receiver, () => ({ text }))) {
          messages++;
          told = true;
        }
      }
    }
    entry.told = told;
  }
  return {
    year,
    cadres: inPostNow.length,
    withGaps: units.reduce((n, u) => n + u.withGaps, 0),
    gaps: gapCounts,
    // Per dispatching unit with gaps: its cadres in post and those with gaps — what its scorecard
    // (core unitScorecard, §4.1/§4.4/§4.6) takes from support_records.
    units,
    ...(progress
      ? {
          messages,
          ...(progress.resumedAfter !== null ? { resumedAfter: progress.resumedAfter } : {}),
        }
      : { bot: false }),
  };
}

type Found = Awaited<ReturnType<typeof cadresInPost>>[number] & { gaps: SupportGap[] };

function gapText(t: Translate, gap: SupportGap): string {
  return t(`support-gap-${gap.kind}`, { required: gap.required, actual: gap.actual });
}

/** Cadres in post on `day` under the counties, with their assignment, village and unit. */
async function cadresInPost(db: Database, day: LocalDate, paths: string[] | undefined) {
  return db
    .selectDistinctOn([assignments.cadreId], {
      cadreId: assignments.cadreId,
      name: cadres.name,
      startsOn: assignments.startsOn,
      endsOn: assignments.endsOn,
      village: orgUnits.name,
      villagePath: orgUnits.path,
      unitId: assignments.dispatchingUnitId,
      unitName: dispatchingUnits.name,
    })
    .from(assignments)
    .innerJoin(cadres, eq(cadres.id, assignments.cadreId))
    .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
    .innerJoin(dispatchingUnits, eq(dispatchingUnits.id, assignments.dispatchingUnitId))
    .where(and(inPost(day), under(orgUnits.path, paths)))
    .orderBy(asc(assignments.cadreId), asc(assignments.startsOn));
}

/**
 * The support records of those cadres for the year and the year before (a policy bought last year
 * may still cover this one), as core's records, by cadre.
 */
async function recordsOf(db: Database, day: LocalDate, year: number, paths: string[] | undefined) {
  const rows = await db
    .select({
      cadreId: supportRecords.cadreId,
      kind: supportRecords.kind,
      amountYuan: supportRecords.amountYuan,
      occurredOn: supportRecords.occurredOn,
    })
    .from(supportRecords)
    .where(
      and(
        between(supportRecords.year, year - 1, year),
        inArray(
          supportRecords.cadreId,
          db
            .select({ cadreId: assignments.cadreId })
            .from(assignments)
            .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
            .where(and(inPost(day), under(orgUnits.path, paths))),
        ),
      ),
    )
    .orderBy(asc(supportRecords.id));
  const byCadre = new Map<number, SupportRecord[]>();
  for (const row of rows) {
    const record = asCoreRecord(row);
    if (record) byCadre.set(row.cadreId, [...(byCadre.get(row.cadreId) ?? []), record]);
  }
  return byCadre;
}

/** A stored support record as core's (core/responsibilities/support.ts). */
function asCoreRecord(row: {
  kind: (typeof supportRecords.$inferSelect)['kind'];
  amountYuan: string | null;
  occurredOn: LocalDate;
}): SupportRecord | null {
  const date = row.occurredOn;
  const amount = row.amountYuan === null ? 0 : Number(row.amountYuan);
  switch (row.kind) {
    case 'training':
    case 'transport':
    case 'physicalExam':
      return { kind: row.kind, date };
    // 食宿补助 — §4.6 names meals and lodging together: either record shows it is provided.
    case 'mealSubsidy':
    case 'lodgingSubsidy':
      return { kind: 'mealLodgingSubsidy', date };
    case 'workFund':
      return { kind: 'workFunds', date, amountYuan: amount };
    // [decision: support_records keeps no policy period; a policy runs one year from its day, the
    //  usual term of 人身意外伤害保险 — a column for its end would make this exact (asked of the
    //  lead, issue #7)]
    case 'accidentInsurance':
      return { kind: 'accidentInsurance', from: date, to: oneYearOn(date), coverageYuan: amount };
  }
}

/** A policy's last day: the day before the same day a year later (from 29 Feb: 28 Feb). */
function oneYearOn(date: LocalDate): LocalDate {
  const { year, month, day } = parts(date);
  const pad = (n: number) => String(n).padStart(2, '0');
  const same =
    day > daysInMonth(year + 1, month)
      ? `${year + 1}-${pad(month + 1)}-01`
      : `${year + 1}-${pad(month)}-${pad(day)}`;
  return addDays(same, -1);
}
