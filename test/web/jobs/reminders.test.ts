// The reminder jobs on both drivers, run through the scheduler and the runner as they run in
// production, with Telegram faked at the HTTP layer: the daily check-in reminder (§1.1, §1.2) —
// nobody on leave or checked in, one message each, a county's own setting, a retry after the
// process died half-way — the half-year and annual review reminders (§1.3, §2.1) and the yearly
// §4.6 support check.
import { and, eq, like } from 'drizzle-orm';
import { Bot } from 'grammy';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadTexts } from '../../../bot/i18n';
import type { Outbox } from '../../../bot/notify';
import type { Database } from '../../../db/database';
import * as t from '../../../db/schema';
import { checkInReminder } from '../../../web/jobs/check-in-reminder';
import type { Job } from '../../../web/jobs/job';
import {
  annualPeriod,
  annualReviewReminder,
  halfYearPeriod,
  halfYearReviewReminder,
} from '../../../web/jobs/review-reminders';
import { runOccurrence } from '../../../web/jobs/runner';
import { runDue } from '../../../web/jobs/scheduler';
import { supportCheck } from '../../../web/jobs/support-check';
import { readLocaleSources } from '../../../web/node-texts';
import { drivers } from '../../support/databases';
import { botInfo, fakeTelegram } from '../../support/telegram';
import { fileLeave, openFixture, type Fixture, type Placed } from '../api/cadre-fixtures';
import { orgUnitId } from '../api/case-fixtures';

const texts = loadTexts(readLocaleSources());
const at = (iso: string) => new Date(iso);

describe('which review a day reminds of', () => {
  it('§1.3: Thu 2027-07-01 reminds of the half-year review 2027H1; Tue 2027-01-05 of the annual assessment of 2026, Tue 2026-12-01 (by hand) of 2026', () => {
    expect(halfYearPeriod('2027-07-01')).toEqual({ period: '2027H1', ends: '2027-06-30' });
    expect(annualPeriod('2027-01-05')).toEqual({ period: '2026', ends: '2026-12-31' });
    expect(annualPeriod('2026-12-01')).toEqual({ period: '2026', ends: '2026-12-31' });
  });
});

/**
 * A database whose process "dies" at its n+1-th write to job_runs after the claim: the job's
 * progress marks go through n times, then every write to job_runs throws — the run's own end too,
 * so the row is left 'running' as a killed process leaves it.
 */
function dyingAfter(db: Database, writes: number): Database {
  let n = 0;
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'update') {
        return (table: unknown) => {
          if (table === t.jobRuns && ++n > writes) throw new Error('the process died');
          return target.update(table as typeof t.jobRuns);
        };
      }
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
    },
  });
}

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`reminder jobs on ${title}`, () => {
    let f: Fixture;
    let db: Database;
    const telegram = fakeTelegram();
    const bot = new Bot('123456:test-token-abcdefghijklmnopqrstuvwxyz', {
      botInfo,
      client: { fetch: telegram.fetch as never },
    });
    let outbox: Outbox;
    let leishan: number;
    let taijiang: number;
    /** Linked officers: 西江镇's, 雷山县's (in English), 雷山县财政局's. */
    const TOWNSHIP = 930_001;
    const COUNTY = 930_002;
    const UNIT = 930_003;

    /** Linked cadres, each with their own chat (the chat id is the Telegram user id). */
    const chat = new Map<string, number>();
    const cadre: Record<string, Placed> = {};
    let nextChat = 920_001;
    const link = async (name: string, who: Placed, languageCode = 'zh-hans') => {
      cadre[name] = who;
      chat.set(name, nextChat);
      await db
        .insert(t.botLinks)
        .values({ telegramUserId: nextChat++, cadreId: who.cadreId, languageCode });
    };
    const linkUser = async (username: string, telegramUserId: number, languageCode = 'zh-hans') => {
      const [user] = await db.select().from(t.users).where(eq(t.users.username, username));
      await db.insert(t.botLinks).values({ telegramUserId, userId: user!.id, languageCode });
    };
    const sentTo = (name: string) => telegram.sent(chat.get(name));
    const run = (job: Job, now: string, options: { bot?: boolean } = {}) =>
      runDue({ db, jobs: [job], now: at(now), outbox: options.bot === false ? undefined : outbox });

    beforeAll(async () => {
      f = await openFixture(driver);
      db = f.db;
      outbox = { api: bot.api, texts, db };
      await linkUser('demo-township', TOWNSHIP);
      await linkUser('demo-county', COUNTY, 'en');
      await linkUser('demo-unit', UNIT);
      leishan = await orgUnitId(db, '雷山县');
      taijiang = await orgUnitId(db, '台江县');
      // A in 东引村 and U (English) there, X in 红阳村 of 台江县: linked, nothing else today.
      await link('A', f.A);
      await link('U', f.U, 'en');
      await link('X', f.X);
      // Checked in today (outside the geofence: still a check-in), verified by the township, on
      // approved leave, back from leave (销假) yesterday, asking for leave not yet approved.
      await link('checkedIn', await f.place('简到', '东引村', '雷山县教育局'));
      await link('verified', await f.place('韦实', '东引村', '雷山县教育局'));
      await link('onLeave', await f.place('梁假', '东引村', '雷山县教育局'));
      await link('back', await f.place('包回', '东引村', '雷山县教育局'));
      await link('asking', await f.place('任问', '东引村', '雷山县教育局'));
      const c = cadre;
      await db.insert(t.checkIns).values({
        cadreId: c.checkedIn!.cadreId,
        assignmentId: c.checkedIn!.assignmentId,
        villageId: c.checkedIn!.villageId,
        at: at('2026-11-26T00:05:00Z'),
        localDate: '2026-11-26',
        latitude: 26.6,
        longitude: 108.3,
        inside: false,
        distanceMetres: 15_000,
      });
      await db.insert(t.verifiedPresence).values({
        cadreId: c.verified!.cadreId,
        assignmentId: c.verified!.assignmentId,
        date: '2026-11-26',
        verifiedByUserId: f.userId['demo-township'],
      });
      const chain = ['township' as const];
      await fileLeave(f, c.onLeave!, {
        from: '2026-11-25',
        to: '2026-11-28',
        chain,
        state: 'approved',
        approvedOn: '2026-11-24',
      });
      const back = await fileLeave(f, c.back!, {
        from: '2026-11-20',
        to: '2026-11-30',
        chain,
        state: 'approved',
        approvedOn: '2026-11-19',
      });
      await db
        .update(t.leaveRequests)
        .set({ returnedOn: '2026-11-25' })
        .where(eq(t.leaveRequests.id, back));
      await fileLeave(f, c.asking!, { from: '2026-11-26', to: '2026-11-27', chain });
    });
    afterAll(async () => f?.test.dispose());
    beforeEach(() => telegram.clear());

    describe('the daily check-in reminder', () => {
      it('§1.1, §1.2: at 09:30 on Thu 2026-11-26 one reminder goes to each linked cadre who has not checked in — not to one checked in, verified present or on approved leave; to one back from leave and one whose leave is not yet approved', async () => {
        const [due] = await run(checkInReminder, '2026-11-26T01:31:00Z');
        expect(due).toMatchObject({
          occurrence: at('2026-11-26T01:30:00Z'),
          counties: expect.arrayContaining([leishan, taijiang]),
          outcome: { ran: true, state: 'done' },
        });
        const reminded = ['A', 'U', 'X', 'back', 'asking'];
        for (const name of [...chat.keys()]) {
          expect(sentTo(name), name).toHaveLength(reminded.includes(name) ? 1 : 0);
        }
        expect(sentTo('A')[0]).toBe(
          '📍 今天（2026-11-26）您还没有打卡。在村的话，点下面的「📍 打卡」按钮发送位置就行，一次即可。今天不在村可以忽略这条提醒。',
        );
        expect(sentTo('U')[0]).toMatch(/^📍 You have not checked in today \(2026-11-26\)\./);
        // One tap: the reminder brings the keyboard whose button sends the location.
        const call = telegram.calls.find((c) => c.payload.chat_id === chat.get('A'))!;
        expect(call.payload.reply_markup).toMatchObject({
          keyboard: [[{ text: '📍 打卡', request_location: true }], expect.any(Array)],
        });
        expect(due!.outcome).toMatchObject({
          result: { day: '2026-11-26', notCheckedIn: 6, onLeave: 1, reminded: 5, unreachable: 0 },
        });

        // Asked again, later that morning: the occurrence is done, nobody hears twice.
        telegram.clear();
        const again = await run(checkInReminder, '2026-11-26T02:45:00Z');
        expect(again.map((d) => d.outcome)).toEqual([{ ran: false, reason: 'done' }]);
        expect(telegram.sent()).toEqual([]);
      });

      it('a county that switched the reminder off (台江县, job_settings) gets none on Fri 2026-11-27; moved to 08:00, its cadres hear at 08:00 on Sat 2026-11-28 and the others at 09:30', async () => {
        await db
          .insert(t.jobSettings)
          .values({ orgUnitId: taijiang, job: 'checkInReminder', enabled: false });
        await run(checkInReminder, '2026-11-27T01:31:00Z');
        expect(sentTo('X')).toEqual([]);
        expect(sentTo('A')).toHaveLength(1);

        telegram.clear();
        await db
          .update(t.jobSettings)
          .set({ enabled: true, rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0' })
          .where(eq(t.jobSettings.orgUnitId, taijiang));
        const early = await run(checkInReminder, '2026-11-28T00:01:00Z');
        expect(early.map((d) => [d.instance, d.counties])).toEqual([
          [`county:${taijiang}`, [taijiang]],
        ]);
        expect(sentTo('X')).toHaveLength(1);
        expect(sentTo('A')).toEqual([]);
        await run(checkInReminder, '2026-11-28T01:31:00Z');
        expect(sentTo('X')).toHaveLength(1);
        expect(sentTo('A')).toHaveLength(1);
        await db.delete(t.jobSettings);
      });

      it('[decision] on Sun 2026-11-29 too, and exactly once each when the process dies after two reminders and the occurrence is taken over 35 minutes later', async () => {
        const occurrence = at('2026-11-29T01:30:00Z');
        const dead = await runOccurrence(checkInReminder, occurrence, {
          db: dyingAfter(db, 2),
          now: occurrence,
          outbox,
          counties: [leishan, taijiang],
        }).then(
          () => 'finished',
          (error: Error) => error.message,
        );
        expect(dead).toBe('the process died');
        expect(telegram.sent()).toHaveLength(2);
        const [left] = await db
          .select()
          .from(t.jobRuns)
          .where(and(eq(t.jobRuns.job, 'checkInReminder'), eq(t.jobRuns.occurrence, occurrence)));
        expect(left).toMatchObject({ state: 'running', result: { through: expect.any(Number) } });

        const [retry] = await run(checkInReminder, '2026-11-29T02:05:00Z');
        expect(retry!.outcome).toMatchObject({
          ran: true,
          state: 'done',
          result: {
            day: '2026-11-29',
            reminded: 6,
            resumedAfter: (left!.result as { through: number }).through,
          },
        });
        // Everyone linked (the leave of 梁假 ended on Sat): one reminder each, none twice.
        for (const name of chat.keys()) expect(sentTo(name), name).toHaveLength(1);
      });

      it('without the bot, reminds nobody on Mon 2026-11-30 and says how many it would have', async () => {
        const [due] = await run(checkInReminder, '2026-11-30T01:31:00Z', { bot: false });
        expect(due!.outcome).toMatchObject({
          result: { day: '2026-11-30', bot: false, wouldRemind: 8, notCheckedIn: 8 },
        });
        expect(telegram.sent()).toEqual([]);
      });
    });

    describe('review reminders', () => {
      /** The cadres (all in post) under an org unit without a review of `period`. */
      const expected = async (unit: string, period: string) => {
        const [scope] = await db.select().from(t.orgUnits).where(eq(t.orgUnits.name, unit));
        const rows = await db
          .select({ id: t.cadres.id, name: t.cadres.name, village: t.orgUnits.name })
          .from(t.assignments)
          .innerJoin(t.cadres, eq(t.cadres.id, t.assignments.cadreId))
          .innerJoin(t.orgUnits, eq(t.orgUnits.id, t.assignments.villageId))
          .where(like(t.orgUnits.path, `${scope!.path}%`));
        const reviewed = await db
          .select({ cadreId: t.reviews.cadreId })
          .from(t.reviews)
          .where(eq(t.reviews.period, period));
        return rows.filter((r) => !reviewed.some((x) => x.cadreId === r.id));
      };

      it('§1.3, §2.1: on Tue 2027-01-05 the township (西江镇) and the county hear which cadres in their own scope have no annual assessment of 2026 — not A, assessed; U, with only a half-year review, yes', async () => {
        await db.insert(t.reviews).values([
          { cadreId: f.A.cadreId, period: '2026', rating: 'competent', recordedOn: '2026-12-28' },
          { cadreId: f.U.cadreId, period: '2026H1', rating: 'competent', recordedOn: '2026-09-28' },
        ]);
        const [due] = await run(annualReviewReminder, '2027-01-05T01:01:00Z');
        const township = await expected('西江镇', '2026');
        const county = await expected('雷山县', '2026');
        expect(due!.outcome).toMatchObject({
          result: { period: '2026', officersTold: 2, messages: 2 },
        });
        const [toTownship] = telegram.sent(TOWNSHIP);
        expect(toTownship).toMatch(
          new RegExp(
            `^📋 2026 年度考核：您范围内还有 ${township.length} 名驻村干部没有记录考核等次：\n· `,
          ),
        );
        const listed = toTownship!.split('\n').slice(1);
        expect(listed.sort()).toEqual(township.map((c) => `· ${c.name}（${c.village}）`).sort());
        expect(toTownship).not.toContain('安远');
        expect(toTownship).toContain('欧阳雨');
        const [toCounty] = telegram.sent(COUNTY);
        expect(toCounty).toMatch(
          new RegExp(`^📋 Annual assessment of 2026: ${county.length} cadres in your scope`),
        );
        expect(toCounty!.split('\n')).toHaveLength(county.length + 1);
        expect(toCounty).not.toContain('谢晓'); // 台江县: not the 雷山县 department's
        expect(telegram.sent(UNIT)).toEqual([]); // a dispatching unit is not told
      });

      it('§1.3: on Thu 2027-07-01 the half-year review 2027H1 is asked of every cadre in post, the 2026 assessment notwithstanding', async () => {
        const [due] = await run(halfYearReviewReminder, '2027-07-01T01:01:00Z');
        const county = await expected('雷山县', '2027H1');
        expect(due!.outcome).toMatchObject({
          result: { period: '2027H1', withoutReview: county.length + 1, officersTold: 2 },
        });
        expect(telegram.sent(TOWNSHIP)[0]).toMatch(/^📋 2027 年上半年述职述评：/);
        expect(telegram.sent(COUNTY)[0]).toContain('安远');
      });
    });

    describe('the yearly support check', () => {
      it('§4.6: on Sun 2026-11-01 雷山县财政局 hears of its cadres’ gaps for 2026 — none for A, fully supported; T lacks the exam, enough insurance and 10,000 yuan of work funds', async () => {
        const record = (
          who: Placed,
          kind: (typeof t.supportRecords.$inferInsert)['kind'],
          amountYuan?: string,
        ) => ({
          cadreId: who.cadreId,
          year: 2026,
          kind,
          amountYuan: amountYuan ?? null,
          occurredOn: '2026-09-05',
        });
        await db
          .insert(t.supportRecords)
          .values([
            record(f.A, 'training'),
            record(f.A, 'mealSubsidy'),
            record(f.A, 'transport'),
            record(f.A, 'physicalExam'),
            { ...record(f.A, 'accidentInsurance', '500000'), occurredOn: '2026-09-01' },
            record(f.A, 'workFund', '10000'),
            record(f.T, 'training'),
            record(f.T, 'lodgingSubsidy'),
            record(f.T, 'transport'),
            record(f.T, 'accidentInsurance', '300000'),
            record(f.T, 'workFund', '6000'),
          ]);
        const [finance] = await db
          .select()
          .from(t.dispatchingUnits)
          .where(eq(t.dispatchingUnits.name, '雷山县财政局'));
        const [leishanUnit] = await db.select().from(t.orgUnits).where(eq(t.orgUnits.id, leishan));
        const theirs = await db
          .select({ cadreId: t.assignments.cadreId })
          .from(t.assignments)
          .innerJoin(t.orgUnits, eq(t.orgUnits.id, t.assignments.villageId))
          .where(
            and(
              eq(t.assignments.dispatchingUnitId, finance!.id),
              like(t.orgUnits.path, `${leishanUnit!.path}%`),
            ),
          );
        const [due] = await run(supportCheck, '2026-11-01T01:01:00Z');
        const result = (due!.outcome as { result: Record<string, unknown> }).result;
        expect(result).toMatchObject({ year: 2026, messages: expect.any(Number) });
        expect(result.units).toContainEqual({
          unit: finance!.id,
          cadres: theirs.length,
          withGaps: theirs.length - 1,
          told: true,
        });
        const [message] = telegram.sent(UNIT);
        expect(message).toMatch(
          new RegExp(
            `^🩺 2026 年驻村保障检查（§4\\.6）：贵单位选派的驻村干部中有 ${theirs.length - 1} 人的保障还没有落实，请在年底前补上：\n`,
          ),
        );
        expect(message).toContain(
          '· 田甜（白岩村）：年度体检（0/1 次）；人身意外伤害保险（保额不低于 500,000 元、覆盖全年驻村期间）；驻村工作经费（6,000 元，应不低于 10,000 元）',
        );
        expect(message).not.toContain('安远');
        // A unit's officers hear only of their own cadres: 欧阳雨 is 教育局's.
        expect(message).not.toContain('欧阳雨');
        expect(telegram.sent(TOWNSHIP)).toEqual([]);
      });
    });
  });
}
