// Notifications the bot starts: new flags reach the offices that may confirm them, in scope.
import { and, eq } from 'drizzle-orm';
import { Bot } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTexts } from '../../bot/i18n';
import { notifyDeadlines, notifyNewFlags } from '../../bot/notify';
import { seedDemo } from '../../db/seed/demo';
import * as t from '../../db/schema';
import { readLocaleSources } from '../../web/node-texts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/databases';
import { botInfo, fakeTelegram } from '../support/telegram';

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`notifications on ${title}`, () => {
    let test: TestDatabase;
    const telegram = fakeTelegram();
    const texts = loadTexts(readLocaleSources());
    const bot = new Bot('123456:test-token-abcdefghijklmnopqrstuvwxyz', {
      botInfo,
      client: { fetch: telegram.fetch as never },
    });
    const TOWNSHIP = 810_001;
    const COUNTY = 810_002;

    beforeAll(async () => {
      test = await openTestDatabase(driver);
      const db = test.handle.db;
      await seedDemo(db, { today: '2026-11-26', password: 'zhucun-demo' });
      for (const [username, telegramUserId, languageCode] of [
        ['demo-township', TOWNSHIP, 'zh-hans'],
        ['demo-county', COUNTY, 'en'],
      ] as const) {
        const [user] = await db.select().from(t.users).where(eq(t.users.username, username));
        await db.insert(t.botLinks).values({ telegramUserId, userId: user!.id, languageCode });
      }
    });
    afterAll(async () => test?.dispose());

    async function flag(clause: string, townshipName: string) {
      const db = test.handle.db;
      const [township] = await db
        .select()
        .from(t.orgUnits)
        .where(eq(t.orgUnits.name, townshipName));
      const [village] = await db
        .select()
        .from(t.orgUnits)
        .where(eq(t.orgUnits.parentId, township!.id))
        .limit(1);
      const [assignment] = await db
        .select()
        .from(t.assignments)
        .where(eq(t.assignments.villageId, village!.id))
        .limit(1);
      const [created] = await db
        .insert(t.flags)
        .values({
          cadreId: assignment!.cadreId,
          assignmentId: assignment!.id,
          villageId: village!.id,
          scopePath: village!.path,
          clause,
          raisedOn: '2026-11-01',
          sourceKey: `test:${clause}:${townshipName}`,
        })
        .returning();
      return created!.id;
    }

    it('tells the township and the county of a §2.4 flag in 西江镇, each in their own language', async () => {
      telegram.clear();
      const id = await flag('2.4', '西江镇');
      expect(await notifyNewFlags(bot.api, texts, test.handle.db, [id])).toBe(2);
      expect(telegram.sent(TOWNSHIP)[0]).toMatch(
        /^🔔 新预警 §2\.4（.+）\n.+，2026-11-01\n请听取本人陈述后/,
      );
      expect(telegram.sent(COUNTY)[0]).toMatch(/^🔔 New flag §2\.4 /);
    });

    it('on Thu 2026-11-26 tells the unit of a recall due Fri 2026-11-27 once, the county of an overdue appeal answer each day, and the cadre of their appeal window', async () => {
      const db = test.handle.db;
      const [township] = await db.select().from(t.orgUnits).where(eq(t.orgUnits.name, '西江镇'));
      const [village] = await db
        .select()
        .from(t.orgUnits)
        .where(eq(t.orgUnits.parentId, township!.id))
        .limit(1);
      const [assignment] = await db
        .select()
        .from(t.assignments)
        .where(
          and(eq(t.assignments.villageId, village!.id), eq(t.assignments.dispatchLevel, 'county')),
        )
        .limit(1);
      const [county] = await db.select().from(t.orgUnits).where(eq(t.orgUnits.level, 'county'));
      const [unitUser] = await db
        .insert(t.users)
        .values({
          username: 'unit-for-deadlines',
          displayName: '派出单位（测试）',
          role: 'dispatchingUnit',
          orgUnitId: county!.id,
          dispatchingUnitId: assignment!.dispatchingUnitId,
        })
        .returning();
      const UNIT = 810_003;
      const CADRE = 810_004;
      await db.insert(t.botLinks).values([
        { telegramUserId: UNIT, userId: unitUser!.id },
        { telegramUserId: CADRE, cadreId: assignment!.cadreId },
      ]);
      const [kase] = await db
        .insert(t.cases)
        .values({
          cadreId: assignment!.cadreId,
          assignmentId: assignment!.id,
          villageId: village!.id,
          scopePath: village!.path,
          clause: '2.6',
          track: 'B',
          dispatchLevel: assignment!.dispatchLevel,
          origin: 'intake',
          step: 'notice',
          openedOn: '2026-11-02',
          noticeOn: '2026-11-18',
        })
        .returning();
      await db.insert(t.deadlines).values([
        {
          caseId: kase!.id,
          step: 'recall',
          clause: '§3.5',
          startsOn: '2026-11-18',
          due: '2026-11-27',
          provisional: false,
        },
        {
          caseId: kase!.id,
          step: 'appealAnswer',
          clause: '§3.8',
          startsOn: '2026-11-13',
          due: '2026-11-20',
          provisional: false,
        },
        {
          caseId: kase!.id,
          step: 'appeal',
          clause: '§3.8',
          startsOn: '2026-11-25',
          due: '2026-11-27',
          provisional: false,
        },
      ]);
      telegram.clear();
      const out = { api: bot.api, texts, db };
      expect(await notifyDeadlines(out, '2026-11-26', new Date('2026-11-26T01:00:00Z'))).toBe(3);
      expect(telegram.sent(UNIT)).toEqual([
        expect.stringMatching(
          /^⏰ 期限提醒：.+（§2\.6）的「请回单位」将于 2026-11-27 到期，还有 1 个工作日（§3\.5）/,
        ),
      ]);
      expect(telegram.sent(COUNTY)).toEqual([
        expect.stringMatching(
          /^⚠️ Overdue: "Answer to the appeal" .+ was due 2026-11-20, 4 working days ago/,
        ),
      ]);
      expect(telegram.sent(CADRE)).toEqual([
        expect.stringMatching(/「申请复核」将于 2026-11-27 到期/),
      ]);
      telegram.clear();
      expect(await notifyDeadlines(out, '2026-11-26', new Date('2026-11-26T02:00:00Z'))).toBe(1);
      expect(telegram.sent(COUNTY)).toHaveLength(1);
      expect(telegram.sent(UNIT)).toEqual([]);
    });

    it('tells only the county of a §2.1 flag (track A) and of a flag outside the township’s scope', async () => {
      telegram.clear();
      const a = await flag('2.1', '西江镇');
      const elsewhere = await flag('2.5', '丹江镇');
      expect(await notifyNewFlags(bot.api, texts, test.handle.db, [a, elsewhere])).toBe(2);
      expect(telegram.sent(TOWNSHIP)).toEqual([]);
      expect(telegram.sent(COUNTY)).toHaveLength(2);
    });
  });
}
