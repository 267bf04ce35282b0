// The Workers entry (wrangler.toml's `main`): the same app as web/node.ts, on Cloudflare's network.
// `fetch` serves the Hono app of web/app.ts — API, bot webhook, and the PWA's files from the
// assets binding; `scheduled` runs the jobs of web/jobs/schedule.ts, as the Node scheduler does.
// PostgreSQL comes through Hyperdrive, with a postgres.js client per request (a Worker may not
// carry I/O from one request to the next). Only pure, derived things are kept per isolate: the
// parsed configuration, the bot's texts, the tip keyring and the bot's getMe.
import { Api } from 'grammy';
import type { ExecutionContext } from 'hono';
import type { UserFromGetMe } from 'grammy/types';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import en from '../bot/locales/en.ftl';
import zhCN from '../bot/locales/zh-CN.ftl';
import { apiLimits } from '../bot/api-limits';
import { createBot } from '../bot/bot';
import { loadTexts, type Texts } from '../bot/i18n';
import { createNotifier, type Outbox } from '../bot/notify';
import type { Database } from '../db/database';
import * as schema from '../db/schema';
import { type TipKeyring, tipKeyring } from '../db/tip-crypto';
import { createApp } from './app';
import { type Config, ConfigError, decodeKey, parseConfig } from './config';
import { runDue } from './jobs/scheduler';
import { jobs } from './jobs/schedule';
import type { AssetReader } from './pwa-routes';

/** The bindings of wrangler.toml, and the vars and secrets (all strings). */
export interface WorkerEnv {
  HYPERDRIVE: { connectionString: string };
  ASSETS: { fetch(request: Request): Promise<Response> };
  [variable: string]: unknown;
}

interface ScheduledController {
  readonly scheduledTime: number;
  readonly cron: string;
}

const log = (line: string) => console.log(`[zhucun] ${line}`);

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    const setup = await prepare(env);
    if (setup instanceof ConfigError) {
      console.error(setup.line());
      return Response.json(
        { error: 'misconfigured', message: `服务配置错误 / Misconfigured: ${setup.message}` },
        { status: 503 },
      );
    }
    const { config, texts, keyring } = setup;
    const { db, end } = connect(env);
    try {
      const webUrl = config.PUBLIC_URL ?? new URL(request.url).origin;
      const bot = config.TELEGRAM_BOT_TOKEN
        ? createBot({
            token: config.TELEGRAM_BOT_TOKEN,
            db,
            texts,
            sessionSecret: config.SESSION_SECRET!,
            apiRoot: config.TELEGRAM_API_ROOT,
            botInfo: await botInfo(config),
            tipKeyring: keyring,
            webUrl,
            transformers: [apiLimits()],
          })
        : undefined;
      const app = createApp({
        db,
        config,
        driver: 'postgres',
        bot,
        botUsername: bot?.botInfo.username,
        notifier: bot ? createNotifier({ api: bot.api, texts, db }) : undefined,
        tipKeyring: keyring,
        assets: assetReader(env),
      });
      return await app.fetch(request, env, ctx);
    } finally {
      ctx.waitUntil(end());
    }
  },

  async scheduled(_controller: ScheduledController, env: WorkerEnv): Promise<void> {
    const setup = await prepare(env);
    if (setup instanceof ConfigError) throw new Error(setup.line());
    const { config, texts } = setup;
    const { db, end } = connect(env);
    try {
      const outbox: Outbox | undefined = config.TELEGRAM_BOT_TOKEN
        ? { api: telegramApi(config), texts, db }
        : undefined;
      await runDue({ db, jobs, now: new Date(), outbox, log });
    } catch (error) {
      console.error(`[zhucun] scheduled: ${error instanceof Error ? error.stack : String(error)}`);
      throw error;
    } finally {
      await end();
    }
  },
};

/**
 * Hyperdrive pools the connections to PostgreSQL; the Worker's own client stays small: a few
 * connections, no type lookups on connect (Hyperdrive's guidance for postgres.js).
 */
function connect(env: WorkerEnv): { db: Database; end(): Promise<void> } {
  const client = postgres(env.HYPERDRIVE.connectionString, {
    max: 5,
    fetch_types: false,
    onnotice: () => {},
    connection: { application_name: 'zhucun-worker' },
  });
  return {
    db: drizzle({ client, schema, casing: 'snake_case' }),
    end: () => client.end({ timeout: 5 }),
  };
}

/** The PWA's built files (web/dist) through the assets binding; dotfiles are not the app's. */
function assetReader(env: WorkerEnv): AssetReader {
  return async (path) => {
    if (path.split('/').some((segment) => segment.startsWith('.'))) return undefined;
    const file = await env.ASSETS.fetch(new Request(new URL(path, 'https://assets.invalid')));
    return file.ok ? file : undefined;
  };
}

interface Setup {
  config: Config;
  texts: Texts;
  keyring?: TipKeyring;
}

let prepared: { env: WorkerEnv; setup: Promise<Setup | ConfigError> } | undefined;

/** Once per isolate (per set of bindings): the configuration, the texts, the keyring. */
function prepare(env: WorkerEnv): Promise<Setup | ConfigError> {
  if (prepared?.env !== env) prepared = { env, setup: setUp(env) };
  return prepared.setup;
}

async function setUp(env: WorkerEnv): Promise<Setup | ConfigError> {
  const strings: Record<string, string> = {};
  for (const [name, value] of Object.entries(env))
    if (typeof value === 'string') strings[name] = value;
  let config: Config;
  try {
    config = parseConfig(strings);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  // Node generates missing secrets into DATA_DIR; a Worker has no disk: `wrangler secret put`.
  const missing = [
    ...(config.SESSION_SECRET ? [] : ['SESSION_SECRET']),
    ...(config.TIP_ENCRYPTION_KEY ? [] : ['TIP_ENCRYPTION_KEY']),
    ...(config.TELEGRAM_BOT_TOKEN && !config.TELEGRAM_WEBHOOK_SECRET
      ? ['TELEGRAM_WEBHOOK_SECRET']
      : []),
  ];
  if (missing.length > 0) {
    return new ConfigError(
      missing.map((variable) => ({
        variable,
        zh: '未设置（wrangler secret put ' + variable + '）',
        en: `is not set (wrangler secret put ${variable})`,
      })),
    );
  }
  return {
    config,
    texts: loadTexts({ 'zh-CN': zhCN, en }),
    keyring: await tipKeyring(decodeKey(config.TIP_ENCRYPTION_KEY!)!),
  };
}

function telegramApi(config: Config): Api {
  const api = new Api(config.TELEGRAM_BOT_TOKEN!, { apiRoot: config.TELEGRAM_API_ROOT });
  api.config.use(apiLimits());
  return api;
}

let me: { token: string; info: Promise<UserFromGetMe> } | undefined;

/** The bot's getMe, asked once per isolate (again after a failure). */
function botInfo(config: Config): Promise<UserFromGetMe> {
  const token = config.TELEGRAM_BOT_TOKEN!;
  if (me?.token !== token) {
    const info = telegramApi(config).getMe();
    me = { token, info };
    info.catch(() => {
      if (me?.info === info) me = undefined;
    });
  }
  return me.info;
}
