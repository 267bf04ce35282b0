// 举报 (§2.10–§2.12), open to anyone: /report or the 📣 button starts the anonymous tip; /followup
// with the receipt code — or the code sent on its own — shows the status and the handlers'
// messages and offers to add more. Text that does not look like a receipt code passes on (a
// cadre's free text is a diary entry). Flood control counts per Telegram user, in memory only.
import { createConversation } from '@grammyjs/conversations';
import { Composer, InlineKeyboard } from 'grammy';
import { findTipByReceipt, type TipMessage, tipMessages } from '../../db/queries/tips';
import { normaliseReceiptCode, type TipKeyring } from '../../db/tip-crypto';
import { followupConversation } from '../conversations/followup';
import { reportConversation } from '../conversations/report';
import type { BotContext } from '../context';
import { FloodControl } from '../flood-control';

export interface TipsDependencies {
  /** Without a keyring (local tools, other features' tests) tips are off, and /report says so. */
  keyring: TipKeyring | undefined;
  /** The process's own by default. */
  flood?: FloodControl;
}

/** One per process, shared by every bot instance in it; never persisted (flood-control.ts). */
export const processFloodControl = new FloodControl();

/** A report left this long is dropped, with all typed so far, when the chat's next update comes. */
export const REPORT_WAIT_MS = 24 * 3_600_000;
export const FOLLOWUP_WAIT_MS = 3_600_000;

/** What a receipt code looks like when typed: 20 letters or digits, in groups of 4 or not. */
const RECEIPT_SHAPE = /^\s*[0-9a-z]{4}(?:[\s\-‐‑–—－]?[0-9a-z]{4}){4}\s*$/i;

/** Telegram's limit is 4096 characters a message; longer follow-ups are split. */
const MESSAGE_LIMIT = 4000;

export function tips(deps: TipsDependencies): Composer<BotContext> {
  if (deps.keyring) return tipsWith(deps.keyring, deps.flood ?? processFloodControl);
  const off = new Composer<BotContext>();
  const reply = (ctx: BotContext) => ctx.reply(ctx.t('tip-unavailable'));
  off.chatType('private').command(['report', 'followup'], reply);
  off.chatType('private').hears(/^📣/, reply);
  return off;
}

function tipsWith(keyring: TipKeyring, flood: FloodControl): Composer<BotContext> {
  const tips = new Composer<BotContext>();

  tips.use(
    createConversation(reportConversation({ keyring, flood }), {
      id: 'report',
      maxMillisecondsToWait: REPORT_WAIT_MS,
    }),
  );
  tips.use(
    createConversation(followupConversation({ keyring }), {
      id: 'tip-followup',
      maxMillisecondsToWait: FOLLOWUP_WAIT_MS,
    }),
  );

  // Never in a group: the others there would see who tips.
  tips
    .chatType(['group', 'supergroup'])
    .command(['report', 'followup'], (ctx) => ctx.reply(ctx.t('only-private')));

  const privateChat = tips.chatType('private');

  const startReport = async (ctx: BotContext) => {
    if (!flood.allows('tip', ctx.from!.id, ctx.now)) return ctx.reply(ctx.t('tip-flood-report'));
    await ctx.conversation.enter('report');
  };
  privateChat.command('report', startReport);
  privateChat.hears(/^📣/, startReport);

  privateChat.command('followup', (ctx) => {
    const code = ctx.match.trim();
    if (!code) return ctx.reply(ctx.t('followup-ask'));
    return showTip(ctx, code);
  });
  // [decision: a code sent on its own is a follow-up from anyone, a linked cadre included: taken
  //  as a diary entry, it would tie the cadre's name to the tip — issue #4]
  privateChat
    .on('message:text')
    .filter((ctx) => RECEIPT_SHAPE.test(ctx.message.text))
    .use((ctx) => showTip(ctx, ctx.message.text));

  privateChat.callbackQuery(/^tip:add:([0-9A-Z]{20})$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const tip = await lookUp(ctx, ctx.match[1]!);
    if (tip) await ctx.conversation.enter('tip-followup', tip.id);
  });

  /** Finds the tip of a typed code, within the flood limit; answers a wrong code itself. */
  async function lookUp(ctx: BotContext, input: string) {
    if (!flood.attempt('followup', ctx.from!.id, ctx.now)) {
      await ctx.reply(ctx.t('tip-flood-followup'));
      return null;
    }
    // Same reply, same work (hashing and one query), whether the code is malformed, unknown or
    // belongs to nobody any more.
    const tip = await findTipByReceipt(ctx.db, keyring, input);
    if (!tip) await ctx.reply(ctx.t('followup-unknown'));
    return tip;
  }

  async function showTip(ctx: BotContext, input: string) {
    const tip = await lookUp(ctx, input);
    if (!tip) return;
    const messages = await tipMessages(ctx.db, keyring, tip.id);
    const lines = [ctx.t('followup-status', { date: tip.receivedOn, status: tip.status })];
    if (!messages.some((m) => m.author === 'handler')) lines.push(ctx.t('followup-no-reply'));
    for (const message of messages) lines.push(messageLine(ctx, message));
    lines.push(ctx.t('followup-add-hint'));
    const chunks = chunk(lines, MESSAGE_LIMIT);
    const code = normaliseReceiptCode(input)!;
    for (const [i, text] of chunks.entries()) {
      await ctx.reply(
        text,
        i === chunks.length - 1
          ? { reply_markup: new InlineKeyboard().text(ctx.t('followup-add'), `tip:add:${code}`) }
          : {},
      );
    }
  }

  return tips;
}

function messageLine(ctx: BotContext, message: TipMessage): string {
  const files = message.content.files.length;
  return ctx.t(message.author === 'handler' ? 'followup-from-handler' : 'followup-from-tipster', {
    date: message.sentOn,
    text: [
      message.content.text ?? '',
      ...message.content.files.flatMap((f) => (f.caption ? [f.caption] : [])),
      files > 0 ? ctx.t('followup-files', { count: files }) : '',
    ]
      .filter(Boolean)
      .join('\n'),
  });
}

/** Lines joined into messages of at most `limit` characters (a longer line is cut). */
function chunk(lines: string[], limit: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of lines) {
    const piece = line.length > limit ? `${line.slice(0, limit - 1)}…` : line;
    if (current && current.length + 2 + piece.length > limit) {
      chunks.push(current);
      current = piece;
    } else current = current ? `${current}\n\n${piece}` : piece;
  }
  if (current) chunks.push(current);
  return chunks;
}
