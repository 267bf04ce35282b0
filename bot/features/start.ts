// /start (with an invitation code: links the Telegram account), /help, and the command menu.
import { Composer } from 'grammy';
import { eq } from 'drizzle-orm';
import { shanghaiDate } from '../../core/calendar/local-date';
import { cadreOn } from '../../db/queries/cadres';
import { redeemInvitation } from '../../db/queries/invitations';
import { users } from '../../db/schema';
import type { BotContext } from '../context';
import type { Locale, Texts } from '../i18n';
import { cadreKeyboard, guestKeyboard } from '../keyboards';

export const start = new Composer<BotContext>();
const privateChat = start.chatType('private');

privateChat.command('start', async (ctx) => {
  const code = ctx.match.trim();
  if (!code) return help(ctx);
  const result = await redeemInvitation(
    ctx.db,
    code,
    ctx.from.id,
    ctx.now,
    ctx.from.language_code ?? null,
  );
  if (!result.ok) return ctx.reply(ctx.t(`invitation-${result.reason}`));
  ctx.sender = { cadreId: result.cadreId, userId: result.userId };
  if (result.cadreId) {
    const profile = await cadreOn(ctx.db, result.cadreId, shanghaiDate(ctx.now));
    const village = profile?.village?.name ?? '—';
    return ctx.reply(ctx.t('start-linked-cadre', { name: profile!.cadre.name, village }), {
      reply_markup: cadreKeyboard(ctx.t),
    });
  }
  const [user] = await ctx.db
    .select({ name: users.displayName })
    .from(users)
    .where(eq(users.id, result.userId!));
  return ctx.reply(ctx.t('start-linked-user', { name: user!.name }));
});

privateChat.command('help', help);

function help(ctx: BotContext) {
  if (ctx.sender.cadreId)
    return ctx.reply(ctx.t('help-cadre'), { reply_markup: cadreKeyboard(ctx.t) });
  return ctx.reply(ctx.t('help-guest'), { reply_markup: guestKeyboard(ctx.t) });
}

/** The command menu in both languages, set when the bot starts. */
export async function setCommandMenu(api: BotContext['api'], texts: Texts): Promise<void> {
  const commands = [
    'start',
    'help',
    'checkin',
    'diary',
    'leave',
    'return',
    'me',
    'report',
    'followup',
  ];
  for (const [locale, language] of [
    ['zh-CN', 'zh'],
    ['en', undefined],
  ] as [Locale, 'zh' | undefined][]) {
    const t = texts.translator(locale);
    await api.setMyCommands(
      commands.map((command) => ({ command, description: t(`command-${command}`) })),
      language ? { language_code: language } : {},
    );
  }
}
