// The tipster adds to a tip they hold the receipt code of: one message — text, or a photo, video or
// document with its caption — stored encrypted as the tipster's. /cancel adds nothing.
import { shanghaiDate } from '../../core/calendar/local-date';
import { addTipsterMessage, type TipMessageContent } from '../../db/queries/tips';
import type { ConversationContext } from '../context';
import { answer, limits, prompt, type TipConversation, type TipDependencies } from './report';

export function followupConversation(deps: Pick<TipDependencies, 'keyring'>) {
  return async function tipFollowup(
    conversation: TipConversation,
    ctx: ConversationContext,
    tipId: string,
  ) {
    const ask = (c: ConversationContext, problem?: string) =>
      c.reply(prompt(c, 'followup-ask-addition', problem));
    await ask(ctx);
    let content: TipMessageContent | null = null;
    let last = ctx;
    while (!content) {
      const reply = await answer(conversation, {
        text: true,
        files: true,
        wrong: 'followup-need-content',
        ask,
        cancelled: 'followup-cancelled',
        busy: 'followup-busy',
      });
      last = reply.ctx;
      if (reply.kind === 'file') content = { text: null, files: [reply.value] };
      else if (reply.kind === 'text' && [...reply.value].length > limits.details) {
        await ask(reply.ctx, reply.ctx.t('tip-too-long', { max: limits.details }));
      } else if (reply.kind === 'text' && reply.value) content = { text: reply.value, files: [] };
      else await ask(reply.ctx, reply.ctx.t('followup-need-content'));
    }
    const message = content;
    await conversation.external((outer) =>
      addTipsterMessage(outer.db, deps.keyring, tipId, message, shanghaiDate(outer.now)),
    );
    await last.reply(last.t('followup-added'));
  };
}
