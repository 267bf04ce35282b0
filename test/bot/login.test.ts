// /login: a one-time link from the bot signs a supervisor in to the app, once, within 5 minutes.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../bot/bot';
import { loadTexts } from '../../bot/i18n';
import { seedDemo } from '../../db/seed/demo';
import * as t from '../../db/schema';
import { createApp } from '../../web/app';
import { parseConfig } from '../../web/config';
import { readLocaleSources } from '../../web/node-texts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/databases';
import { botInfo, chatWith, fakeTelegram } from '../support/telegram';

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`/login on ${title}`, () => {
    let test: TestDatabase;
    const telegram = fakeTelegram();
    let now = new Date('2026-11-26T01:30:00Z');
    let bot: ReturnType<typeof createBot>;
    let app: ReturnType<typeof createApp>;
    const SUPERVISOR = 920_001;
    const CADRE = 920_002;

    beforeAll(async () => {
      test = await openTestDatabase(driver);
      const db = test.handle.db;
      await seedDemo(db, { today: '2026-11-26', password: 'zhucun-demo' });
      const [user] = await db.select().from(t.users).where(eq(t.users.username, 'demo-township'));
      const [cadre] = await db.select().from(t.cadres).limit(1);
      await db.insert(t.botLinks).values([
        { telegramUserId: SUPERVISOR, userId: user!.id },
        { telegramUserId: CADRE, cadreId: cadre!.id },
      ]);
      const clock = () => now;
      bot = createBot({
        token: '123456:test-token-abcdefghijklmnopqrstuvwxyz',
        db,
        texts: loadTexts(readLocaleSources()),
        sessionSecret: 's'.repeat(32),
        botInfo,
        fetch: telegram.fetch,
        clock,
        webUrl: 'https://zhucun.example.org',
      });
      app = createApp({ db, config: parseConfig({}), driver, clock });
    });
    afterAll(async () => test?.dispose());

    const link = async () => {
      telegram.clear();
      await bot.handleUpdate(chatWith({ id: SUPERVISOR }, () => now).text('/login'));
      const text = telegram.sent(SUPERVISOR)[0]!;
      return /https:\/\/zhucun\.example\.org\/login#([\w-]+)/.exec(text)![1]!;
    };
    const use = (token: string) =>
      app.request('/api/session/link', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });

    it('signs demo-township in once with the link, and refuses it the second time', async () => {
      const token = await link();
      const first = await use(token);
      expect(first.status).toBe(201);
      expect((await first.json()).username).toBe('demo-township');
      expect((await use(token)).status).toBe(401);
    });

    it('refuses a link used six minutes after it was sent', async () => {
      const token = await link();
      now = new Date(now.getTime() + 6 * 60_000);
      const res = await use(token);
      expect(res.status).toBe(401);
      expect((await res.json()).error).toBe('bad-link');
    });

    it('gives no link to a cadre', async () => {
      telegram.clear();
      await bot.handleUpdate(chatWith({ id: CADRE }, () => now).text('/login'));
      expect(telegram.sent(CADRE)).toEqual(['这个命令只对绑定了机器人的管理人员开放。']);
    });
  });
}
