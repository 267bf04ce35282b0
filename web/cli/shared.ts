// Shared by `npm run chat` and `npm run invite`: the configuration read like the server's, and
// the local tools of web/dev-chat.ts — through a running `npm start` at 127.0.0.1:PORT, or in this
// process on the database itself when no server answers. An embedded PGlite directory may be open
// in one process only (a second one silently diverges from the first), so the server always comes
// first, and while this process holds PGlite it also holds PORT on 127.0.0.1, serving the same
// routes: a second chat or invite comes through it, and `npm start` cannot serve beside it.
import { serve } from '@hono/node-server';
import { join } from 'node:path';
import type { Update } from 'grammy/types';
import { loadTexts } from '../../bot/i18n';
import { openDatabase } from '../../db/client';
import { DatabaseUnreachableError } from '../../db/errors';
import { isEmpty } from '../../db/seed/demo';
import { tipKeyring } from '../../db/tip-crypto';
import { createApp } from '../app';
import { type Config, ConfigError, decodeKey } from '../config';
import {
  type ApiCall,
  devChat,
  type Identity,
  inviteFor,
  linkAs,
  type LocalChatDependencies,
  type OpenCadre,
  openCadres,
  type Refusal,
  runUpdate,
  type Target,
} from '../dev-chat';
import { devChatToken, withGeneratedSecrets } from '../node-secrets';
import { readLocaleSources } from '../node-texts';

/** A failure the user must act on: one line, Chinese then English; exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
  line(): string {
    return `错误：${this.zh} / Error: ${this.en}`;
  }
}

export interface LocalTools {
  /** Where the tools run: through the server at `url`, or in this process on the database. */
  via: { kind: 'server'; url: string } | { kind: 'database'; description: string; empty: boolean };
  /** False when the server runs the real bot: then chats go through Telegram. */
  chat: boolean;
  send(update: Omit<Update, 'update_id'>): Promise<ApiCall[]>;
  linkAs(
    target: Target | 'guest',
    languageCode: string,
  ): Promise<{ ok: true; identity: Identity } | Refusal>;
  cadres(): Promise<OpenCadre[]>;
  invite(target: Target): Promise<{ ok: true; code: string; expiresAt: Date } | Refusal>;
  close(): Promise<void>;
}

/** The configuration exactly as `npm start` reads it (secrets from DATA_DIR/secrets.json), quietly. */
export function readConfig(): Config {
  try {
    return withGeneratedSecrets(process.env, () => {});
  } catch (error) {
    if (error instanceof ConfigError) exit(error.line(), 1);
    throw error;
  }
}

/** Reaches the local tools: a running server first, else the database in this process. */
export async function connectLocalTools(
  config: Config,
  options: { chat: boolean },
): Promise<LocalTools> {
  const url = `http://127.0.0.1:${config.PORT}`;
  const server = await probe(url);
  if (server) {
    const token = devChatToken(config.DATA_DIR, { create: false });
    const res = token
      ? await fetch(`${url}/dev/tools`, { headers: { Authorization: `Bearer ${token}` } })
      : undefined;
    if (res?.ok) {
      const { chat } = (await res.json()) as { chat: boolean };
      if (chat || !options.chat) return remote(url, token!, chat);
    }
    // A server on PostgreSQL shares its database with any process; one on PGlite does not.
    if (server.driver === 'pglite') {
      if (!res || res.status === 401 || res.status === 403) {
        throw new CliError(
          `${url} 上运行的 npm start 不接受本命令的令牌（DATA_DIR 中的 secrets.json）：请用与 npm start 相同的 DATA_DIR 运行`,
          `npm start at ${url} refused this command's token (secrets.json in DATA_DIR): run with the same DATA_DIR as npm start`,
        );
      }
      throw new CliError(
        `${url} 上运行的 npm start 启用了 Telegram 机器人，并占用着本地数据库：请在 Telegram 中与机器人聊天，或停止服务器后再运行`,
        `npm start at ${url} runs the Telegram bot and holds the local database: chat with the bot in Telegram, or stop the server first`,
      );
    }
  }
  return inProcess(config);
}

async function probe(url: string): Promise<{ driver: 'pglite' | 'postgres' } | undefined> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(3000) });
    const body = (await res.json()) as { database?: { driver?: 'pglite' | 'postgres' } };
    return body.database?.driver ? { driver: body.database.driver } : undefined;
  } catch {
    return undefined; // nobody there, or not Zhucun
  }
}

function remote(url: string, token: string, chat: boolean): LocalTools {
  const call = async <T>(path: string, body?: unknown): Promise<T> => {
    let res: Response;
    try {
      res = await fetch(`${url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new CliError(
        `与 ${url} 的连接中断（${(error as Error).message}）`,
        `lost the connection to ${url} (${(error as Error).message})`,
      );
    }
    if (!res.ok) {
      throw new CliError(
        `服务器 ${url} 回答 ${res.status}（详见 npm start 的输出）`,
        `the server at ${url} answered ${res.status} (see the output of npm start)`,
      );
    }
    return (await res.json()) as T;
  };
  return {
    via: { kind: 'server', url },
    chat,
    send: async (update) => (await call<{ calls: ApiCall[] }>('/dev/chat', { update })).calls,
    linkAs: (target, languageCode) =>
      call('/dev/as', target === 'guest' ? { guest: true } : { ...target, languageCode }),
    cadres: async () => (await call<{ cadres: OpenCadre[] }>('/dev/cadres')).cadres,
    async invite(target) {
      const result = await call<{ ok: true; code: string; expiresAt: string } | Refusal>(
        '/dev/invitations',
        target,
      );
      return result.ok ? { ...result, expiresAt: new Date(result.expiresAt) } : result;
    },
    close: async () => {},
  };
}

async function inProcess(config: Config): Promise<LocalTools> {
  const pglite = !config.DATABASE_URL;
  const dataDir = join(config.DATA_DIR, 'pglite');
  // Hold the port before opening PGlite, so `npm start` cannot open it in between.
  let app: { fetch: (request: Request, env: unknown) => Response | Promise<Response> } | undefined;
  const guard = pglite
    ? await listen(config.PORT, (request, env) =>
        app
          ? app.fetch(request, env)
          : Response.json({ error: 'starting', message: '正在启动 / Starting' }, { status: 503 }),
      )
    : undefined;

  let handle;
  try {
    handle = await openDatabase(pglite ? { dataDir } : { url: config.DATABASE_URL! });
    await handle.migrate();
  } catch (error) {
    guard?.close();
    if (error instanceof DatabaseUnreachableError) {
      throw new CliError(
        `无法打开数据库 ${error.target}（${error.detail}）`,
        `cannot open the database at ${error.target} (${error.detail})`,
      );
    }
    throw error;
  }
  const db = handle.db;
  const deps: LocalChatDependencies = {
    db,
    texts: loadTexts(readLocaleSources()),
    sessionSecret: config.SESSION_SECRET!,
    tipKeyring: await tipKeyring(decodeKey(config.TIP_ENCRYPTION_KEY!)!),
  };
  if (guard) {
    const token = devChatToken(config.DATA_DIR, { create: true })!;
    app = createApp({
      db,
      config,
      driver: handle.driver,
      tipKeyring: deps.tipKeyring,
      devChat: devChat({ ...deps, token, chat: true }),
    });
  }
  return {
    via: {
      kind: 'database',
      description: pglite ? `PGlite in ${dataDir}` : 'PostgreSQL (DATABASE_URL)',
      empty: await isEmpty(db),
    },
    chat: true,
    send: (update) => runUpdate(deps, update),
    linkAs: (target, languageCode) => linkAs(db, target, new Date(), languageCode),
    cadres: () => openCadres(db),
    invite: (target) => inviteFor(db, target, new Date()),
    async close() {
      await new Promise<void>((resolve) => (guard ? guard.close(() => resolve()) : resolve()));
      await handle.close();
    },
  };
}

/** Listens on 127.0.0.1:port; undefined when the port is taken (by something that is not Zhucun). */
async function listen(
  port: number,
  fetch: (request: Request, env: unknown) => Response | Promise<Response>,
): Promise<{ close(done?: () => void): void } | undefined> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port, hostname: '127.0.0.1' });
    server.once('listening', () => {
      const s = server as typeof server & { closeAllConnections?: () => void };
      resolve({
        close(done) {
          s.closeAllConnections?.();
          server.close(() => done?.());
        },
      });
    });
    server.once('error', () => resolve(undefined));
  });
}

/** Prints one line to stderr and ends the process. */
export function exit(line: string, code: number): never {
  console.error(line);
  process.exit(code);
}

/** Local time in Asia/Shanghai, for expiry dates: 2026-12-03 09:30. */
export function shanghaiTime(instant: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(instant);
}
