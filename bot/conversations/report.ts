// 举报: the anonymous tip, step by step — what stays anonymous, whom it is about, what (the §2
// situations in everyday words), when, where, the details, optional photos and files, and a
// confirmation. Nothing is written before the confirmation; /cancel works at every step; a
// sticker or other wrong input gets a clear re-ask. The tip is stored encrypted with nothing about
// the sender, and the conversation's own state is deleted when it returns.
import type { Conversation } from '@grammyjs/conversations';
import { InlineKeyboard } from 'grammy';
import type { Message } from 'grammy/types';
import { shanghaiDate } from '../../core/calendar/local-date';
import {
  createTip,
  matchOrgUnit,
  type TipContent,
  type TipFile,
  type TipSituation,
} from '../../db/queries/tips';
import { formatReceiptCode, type TipKeyring } from '../../db/tip-crypto';
import type { BotContext, ConversationContext } from '../context';
import type { FloodControl } from '../flood-control';

export type TipConversation = Conversation<BotContext, ConversationContext>;

export interface TipDependencies {
  keyring: TipKeyring;
  flood: FloodControl;
}

/** The situations of §2 a villager can see for themselves, in everyday words (tip-situation-*). */
export const situationChoices: readonly { key: string; situation: TipSituation }[] = [
  // 无正当理由、且没有履行相关请假手续,每月驻村时间没有达到20天的 — §2.4
  { key: 'absent', situation: '2.4' },
  // 违规收受……财物,在脱贫攻坚项目……谋取私利,或照顾特殊关系人 — §2.10
  { key: 'money', situation: '2.10' },
  // 违反中央“八项规定”和省委“十项规定”精神、以及所驻地作风纪律规定的 — §2.11
  { key: 'rules', situation: '2.11' },
  // 没有民情日记或民情日记弄虚作假的,以及没有考勤记录或记录不真实的 — §2.5
  { key: 'fake', situation: '2.5' },
  // 发现村干部有违法违纪行为不予以纠正,不及时上报 — §2.7
  { key: 'covering', situation: '2.7' },
  // 对所驻村群众矛盾纠纷化解不及时,造成越级上访、群访 — §2.8
  { key: 'disputes', situation: '2.8' },
  // 重大安全事故或群体性事件没有及时报告,同时没有坚守岗位参与处置的 — §2.9
  { key: 'emergency', situation: '2.9' },
  // 对村的基本情况不熟悉,工作履职不到位……群众意见较大 — §2.3
  { key: 'slack', situation: '2.3' },
  // 不遵守纪律、不服从管理……与村支两委成员闹不团结 — §2.6
  { key: 'discipline', situation: '2.6' },
  // [decision: anything else is 'other'; the handler decides the clause, if any — §2.13]
  { key: 'other', situation: 'other' },
];

/** Limits on what one answer may hold (Telegram caps a message at 4096 characters anyway). */
export const limits = { shortText: 200, details: 3000, minDetails: 5, files: 10 };

export function reportConversation(deps: TipDependencies) {
  return async function report(conversation: TipConversation, ctx: ConversationContext) {
    await ctx.reply(ctx.t('report-intro'));

    const subject = await askText(conversation, ctx, 'report-ask-subject', limits.shortText);

    const situationKeyboard = (c: ConversationContext) => {
      const keyboard = new InlineKeyboard();
      for (const choice of situationChoices) {
        keyboard.text(c.t(`tip-situation-${choice.key}`), `report:situation:${choice.key}`).row();
      }
      return keyboard;
    };
    const askSituation = (c: ConversationContext, problem?: string) =>
      c.reply(prompt(c, 'report-ask-situation', problem), {
        reply_markup: situationKeyboard(c),
      });
    await askSituation(ctx);
    let chosen: (typeof situationChoices)[number] | undefined;
    while (!chosen) {
      const choice = await answer(conversation, {
        choices: 'report:situation:',
        wrong: 'tip-need-choice',
        ask: askSituation,
        cancelled: 'report-cancelled',
      });
      chosen = situationChoices.find((c) => c.key === choice.value);
      if (!chosen) await askSituation(choice.ctx, choice.ctx.t('tip-need-choice'));
    }
    const situation = chosen;

    const when = await askOptionalText(conversation, ctx, 'report-ask-when', 'report:when:skip');
    const where = await askOptionalText(conversation, ctx, 'report-ask-where', 'report:where:skip');
    const details = await askText(
      conversation,
      ctx,
      'report-ask-details',
      limits.details,
      limits.minDetails,
    );
    const files = await askFiles(conversation, ctx);

    const unit = await conversation.external((outer) =>
      matchOrgUnit(outer.db, `${subject} ${where ?? ''}`),
    );
    const content: TipContent = {
      subject,
      situation: situation.situation,
      when,
      where,
      details,
      files,
    };

    const askConfirm = (c: ConversationContext, problem?: string) =>
      c.reply(
        (problem ? `${problem}\n\n` : '') +
          c.t('report-confirm', {
            subject,
            situation: c.t(`tip-situation-${situation.key}`),
            when: when ?? c.t('report-not-sure'),
            where: where ?? c.t('report-not-sure'),
            details,
            files: files.length,
            unit: unit?.name ?? 'none',
          }),
        {
          reply_markup: new InlineKeyboard()
            .text(c.t('report-submit'), 'report:confirm:yes')
            .row()
            .text(c.t('report-discard'), 'report:confirm:no'),
        },
      );
    await askConfirm(ctx);
    const confirmation = await answer(conversation, {
      choices: 'report:confirm:',
      wrong: 'tip-need-confirm',
      ask: askConfirm,
      cancelled: 'report-cancelled',
    });
    await confirmation.ctx.editMessageReplyMarkup().catch(() => {});
    if (confirmation.value !== 'yes') {
      await confirmation.ctx.reply(confirmation.ctx.t('report-cancelled'));
      return;
    }

    // The one write: the tip, sealed. The receipt code leaves this function only in the reply.
    const code = await conversation.external(async (outer) => {
      if (!deps.flood.allows('tip', outer.from!.id, outer.now)) return null;
      deps.flood.record('tip', outer.from!.id, outer.now);
      const { receiptCode } = await createTip(outer.db, deps.keyring, {
        content,
        orgUnitId: unit?.id ?? null,
        receivedOn: shanghaiDate(outer.now),
      });
      return formatReceiptCode(receiptCode);
    });
    if (!code) {
      await confirmation.ctx.reply(confirmation.ctx.t('tip-flood-report'));
      return;
    }
    await confirmation.ctx.reply(confirmation.ctx.t('report-saved', { code }), {
      parse_mode: 'HTML',
    });
  };
}

// --- steps ---------------------------------------------------------------------------------------

/** A step's prompt, after what was wrong with the last answer if anything. */
export function prompt(ctx: ConversationContext, key: string, problem?: string): string {
  return (problem ? `${problem}\n\n` : '') + ctx.t(key);
}

export type Answer =
  | { ctx: ConversationContext; kind: 'text'; value: string }
  | { ctx: ConversationContext; kind: 'choice'; value: string }
  | { ctx: ConversationContext; kind: 'file'; value: TipFile };

export interface Step {
  /** Prefix of the callback data of this step's buttons; other buttons are stale. */
  choices?: string;
  text?: boolean;
  files?: boolean;
  /** The text key that says what this step needs, when the answer was something else. */
  wrong: string;
  /** Asks (again), after the text that says what was wrong. */
  ask(ctx: ConversationContext, problem?: string): Promise<unknown>;
  /** What to say when the person cancels. */
  cancelled: string;
  /** What to say to a command in the middle; default: the report is in progress. */
  busy?: string;
}

/**
 * Waits for an answer the step accepts. /cancel (or 取消) ends the conversation with nothing
 * saved; a sticker, a stale button, a command or anything else gets the step asked again.
 */
export async function answer(conversation: TipConversation, step: Step): Promise<Answer> {
  for (;;) {
    const ctx = await conversation.wait();
    if (isCancel(ctx)) {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t(step.cancelled));
      return conversation.halt();
    }
    if (ctx.callbackQuery) {
      const data = ctx.callbackQuery.data ?? '';
      await ctx.answerCallbackQuery();
      if (step.choices && data.startsWith(step.choices)) {
        return { ctx, kind: 'choice', value: data.slice(step.choices.length) };
      }
      await step.ask(ctx, ctx.t(step.wrong));
      continue;
    }
    const message = ctx.message;
    if (!message) continue; // an edit or a reaction changes nothing here
    if (message.text?.startsWith('/')) {
      await step.ask(ctx, ctx.t(step.busy ?? 'tip-busy'));
      continue;
    }
    if (step.text && message.text !== undefined) {
      return { ctx, kind: 'text', value: message.text.trim() };
    }
    const file = step.files ? fileOf(message) : null;
    if (file) return { ctx, kind: 'file', value: file };
    await step.ask(ctx, ctx.t(step.wrong));
  }
}

/** /cancel, or the word itself: a villager may well type 取消. */
export function isCancel(ctx: ConversationContext): boolean {
  const text = ctx.message?.text?.trim().toLowerCase();
  if (text === undefined) return false;
  return /^\/cancel(@\w+)?(\s|$)/.test(text) || ['取消', 'cancel'].includes(text);
}

async function askText(
  conversation: TipConversation,
  ctx: ConversationContext,
  key: string,
  max: number,
  min = 1,
): Promise<string> {
  const ask = (c: ConversationContext, problem?: string) => c.reply(prompt(c, key, problem));
  await ask(ctx);
  for (;;) {
    const reply = await answer(conversation, {
      text: true,
      wrong: 'tip-need-text',
      ask,
      cancelled: 'report-cancelled',
    });
    if (reply.kind !== 'text') continue;
    const text = reply.value;
    if ([...text].length > max) await ask(reply.ctx, reply.ctx.t('tip-too-long', { max }));
    else if ([...text.replace(/\s/g, '')].length < min) {
      await ask(reply.ctx, reply.ctx.t('tip-too-short'));
    } else return text;
  }
}

/** A text answer, or "not sure" (null) with the step's button. */
async function askOptionalText(
  conversation: TipConversation,
  ctx: ConversationContext,
  key: string,
  skip: string,
): Promise<string | null> {
  const ask = (c: ConversationContext, problem?: string) =>
    c.reply(prompt(c, key, problem), {
      reply_markup: new InlineKeyboard().text(c.t('report-not-sure'), skip),
    });
  await ask(ctx);
  for (;;) {
    const reply = await answer(conversation, {
      text: true,
      choices: skip,
      wrong: 'tip-need-text',
      ask,
      cancelled: 'report-cancelled',
    });
    if (reply.kind === 'choice') return null;
    if (reply.kind !== 'text') continue;
    const text = reply.value;
    if ([...text].length > limits.shortText) {
      await ask(reply.ctx, reply.ctx.t('tip-too-long', { max: limits.shortText }));
    } else if (!text) await ask(reply.ctx, reply.ctx.t('tip-need-text'));
    else return text;
  }
}

/** Photos, videos and documents until "done" (or none with "skip"), at most limits.files. */
async function askFiles(
  conversation: TipConversation,
  ctx: ConversationContext,
): Promise<TipFile[]> {
  const files: TipFile[] = [];
  const keyboard = (c: ConversationContext) =>
    new InlineKeyboard().text(
      c.t(files.length === 0 ? 'report-files-skip' : 'report-files-done'),
      'report:files:done',
    );
  const ask = (c: ConversationContext, problem?: string) =>
    c.reply(prompt(c, files.length === 0 ? 'report-ask-files' : 'report-files-more', problem), {
      reply_markup: keyboard(c),
    });
  await ask(ctx);
  while (files.length < limits.files) {
    const reply = await answer(conversation, {
      files: true,
      choices: 'report:files:',
      wrong: 'tip-need-file',
      ask,
      cancelled: 'report-cancelled',
    });
    if (reply.kind !== 'file') break;
    files.push(reply.value);
    if (files.length < limits.files) {
      await reply.ctx.reply(reply.ctx.t('report-file-received', { count: files.length }), {
        reply_markup: keyboard(reply.ctx),
      });
    } else {
      await reply.ctx.reply(reply.ctx.t('report-files-full', { count: files.length }));
    }
  }
  return files;
}

/** The photo (largest size), video or document of a message, with its caption. */
export function fileOf(message: Message): TipFile | null {
  const caption = message.caption?.trim() ? { caption: message.caption.trim() } : {};
  const photo = message.photo?.at(-1);
  if (photo) return { kind: 'photo', fileId: photo.file_id, ...caption };
  if (message.video) return { kind: 'video', fileId: message.video.file_id, ...caption };
  if (message.document) {
    const name = message.document.file_name ? { name: message.document.file_name } : {};
    return { kind: 'document', fileId: message.document.file_id, ...name, ...caption };
  }
  return null;
}
