// Changes made in the app are told through the bot once they have committed: a leave decision to
// the cadre (and the next approver), a new flag to the offices that may confirm it; a request that
// fails tells no one.
import { eq } from 'drizzle-orm';
import { Bot } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTexts } from '../../../bot/i18n';
import { createNotifier } from '../../../bot/notify';
import { seedDemo } from '../../../db/seed/demo';
import * as t from '../../../db/schema';
import { createApp } from '../../../web/app';
import { parseConfig } from '../../../web/config';
import { readLocaleSources } from '../../../web/node-texts';
import { signIn } from '../../support/api';
import { drivers, openTestDatabase, type TestDatabase } from '../../support/databases';
import { botInfo, fakeTelegram } from '../../support/telegram';

const NOW = new Date('2026-11-26T01:30:00Z');
const CADRE = 930_001;
const COUNTY = 930_002;

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`notifications from the app on ${title}`, () => {
    let test: TestDatabase;
    let app: ReturnType<typeof createApp>;
    const telegram = fakeTelegram();
    let cadre: { id: number; assignmentId: number };

    beforeAll(async () => {
      test = await openTestDatabase(driver);
      const db = test.handle.db;
      await seedDemo(db, { today: '2026-11-26', password: 'zhucun-demo' });
      const [a] = await db
        .select()
        .from(t.assignments)
        .orderBy(t.assignments.id)
        .offset(1)
        .limit(1);
      cadre = { id: a!.cadreId, assignmentId: a!.id };
      const [county] = await db.select().from(t.users).where(eq(t.users.username, 'demo-county'));
      await db.insert(t.botLinks).values([
        { telegramUserId: CADRE, cadreId: cadre.id, languageCode: 'zh-hans' },
        { telegramUserId: COUNTY, userId: county!.id, languageCode: 'zh-hans' },
      ]);
      const bot = new Bot('123456:test-token-abcdefghijklmnopqrstuvwxyz', {
        botInfo,
        client: { fetch: telegram.fetch as never },
      });
      const texts = loadTexts(readLocaleSources());
      app = createApp({
        db,
        config: parseConfig({}),
        driver,
        clock: () => NOW,
        notifier: createNotifier({ api: bot.api, texts, db }),
      });
    });
    afterAll(async () => test?.dispose());

    it('tells the cadre when demo-township approves a 2-day leave in the app', async () => {
      const [leave] = await test.handle.db
        .insert(t.leaveRequests)
        .values({
          cadreId: cadre.id,
          assignmentId: cadre.assignmentId,
          kind: 'personal',
          startsOn: '2026-12-03',
          endsOn: '2026-12-04',
          reason: '家里盖房',
          approvalChain: ['township'],
        })
        .returning();
      telegram.clear();
      const township = await signIn(app, 'demo-township');
      const res = await township.post(`/api/leave/${leave!.id}/decision`, { decision: 'approved' });
      expect(res.status).toBe(200);
      expect(telegram.sent(CADRE)).toEqual([
        '✅ 您 2026-12-03 至 2026-12-04 的请假已批准（乡镇党委）。回村后打卡即自动销假，也可以发送 /return。',
      ]);
    });

    it('tells the county of the §2.1 flag an annual review rated 不合格 raises, and nothing when the request fails', async () => {
      telegram.clear();
      const county = await signIn(app, 'demo-county');
      const bad = await county.post('/api/reviews', {
        cadreId: cadre.id,
        period: '2026',
        rating: 'nonsense',
        date: '2026-11-26',
      });
      expect(bad.status).toBe(400);
      expect(telegram.calls).toEqual([]);
      const res = await county.post('/api/reviews', {
        cadreId: cadre.id,
        period: '2026',
        rating: 'unqualified',
        date: '2026-11-26',
      });
      expect(res.status).toBe(201);
      expect(telegram.sent(COUNTY)).toHaveLength(1);
      expect(telegram.sent(COUNTY)[0]).toMatch(/^🔔 新预警 §2\.1/);
    });
  });
}
