// Nightly housekeeping on both drivers, against state the real bot wrote (Telegram faked at the HTTP
// layer): update ids older than a week go; a tip conversation left unfinished for more than a day
// goes with the tipster's Telegram id in it; a cadre's unfinished leave conversation and a tip
// begun hours ago stay; a row holding both a stale tip and a leave keeps the leave.
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../../bot/bot';
import { loadTexts } from '../../../bot/i18n';
import { seedDemo } from '../../../db/seed/demo';
import * as t from '../../../db/schema';
import { tipKeyring } from '../../../db/tip-crypto';
import { housekeeping } from '../../../web/jobs/housekeeping';
import { runDue } from '../../../web/jobs/scheduler';
import { readLocaleSources } from '../../../web/node-texts';
import { drivers, openTestDatabase, type TestDatabase } from '../../support/databases';
import { botInfo, chatWith, fakeTelegram } from '../../support/telegram';

const texts = loadTexts(readLocaleSources());
const at = (iso: string) => new Date(iso);

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`housekeeping on ${title}`, () => {
    let test: TestDatabase;
    const telegram = fakeTelegram();
    let clock = at('2026-11-25T10:00:00Z');
    let bot: ReturnType<typeof createBot>;
    const STALE_TIPSTER = 6_200_000_001;
    const FRESH_TIPSTER = 6_200_000_002;
    const CADRE = 6_200_000_003;
    const sessions = async () =>
      (await test.handle.db.select().from(t.botSessions)).map((row) => ({
        ...row,
        text: JSON.stringify(row.value),
      }));

    beforeAll(async () => {
      test = await openTestDatabase(driver);
      const db = test.handle.db;
      await seedDemo(db, { today: '2026-11-26', password: 'zhucun-demo' });
      bot = createBot({
        token: '123456:test-token-abcdefghijklmnopqrstuvwxyz',
        db,
        texts,
        sessionSecret: 's'.repeat(32),
        botInfo,
        fetch: telegram.fetch,
        clock: () => clock,
        tipKeyring: await tipKeyring(crypto.getRandomValues(new Uint8Array(32))),
      });
      const [cadre] = await db.select().from(t.assignments).limit(1);
      await db.insert(t.botLinks).values({ telegramUserId: CADRE, cadreId: cadre!.cadreId });

      // Wed 2026-11-25, 18:00 in Shanghai: a tip begun and left, and a cadre's leave begun.
      const stale = chatWith({ id: STALE_TIPSTER }, () => clock);
      await bot.handleUpdate(stale.text('/report'));
      await bot.handleUpdate(stale.text('羊排村的第一书记'));
      const cadreChat = chatWith({ id: CADRE }, () => clock);
      await bot.handleUpdate(cadreChat.text('/leave'));
      // Thu 2026-11-26, 20:00: another tip begun.
      clock = at('2026-11-26T12:00:00Z');
      const fresh = chatWith({ id: FRESH_TIPSTER }, () => clock);
      await bot.handleUpdate(fresh.text('/report'));

      // A row holding a leave and a stale report at once (written as the plugin writes them).
      const leave = (await sessions()).find((s) => s.text.includes(String(CADRE)))!;
      const report = (await sessions()).find((s) => s.text.includes(String(STALE_TIPSTER)))!;
      const state = (v: unknown) => (v as { state: Record<string, unknown> }).state;
      await db.insert(t.botSessions).values({
        key: 'both',
        value: {
          version: (leave.value as { version: unknown }).version,
          state: { ...state(leave.value), ...state(report.value) },
        },
        updatedAt: at('2026-11-25T10:00:00Z'),
      });

      // Update ids: every one the bot handled, seen on Thu 2026-11-26; one from Wed 2026-11-18.
      await db.update(t.processedUpdates).set({ processedAt: at('2026-11-26T12:00:00Z') });
      await db.insert(t.processedUpdates).values([
        { updateId: 1, processedAt: at('2026-11-18T12:00:00Z') },
        { updateId: 2, processedAt: at('2026-11-20T12:00:00Z') },
      ]);
    });
    afterAll(async () => test?.dispose());

    it('at 03:00 on Fri 2026-11-27 deletes update ids older than 7 days and the tip conversation left for 33 hours — with the tipster’s id — and keeps the leave conversation, the tip begun 7 hours ago and the leave beside a stale tip', async () => {
      const before = await sessions();
      expect(before.filter((s) => s.text.includes(String(STALE_TIPSTER)))).toHaveLength(2);
      const leaveBefore = before.find((s) => s.key !== 'both' && s.text.includes(String(CADRE)))!;
      const handled = (await test.handle.db.select().from(t.processedUpdates)).length;

      const [due] = await runDue({
        db: test.handle.db,
        jobs: [housekeeping],
        now: at('2026-11-26T19:00:30Z'),
      });
      expect(due!.occurrence).toEqual(at('2026-11-26T19:00:00Z'));
      expect(due!.outcome).toMatchObject({
        ran: true,
        state: 'done',
        result: { processedUpdates: 1, tipConversations: 2 },
      });

      const after = await sessions();
      expect(after.filter((s) => s.text.includes(String(STALE_TIPSTER)))).toEqual([]);
      expect(after.filter((s) => s.text.includes(String(FRESH_TIPSTER)))).toHaveLength(1);
      // The cadre's own row untouched; the shared row left with the leave alone.
      expect(after.find((s) => s.key === leaveBefore.key)).toEqual(leaveBefore);
      const both = after.find((s) => s.key === 'both')!;
      expect(Object.keys((both.value as { state: object }).state)).toEqual(['leave']);
      expect(both.text).toContain(String(CADRE));

      const ids = await test.handle.db
        .select({ id: t.processedUpdates.updateId })
        .from(t.processedUpdates)
        .where(inArray(t.processedUpdates.updateId, [1, 2]));
      expect(ids).toEqual([{ id: 2 }]);
      expect(await test.handle.db.select().from(t.processedUpdates)).toHaveLength(handled - 1);
    });

    it('the tipster who comes back on Fri 2026-11-27 is no longer in a conversation, and the cadre still is', async () => {
      clock = at('2026-11-27T02:00:00Z');
      telegram.clear();
      await bot.handleUpdate(chatWith({ id: STALE_TIPSTER }, () => clock).text('其实是上个月'));
      expect(telegram.sent(STALE_TIPSTER)).toEqual([texts.translator('zh-CN')('not-understood')]);
      await bot.handleUpdate(chatWith({ id: CADRE }, () => clock).text('随便写点'));
      expect(telegram.sent(CADRE)).toEqual([texts.translator('zh-CN')('leave-pick-kind')]);
      const [row] = await test.handle.db
        .select()
        .from(t.botSessions)
        .where(eq(t.botSessions.key, 'both'));
      expect(row).toBeDefined();
    });
  });
}
