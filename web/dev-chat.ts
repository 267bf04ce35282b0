// The bot without Telegram, for trying it on a laptop (issue #4): a synthetic update runs through
// the production bot, whose Telegram client is a capturing `fetch` (no network), and the Bot API
// calls it made come back. `npm run chat` runs it in-process, or through the /dev/* routes below
// when `npm start` holds the database; `npm run invite` lists cadres and makes invitations the
// same way. Web APIs only. web/node.ts mounts the routes on PGlite or while the bot is off, and
// /dev/chat only while the bot is off.
import { and, asc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Update, UserFromGetMe } from 'grammy/types';
import { createBot } from '../bot/bot';
import type { Texts } from '../bot/i18n';
import type { Database } from '../db/database';
import { createInvitation, redeemInvitation } from '../db/queries/invitations';
import type { TipKeyring } from '../db/tip-crypto';
import { assignments, botLinks, cadres, orgUnits, users } from '../db/schema';
import type { JobListing } from './jobs/by-hand';
import type { RunOutcome } from './jobs/runner';

/** Who the bot is when Telegram is not there. */
export const localBotInfo = {
  id: 7_000_000_000,
  is_bot: true,
  first_name: '驻村助手',
  username: 'zhucun_local_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

/** A Bot API call the bot made: the method, its parameters (chat_id, text, reply_markup, …) and
 * what the fake Telegram answered (the sent message, with its message_id). */
export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
  result: unknown;
}

/**
 * The terminal's Telegram users: stable, distinctive ids far above today's real ones, so a glance
 * at a chat id says who it is (7 770 … a cadre, 7 771 … a supervisor, 7 772 … the guest).
 */
export const terminalUser = {
  cadre: (cadreId: number) => 7_770_000_000_000 + cadreId,
  user: (userId: number) => 7_771_000_000_000 + userId,
  guest: 7_772_000_000_001,
  /** What a chat id stands for, when it is one of ours. */
  parse(telegramUserId: number): { kind: 'cadre' | 'user' | 'guest'; id: number } | undefined {
    const base = Math.floor(telegramUserId / 1_000_000_000) * 1_000_000_000;
    const id = telegramUserId - base;
    if (base === 7_770_000_000_000) return { kind: 'cadre', id };
    if (base === 7_771_000_000_000) return { kind: 'user', id };
    if (telegramUserId === this.guest) return { kind: 'guest', id: 0 };
    return undefined;
  },
};

export type Target = { cadreId: number } | { username: string };

export type Identity =
  | {
      kind: 'cadre';
      telegramUserId: number;
      cadreId: number;
      name: string;
      village: { name: string; latitude: number; longitude: number } | null;
      /** A Telegram account the cadre was linked to before, now unlinked. */
      movedFrom: number | null;
    }
  | {
      kind: 'user';
      telegramUserId: number;
      userId: number;
      username: string;
      name: string;
      movedFrom: number | null;
    }
  | { kind: 'guest'; telegramUserId: number };

/** Domain refusals are values: what `--cadre`, `--user` and `/as` can be told. */
export type Refusal = {
  ok: false;
  reason: 'unknown-cadre' | 'no-open-assignment' | 'unknown-user';
};

export interface OpenCadre {
  id: number;
  name: string;
  village: string;
  /** The village's geofence centre; null while the village has none. */
  latitude: number | null;
  longitude: number | null;
}

export interface LocalChatDependencies {
  db: Database;
  texts: Texts;
  sessionSecret: string;
  /** TIP_ENCRYPTION_KEY's keyring, as the real bot has it: without it, tips are off. */
  tipKeyring?: TipKeyring;
  /** Where /login links point (the local app). */
  webUrl?: string;
  clock?: () => Date;
}

// Synthetic update ids must never meet a real one (or an earlier session's) in processed_updates,
// or the update would be acknowledged as a repeat and silently dropped: microseconds since 1970.
let lastUpdateId = 0;
function nextUpdateId(): number {
  lastUpdateId = Math.max(lastUpdateId + 1, Date.now() * 1000);
  return lastUpdateId;
}
// Message ids only grow, across restarts too: a button kept by `npm run chat` names its message.
let lastMessageId = Date.now() % 1_000_000_000;

/** A `fetch` for grammY's client that answers like Telegram and records every call. */
export function capturingFetch(clock: () => Date = () => new Date()) {
  const calls: ApiCall[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const method = url.slice(url.lastIndexOf('/') + 1);
    let payload: Record<string, unknown> = {};
    if (typeof init?.body === 'string') payload = JSON.parse(init.body) as Record<string, unknown>;
    let result: unknown = true;
    if (method === 'getMe') result = localBotInfo;
    else if (method.startsWith('send') || method === 'editMessageText') {
      result = {
        message_id: typeof payload.message_id === 'number' ? payload.message_id : ++lastMessageId,
        date: Math.floor(clock().getTime() / 1000),
        chat: { id: payload.chat_id, type: 'private' },
        from: localBotInfo,
        text: payload.text,
        caption: payload.caption,
        reply_markup: payload.reply_markup,
      };
    }
    calls.push({ method, payload, result });
    return new Response(JSON.stringify({ ok: true, result }), {
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

/**
 * Runs one update through the production bot (a fresh instance per update, so concurrent chats
 * never see each other's calls) and returns the Bot API calls it made. The update id is ours.
 */
export async function runUpdate(
  deps: LocalChatDependencies,
  update: Omit<Update, 'update_id'>,
): Promise<ApiCall[]> {
  const telegram = capturingFetch(deps.clock);
  const bot = createBot({
    token: `${localBotInfo.id}:local-chat-without-telegram`,
    db: deps.db,
    texts: deps.texts,
    sessionSecret: deps.sessionSecret,
    botInfo: localBotInfo,
    fetch: telegram.fetch,
    clock: deps.clock,
    tipKeyring: deps.tipKeyring,
    webUrl: deps.webUrl,
  });
  await bot.handleUpdate({ ...update, update_id: nextUpdateId() } as Update);
  return telegram.calls;
}

/** Cadres with an open assignment, with their village and its geofence centre, by id. */
export async function openCadres(db: Database): Promise<OpenCadre[]> {
  return db
    .select({
      id: cadres.id,
      name: cadres.name,
      village: orgUnits.name,
      latitude: orgUnits.latitude,
      longitude: orgUnits.longitude,
    })
    .from(assignments)
    .innerJoin(cadres, eq(cadres.id, assignments.cadreId))
    .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
    .where(isNull(assignments.endsOn))
    .orderBy(asc(cadres.id));
}

/** Checks a target and returns what an invitation needs: a cadre in post, or a user. */
async function resolve(
  db: Database,
  target: Target,
): Promise<{ ok: true; cadreId: number } | { ok: true; userId: number } | Refusal> {
  if ('cadreId' in target) {
    const [cadre] = await db
      .select({ id: cadres.id })
      .from(cadres)
      .where(eq(cadres.id, target.cadreId));
    if (!cadre) return { ok: false, reason: 'unknown-cadre' };
    const [open] = await db
      .select({ id: assignments.id })
      .from(assignments)
      .where(and(eq(assignments.cadreId, cadre.id), isNull(assignments.endsOn)));
    if (!open) return { ok: false, reason: 'no-open-assignment' };
    return { ok: true, cadreId: cadre.id };
  }
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, target.username));
  return user ? { ok: true, userId: user.id } : { ok: false, reason: 'unknown-user' };
}

/** A one-time invitation (the code of the deep link) for a cadre in post or a supervisor. */
export async function inviteFor(
  db: Database,
  target: Target,
  now: Date,
): Promise<{ ok: true; code: string; expiresAt: Date } | Refusal> {
  const found = await resolve(db, target);
  if (!found.ok) return found;
  const { code, expiresAt } = await createInvitation(
    db,
    'cadreId' in found ? { cadreId: found.cadreId } : { userId: found.userId },
    now,
  );
  return { ok: true, code, expiresAt };
}

/**
 * Makes the terminal's Telegram user for a cadre or supervisor and links it, the way /start with an
 * invitation does (a link held by another account moves), with the terminal's language for the
 * messages the bot starts. `'guest'` is the one unlinked user.
 */
export async function linkAs(
  db: Database,
  target: Target | 'guest',
  now: Date,
  languageCode: string | null = null,
): Promise<{ ok: true; identity: Identity } | Refusal> {
  if (target === 'guest') {
    await db.delete(botLinks).where(eq(botLinks.telegramUserId, terminalUser.guest));
    return { ok: true, identity: { kind: 'guest', telegramUserId: terminalUser.guest } };
  }
  return db.transaction(async (tx) => {
    const found = await resolve(tx, target);
    if (!found.ok) return found;
    const telegramUserId =
      'cadreId' in found ? terminalUser.cadre(found.cadreId) : terminalUser.user(found.userId);
    const [before] = await tx
      .select({ telegramUserId: botLinks.telegramUserId })
      .from(botLinks)
      .where(
        'cadreId' in found
          ? eq(botLinks.cadreId, found.cadreId)
          : eq(botLinks.userId, found.userId),
      );
    if (before?.telegramUserId !== telegramUserId) {
      const { code } = await createInvitation(
        tx,
        'cadreId' in found ? { cadreId: found.cadreId } : { userId: found.userId },
        now,
      );
      await redeemInvitation(tx, code, telegramUserId, now, languageCode);
    }
    const movedFrom =
      before && before.telegramUserId !== telegramUserId ? before.telegramUserId : null;
    if ('cadreId' in found) {
      const [row] = await tx
        .select({
          name: cadres.name,
          village: orgUnits.name,
          latitude: orgUnits.latitude,
          longitude: orgUnits.longitude,
        })
        .from(cadres)
        .innerJoin(assignments, and(eq(assignments.cadreId, cadres.id), isNull(assignments.endsOn)))
        .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
        .where(eq(cadres.id, found.cadreId));
      const village =
        row && row.latitude !== null && row.longitude !== null
          ? { name: row.village, latitude: row.latitude, longitude: row.longitude }
          : null;
      return {
        ok: true as const,
        identity: {
          kind: 'cadre' as const,
          telegramUserId,
          cadreId: found.cadreId,
          name: row!.name,
          village,
          movedFrom,
        },
      };
    }
    const [user] = await tx
      .select({ username: users.username, name: users.displayName })
      .from(users)
      .where(eq(users.id, found.userId));
    return {
      ok: true as const,
      identity: {
        kind: 'user' as const,
        telegramUserId,
        userId: found.userId,
        username: user!.username,
        name: user!.name,
        movedFrom,
      },
    };
  });
}

/** `npm run jobs` through a running server (web/jobs/by-hand.ts, with the server's bot). */
export interface JobTools {
  list(): Promise<JobListing[]>;
  run(name: string, at: Date, force: boolean): Promise<RunOutcome | { unknownJob: string }>;
}

/**
 * The /dev/* routes for the local CLI. Bearer `token` (DEV_CHAT_TOKEN in DATA_DIR/secrets.json,
 * which only the local user can read) and, when the runtime tells the peer's address, loopback only.
 * `chat: false` (the bot is on) leaves out /dev/chat and /dev/as: real chats go through Telegram.
 */
export function devChat(
  deps: LocalChatDependencies & { token: string; chat: boolean; jobs?: JobTools },
) {
  const app = new Hono();
  const clock = deps.clock ?? (() => new Date());
  const expected = new TextEncoder().encode(deps.token);

  app.use('/dev/*', async (c, next) => {
    const peer = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
      ?.incoming?.socket?.remoteAddress;
    if (peer !== undefined && !isLoopback(peer)) {
      return c.json({ error: 'forbidden', message: '只允许本机访问 / Local access only' }, 403);
    }
    const given = new TextEncoder().encode(
      (c.req.header('Authorization') ?? '').replace(/^Bearer /, ''),
    );
    if (!sameBytes(given, expected)) {
      return c.json({ error: 'unauthorized', message: '令牌不正确 / Wrong token' }, 401);
    }
    return next();
  });

  app.get('/dev/tools', (c) => c.json({ chat: deps.chat }));
  app.get('/dev/cadres', async (c) => c.json({ cadres: await openCadres(deps.db) }));
  app.post('/dev/invitations', async (c) => {
    const target = parseTarget(await c.req.json().catch(() => null));
    if (!target) return badRequest(c);
    const result = await inviteFor(deps.db, target, clock());
    return c.json(result.ok ? { ...result, expiresAt: result.expiresAt.toISOString() } : result);
  });
  if (deps.jobs) {
    const jobs = deps.jobs;
    app.get('/dev/jobs', async (c) => c.json({ jobs: await jobs.list() }));
    app.post('/dev/jobs/run', async (c) => {
      const body = (await c.req.json().catch(() => null)) as {
        job?: unknown;
        at?: unknown;
        force?: unknown;
      } | null;
      const at = typeof body?.at === 'string' ? new Date(body.at) : undefined;
      if (typeof body?.job !== 'string' || !at || Number.isNaN(at.getTime())) return badRequest(c);
      return c.json(await jobs.run(body.job, at, body.force === true));
    });
  }
  if (deps.chat) {
    app.post('/dev/as', async (c) => {
      const body = (await c.req.json().catch(() => null)) as {
        guest?: unknown;
        languageCode?: unknown;
      } | null;
      const target = body?.guest === true ? 'guest' : parseTarget(body);
      if (!target) return badRequest(c);
      const language = typeof body?.languageCode === 'string' ? body.languageCode : null;
      return c.json(await linkAs(deps.db, target, clock(), language));
    });
    app.post('/dev/chat', async (c) => {
      const body = (await c.req.json().catch(() => null)) as { update?: unknown } | null;
      const update = body?.update;
      if (!update || typeof update !== 'object' || Array.isArray(update)) return badRequest(c);
      return c.json({ calls: await runUpdate(deps, update as Omit<Update, 'update_id'>) });
    });
  }
  return app;
}

function parseTarget(body: unknown): Target | undefined {
  const b = body as { cadreId?: unknown; username?: unknown } | null;
  if (Number.isSafeInteger(b?.cadreId)) return { cadreId: b!.cadreId as number };
  if (typeof b?.username === 'string' && b.username) return { username: b.username };
  return undefined;
}

function badRequest(c: { json: (body: unknown, status: 400) => Response }) {
  return c.json({ error: 'bad-request', message: '请求格式不正确 / Malformed request' }, 400);
}

function isLoopback(address: string): boolean {
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a[i] ?? 0) ^ b[i]!;
  return diff === 0;
}
