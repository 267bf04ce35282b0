// The bot factory: takes its dependencies and starts nothing. Every update runs exactly once in one
// transaction (exactly-once.ts), then meets the features in order; the catch-all comes last.
import { conversations } from '@grammyjs/conversations';
import { Bot, type Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/database';
import type { TipKeyring } from '../db/tip-crypto';
import { botLinks } from '../db/schema';
import type { BotContext } from './context';
import { conversationStorage } from './conversation-storage';
import { exactlyOnce } from './exactly-once';
import { checkin } from './features/checkin';
import { diary } from './features/diary';
import { fallback } from './features/fallback';
import { leave } from './features/leave';
import { login } from './features/login';
import { me } from './features/me';
import { start } from './features/start';
import { tips } from './features/tips';
import type { Texts } from './i18n';

export interface BotDependencies {
  token: string;
  db: Database;
  texts: Texts;
  /** Keys the conversation storage (an HMAC of the chat id) and other derived secrets. */
  sessionSecret: string;
  apiRoot?: string;
  /** Known in advance on Workers and in tests; otherwise bot.init() asks getMe. */
  botInfo?: UserFromGetMe;
  /** Telegram at the HTTP layer (tests). */
  fetch?: typeof fetch;
  clock?: () => Date;
  /** Outgoing API calls pass through these (retry on 429, flood limits). */
  transformers?: Transformer[];
  /** The supervisors' app (PUBLIC_URL, or the local address): /login links point there. */
  webUrl?: string;
  /** Seals tips and hashes receipt codes (TIP_ENCRYPTION_KEY); without it, tips are off. */
  tipKeyring?: TipKeyring;
}

export function createBot(deps: BotDependencies): Bot<BotContext> {
  const clock = deps.clock ?? (() => new Date());
  const bot = new Bot<BotContext>(deps.token, {
    botInfo: deps.botInfo,
    client: { apiRoot: deps.apiRoot, fetch: deps.fetch as never },
  });
  for (const transformer of deps.transformers ?? []) bot.api.config.use(transformer);

  // Texts and the clock first: even a fault's apology needs them.
  bot.use((ctx, next) => {
    ctx.now = clock();
    ctx.texts = deps.texts;
    ctx.locale = deps.texts.negotiate(ctx.from?.language_code);
    ctx.t = deps.texts.translator(ctx.locale);
    return next();
  });
  bot.use(
    exactlyOnce(deps.db, async (ctx, error) => {
      console.error(`bot: update ${ctx.update.update_id} failed:`, error);
      if (ctx.chat?.type === 'private') await ctx.reply(ctx.t('fault')).catch(() => {});
    }),
  );
  bot.use(async (ctx, next) => {
    const [link] = ctx.from
      ? await ctx.db.select().from(botLinks).where(eq(botLinks.telegramUserId, ctx.from.id))
      : [];
    ctx.sender = { cadreId: link?.cadreId ?? null, userId: link?.userId ?? null };
    return next();
  });
  bot.use(
    conversations<BotContext, BotContext>({
      storage: conversationStorage(deps.sessionSecret),
      plugins: [
        (ctx, next) => {
          ctx.locale = deps.texts.negotiate(ctx.from?.language_code);
          ctx.t = deps.texts.translator(ctx.locale);
          return next();
        },
      ],
    }),
  );

  bot.use(start);
  bot.use(login(deps.webUrl));
  bot.use(leave);
  bot.use(me);
  bot.use(checkin);
  bot.use(tips({ keyring: deps.tipKeyring }));
  bot.use(diary);
  bot.use(fallback);
  return bot;
}
