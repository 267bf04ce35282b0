// The catch-all, installed last: anything no feature took gets a short, kind answer.
import { Composer } from 'grammy';
import type { BotContext } from '../context';

export const fallback = new Composer<BotContext>();

fallback.on('callback_query', (ctx) => ctx.answerCallbackQuery());
fallback.chatType('private').on('message', (ctx) => {
  if (ctx.message.text?.startsWith('/')) return ctx.reply(ctx.t('unknown-command'));
  if (
    !ctx.sender.cadreId &&
    (ctx.message.location || ctx.message.text === ctx.t('button-checkin'))
  ) {
    return ctx.reply(ctx.t('not-linked'));
  }
  return ctx.reply(ctx.t('not-understood'));
});
