// The bot with Telegram faked at the HTTP layer, on the demo data: linking, check-in, diary, and
// exactly-once delivery through the webhook.
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBot } from '../../bot/bot';
import { loadTexts } from '../../bot/i18n';
import { createInvitation } from '../../db/queries/invitations';
import { seedDemo } from '../../db/seed/demo';
import * as t from '../../db/schema';
import { createApp } from '../../web/app';
import { parseConfig } from '../../web/config';
import { readLocaleSources } from '../../web/node-texts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/databases';
import { botInfo, chatWith, fakeTelegram } from '../support/telegram';

const NOW = new Date('2026-11-26T01:30:00Z'); // Thu 2026-11-26, 09:30 in Shanghai
const SECRET = 'webhook-secret-for-tests-0123456789';

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`bot check-in and diary on ${title}`, () => {
    let test: TestDatabase;
    const telegram = fakeTelegram();
    let bot: ReturnType<typeof createBot>;
    let app: ReturnType<typeof createApp>;
    let cadre: {
      id: number;
      name: string;
      latitude: number;
      longitude: number;
      assignmentId: number;
    };
    let userId = 500_000;

    beforeAll(async () => {
      test = await openTestDatabase(driver);
      await seedDemo(test.handle.db, { today: '2026-11-26', password: 'zhucun-demo' });
      const [row] = await test.handle.db
        .select({
          id: t.cadres.id,
          name: t.cadres.name,
          latitude: t.orgUnits.latitude,
          longitude: t.orgUnits.longitude,
          assignmentId: t.assignments.id,
        })
        .from(t.assignments)
        .innerJoin(t.cadres, eq(t.cadres.id, t.assignments.cadreId))
        .innerJoin(t.orgUnits, eq(t.orgUnits.id, t.assignments.villageId))
        .orderBy(t.assignments.id)
        .offset(1)
        .limit(1);
      cadre = row as typeof cadre;
      bot = createBot({
        token: '123456:test-token-abcdefghijklmnopqrstuvwxyz',
        db: test.handle.db,
        texts: loadTexts(readLocaleSources()),
        sessionSecret: 's'.repeat(32),
        botInfo,
        fetch: telegram.fetch,
        clock: () => NOW,
      });
      const config = parseConfig({ TELEGRAM_WEBHOOK_SECRET: SECRET });
      app = createApp({ db: test.handle.db, config, driver, bot });
    });
    afterAll(async () => test?.dispose());
    beforeEach(() => telegram.clear());

    /** A new Telegram user linked to the test cadre through a fresh invitation. */
    async function linkedChat() {
      const chat = chatWith({ id: ++userId }, () => NOW);
      const { code } = await createInvitation(test.handle.db, { cadreId: cadre.id }, NOW);
      await bot.handleUpdate(chat.text(`/start ${code}`));
      expect(telegram.sent(userId).at(-1)).toContain(`绑定成功：${cadre.name}`);
      telegram.clear();
      return chat;
    }

    async function checkInsToday() {
      const [row] = await test.handle.db
        .select({ n: count() })
        .from(t.checkIns)
        .where(and(eq(t.checkIns.cadreId, cadre.id), eq(t.checkIns.localDate, '2026-11-26')));
      return row!.n;
    }

    it('links a Telegram user with a one-time invitation, and refuses it the second time', async () => {
      const { code } = await createInvitation(test.handle.db, { cadreId: cadre.id }, NOW);
      const first = chatWith({ id: ++userId }, () => NOW);
      await bot.handleUpdate(first.text(`/start ${code}`));
      const second = chatWith({ id: ++userId }, () => NOW);
      await bot.handleUpdate(second.text(`/start ${code}`));
      expect(telegram.sent(userId - 1)[0]).toMatch(/^绑定成功/);
      expect(telegram.sent(userId)[0]).toBe(
        '这个绑定码已经用过了。如需重新绑定，请向组织部门索取新的链接。',
      );
      await bot.handleUpdate(second.text('/start not-a-real-code'));
      expect(telegram.sent(userId)[1]).toContain('绑定码无效');
    });

    it('refuses an invitation after its seven days', async () => {
      const { code } = await createInvitation(
        test.handle.db,
        { cadreId: cadre.id },
        new Date('2026-11-18T00:00:00Z'),
      );
      const chat = chatWith({ id: ++userId }, () => NOW);
      await bot.handleUpdate(chat.text(`/start ${code}`));
      expect(telegram.sent(userId)[0]).toContain('已过期');
    });

    it('checks in inside the geofence on Thu 2026-11-26 and shows the month so far; a second one counts once', async () => {
      const chat = await linkedChat();
      const before = await checkInsToday();
      await bot.handleUpdate(
        chat.location(cadre.latitude + 0.001, cadre.longitude, { horizontal_accuracy: 12 }),
      );
      const [reply] = telegram.sent(userId);
      expect(reply).toMatch(
        /^✅ 打卡成功，2026-11-26 在村。\n2026年11月：在村 \d+ 天，请假 \d+ 天，/,
      );
      await bot.handleUpdate(chat.location(cadre.latitude, cadre.longitude + 0.001));
      expect(telegram.sent(userId)[1]).toMatch(/^✅ 已记录。今天（2026-11-26）已经算在村一天/);
      expect(await checkInsToday()).toBe(before + 2);
      const days = (s: string) => Number(/在村 (\d+) 天/.exec(s)![1]);
      expect(days(telegram.sent(userId)[1]!)).toBe(days(reply!));
    });

    it('records a check-in 3 km away as outside, with the distance, and the day does not count', async () => {
      const chat = await linkedChat();
      await bot.handleUpdate(chat.location(cadre.latitude + 0.027, cadre.longitude));
      expect(telegram.sent(userId)[0]).toMatch(
        /^⚠️ 您距离.+约 3\.0 公里，在村范围（1\.0 公里）以外。/,
      );
      const [row] = await test.handle.db
        .select()
        .from(t.checkIns)
        .where(eq(t.checkIns.cadreId, cadre.id))
        .orderBy(t.checkIns.id)
        .limit(1)
        .offset(
          (
            await test.handle.db
              .select({ n: count() })
              .from(t.checkIns)
              .where(eq(t.checkIns.cadreId, cadre.id))
          )[0]!.n - 1,
        );
      expect(row).toMatchObject({ inside: false });
      expect(row!.distanceMetres).toBeGreaterThan(2900);
    });

    it('refuses forwarded, venue and stale locations without recording them', async () => {
      const chat = await linkedChat();
      const before = await checkInsToday();
      await bot.handleUpdate(
        chat.message({
          location: { latitude: cadre.latitude, longitude: cadre.longitude },
          forward_origin: {
            type: 'user',
            date: 1,
            sender_user: { id: 1, is_bot: false, first_name: 'x' },
          },
        }),
      );
      await bot.handleUpdate(
        chat.message({
          location: { latitude: cadre.latitude, longitude: cadre.longitude },
          venue: {
            location: { latitude: cadre.latitude, longitude: cadre.longitude },
            title: '村委会',
            address: '羊排',
          },
        }),
      );
      await bot.handleUpdate(chat.location(cadre.latitude, cadre.longitude, {}, 180));
      expect(telegram.sent(userId)).toEqual([
        '转发的位置不能打卡。请点「📍 打卡」发送您现在的位置。',
        '地点（场所）不能用来打卡。请点「📍 打卡」发送您现在的位置。',
        '这个位置不是刚刚发送的。请点「📍 打卡」重新发送当前位置。',
      ]);
      expect(await checkInsToday()).toBe(before);
    });

    it('reports the cadre back (销假) at the first inside check-in on or after the leave’s start', async () => {
      const chat = await linkedChat();
      const [leave] = await test.handle.db
        .insert(t.leaveRequests)
        .values({
          cadreId: cadre.id,
          assignmentId: cadre.assignmentId,
          kind: 'personal',
          startsOn: '2026-11-24',
          endsOn: '2026-11-27',
          reason: '家中有事',
          state: 'approved',
          approvalChain: ['township'],
          approvedOn: '2026-11-23',
        })
        .returning();
      await bot.handleUpdate(chat.location(cadre.latitude, cadre.longitude));
      expect(telegram.sent(userId)[0]).toContain('🔙 已为您销假（2026-11-26）');
      const [after] = await test.handle.db
        .select()
        .from(t.leaveRequests)
        .where(eq(t.leaveRequests.id, leave!.id));
      expect(after!.returnedOn).toBe('2026-11-26');
    });

    it('does not let an unlinked user check in', async () => {
      const chat = chatWith({ id: ++userId }, () => NOW);
      await bot.handleUpdate(chat.location(cadre.latitude, cadre.longitude));
      expect(telegram.sent(userId)).toEqual([
        '这个功能只对已绑定的驻村干部开放。请使用组织部门发给您的绑定链接。',
      ]);
    });

    it('saves a diary entry with its date and this month’s count, and undoes it on request', async () => {
      const chat = await linkedChat();
      await bot.handleUpdate(chat.text('走访了三户脱贫监测户，了解务工情况'));
      const reply = telegram.sent(userId)[0]!;
      expect(reply).toMatch(/^📝 民情日记已保存（2026-11-26）。本月已写 \d+ 篇。$/);
      const undo = telegram.calls.find((c) => c.method === 'sendMessage')!.payload.reply_markup as {
        inline_keyboard: { callback_data: string }[][];
      };
      const data = undo.inline_keyboard[0]![0]!.callback_data;
      await bot.handleUpdate(chat.callback(data));
      expect(telegram.sent(userId).at(-1)).toBe('已撤销这篇民情日记。');
      const id = Number(data.split(':')[2]);
      expect(
        await test.handle.db.select().from(t.diaryEntries).where(eq(t.diaryEntries.id, id)),
      ).toEqual([]);
    });

    it('answers an unknown command kindly', async () => {
      const chat = await linkedChat();
      await bot.handleUpdate(chat.text('/fly'));
      expect(telegram.sent(userId)).toEqual(['没有这个命令。发送 /help 查看能做什么。']);
    });

    describe('webhook', () => {
      it('refuses a wrong secret token with 401 and records nothing', async () => {
        const chat = chatWith({ id: ++userId }, () => NOW);
        const res = await app.request('/bot/webhook', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'X-Telegram-Bot-Api-Secret-Token': 'wrong',
          },
          body: JSON.stringify(chat.text('/help')),
        });
        expect(res.status).toBe(401);
        expect(telegram.calls).toEqual([]);
      });

      it('records one check-in when Telegram delivers the same update twice', async () => {
        const chat = await linkedChat();
        const before = await checkInsToday();
        const update = chat.location(cadre.latitude, cadre.longitude);
        for (let i = 0; i < 2; i++) {
          const res = await app.request('/bot/webhook', {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'X-Telegram-Bot-Api-Secret-Token': SECRET,
            },
            body: JSON.stringify(update),
          });
          expect(res.status).toBe(200);
        }
        expect(await checkInsToday()).toBe(before + 1);
        expect(telegram.sent(userId)).toHaveLength(1);
      });

      it('answers 400 to a body that is not an update', async () => {
        const res = await app.request('/bot/webhook', {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'X-Telegram-Bot-Api-Secret-Token': SECRET,
          },
          body: '{"hello":1}',
        });
        expect(res.status).toBe(400);
      });
    });
  });
}
