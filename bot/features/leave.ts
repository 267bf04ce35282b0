// 请假 and 销假 (§1.2): the request conversation, the approvers' ✅/❌ buttons in their own chats,
// withdrawing a pending or future leave, and /return to report back by hand.
import { createConversation } from '@grammyjs/conversations';
import { and, eq } from 'drizzle-orm';
import { Composer } from 'grammy';
import { canWithdrawLeave, decideLeave } from '../../core/attendance';
import { monthOf, shanghaiDate } from '../../core/calendar/local-date';
import { cadreMonth } from '../../db/queries/attendance';
import { cadreOn } from '../../db/queries/cadres';
import {
  inScope,
  leaveForDecision,
  leavesWaitingFor,
  recordLeaveDecision,
  reportBack,
  supervisor,
} from '../../db/queries/leave';
import { parametersFor } from '../../db/queries/parameters';
import { leaveRequests } from '../../db/schema';
import type { BotContext } from '../context';
import { leaveConversation } from '../conversations/leave';
import { announceLeaveDecision, sendLeaveToApprovers, type Receiver } from '../notify';
import { monthLine } from './checkin';

export const leave = new Composer<BotContext>();

// /cancel ends any conversation; it comes before the conversations so it is always heard.
leave.chatType('private').command('cancel', async (ctx) => {
  const active = Object.keys(await ctx.conversation.active()).length > 0;
  await ctx.conversation.exitAll();
  return ctx.reply(ctx.t(active ? 'conversation-cancelled' : 'nothing-to-cancel'));
});

leave.use(createConversation(leaveConversation, 'leave'));

// Everything below runs after the conversation, which takes the updates of a chat in one.
const privateChat = leave.chatType('private');

const cadres = privateChat.filter((ctx) => ctx.sender.cadreId !== null);
cadres.command('leave', (ctx) => ctx.conversation.enter('leave'));
cadres.hears(/^🗓/, (ctx) => ctx.conversation.enter('leave'));

/** Sends a leave's step to the approvers, from inside an update. */
export function sendToApprovers(
  ctx: BotContext,
  leaveId: number,
  step: number,
  approvers: Receiver[],
) {
  return sendLeaveToApprovers(ctx, leaveId, step, approvers);
}

// An approver's decision, from the buttons in their chat.
privateChat.callbackQuery(/^leave:(approved|rejected):(\d+):(\d+)$/, async (ctx) => {
  const decision = ctx.match[1] as 'approved' | 'rejected';
  const leaveId = Number(ctx.match[2]);
  const step = Number(ctx.match[3]);
  const user = ctx.sender.userId ? await supervisor(ctx.db, ctx.sender.userId) : undefined;
  const found = await leaveForDecision(ctx.db, leaveId);
  if (!user || user.disabled || !found) {
    return ctx.answerCallbackQuery({ text: ctx.t('leave-not-yours'), show_alert: true });
  }
  const result = decideLeave(
    { state: found.state, chain: found.chain, approvals: found.approvals },
    { role: user.role, inScope: inScope(user, found) },
    decision,
  );
  if (!result.ok || result.step !== step) {
    const reason = result.ok ? 'leave-not-pending' : result.reason;
    await ctx.answerCallbackQuery({ text: ctx.t(`leave-refused-${reason}`), show_alert: true });
    return ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => {});
  }
  const today = shanghaiDate(ctx.now);
  await recordLeaveDecision(ctx.db, {
    leaveId,
    step,
    role: found.chain[step]!,
    userId: user.id,
    decision,
    state: result.state,
    now: ctx.now,
    today,
  });
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => {});
  await ctx.reply(ctx.t(`leave-you-${decision}`, { name: found.cadreName }));

  await announceLeaveDecision(ctx, leaveId, step);
});

// /waiting: what waits for this supervisor's step, each with its ✅/❌ buttons again.
privateChat.command('waiting', async (ctx) => {
  const user = ctx.sender.userId ? await supervisor(ctx.db, ctx.sender.userId) : undefined;
  if (!user || user.disabled) return ctx.reply(ctx.t('login-not-supervisor'));
  const waiting = await leavesWaitingFor(ctx.db, user);
  if (waiting.length === 0) return ctx.reply(ctx.t('leave-nothing-waiting'));
  const me = { telegramUserId: ctx.from.id, languageCode: ctx.from.language_code ?? null };
  for (const { leaveId, step } of waiting) await sendToApprovers(ctx, leaveId, step, [me]);
});

// The cadre withdraws a pending leave, or an approved one that has not started.
cadres.callbackQuery(/^leave:withdraw:(\d+)$/, async (ctx) => {
  const leaveId = Number(ctx.match[1]);
  const today = shanghaiDate(ctx.now);
  const [row] = await ctx.db
    .select()
    .from(leaveRequests)
    .where(and(eq(leaveRequests.id, leaveId), eq(leaveRequests.cadreId, ctx.sender.cadreId!)));
  await ctx.answerCallbackQuery();
  if (!row || !canWithdrawLeave({ state: row.state, from: row.startsOn }, today)) {
    return ctx.reply(ctx.t('leave-cannot-withdraw'));
  }
  await ctx.db
    .update(leaveRequests)
    .set({ state: 'withdrawn', decidedAt: ctx.now, approvedOn: null })
    .where(eq(leaveRequests.id, leaveId));
  await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => {});
  return ctx.reply(ctx.t('leave-withdrawn', { from: row.startsOn, to: row.endsOn }));
});

// 销假 by hand.
cadres.command('return', async (ctx) => {
  const today = shanghaiDate(ctx.now);
  const profile = await cadreOn(ctx.db, ctx.sender.cadreId!, today);
  if (!profile?.assignment || !profile.village) return ctx.reply(ctx.t('no-assignment'));
  const returned = await reportBack(ctx.db, profile.assignment.id, today);
  if (returned.length === 0) return ctx.reply(ctx.t('return-nothing'));
  const parameters = await parametersFor(ctx.db, profile.village.path);
  const month = await cadreMonth(ctx.db, profile.assignment, monthOf(today), today, parameters);
  return ctx.reply(`${ctx.t('checkin-returned', { date: today })}\n${monthLine(ctx, month)}`);
});
