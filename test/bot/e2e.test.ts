// End to end in webhook mode: the real `npm start` with TELEGRAM_BOT_TOKEN, TELEGRAM_API_ROOT and
// PUBLIC_URL on 127.0.0.1, Telegram played by telegram-test-api. A user links a demo cadre with
// a link from `npm run invite`, checks in inside the village and writes a diary entry, all in
// Chinese; then the rows in the database. Two gaps of telegram-test-api 4.2.1 are filled in front:
// - it has no setMyCommands (its catch-all answers 500 "API method … is not supported", and
//   `npm start` would stop on it): the Bot API front answers that one and passes the rest on;
// - its webhook delivery (TelegramServer#addUserUpdate, axios POST of the bare update) drops the
//   secret_token the bot gave setWebhook, which Telegram sends as X-Telegram-Bot-Api-Secret-Token:
//   PUBLIC_URL points at a front that adds the header from the emulator's registered webhook.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { shanghaiDate } from '../../core/calendar/local-date';
import { openDatabase } from '../../db/client';
import { seedDemo } from '../../db/seed/demo';
import * as t from '../../db/schema';
import { type OpenCadre, openCadres } from '../../web/dev-chat';
import { freePort } from '../support/ports';

const root = join(import.meta.dirname, '..', '..');
const TOKEN = '123456789:e2e-test-token-abcdefghijklmnopqrstuvwxyz';
const USER_ID = 5_550_001;

/** A small HTTP server on 127.0.0.1 that answers each request with `handle`. */
async function front(
  handle: (request: { method: string; path: string; body: string }) => Promise<Response>,
) {
  const server = createHttpServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const answer = await handle({ method: req.method!, path: req.url!, body }).catch(
      (error: Error) => new Response(error.message, { status: 502 }),
    );
    res.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'application/json',
    });
    res.end(await answer.text());
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

function spawnNpm(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn('npm', ['run', '--silent', ...args], { cwd: root, env, detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  return { child, exited, output: () => ({ stdout, stderr }) };
}

describe('the bot end to end in webhook mode, against telegram-test-api', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhucun-e2e-'));
  const pgliteDir = join(dataDir, 'pglite');
  let telegram: TelegramServer;
  let apiFront: Awaited<ReturnType<typeof front>>;
  let hookFront: Awaited<ReturnType<typeof front>>;
  let server: ReturnType<typeof spawnNpm>;
  let env: NodeJS.ProcessEnv;
  let cadre: OpenCadre;
  const commandMenus: unknown[] = [];
  const deliveries: number[] = [];
  let appUrl: string;

  /** The emulator's record of the bot's setWebhook call (not in its typings). */
  const webhook = () =>
    (telegram as unknown as { webhooks: Record<string, { url: string; secret_token?: string }> })
      .webhooks[TOKEN];

  beforeAll(async () => {
    const handle = await openDatabase({ dataDir: pgliteDir });
    await handle.migrate();
    await seedDemo(handle.db, { today: shanghaiDate(new Date()), password: 'zhucun-demo' });
    cadre = (await openCadres(handle.db))[5]!;
    await handle.close();

    telegram = new TelegramServer({ port: await freePort(), host: '127.0.0.1' });
    await telegram.start();
    apiFront = await front(async ({ method, path, body }) => {
      if (path.endsWith('/setMyCommands')) {
        commandMenus.push(JSON.parse(body));
        return Response.json({ ok: true, result: true });
      }
      return fetch(`${telegram.config.apiURL}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'GET' ? undefined : body,
      });
    });
    const appPort = await freePort();
    appUrl = `http://127.0.0.1:${appPort}`;
    hookFront = await front(async ({ path, body }) => {
      const secret = webhook()?.secret_token;
      const res = await fetch(`${appUrl}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(secret ? { 'X-Telegram-Bot-Api-Secret-Token': secret } : {}),
        },
        body,
      });
      deliveries.push(res.status);
      return res;
    });

    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(appPort),
      DATA_DIR: dataDir,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: apiFront.url,
      PUBLIC_URL: hookFront.url,
    };
    server = spawnNpm(['start'], env);
    let done = false;
    void server.exited.then(() => (done = true));
    for (let i = 0; i < 240 && !done; i++) {
      const ok = await fetch(`${appUrl}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`npm start did not come up:\n${JSON.stringify(server.output(), null, 2)}`);
  });

  afterAll(async () => {
    const child: ChildProcess | undefined = server?.child;
    if (child?.pid && child.exitCode === null && child.signalCode === null)
      process.kill(-child.pid, 'SIGKILL');
    apiFront?.close();
    hookFront?.close();
    await telegram?.stop();
  });

  it('registers the webhook at PUBLIC_URL with the secret from DATA_DIR, and the command menu', () => {
    const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as Record<
      string,
      string
    >;
    expect(webhook()).toMatchObject({
      url: `${hookFront.url}/bot/webhook`,
      secret_token: secrets.TELEGRAM_WEBHOOK_SECRET,
    });
    expect(commandMenus).toHaveLength(2);
    expect(server.output().stdout).toContain(`webhook at ${hookFront.url}/bot/webhook`);
  });

  it('links, checks in inside the village and writes a diary entry, in Chinese, through the webhook', async () => {
    // The invitation comes from `npm run invite`, through the running server (it holds PGlite);
    // the bot's name from getMe, answered by the emulator.
    const invite = spawnNpm(['invite', '--', '--cadre', String(cadre.id)], env);
    expect(await invite.exited).toBe(0);
    const link = invite.output().stdout.trim();
    const code = /^https:\/\/t\.me\/TestNameBot\?start=([A-Za-z0-9_-]{22})$/.exec(link)?.[1];
    expect(code, link).toBeDefined();

    const client = telegram.getClient(TOKEN, {
      userId: USER_ID,
      chatId: USER_ID,
      firstName: '测试',
      timeout: 30_000,
    });
    const reply = async () => {
      const { result } = await client.getUpdates();
      return result.map((u) => String(u.message.text)).join('\n');
    };

    await client.sendCommand(client.makeCommand(`/start ${code}`));
    expect(await reply()).toBe(
      `绑定成功：${cadre.name}，${cadre.village}。以后每天点「📍 打卡」发送位置即可。`,
    );

    const today = shanghaiDate(new Date());
    // A location, sent just now, about 110 m north of the village centre. The emulator's client
    // builds messages with text; without it, it carries the location alone.
    const location = { latitude: cadre.latitude! + 0.001, longitude: cadre.longitude! };
    await client.sendMessage(client.makeMessage(undefined as unknown as string, { location }));
    expect(await reply()).toMatch(
      new RegExp(`^✅ 打卡成功，${today} 在村。\\n\\d{4}年\\d+月：在村 \\d+ 天，请假 \\d+ 天，`),
    );

    await client.sendMessage(client.makeMessage('走访了三户脱贫监测户，了解春耕和务工情况'));
    expect(await reply()).toMatch(
      new RegExp(`^📝 民情日记已保存（${today}）。本月已写 \\d+ 篇。$`),
    );
    // The reply reaches the emulator before the webhook call it answers has returned.
    await vi.waitFor(() => expect(deliveries).toEqual([200, 200, 200]));
  });

  it('refuses a delivery without the secret token', async () => {
    const res = await fetch(`${appUrl}/bot/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ update_id: 1, message: { text: '/help' } }),
    });
    expect(res.status).toBe(401);
  });

  it('sends npm run chat to Telegram while the server runs the bot on PGlite', async () => {
    const chat = spawnNpm(['chat'], env);
    chat.child.stdin!.end();
    expect(await chat.exited).toBe(1);
    expect(chat.output().stderr).toContain(
      'runs the Telegram bot and holds the local database: chat with the bot in Telegram',
    );
  });

  it('wrote the link, the check-in and the diary entry', async () => {
    process.kill(-server.child.pid!, 'SIGTERM');
    await server.exited;
    expect(server.output().stdout).toMatch(/stopped\n$/);
    const handle = await openDatabase({ dataDir: pgliteDir });
    try {
      const today = shanghaiDate(new Date());
      const [link] = await handle.db
        .select()
        .from(t.botLinks)
        .where(eq(t.botLinks.telegramUserId, USER_ID));
      expect(link).toMatchObject({ cadreId: cadre.id, userId: null });
      const checkIns = await handle.db
        .select()
        .from(t.checkIns)
        .where(and(eq(t.checkIns.cadreId, cadre.id), eq(t.checkIns.localDate, today)));
      const fromBot = checkIns.filter((c) => c.telegramUpdateId !== null);
      expect(fromBot).toHaveLength(1);
      expect(fromBot[0]).toMatchObject({ inside: true, live: false });
      expect(fromBot[0]!.distanceMetres).toBeGreaterThan(100);
      expect(fromBot[0]!.distanceMetres).toBeLessThan(120);
      const diary = await handle.db
        .select()
        .from(t.diaryEntries)
        .where(and(eq(t.diaryEntries.cadreId, cadre.id), eq(t.diaryEntries.localDate, today)));
      expect(diary.map((d) => d.text)).toContain('走访了三户脱贫监测户，了解春耕和务工情况');
      const [invitation] = await handle.db
        .select()
        .from(t.invitations)
        .where(eq(t.invitations.cadreId, cadre.id));
      expect(invitation!.usedAt).not.toBeNull();
    } finally {
      await handle.close();
    }
  });
});
