// 请假: kind, from, to, reason, then a confirmation; nothing is written before the cadre confirms.
// Then the request goes to the first approvers of its chain (§1.2). Database and clock go through
// conversation.external / conversation.now, so replays never repeat them.
import type { Conversation } from '@grammyjs/conversations';
import { InlineKeyboard } from 'grammy';
import { checkLeaveRequest, leaveApprovalChain } from '../../core/attendance';
import { parseUserDate } from '../../core/calendar';
import { shanghaiDate, type LocalDate } from '../../core/calendar/local-date';
import { cadreOn } from '../../db/queries/cadres';
import { activeLeaves, approverChats } from '../../db/queries/leave';
import { parametersFor } from '../../db/queries/parameters';
import { leaveRequests } from '../../db/schema';
import type { BotContext, ConversationContext } from '../context';
import { sendToApprovers } from '../features/leave';

export const LEAVE_KINDS = ['personal', 'sick', 'official', 'other'] as const;
const REASON_MAX = 500;

export async function leaveConversation(
  conversation: Conversation<BotContext, ConversationContext>,
  ctx: ConversationContext,
) {
  const t = ctx.t;
  // The update's own clock (ctx.now), through external so that replays see the same day.
  const today = await conversation.external((outer: BotContext) => shanghaiDate(outer.now));

  const kinds = new InlineKeyboard();
  for (const kind of LEAVE_KINDS) kinds.text(t(`leave-kind-${kind}`), `leave-kind:${kind}`);
  await ctx.reply(t('leave-ask-kind'), { reply_markup: kinds });
  const picked = await conversation.waitForCallbackQuery(/^leave-kind:(\w+)$/, {
    otherwise: (c) => c.reply(t('leave-pick-kind')),
  });
  const kind = picked.match[1] as (typeof LEAVE_KINDS)[number];
  await picked.answerCallbackQuery();
  await picked.editMessageText(`${t('leave-ask-kind')} ${t(`leave-kind-${kind}`)}`);

  const askDate = async (
    question: string,
    notBefore: LocalDate,
    tooEarly: string,
  ): Promise<LocalDate> => {
    await ctx.reply(question);
    for (;;) {
      const answer = await conversation.waitFor('message:text', {
        otherwise: (c) => c.reply(t('leave-text-please')),
      });
      const parsed = parseUserDate(answer.message.text, today);
      if (!parsed.ok) {
        await answer.reply(
          t(parsed.reason === 'invalid-date' ? 'leave-date-invalid' : 'leave-date-unrecognised'),
        );
      } else if (parsed.date < notBefore) {
        await answer.reply(t(tooEarly, { date: notBefore }));
      } else {
        return parsed.date;
      }
    }
  };
  const from = await askDate(t('leave-ask-from'), today, 'leave-from-past');
  const to = await askDate(t('leave-ask-to', { from }), from, 'leave-to-before-from');

  await ctx.reply(t('leave-ask-reason'));
  let reason = '';
  for (;;) {
    const answer = await conversation.waitFor('message:text', {
      otherwise: (c) => c.reply(t('leave-text-please')),
    });
    reason = answer.message.text.trim();
    if (reason.length > 0 && reason.length <= REASON_MAX) break;
    await answer.reply(t('leave-reason-length', { max: REASON_MAX }));
  }

  const confirm = new InlineKeyboard()
    .text(t('leave-confirm-yes'), 'leave-confirm:yes')
    .text(t('leave-confirm-no'), 'leave-confirm:no');
  await ctx.reply(t('leave-summary', { kind: t(`leave-kind-${kind}`), from, to, reason }), {
    reply_markup: confirm,
  });
  const choice = await conversation.waitForCallbackQuery(/^leave-confirm:(yes|no)$/, {
    otherwise: (c) => c.reply(t('leave-confirm-please')),
  });
  await choice.answerCallbackQuery();
  await choice.editMessageReplyMarkup({ reply_markup: undefined });
  if (choice.match[1] === 'no') {
    await ctx.reply(t('leave-cancelled'));
    return;
  }

  const outcome = await conversation.external(async (outer: BotContext) => {
    const profile = await cadreOn(outer.db, outer.sender.cadreId!, today);
    if (!profile?.assignment || !profile.village)
      return { ok: false as const, reason: 'no-assignment' };
    const others = await activeLeaves(outer.db, profile.assignment.id);
    const check = checkLeaveRequest(
      { from, to },
      {
        today,
        assignment: { start: profile.assignment.startsOn, end: profile.assignment.endsOn },
        others,
      },
    );
    if (!check.ok) return { ok: false as const, reason: check.reason };
    const parameters = await parametersFor(outer.db, profile.village.path);
    const chain = leaveApprovalChain(check.days, parameters);
    const [leave] = await outer.db
      .insert(leaveRequests)
      .values({
        cadreId: profile.cadre.id,
        assignmentId: profile.assignment.id,
        kind,
        startsOn: from,
        endsOn: to,
        reason,
        approvalChain: chain,
        requestKey: `telegram:${outer.update.update_id}`,
        requestedAt: outer.now,
      })
      .onConflictDoNothing()
      .returning({ id: leaveRequests.id });
    if (!leave) return { ok: false as const, reason: 'duplicate' };
    const target = {
      villagePath: profile.village.path,
      dispatchingUnitId: profile.assignment.dispatchingUnitId,
    };
    const approvers = await approverChats(outer.db, chain[0]!, target);
    await sendToApprovers(outer, leave.id, 0, approvers);
    return { ok: true as const, days: check.days, chain, approvers: approvers.length };
  });

  if (!outcome.ok) {
    await ctx.reply(t(`leave-refused-${outcome.reason}`));
    return;
  }
  const chain = outcome.chain.map((role) => t(`approver-${role}`)).join(' → ');
  await ctx.reply(t('leave-filed', { days: outcome.days, chain }));
  if (outcome.approvers === 0) await ctx.reply(t('leave-no-approver-linked'));
}
