// 请假 through the bot (§1.2): the conversation, the approval chain in approvers' chats, withdrawal,
// 销假 by /return, and /me — with Telegram faked at the HTTP layer.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBot } from '../../bot/bot';
import { loadTexts } from '../../bot/i18n';
import { createInvitation } from '../../db/queries/invitations';
import { seedDemo } from '../../db/seed/demo';
import * as t from '../../db/schema';
import { readLocaleSources } from '../../web/node-texts';
import { drivers, openTestDatabase, type TestDatabase } from '../support/databases';
import { botInfo, chatWith, fakeTelegram } from '../support/telegram';

const NOW = new Date('2026-11-26T01:30:00Z'); // Thu 2026-11-26, 09:30 in Shanghai

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`bot leave on ${title}`, () => {
    let test: TestDatabase;
    const telegram = fakeTelegram();
    let bot: ReturnType<typeof createBot>;
    let cadreId: number;
    let nextUser = 700_000;
    let township: ReturnType<typeof chatWith>;
    let townshipId: number;

    beforeAll(async () => {
      test = await openTestDatabase(driver);
      const db = test.handle.db;
      await seedDemo(db, { today: '2026-11-26', password: 'zhucun-demo' });
      // The second cadre of 羊排村 (西江镇), whose township officer is demo-township.
      const [row] = await db
        .select()
        .from(t.assignments)
        .orderBy(t.assignments.id)
        .offset(1)
        .limit(1);
      cadreId = row!.cadreId;
      bot = createBot({
        token: '123456:test-token-abcdefghijklmnopqrstuvwxyz',
        db,
        texts: loadTexts(readLocaleSources()),
        sessionSecret: 's'.repeat(32),
        botInfo,
        fetch: telegram.fetch,
        clock: () => NOW,
      });
      const [user] = await db.select().from(t.users).where(eq(t.users.username, 'demo-township'));
      townshipId = ++nextUser;
      township = chatWith({ id: townshipId }, () => NOW);
      const { code } = await createInvitation(db, { userId: user!.id }, NOW);
      await bot.handleUpdate(township.text(`/start ${code}`));
      expect(telegram.sent(townshipId)[0]).toBe(
        '绑定成功：西江镇党委（演示）。有待审批事项时会通知您；发送 /waiting 查看现在等您审批的请假，/login 登录管理端。',
      );
    });
    afterAll(async () => test?.dispose());
    beforeEach(() => telegram.clear());

    async function linkedCadre() {
      const id = ++nextUser;
      const chat = chatWith({ id }, () => NOW);
      const { code } = await createInvitation(test.handle.db, { cadreId }, NOW);
      await bot.handleUpdate(chat.text(`/start ${code}`));
      telegram.clear();
      return { id, chat };
    }

    /** The callback data of the buttons in the last message to a chat. */
    function buttons(chatId: number): string[] {
      const last = telegram.calls
        .filter((c) => c.method === 'sendMessage' && c.payload.chat_id === chatId)
        .at(-1);
      const markup = last?.payload.reply_markup as {
        inline_keyboard?: { callback_data: string }[][];
      };
      return (markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data);
    }

    async function leaves() {
      return test.handle.db
        .select()
        .from(t.leaveRequests)
        .where(eq(t.leaveRequests.cadreId, cadreId));
    }

    it('asks for leave step by step, re-asks after bad input, and files it only on confirmation', async () => {
      const { id, chat } = await linkedCadre();
      await bot.handleUpdate(chat.text('/leave'));
      expect(telegram.sent(id).at(-1)).toBe('请假类型：');
      await bot.handleUpdate(
        chat.message({
          sticker: {
            file_id: 's',
            file_unique_id: 's',
            type: 'regular',
            width: 1,
            height: 1,
            is_animated: false,
            is_video: false,
          },
        }),
      );
      expect(telegram.sent(id).at(-1)).toBe('请点上面的按钮选择请假类型，或发送 /cancel 取消。');
      await bot.handleUpdate(chat.callback('leave-kind:personal'));
      expect(telegram.sent(id).at(-1)).toContain('从哪天开始');
      await bot.handleUpdate(chat.text('2月30日'));
      expect(telegram.sent(id).at(-1)).toContain('这个日期不存在');
      await bot.handleUpdate(chat.text('下周'));
      expect(telegram.sent(id).at(-1)).toContain('没看懂这个日期');
      await bot.handleUpdate(chat.text('明天'));
      expect(telegram.sent(id).at(-1)).toBe('到哪天结束（含当天）？开始日期是 2026-11-27。');
      await bot.handleUpdate(chat.text('2026-11-26'));
      expect(telegram.sent(id).at(-1)).toBe('结束日期不能早于开始日期 2026-11-27。');
      await bot.handleUpdate(chat.text('11月28日'));
      expect(telegram.sent(id).at(-1)).toBe('请简单写一下请假事由。');
      await bot.handleUpdate(chat.text('母亲住院，回县城陪护'));
      expect(telegram.sent(id).at(-1)).toBe(
        '请确认：\n类型：事假\n时间：2026-11-27 至 2026-11-28\n事由：母亲住院，回县城陪护',
      );
      expect(await leaves()).toEqual([]);
      await bot.handleUpdate(chat.callback('leave-confirm:yes'));
      expect(telegram.sent(id).at(-1)).toBe(
        '🗓 请假已提交（共 2 天），审批顺序：乡镇党委。有结果会通知您。',
      );
      const [filed] = await leaves();
      expect(filed).toMatchObject({
        kind: 'personal',
        startsOn: '2026-11-27',
        endsOn: '2026-11-28',
        state: 'pending',
      });
      expect(filed!.approvalChain).toEqual(['township']);

      // The township officer gets it with ✅/❌ and approves; the cadre hears it.
      expect(telegram.sent(townshipId).at(-1)).toContain('🗓 请假待审批（乡镇党委）');
      const [approve] = buttons(townshipId);
      expect(approve).toBe(`leave:approved:${filed!.id}:0`);
      await bot.handleUpdate(township.callback(approve!));
      expect(telegram.sent(townshipId).at(-1)).toMatch(/^已批准 .+ 的请假。$/);
      expect(telegram.sent(id).at(-1)).toContain(
        '✅ 您 2026-11-27 至 2026-11-28 的请假已批准（乡镇党委）',
      );
      const [approved] = await leaves();
      expect(approved).toMatchObject({ state: 'approved', approvedOn: '2026-11-26' });

      // A second press changes nothing.
      telegram.clear();
      await bot.handleUpdate(township.callback(approve!));
      const alert = telegram.calls.find((c) => c.method === 'answerCallbackQuery');
      expect(alert?.payload.text).toBe('这条请假已经处理过了。');

      // /me shows it with a button to withdraw it before it starts.
      await bot.handleUpdate(chat.text('/me'));
      expect(telegram.sent(id).at(-1)).toContain('🗓 已批准：事假 2026-11-27 至 2026-11-28');
      const [withdraw] = buttons(id);
      await bot.handleUpdate(chat.callback(withdraw!));
      expect(telegram.sent(id).at(-1)).toBe('已撤回 2026-11-27 至 2026-11-28 的请假。');
      expect((await leaves())[0]!.state).toBe('withdrawn');
    });

    it('sends a leave of 8 days up a chain of three, and refuses a leave overlapping another', async () => {
      const { id, chat } = await linkedCadre();
      const answer = async (...steps: (string | { callback: string })[]) => {
        for (const step of steps) {
          await bot.handleUpdate(
            typeof step === 'string' ? chat.text(step) : chat.callback(step.callback),
          );
        }
      };
      await answer(
        '/leave',
        { callback: 'leave-kind:sick' },
        '2026-12-01',
        '2026-12-08',
        '手术后休养',
        {
          callback: 'leave-confirm:yes',
        },
      );
      expect(telegram.sent(id).at(-1)).toBe(
        '🗓 请假已提交（共 8 天），审批顺序：乡镇党委 → 派出单位 → 县委组织部。有结果会通知您。',
      );
      await answer(
        '/leave',
        { callback: 'leave-kind:official' },
        '12月8日',
        '12月9日',
        '县里开会',
        {
          callback: 'leave-confirm:yes',
        },
      );
      expect(telegram.sent(id).at(-1)).toBe(
        '这段时间与您已有的请假重叠了。可以在 /me 里撤回原来的请假后再申请。',
      );
      const pending = await test.handle.db
        .select()
        .from(t.leaveRequests)
        .where(and(eq(t.leaveRequests.cadreId, cadreId), eq(t.leaveRequests.state, 'pending')));
      expect(pending).toHaveLength(1);
      // The dispatching unit may not decide before the township.
      expect(buttons(townshipId)).toEqual([
        `leave:approved:${pending[0]!.id}:0`,
        `leave:rejected:${pending[0]!.id}:0`,
      ]);
      await bot.handleUpdate(township.callback(`leave:rejected:${pending[0]!.id}:0`));
      expect(telegram.sent(id).at(-1)).toBe(
        '❌ 您 2026-12-01 至 2026-12-08 的请假未获批准（乡镇党委）。',
      );
    });

    it('shows an approver who linked late, with /waiting, the leave waiting for their step', async () => {
      const { id, chat } = await linkedCadre();
      for (const step of [
        '/leave',
        'leave-kind:official',
        '2026-12-10',
        '2026-12-10',
        '县里培训',
      ]) {
        await bot.handleUpdate(step.startsWith('leave-') ? chat.callback(step) : chat.text(step));
      }
      await bot.handleUpdate(chat.callback('leave-confirm:yes'));
      expect(telegram.sent(id).at(-1)).toContain('审批顺序：乡镇党委');
      telegram.clear();
      await bot.handleUpdate(township.text('/waiting'));
      const waiting = telegram.sent(townshipId);
      expect(waiting.at(-1)).toContain('公出：2026-12-10 至 2026-12-10，共 1 天');
      expect(buttons(townshipId)[0]).toMatch(/^leave:approved:\d+:0$/);
      // A cadre has no such list.
      await bot.handleUpdate(chat.text('/waiting'));
      expect(telegram.sent(id).at(-1)).toBe('这个命令只对绑定了机器人的管理人员开放。');
    });

    it('cancels a leave half-way with /cancel and saves nothing', async () => {
      const { id, chat } = await linkedCadre();
      const before = (await leaves()).length;
      await bot.handleUpdate(chat.text('/leave'));
      await bot.handleUpdate(chat.callback('leave-kind:personal'));
      await bot.handleUpdate(chat.text('/cancel'));
      expect(telegram.sent(id).at(-1)).toBe('已取消，什么都没有保存。');
      await bot.handleUpdate(chat.text('明天'));
      // After the cancel, free text is a diary entry again, not an answer.
      expect(telegram.sent(id).at(-1)).toMatch(/^📝 民情日记已保存/);
      expect((await leaves()).length).toBe(before);
    });

    it('reports back by /return from a leave that started on Tue 2026-11-24', async () => {
      const { id, chat } = await linkedCadre();
      const [row] = await test.handle.db
        .select()
        .from(t.assignments)
        .where(eq(t.assignments.cadreId, cadreId));
      await test.handle.db.insert(t.leaveRequests).values({
        cadreId,
        assignmentId: row!.id,
        kind: 'sick',
        startsOn: '2026-11-24',
        endsOn: '2026-11-25',
        reason: '感冒',
        state: 'approved',
        approvalChain: ['township'],
        approvedOn: '2026-11-23',
      });
      await bot.handleUpdate(chat.text('/me'));
      expect(telegram.sent(id).at(-1)).toContain(
        '⚠️ 2026-11-24 至 2026-11-25 的请假已到期但还没有销假',
      );
      await bot.handleUpdate(chat.text('/return'));
      expect(telegram.sent(id).at(-1)).toMatch(
        /^🔙 已为您销假（2026-11-26），欢迎回村。\n2026年11月：在村 \d+ 天，请假 \d+ 天/,
      );
      await bot.handleUpdate(chat.text('/return'));
      expect(telegram.sent(id).at(-1)).toBe('您现在没有需要销假的请假。');
    });
  });
}
