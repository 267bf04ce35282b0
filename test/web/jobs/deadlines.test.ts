// The morning deadline job on both drivers (§3.5–§3.8, §4.2): reminders two working days
// ahead, once; a step overdue by escalateAfterWorkdays working days reported once to the office of
// the level above the one that owes it — the city for a county's unit, the county for a township's —
// as GET /api/cases/:id shows it (escalate, escalateTo); the Telegram side faked at the HTTP layer.
import { and, eq, isNotNull } from 'drizzle-orm';
import { Bot } from 'grammy';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadTexts } from '../../../bot/i18n';
import type { Database } from '../../../db/database';
import * as t from '../../../db/schema';
import { deadlineReminders } from '../../../web/jobs/deadlines';
import { runDue } from '../../../web/jobs/scheduler';
import { readLocaleSources } from '../../../web/node-texts';
import { signIn, type Client } from '../../support/api';
import { drivers } from '../../support/databases';
import { botInfo, fakeTelegram } from '../../support/telegram';
import { openFixture, type Fixture, type Placed } from '../api/cadre-fixtures';
import { addUser, casesWithDeadlines, orgUnitId } from '../api/case-fixtures';

const texts = loadTexts(readLocaleSources());
const at = (iso: string) => new Date(iso);

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`deadline reminders and escalation on ${title}`, () => {
    let f: Fixture;
    let db: Database;
    const telegram = fakeTelegram();
    const bot = new Bot('123456:test-token-abcdefghijklmnopqrstuvwxyz', {
      botInfo,
      client: { fetch: telegram.fetch as never },
    });
    /** 羊排村, 雷山县财政局 (county level): notice Wed 2026-09-16, recall due Thu 2026-09-24. */
    let H: Placed;
    /** 白岩村, 西江镇人民政府 (township level): notice Fri 2026-11-13, recall due Tue 2026-11-24. */
    let O: Placed;
    /** 白岩村, 雷山县财政局: notice Thu 2026-11-26, appeal window to Mon 2026-11-30. */
    let W: Placed;
    const caseOf = { H: 0, O: 0, W: 0 };
    // Linked: the city's organization department, the county's, the province's, the finance
    // bureau's officer and the cadre W.
    const CITY = 950_001;
    const COUNTY = 950_002;
    const PROVINCE = 950_003;
    const UNIT = 950_004;
    const CADRE_W = 950_005;

    const run = (now: string) =>
      runDue({
        db,
        jobs: [deadlineReminders],
        now: at(now),
        outbox: { api: bot.api, texts, db },
      });
    const escalations = (chat: number) => telegram.sent(chat).filter((m) => m.startsWith('🔺'));

    beforeAll(async () => {
      f = await openFixture(driver);
      db = f.db;
      H = await f.place('何秋', '羊排村', '雷山县财政局', '2026-09-01');
      O = await f.place('欧明', '白岩村', '西江镇人民政府', '2026-09-01');
      W = await f.place('王薇', '白岩村', '雷山县财政局', '2026-09-01');
      const city = await addUser(db, {
        username: 'test-city',
        role: 'county',
        orgUnitId: await orgUnitId(db, '黔东南苗族侗族自治州'),
      });
      const province = await addUser(db, {
        username: 'test-province',
        role: 'province',
        orgUnitId: await orgUnitId(db, '贵州省'),
      });
      await db.insert(t.botLinks).values([
        { telegramUserId: CITY, userId: city },
        { telegramUserId: COUNTY, userId: f.userId['demo-county'], languageCode: 'en' },
        { telegramUserId: PROVINCE, userId: province },
        { telegramUserId: UNIT, userId: f.userId['demo-unit'] },
        { telegramUserId: CADRE_W, cadreId: W.cadreId },
      ]);

      const township = f.as['demo-township'];
      const county = f.as['demo-county'];
      const discipline: Client = f.as['demo-discipline'];
      Object.assign(
        caseOf,
        await casesWithDeadlines({ township, county, discipline }, { H, O, W }),
      );
    });
    afterAll(async () => f?.test.dispose());
    beforeEach(() => telegram.clear());

    /** What GET /api/cases/:id says of a case's recall on a day. */
    const recallOn = async (caseId: number, iso: string) => {
      const { createApp } = await import('../../../web/app');
      const { parseConfig } = await import('../../../web/config');
      const app = createApp({ db, config: parseConfig({}), driver, clock: () => at(iso) });
      const client = await signIn(app, 'demo-county');
      const body = await (await client.get(`/api/cases/${caseId}`)).json();
      return body.deadlines.find((d: { step: string }) => d.step === 'recall');
    };

    it('§4.2: at 08:00 on Thu 2026-11-26 H’s recall, 40 working days overdue, goes to the city’s organization department once — not to the county’s or the province’s; O’s, 2 days overdue, not yet', async () => {
      expect(await recallOn(caseOf.H, '2026-11-26T00:00:00Z')).toMatchObject({
        escalate: true,
        escalateTo: 'city',
        overdueWorkdays: 40,
      });
      const [due] = await run('2026-11-26T00:01:00Z');
      expect(due!.outcome).toMatchObject({
        ran: true,
        state: 'done',
        result: { day: '2026-11-26', escalated: 1, escalationMessages: 1, noLevelAbove: 0 },
      });
      expect(escalations(CITY)).toEqual([
        '🔺 逾期上报（§4.2）：何秋（羊排村，§2.6）的「请回单位」应由派出单位雷山县财政局在 2026-09-24 前完成（§3.5），已超期 40 个工作日。\n按规定报上一级（市（州）委组织部）督办，详情见管理端。',
      ]);
      expect(escalations(COUNTY)).toEqual([]);
      expect(escalations(PROVINCE)).toEqual([]);
      const marked = await db
        .select({ caseId: t.deadlines.caseId, step: t.deadlines.step })
        .from(t.deadlines)
        .where(isNotNull(t.deadlines.escalatedAt));
      expect(marked).toEqual([{ caseId: caseOf.H, step: 'recall' }]);
    });

    it('§3.8, §4.2: on Fri 2026-11-27 W does not hear of the appeal window again, the unit hears of H’s overdue recall again; O’s recall, owed by a township’s unit and now 3 working days overdue, goes to the county once, and H’s is not reported again', async () => {
      const [w] = await db
        .select()
        .from(t.deadlines)
        .where(and(eq(t.deadlines.caseId, caseOf.W), eq(t.deadlines.step, 'appeal')));
      expect(w!.remindedAt).toEqual(at('2026-11-26T00:01:00Z'));
      expect(await recallOn(caseOf.O, '2026-11-27T00:00:00Z')).toMatchObject({
        escalate: true,
        escalateTo: 'county',
        overdueWorkdays: 3,
      });
      const [due] = await run('2026-11-27T00:01:00Z');
      expect(due!.outcome).toMatchObject({
        result: { day: '2026-11-27', escalated: 1, escalationMessages: 1 },
      });
      expect(telegram.sent(CADRE_W)).toEqual([]);
      expect(telegram.sent(UNIT)).toEqual([
        expect.stringMatching(/^⚠️ 已超期：何秋（§2\.6）的「请回单位」已于 2026-09-24 到期/),
      ]);
      expect(escalations(COUNTY)).toEqual([
        expect.stringMatching(
          /^🔺 Escalated \(§4\.2\): "Recall to the unit" for 欧明 \(白岩村, §2\.9\) was owed by the dispatching unit 西江镇人民政府 by 2026-11-24 \(§3\.5\) and is 3 working days overdue\.\nIt comes to the level above \(the county organization department\)/,
        ),
      ]);
      expect(escalations(CITY)).toEqual([]);
      const [o] = await db
        .select()
        .from(t.deadlines)
        .where(and(eq(t.deadlines.caseId, caseOf.O), eq(t.deadlines.step, 'recall')));
      expect(o!.escalatedAt).toEqual(at('2026-11-27T00:01:00Z'));
    });

    it('§4.2: on Mon 2026-11-30 nothing is escalated again, and the same morning asked twice runs once', async () => {
      const later = await run('2026-11-30T00:01:00Z');
      expect(later.map((d) => d.outcome)).toEqual([
        expect.objectContaining({ result: expect.objectContaining({ escalated: 0 }) }),
      ]);
      const again = await run('2026-11-30T00:30:00Z');
      expect(again.map((d) => d.outcome)).toEqual([{ ran: false, reason: 'done' }]);
      expect(escalations(CITY)).toEqual([]);
      expect(escalations(COUNTY)).toEqual([]);
    });
  });
}
