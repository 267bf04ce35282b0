// Anonymous tips (举报) through the bot, with Telegram faked at the HTTP layer, on the demo data:
// the report conversation with wrong input and /cancel, the receipt code, follow-up with the
// handlers' messages and additions, wrong codes, flood control — and a dump of every table that
// shows nothing of the tipster's Telegram identity is left once the tip is sent.
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBot } from '../../bot/bot';
import { FloodControl } from '../../bot/flood-control';
import { loadTexts } from '../../bot/i18n';
import type { Database } from '../../db/database';
import { createInvitation } from '../../db/queries/invitations';
import { addHandlerMessage, findTipByReceipt, readTip, tipMessages } from '../../db/queries/tips';
import { seedDemo } from '../../db/seed/demo';
import * as t from '../../db/schema';
import { normaliseReceiptCode, tipKeyring, type TipKeyring } from '../../db/tip-crypto';
import { readLocaleSources } from '../../web/node-texts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/databases';
import { botInfo, chatWith, fakeTelegram } from '../support/telegram';

const NOW = new Date('2026-11-26T01:30:00Z'); // Thu 2026-11-26, 09:30 in Shanghai
const RECEIPT = /([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})/;
const texts = loadTexts(readLocaleSources());
const zh = texts.translator('zh-CN');
const en = texts.translator('en');
/** Telegram user ids, new for every tipster across both drivers: flood control is per process. */
let nextUser = 6_100_000_000;

/** Every row of every table, as text: what a database dump would hold. */
async function dumpEveryTable(db: Database): Promise<string> {
  const rows = async (query: ReturnType<typeof sql>) => {
    const result = await db.execute(query);
    return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<
      string,
      string
    >[];
  };
  const tables = await rows(sql`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
    order by 1, 2`);
  expect(tables.map((r) => r.name)).toEqual(expect.arrayContaining(['tips', 'bot_sessions']));
  const dump: string[] = [];
  for (const { schema, name } of tables) {
    const [row] = await rows(
      sql.raw(
        `select coalesce(string_agg(row_to_json(x)::text, E'\\n'), '') as dump from "${schema}"."${name}" x`,
      ),
    );
    dump.push(`-- ${schema}.${name}\n${row!.dump}`);
  }
  return dump.join('\n');
}

describe('flood control, in memory per process', () => {
  const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

  it('allows 3 tips an hour per Telegram user, and one more once the first is an hour old', () => {
    const flood = new FloodControl();
    for (const minute of [0, 5, 10]) {
      expect(flood.allows('tip', 1, at(minute))).toBe(true);
      flood.record('tip', 1, at(minute));
    }
    expect(flood.allows('tip', 1, at(59))).toBe(false);
    expect(flood.allows('tip', 2, at(59))).toBe(true);
    expect(flood.allows('tip', 1, at(60.5))).toBe(true);
  });

  it('allows 5 code look-ups a minute; a refused one does not count, so the wait does not grow', () => {
    const flood = new FloodControl();
    for (let i = 0; i < 5; i++) expect(flood.attempt('followup', 1, at(i / 10))).toBe(true);
    expect(flood.attempt('followup', 1, at(0.9))).toBe(false);
    expect(flood.attempt('followup', 1, at(0.95))).toBe(false);
    expect(flood.attempt('followup', 1, at(1.05))).toBe(true);
  });
});

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`bot tips on ${title}`, () => {
    let test: TestDatabase;
    let keyring: TipKeyring;
    const telegram = fakeTelegram();
    let bot: ReturnType<typeof createBot>;

    beforeAll(async () => {
      test = await openTestDatabase(driver);
      await seedDemo(test.handle.db, { today: '2026-11-26', password: 'zhucun-demo' });
      keyring = await tipKeyring(crypto.getRandomValues(new Uint8Array(32)));
      bot = createBot({
        token: '123456:test-token-abcdefghijklmnopqrstuvwxyz',
        db: test.handle.db,
        texts,
        sessionSecret: 's'.repeat(32),
        botInfo,
        fetch: telegram.fetch,
        clock: () => NOW,
        tipKeyring: keyring,
      });
    });
    afterAll(async () => test?.dispose());
    beforeEach(() => telegram.clear());

    /**
     * A tipster's private chat. Telegram gives a private chat the user's id; here the chat id is
     * made different, so the dump test can look for each, and both are distinctive numbers.
     */
    function tipster(options: { language?: string; chatId?: number } = {}) {
      const userId = ++nextUser;
      const chatId = options.chatId ?? userId + 1_000_000_000_000;
      const username = `tipster_${userId}_handle`;
      const base = chatWith(
        { id: userId, language_code: options.language ?? 'zh-hans' },
        () => NOW,
      );
      const rewrite = <U>(update: U): U => {
        const u = update as {
          message?: { chat: { id: number }; from: { username?: string } };
          callback_query?: { message: { chat: { id: number } }; from: { username?: string } };
        };
        const message = u.message ?? u.callback_query?.message;
        if (message) message.chat = { ...message.chat, id: chatId };
        const from = u.message?.from ?? u.callback_query?.from;
        if (from) from.username = username;
        return update;
      };
      const send = async (update: object) => {
        await bot.handleUpdate(update as never);
      };
      return {
        userId,
        chatId,
        username,
        text: (text: string) => send(rewrite(base.text(text))),
        press: (data: string) => send(rewrite(base.callback(data))),
        message: (extra: Record<string, unknown>) => send(rewrite(base.message(extra))),
        sent: () => telegram.sent(chatId),
        last: () => telegram.sent(chatId).at(-1) ?? '',
      };
    }
    type Tipster = ReturnType<typeof tipster>;

    const photo = (fileId: string) => ({
      photo: [
        { file_id: `${fileId}-small`, file_unique_id: 's', width: 90, height: 90 },
        { file_id: fileId, file_unique_id: 'l', width: 1280, height: 960 },
      ],
    });

    async function tipCount() {
      const [row] = await test.handle.db.select({ n: count() }).from(t.tips);
      return row!.n;
    }

    /** A whole report, answered the plain way; returns the receipt code as shown. */
    async function sendTip(chat: Tipster, details = '收了修路工程老板的红包，村里都知道') {
      await chat.text('/report');
      await chat.text('羊排村的第一书记');
      await chat.press('report:situation:money');
      await chat.text('今年10月');
      await chat.press('report:where:skip');
      await chat.text(details);
      await chat.press('report:files:done');
      await chat.press('report:confirm:yes');
      const code = RECEIPT.exec(chat.last())?.[1];
      expect(code, chat.last()).toBeDefined();
      return code!;
    }

    it('takes a tip step by step, re-asks after a sticker, saves nothing before the confirmation, and shows the receipt code once', async () => {
      const chat = tipster();
      const before = await tipCount();
      await chat.text('/report');
      expect(chat.sent()).toEqual([zh('report-intro'), zh('report-ask-subject')]);

      await chat.message({
        sticker: {
          file_id: 'CAACAgIAAxkBAAEB',
          file_unique_id: 'x',
          type: 'regular',
          width: 512,
          height: 512,
          is_animated: false,
          is_video: false,
        },
      });
      expect(chat.last()).toBe(`${zh('tip-need-text')}\n\n${zh('report-ask-subject')}`);
      await chat.text('羊排村的第一书记');
      expect(chat.last()).toBe(zh('report-ask-situation'));
      await chat.text('收红包'); // typed instead of tapping a button
      expect(chat.last()).toBe(`${zh('tip-need-choice')}\n\n${zh('report-ask-situation')}`);
      await chat.press('report:situation:money');
      await chat.text('今年10月');
      await chat.press('report:where:skip');
      expect(chat.last()).toBe(zh('report-ask-details'));
      await chat.text('红包');
      expect(chat.last()).toBe(`${zh('tip-too-short')}\n\n${zh('report-ask-details')}`);
      await chat.text('收了修路工程老板的红包，村里都知道');
      expect(chat.last()).toBe(zh('report-ask-files'));
      await chat.text('/fly');
      expect(chat.last()).toBe(`${zh('tip-busy')}\n\n${zh('report-ask-files')}`);
      await chat.message(photo('AgACAgUAAxkBAAIBphoto'));
      expect(chat.last()).toBe(zh('report-file-received', { count: 1 }));
      await chat.message({
        document: { file_id: 'BQACAgUAAxkBAAIBdoc', file_unique_id: 'd', file_name: '收据.pdf' },
        caption: '工程款收据',
      });
      await chat.press('report:files:done');
      expect(chat.last()).toContain('对象：羊排村的第一书记');
      expect(chat.last()).toContain(`问题：${zh('tip-situation-money')}`);
      expect(chat.last()).toContain('地点：不清楚');
      expect(chat.last()).toContain('照片和文件：2 个');
      expect(chat.last()).toContain('转给：羊排村');
      expect(await tipCount()).toBe(before); // nothing written before the confirmation

      await chat.press('report:confirm:yes');
      expect(await tipCount()).toBe(before + 1);
      const saved = telegram.calls.filter((c) => c.method === 'sendMessage').at(-1)!.payload;
      expect(saved.parse_mode).toBe('HTML');
      const shown = RECEIPT.exec(String(saved.text))![1]!;
      expect(String(saved.text)).toBe(zh('report-saved', { code: shown }));
      expect(shown).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);

      const tip = await findTipByReceipt(test.handle.db, keyring, shown);
      const [village] = await test.handle.db
        .select({ id: t.orgUnits.id })
        .from(t.orgUnits)
        .where(eq(t.orgUnits.name, '羊排村'));
      expect(tip).toMatchObject({
        status: 'received',
        receivedOn: '2026-11-26',
        orgUnitId: village!.id,
      });
      expect((await readTip(test.handle.db, keyring, tip!.id))!.content).toEqual({
        subject: '羊排村的第一书记',
        situation: '2.10',
        when: '今年10月',
        where: null,
        details: '收了修路工程老板的红包，村里都知道',
        files: [
          { kind: 'photo', fileId: 'AgACAgUAAxkBAAIBphoto' },
          {
            kind: 'document',
            fileId: 'BQACAgUAAxkBAAIBdoc',
            name: '收据.pdf',
            caption: '工程款收据',
          },
        ],
      });
      // The code is shown once: a press on the old confirm button does nothing more.
      telegram.clear();
      await chat.press('report:confirm:yes');
      expect(chat.sent()).toEqual([]);
      expect(await tipCount()).toBe(before + 1);
    });

    it('after a tip, a dump of every table holds neither the tipster’s user id, chat id, username nor the code — though it did mid-conversation', async () => {
      const chat = tipster();
      await chat.text('/report');
      await chat.text('东引村的驻村干部');
      const during = await dumpEveryTable(test.handle.db);
      // The conversation's own state holds the updates while it runs (bot_sessions) …
      expect(during).toContain(String(chat.userId));
      expect(during).toContain(String(chat.chatId));
      await chat.press('report:situation:absent');
      await chat.press('report:when:skip');
      await chat.text('村委会');
      await chat.text('这个月只来过两三天，平时都在县城');
      await chat.message(photo('AgACAgUAAxkBAAIBabsent'));
      await chat.press('report:files:done');
      await chat.press('report:confirm:yes');
      const code = RECEIPT.exec(chat.last())![1]!;

      // … and once the tip is sent, nothing of it is left anywhere.
      const after = await dumpEveryTable(test.handle.db);
      expect(after).toContain('-- public.tips');
      for (const secret of [
        String(chat.userId),
        String(chat.chatId),
        chat.username,
        code,
        normaliseReceiptCode(code)!,
        '这个月只来过两三天',
        'AgACAgUAAxkBAAIBabsent',
      ]) {
        expect(after, secret).not.toContain(secret);
      }
    });

    it('cancels at any step with /cancel, 取消 or the discard button, saving nothing and keeping no state', async () => {
      const before = await tipCount();
      const chat = tipster();
      await chat.text('/report');
      await chat.text('望丰村');
      await chat.press('report:situation:rules');
      await chat.text('/cancel'); // answered by the report itself, or by a /cancel for every conversation
      expect(chat.last()).toMatch(/^已取消，什么都没有保存。/);
      await chat.text('你好'); // no longer in a conversation: the catch-all answers
      expect(chat.last()).toBe(zh('not-understood'));

      const other = tipster();
      await other.text('/report');
      await other.text('乌东村');
      await other.press('report:situation:other');
      await other.press('report:when:skip');
      await other.press('report:where:skip');
      await other.text('经常喝酒误事，群众有意见');
      await other.press('report:files:done');
      await other.press('report:confirm:no');
      expect(other.last()).toBe(zh('report-cancelled'));

      const third = tipster();
      await third.text('/report');
      await third.text('取消');
      expect(third.last()).toBe(zh('report-cancelled'));

      expect(await tipCount()).toBe(before);
      const dump = await dumpEveryTable(test.handle.db);
      for (const who of [chat, other, third]) {
        expect(dump).not.toContain(String(who.userId));
        expect(dump).not.toContain(String(who.chatId));
      }
    });

    it('starts from the 📣 button in English, too', async () => {
      const chat = tipster({ language: 'en' });
      await chat.text(en('button-report'));
      expect(chat.sent()).toEqual([en('report-intro'), en('report-ask-subject')]);
      await chat.text('cancel');
      expect(chat.last()).toBe(en('report-cancelled'));
    });

    it('follows up with the code however typed: status, the handler’s messages, and an addition stored encrypted as the tipster’s', async () => {
      const chat = tipster();
      const code = await sendTip(chat);
      const tip = (await findTipByReceipt(test.handle.db, keyring, code))!;
      const [handler] = await test.handle.db.select({ id: t.users.id }).from(t.users).limit(1);
      await addHandlerMessage(
        test.handle.db,
        keyring,
        tip.id,
        handler!.id,
        { text: '已收到，正在核实。请问是哪一天？', files: [] },
        '2026-11-27',
      );
      await test.handle.db
        .update(t.tips)
        .set({ status: 'inProgress' })
        .where(eq(t.tips.id, tip.id));

      telegram.clear();
      await chat.text(`/followup ${code.toLowerCase()}`);
      expect(chat.sent()).toEqual([
        [
          zh('followup-status', { date: '2026-11-26', status: 'inProgress' }),
          zh('followup-from-handler', {
            date: '2026-11-27',
            text: '已收到，正在核实。请问是哪一天？',
          }),
          zh('followup-add-hint'),
        ].join('\n\n'),
      ]);
      expect(chat.last()).toContain('正在调查核实');
      const markup = telegram.calls.at(-1)!.payload.reply_markup as {
        inline_keyboard: { text: string; callback_data: string }[][];
      };
      const add = markup.inline_keyboard[0]![0]!;
      expect(add.text).toBe(zh('followup-add'));

      await chat.press(add.callback_data);
      expect(chat.last()).toBe(zh('followup-ask-addition'));
      await chat.message({
        sticker: {
          file_id: 'x',
          file_unique_id: 'x',
          type: 'regular',
          width: 1,
          height: 1,
          is_animated: false,
          is_video: false,
        },
      });
      expect(chat.last()).toBe(`${zh('followup-need-content')}\n\n${zh('followup-ask-addition')}`);
      await chat.text('是10月18日，在村委会');
      expect(chat.last()).toBe(zh('followup-added'));

      const messages = await tipMessages(test.handle.db, keyring, tip.id);
      expect(messages.map((m) => [m.author, m.content.text])).toEqual([
        ['handler', '已收到，正在核实。请问是哪一天？'],
        ['tipster', '是10月18日，在村委会'],
      ]);
      const rows = await test.handle.db
        .select()
        .from(t.tipMessages)
        .where(eq(t.tipMessages.tipId, tip.id));
      expect(JSON.stringify(rows)).not.toContain('村委会');

      // Just the code, dashes and all, shows both now.
      telegram.clear();
      await chat.text(code.replace(/-/g, ' '));
      expect(chat.last()).toContain(
        zh('followup-from-tipster', { date: '2026-11-26', text: '是10月18日，在村委会' }),
      );
      const dump = await dumpEveryTable(test.handle.db);
      expect(dump).not.toContain(String(chat.userId));
      expect(dump).not.toContain(String(chat.chatId));
    });

    it('answers a wrong receipt code the same whether it is malformed or well-formed but unknown', async () => {
      const chat = tipster();
      await chat.text('/followup ABCD-EFGH-JKMN-PQRS-TVWX');
      await chat.text('/followup 12345');
      await chat.text('abcd efgh jkmn pqrs tvwu'); // the shape of a code, U is not in it
      await chat.press('tip:add:ABCDEFGHJKMNPQRSTVWX'); // a forged button
      expect(chat.sent()).toEqual(Array(4).fill(zh('followup-unknown')));
      await chat.text('/followup');
      expect(chat.last()).toBe(zh('followup-ask'));
      await chat.text('我想问问怎么举报'); // not a code: passes on to the catch-all
      expect(chat.last()).toBe(zh('not-understood'));
    });

    it('leaves a linked cadre’s ordinary text to the diary, but takes a receipt code as a follow-up', async () => {
      const [cadre] = await test.handle.db
        .select({ id: t.assignments.cadreId })
        .from(t.assignments)
        .limit(1);
      const { code: invitation } = await createInvitation(
        test.handle.db,
        { cadreId: cadre!.id },
        NOW,
      );
      const tipsterCode = await sendTip(tipster());
      const chat = tipster();
      await chat.text(`/start ${invitation}`);
      await chat.text('走访了三户脱贫监测户');
      expect(chat.last()).toMatch(/^📝 民情日记已保存/);
      await chat.text(tipsterCode);
      expect(chat.last()).toContain(zh('followup-add-hint'));
      const diary = await test.handle.db
        .select({ text: t.diaryEntries.text })
        .from(t.diaryEntries)
        .where(eq(t.diaryEntries.cadreId, cadre!.id));
      expect(diary.map((d) => d.text)).not.toContain(tipsterCode);
    });

    it('limits look-ups to 5 a minute and tips to 3 an hour per Telegram user, in memory', async () => {
      const chat = tipster();
      for (let i = 0; i < 5; i++) await chat.text('/followup ABCD-EFGH-JKMN-PQRS-TVWX');
      await chat.text('/followup ABCD-EFGH-JKMN-PQRS-TVWX');
      expect(chat.sent()).toEqual([
        ...Array(5).fill(zh('followup-unknown')),
        zh('tip-flood-followup'),
      ]);

      const busy = tipster();
      for (let i = 0; i < 3; i++) await sendTip(busy, `第${i + 1}次反映，情况属实`);
      await busy.text('/report');
      expect(busy.last()).toBe(zh('tip-flood-report'));
    });

    it('refuses /report in a group, where others would see who tips', async () => {
      const chat = chatWith({ id: ++nextUser }, () => NOW);
      await bot.handleUpdate(
        chat.message({
          chat: { id: -100_777, type: 'group', title: '羊排村群' },
          text: '/report',
          entities: [{ type: 'bot_command', offset: 0, length: 7 }],
        }) as never,
      );
      expect(telegram.sent(-100_777)).toEqual([zh('only-private')]);
    });

    it('says tips are off when the bot has no tip key', async () => {
      const offBot = createBot({
        token: '123456:test-token-abcdefghijklmnopqrstuvwxyz',
        db: test.handle.db,
        texts,
        sessionSecret: 's'.repeat(32),
        botInfo,
        fetch: telegram.fetch,
        clock: () => NOW,
      });
      const chat = chatWith({ id: ++nextUser }, () => NOW);
      await offBot.handleUpdate(chat.text('/report') as never);
      expect(telegram.sent(nextUser)).toEqual([zh('tip-unavailable')]);
    });
  });
}
