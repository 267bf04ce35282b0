// 民情日记 (§2.5): a cadre's text, photo or voice note is saved as a diary entry of the day; the reply
// counts this month's entries and offers to undo an entry sent by mistake.
import { and, count, eq, gte, lte } from 'drizzle-orm';
import { Composer, InlineKeyboard } from 'grammy';
import { firstOfMonth, lastOfMonth, monthOf, shanghaiDate } from '../../core/calendar/local-date';
import { cadreOn } from '../../db/queries/cadres';
import { diaryEntries } from '../../db/schema';
import type { BotContext } from '../context';

export const diary = new Composer<BotContext>();
const cadres = diary.chatType('private').filter((ctx) => ctx.sender.cadreId !== null);

cadres.command('diary', (ctx) => ctx.reply(ctx.t('diary-ask')));
cadres.hears(/^📝/, (ctx) => ctx.reply(ctx.t('diary-ask')));

cadres.on(['message:text', 'message:photo', 'message:voice'], async (ctx) => {
  const message = ctx.message;
  if (message.text?.startsWith('/')) return ctx.reply(ctx.t('unknown-command'));
  const text = message.text ?? message.caption ?? null;
  const photo = message.photo?.at(-1)?.file_id ?? null;
  const voice = message.voice?.file_id ?? null;
  if (!text?.trim() && !photo && !voice) return ctx.reply(ctx.t('diary-empty'));

  const day = shanghaiDate(new Date(message.date * 1000));
  const profile = await cadreOn(ctx.db, ctx.sender.cadreId!, day);
  if (!profile?.assignment) return ctx.reply(ctx.t('no-assignment'));
  const [entry] = await ctx.db
    .insert(diaryEntries)
    .values({
      cadreId: profile.cadre.id,
      assignmentId: profile.assignment.id,
      localDate: day,
      at: new Date(message.date * 1000),
      text: text?.trim() || null,
      photoFileId: photo,
      voiceFileId: voice,
      telegramUpdateId: ctx.update.update_id,
    })
    .returning({ id: diaryEntries.id });
  const month = monthOf(day);
  const [counted] = await ctx.db
    .select({ n: count() })
    .from(diaryEntries)
    .where(
      and(
        eq(diaryEntries.assignmentId, profile.assignment.id),
        gte(diaryEntries.localDate, firstOfMonth(month)),
        lte(diaryEntries.localDate, lastOfMonth(month)),
      ),
    );
  return ctx.reply(ctx.t('diary-saved', { date: day, count: counted!.n }), {
    reply_markup: new InlineKeyboard().text(ctx.t('diary-undo'), `diary:undo:${entry!.id}`),
  });
});

// Undo: only the cadre's own entry, and only on the day it was written.
cadres.callbackQuery(/^diary:undo:(\d+)$/, async (ctx) => {
  const id = Number(ctx.match[1]);
  const today = shanghaiDate(ctx.now);
  const removed = await ctx.db
    .delete(diaryEntries)
    .where(
      and(
        eq(diaryEntries.id, id),
        eq(diaryEntries.cadreId, ctx.sender.cadreId!),
        eq(diaryEntries.localDate, today),
      ),
    )
    .returning({ id: diaryEntries.id });
  await ctx.answerCallbackQuery();
  await ctx.editMessageReplyMarkup({ reply_markup: undefined });
  return ctx.reply(ctx.t(removed.length > 0 ? 'diary-undone' : 'diary-undo-too-late'));
});
