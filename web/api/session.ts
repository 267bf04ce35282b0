// Sign-in and sessions: a password (PBKDF2 through WebCrypto) or a one-time link from the bot;
// sessions in the database behind an HttpOnly, SameSite=Lax cookie (Secure behind HTTPS); a CSRF
// token that every cookie-authenticated write must echo in X-CSRF-Token; sign-in rate-limited.
import { and, eq, gt, isNull } from 'drizzle-orm';
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { describeRoute, validator } from 'hono-openapi';
import { z } from 'zod';
import { sha256Hex } from '../../db/queries/invitations';
import { hashPassword, verifyPassword } from '../../db/password';
import { loginTokens, orgUnits, sessions, users } from '../../db/schema';
import type { ApiEnv, SessionUser } from './env';
import { ApiError, forbidden, tooMany, unauthorized } from './errors';
import { invalidInput } from './validate';

export const SESSION_COOKIE = 'zhucun_session';
export const SESSION_HOURS = 12;

/** A user as the session sees them: who, which role, which org subtree. */
const userColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  orgUnitId: users.orgUnitId,
  scopePath: orgUnits.path,
  scopeLevel: orgUnits.level,
  dispatchingUnitId: users.dispatchingUnitId,
  cadreId: users.cadreId,
};

/** Reads the session cookie, if any, into c.var.user. */
export const sessionMiddleware = createMiddleware<ApiEnv>(async (c, next) => {
  c.set('user', null);
  // Villagers' public endpoints know no sessions: a supervisor trying a survey link in their own
  // browser must not be asked for a CSRF token.
  if (c.req.path.startsWith('/api/public/')) return next();
  const token = getCookie(c, SESSION_COOKIE);
  if (token) {
    const idHash = await sha256Hex(token);
    const [row] = await c.var.db
      .select({ ...userColumns, csrfToken: sessions.csrfToken })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
      .where(
        and(
          eq(sessions.idHash, idHash),
          gt(sessions.expiresAt, c.var.now),
          eq(users.disabled, false),
        ),
      );
    if (row) c.set('user', { ...row, sessionHash: idHash });
  }
  // CSRF: a write carried by the cookie must echo the session's token in a header, which another
  // site's page cannot set.
  const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method);
  const user = c.var.user;
  if (unsafe && user && c.req.header('X-CSRF-Token') !== user.csrfToken) {
    throw new ApiError(
      403,
      'csrf',
      '页面已过期，请刷新后再试。',
      'The page is out of date; reload and try again.',
    );
  }
  await next();
});

export function requireUser(c: { var: ApiEnv['Variables'] }): SessionUser {
  if (!c.var.user) throw unauthorized();
  return c.var.user;
}

export function requireRole(
  c: { var: ApiEnv['Variables'] },
  roles: readonly SessionUser['role'][],
): SessionUser {
  const user = requireUser(c);
  if (!roles.includes(user.role)) throw forbidden();
  return user;
}

/** Failed sign-ins per user name and per address, in this process's memory (a window of 15 minutes). */
const failures = new Map<string, number[]>();
const WINDOW_MS = 15 * 60_000;
/** Per user name, and per address (a whole office may share one address behind its router). */
const MAX_FAILURES = { u: 8, a: 50 } as const;
function tooManyFailures(keys: string[], now: number): boolean {
  return keys.some(
    (k) =>
      (failures.get(k) ?? []).filter((t) => now - t < WINDOW_MS).length >=
      MAX_FAILURES[k.startsWith('u:') ? 'u' : 'a'],
  );
}
function recordFailure(keys: string[], now: number): void {
  for (const k of keys)
    failures.set(k, [...(failures.get(k) ?? []).filter((t) => now - t < WINDOW_MS), now]);
  if (failures.size > 100_000) failures.clear();
}

// Compared against when the user name is unknown, so both answers take as long.
let dummyHash: Promise<string> | undefined;

const credentials = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

function clientAddress(c: { req: { header(name: string): string | undefined } }): string {
  return (
    c.req.header('cf-connecting-ip') ??
    c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ??
    'local'
  );
}

export const sessionRoutes = new Hono<ApiEnv>()
  .post(
    '/session',
    describeRoute({ tags: ['session'], summary: 'Sign in with user name and password' }),
    validator('json', credentials, invalidInput),
    async (c) => {
      const { username, password } = c.req.valid('json');
      const now = c.var.now.getTime();
      const keys = [`u:${username.toLowerCase()}`, `a:${clientAddress(c)}`];
      if (tooManyFailures(keys, now)) throw tooMany();
      const [user] = await c.var.db.select().from(users).where(eq(users.username, username));
      dummyHash ??= hashPassword('zhucun-dummy-password');
      const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
      if (!user || !user.passwordHash || !ok || user.disabled) {
        recordFailure(keys, now);
        throw new ApiError(
          401,
          'bad-credentials',
          '用户名或密码不正确。',
          'Wrong user name or password.',
        );
      }
      return startSession(c, user.id);
    },
  )
  .post(
    '/session/link',
    describeRoute({
      tags: ['session'],
      summary: 'Sign in with a one-time link from the bot (/login)',
    }),
    validator('json', z.object({ token: z.string().min(16).max(200) }), invalidInput),
    async (c) => {
      const tokenHash = await sha256Hex(c.req.valid('json').token);
      const used = await c.var.db
        .update(loginTokens)
        .set({ usedAt: c.var.now })
        .where(
          and(
            eq(loginTokens.tokenHash, tokenHash),
            isNull(loginTokens.usedAt),
            gt(loginTokens.expiresAt, c.var.now),
          ),
        )
        .returning({ userId: loginTokens.userId });
      if (!used[0]) {
        throw new ApiError(
          401,
          'bad-link',
          '登录链接无效或已过期（有效期 5 分钟）。',
          'The sign-in link is invalid or has expired (5 minutes).',
        );
      }
      return startSession(c, used[0].userId);
    },
  )
  .get('/session', describeRoute({ tags: ['session'], summary: 'Who is signed in' }), (c) => {
    const user = requireUser(c);
    return c.json(publicUser(user));
  })
  .delete('/session', describeRoute({ tags: ['session'], summary: 'Sign out' }), async (c) => {
    const user = requireUser(c);
    await c.var.db.delete(sessions).where(eq(sessions.idHash, user.sessionHash));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

async function startSession(c: Context<ApiEnv>, userId: number): Promise<Response> {
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(c.var.now.getTime() + SESSION_HOURS * 3_600_000);
  await c.var.db.insert(sessions).values({
    idHash: await sha256Hex(token),
    userId,
    csrfToken,
    createdAt: c.var.now,
    expiresAt,
    lastSeenAt: c.var.now,
  });
  const secure =
    new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    maxAge: SESSION_HOURS * 3600,
  });
  const [row] = await c.var.db
    .select(userColumns)
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(eq(users.id, userId));
  if (!row) throw unauthorized();
  return c.json({ ...publicUser({ ...row, csrfToken, sessionHash: '' }) }, 201);
}

function publicUser(user: SessionUser) {
  const { sessionHash: _, ...rest } = user;
  return rest;
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
