// The Node entry (`npm start`): reads the configuration, opens the database (PGlite in DATA_DIR,
// or PostgreSQL at DATABASE_URL), applies migrations, seeds the demo on an empty database and
// serves the app until SIGTERM or SIGINT. A bad start ends with one clear line, not a stack trace.
import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Bot } from 'grammy';
import { createBot } from '../bot/bot';
import type { BotContext } from '../bot/context';
import { setCommandMenu } from '../bot/features/start';
import { apiLimits } from '../bot/api-limits';
import { createNotifier } from '../bot/notify';
import { loadTexts, type Texts } from '../bot/i18n';
import { shanghaiDate } from '../core/calendar/local-date';
import { type DatabaseHandle, openDatabase } from '../db/client';
import { DatabaseUnreachableError } from '../db/errors';
import { type TipKeyring, tipKeyring } from '../db/tip-crypto';
import { demoAccounts, isEmpty, seedDemo } from '../db/seed/demo';
import { createApp } from './app';
import { type Config, ConfigError, decodeKey } from './config';
import { devChat, type JobTools } from './dev-chat';
import { listJobs, runByHand } from './jobs/by-hand';
import { jobNamed, jobs } from './jobs/schedule';
import { startScheduler } from './jobs/scheduler';
import { devChatToken, withGeneratedSecrets } from './node-secrets';
import { distDir, ensurePwaBuilt, nodeAssets } from './node-pwa';
import { readLocaleSources } from './node-texts';

const log = (line: string) => console.log(`[zhucun] ${line}`);

/** The PWA's files, built first when missing or stale; a failed build leaves the API running. */
async function pwaAssets() {
  try {
    await ensurePwaBuilt(log);
  } catch (error) {
    console.error(`[zhucun] ${error instanceof Error ? error.message : String(error)}`);
    if (!existsSync(join(distDir, 'index.html'))) {
      console.error(
        '[zhucun] 网页应用不可用，仅提供接口 / the PWA is unavailable; serving the API only',
      );
      return undefined;
    }
    console.error('[zhucun] 使用上一次的构建 / serving the previous build');
  }
  return nodeAssets();
}

async function main(): Promise<void> {
  const config = withGeneratedSecrets(process.env, (line) => console.warn(`[zhucun] ${line}`));
  const handle: DatabaseHandle = await openDatabase(
    config.DATABASE_URL
      ? { url: config.DATABASE_URL }
      : { dataDir: join(config.DATA_DIR, 'pglite') },
  );
  log(
    handle.driver === 'postgres'
      ? '数据库 / database: PostgreSQL (DATABASE_URL)'
      : `数据库 / database: PGlite in ${join(config.DATA_DIR, 'pglite')}`,
  );
  await handle.migrate();

  if (config.SEED_DEMO && (await isEmpty(handle.db))) {
    const today = shanghaiDate(new Date());
    const summary = await seedDemo(handle.db, { today, password: config.DEMO_PASSWORD });
    log(
      `已写入演示数据 / demo data seeded: ${summary.villages} villages, ${summary.cadres} cadres, ` +
        `${summary.checkIns} check-ins, ${summary.diaryEntries} diary entries`,
    );
    log(
      `演示账号 / demo accounts: ${demoAccounts.map((a) => a.username).join(', ')} — ` +
        `密码 / password: ${config.DEMO_PASSWORD}`,
    );
  }

  const texts = loadTexts(readLocaleSources());
  const keyring = await tipKeyring(decodeKey(config.TIP_ENCRYPTION_KEY!)!);
  // Where /login links and survey links point: the public address, or this machine.
  const webUrl = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const bot = config.TELEGRAM_BOT_TOKEN
    ? await startBot(config, handle, { texts, keyring, webUrl })
    : undefined;
  if (!bot)
    log('机器人未启用（未设置 TELEGRAM_BOT_TOKEN）/ bot off: TELEGRAM_BOT_TOKEN is not set');

  // The local tools of `npm run chat` and `npm run invite` (web/dev-chat.ts): an embedded PGlite
  // opens in one process only, so the CLI comes through here; /dev/chat only while the bot is off.
  const devChatSecret =
    !bot || handle.driver === 'pglite'
      ? devChatToken(config.DATA_DIR, { create: true })
      : undefined;
  // Scheduled jobs (web/jobs/): messages go through the bot when it runs.
  const outbox = bot ? { api: bot.api, texts, db: handle.db } : undefined;
  const jobTools: JobTools = {
    list: () => listJobs(handle.db, jobs, new Date()),
    async run(name, at, force) {
      const job = jobNamed(name);
      if (!job) return { unknownJob: name };
      return runByHand(handle.db, job, at, { now: new Date(), force, outbox, log });
    },
  };
  const local = devChatSecret
    ? devChat({
        db: handle.db,
        texts,
        sessionSecret: config.SESSION_SECRET!,
        tipKeyring: keyring,
        webUrl,
        token: devChatSecret,
        chat: !bot,
        jobs: jobTools,
      })
    : undefined;
  if (local && !bot)
    log('本地聊天：另开终端运行 npm run chat / local chat: run npm run chat in another terminal');

  const assets = await pwaAssets();
  const app = createApp({
    db: handle.db,
    config,
    driver: handle.driver,
    bot,
    botUsername: bot?.botInfo.username,
    notifier: bot ? createNotifier({ api: bot.api, texts, db: handle.db }) : undefined,
    tipKeyring: keyring,
    devChat: local,
    assets,
  });
  const server = serve({ fetch: app.fetch, port: config.PORT }, (info) => {
    log(`已启动 / listening on http://localhost:${info.port}`);
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    fail(
      error.code === 'EADDRINUSE'
        ? `启动失败：端口 ${config.PORT} 已被占用 / Cannot start: port ${config.PORT} is already in use (PORT)`
        : `启动失败 / Cannot start: ${error.message}`,
    );
  });

  // One process runs the jobs: on PostgreSQL the holder of an advisory lock, on PGlite this one.
  const scheduler = startScheduler({
    db: handle.db,
    jobs,
    outbox,
    log,
    tryLeadership: () => handle.tryLeadership(),
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`收到 ${signal}，正在停止 / ${signal} received, stopping`);
    server.close(async () => {
      if (bot?.isRunning()) await bot.stop();
      await scheduler.stop();
      await handle.close();
      log('已停止 / stopped');
      process.exit(0);
    });
    // Idle keep-alive connections must not hold the shutdown.
    (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/** Webhook when PUBLIC_URL is set, long polling otherwise. */
async function startBot(
  config: Config,
  handle: DatabaseHandle,
  shared: { texts: Texts; keyring: TipKeyring; webUrl: string },
): Promise<Bot<BotContext>> {
  const { texts } = shared;
  const bot = createBot({
    token: config.TELEGRAM_BOT_TOKEN!,
    db: handle.db,
    texts,
    sessionSecret: config.SESSION_SECRET!,
    apiRoot: config.TELEGRAM_API_ROOT,
    tipKeyring: shared.keyring,
    webUrl: shared.webUrl,
    // Telegram's limits: 30 messages a second, one a second per chat; 429s retried.
    transformers: [apiLimits()],
  });
  try {
    await bot.init();
    await setCommandMenu(bot.api, texts);
    if (config.PUBLIC_URL) {
      await bot.api.setWebhook(`${config.PUBLIC_URL}/bot/webhook`, {
        secret_token: config.TELEGRAM_WEBHOOK_SECRET,
      });
      log(
        `机器人 @${bot.botInfo.username}：webhook / bot @${bot.botInfo.username}: webhook at ${config.PUBLIC_URL}/bot/webhook`,
      );
    } else {
      await bot.api.deleteWebhook();
      void bot.start({
        onStart: () =>
          log(
            `机器人 @${bot.botInfo.username}：长轮询 / bot @${bot.botInfo.username}: long polling`,
          ),
      });
    }
  } catch (error) {
    throw new TelegramUnreachableError(config.TELEGRAM_API_ROOT, (error as Error).message);
  }
  return bot;
}

class TelegramUnreachableError extends Error {
  override name = 'TelegramUnreachableError';
  constructor(
    readonly apiRoot: string,
    readonly detail: string,
  ) {
    super(`cannot reach the Bot API at ${apiRoot}: ${detail}`);
  }
}

function fail(line: string): never {
  console.error(line);
  process.exit(1);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) fail(error.line());
  if (error instanceof DatabaseUnreachableError) {
    fail(
      `启动失败：无法连接数据库 ${error.target}（${error.detail}） / ` +
        `Cannot start: cannot reach the database at ${error.target} (${error.detail})`,
    );
  }
  if (error instanceof TelegramUnreachableError) {
    fail(
      `启动失败：无法连接 Telegram（${error.apiRoot}，${error.detail}），请检查 TELEGRAM_BOT_TOKEN 和网络 / ` +
        `Cannot start: cannot reach the Bot API at ${error.apiRoot} (${error.detail}); check TELEGRAM_BOT_TOKEN and the network`,
    );
  }
  console.error(error);
  process.exit(1);
});
