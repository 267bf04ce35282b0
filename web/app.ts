// The Hono app factory: everything the product serves over HTTP. It takes its dependencies and
// starts nothing; each runtime's entry (web/node.ts) wires it.
import type { Bot } from 'grammy';
import { Hono } from 'hono';
import type { BotContext } from '../bot/context';
import type { Database } from '../db/database';
import type { TipKeyring } from '../db/tip-crypto';
import { databaseHealth, expectedSchema } from '../db/queries/health';
import { createApi } from './api';
import type { Notifier } from './api/env';
import { botWebhook } from './bot-webhook';
import type { Config } from './config';
import { type AssetReader, pwaRoutes } from './pwa-routes';

export interface AppDependencies {
  db: Database;
  config: Config;
  driver: 'pglite' | 'postgres';
  /** Injected in tests; the real clock otherwise. */
  clock?: () => Date;
  /** Tells people of changes made in the app (bot/notify.ts createNotifier), when the bot runs. */
  notifier?: Notifier;
  /** The bot's @username once it started (invitation deep links). */
  botUsername?: string;
  /** TIP_ENCRYPTION_KEY's keyring: the tips inbox needs it. */
  tipKeyring?: TipKeyring;
  /** Present when TELEGRAM_BOT_TOKEN is set; its webhook is served whatever the mode. */
  bot?: Bot<BotContext>;
  /** The /dev/* routes of `npm run chat` and `npm run invite` (web/dev-chat.ts), on a laptop. */
  devChat?: Hono;
  /** The PWA's built files (web/node-pwa.ts on Node); without it the app serves the API alone. */
  assets?: AssetReader;
}

export function createApp(deps: AppDependencies) {
  const { db, config, driver, bot, devChat } = deps;
  const app = new Hono();
  if (bot && config.TELEGRAM_WEBHOOK_SECRET)
    app.route('/', botWebhook(bot, config.TELEGRAM_WEBHOOK_SECRET));
  if (devChat) app.route('/', devChat);

  app.route(
    '/api',
    createApi({
      db,
      config,
      clock: deps.clock,
      tipKeyring: deps.tipKeyring,
      botUsername: deps.botUsername,
      notifier: deps.notifier,
    }),
  );

  // Liveness and readiness: the database answers and carries the schema this build expects.
  app.get('/healthz', async (c) => {
    const health = await databaseHealth(db);
    const ok = health.reachable && health.upToDate;
    return c.json(
      {
        ok,
        database: { driver, reachable: health.reachable },
        schema: { current: health.schema, expected: expectedSchema },
      },
      ok ? 200 : 503,
    );
  });

  if (deps.assets) app.route('/', pwaRoutes(deps.assets));

  app.notFound((c) => c.json({ error: 'not-found', message: '未找到 / Not found' }, 404));

  // The one place a fault becomes a response: logged with its name, never leaked to the client.
  app.onError((error, c) => {
    console.error(`${error.name}: ${error.message}`);
    return c.json({ error: 'internal', message: '服务器内部错误 / Internal server error' }, 500);
  });

  return app;
}
