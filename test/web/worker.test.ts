// The Worker (web/worker.ts) in workerd, started for real with `npm run dev:worker` (wrangler dev)
// on a fresh PostgreSQL database: the HTTP smoke suite that the Node app passes (api-smoke.ts), a
// check-in through the bot's webhook, the webhook's registration with `npm run webhook`, and a Cron
// Trigger running the scheduled jobs exactly once. Telegram is a fake Bot API on 127.0.0.1 (the
// same fake as the bot's suites, behind HTTP). PostgreSQL only: Hyperdrive speaks nothing else.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../core/calendar/local-date';
import { type DatabaseHandle, openDatabase } from '../../db/client';
import * as t from '../../db/schema';
import { type OpenCadre, openCadres } from '../../web/dev-chat';
import { createPostgresDatabase, postgresUrl } from '../support/databases';
import { fakeTelegram } from '../support/telegram';
import { apiSmoke } from './api-smoke';
import { freePort } from '../support/ports';

const root = join(import.meta.dirname, '..', '..');
const TOKEN = '123456789:worker-test-token-abcdefghijklmnopqrstu';
const USER_ID = 5_550_042;

/** The fake Bot API of the bot's suites, served over HTTP for the Worker to reach. */
async function telegramOverHttp() {
  const telegram = fakeTelegram();
  const server = createHttpServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const answer = await telegram.fetch(`http://telegram${req.url}`, {
      method: req.method,
      body: body || undefined,
    });
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(await answer.text());
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
  return { ...telegram, url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

function spawnNpm(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn('npm', ['run', '--silent', ...args], { cwd: root, env, detached: true });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, exited, output: () => output };
}

describe.skipIf(!postgresUrl)('the Worker in workerd (npm run dev:worker), on PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhucun-worker-'));
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let handle: DatabaseHandle;
  let telegram: Awaited<ReturnType<typeof telegramOverHttp>>;
  let worker: ReturnType<typeof spawnNpm>;
  let env: NodeJS.ProcessEnv;
  let base: string;
  let cadre: OpenCadre;
  const secret = () =>
    (JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as Record<string, string>)
      .TELEGRAM_WEBHOOK_SECRET!;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    telegram = await telegramOverHttp();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      PORT: String(port),
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: telegram.url,
    };
    const args = ['--ip', '127.0.0.1', '--test-scheduled', '--persist-to', join(dataDir, 'state')];
    worker = spawnNpm(['dev:worker', '--', ...args], env);
    let exited = false;
    void worker.exited.then(() => (exited = true));
    for (let i = 0; i < 240 && !exited; i++) {
      const up = await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    if (exited || !(await fetch(`${base}/healthz`).catch(() => undefined))?.ok)
      throw new Error(`npm run dev:worker did not come up:\n${worker.output()}`);

    handle = await openDatabase({ url: database.url, maxConnections: 2 });
    cadre = (await openCadres(handle.db))[3]!;
    await handle.db.insert(t.botLinks).values({ telegramUserId: USER_ID, cadreId: cadre.id });
  }, 180_000);

  afterAll(async () => {
    const child: ChildProcess | undefined = worker?.child;
    if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    await worker?.exited;
    telegram?.close();
    await handle?.close();
    await database?.drop();
  });

  describe('the HTTP smoke suite', () => {
    apiSmoke(() => ({ request: (path, init) => fetch(`${base}${path}`, init) }), 'postgres');
  });

  /** A location message from the linked cadre, as Telegram delivers it to the webhook. */
  const locationUpdate = (updateId: number) => ({
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: USER_ID, type: 'private', first_name: '测试' },
      from: { id: USER_ID, is_bot: false, first_name: '测试', language_code: 'zh-hans' },
      location: { latitude: cadre.latitude! + 0.001, longitude: cadre.longitude! },
    },
  });
  const deliver = (update: unknown, token = secret()) =>
    fetch(`${base}/bot/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': token },
      body: JSON.stringify(update),
    });

  it('checks a cadre in through the webhook, once however often Telegram delivers it', async () => {
    const today = shanghaiDate(new Date());
    const update = locationUpdate(900_001);
    expect((await deliver(update)).status).toBe(200);
    expect((await deliver(update)).status).toBe(200);

    const replies = telegram.sent(USER_ID);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatch(new RegExp(`^✅ 打卡成功，${today} 在村。`));
    const checkIns = await handle.db
      .select()
      .from(t.checkIns)
      .where(and(eq(t.checkIns.cadreId, cadre.id), isNotNull(t.checkIns.telegramUpdateId)));
    expect(checkIns).toHaveLength(1);
    expect(checkIns[0]).toMatchObject({
      localDate: today,
      inside: true,
      telegramUpdateId: 900_001,
    });
  });

  it('refuses a delivery without the secret token', async () => {
    const res = await deliver(locationUpdate(900_002), 'not-the-secret-token');
    expect(res.status).toBe(401);
  });

  it('registers the webhook with Telegram: npm run webhook', async () => {
    const publicUrl = 'https://zhucun.example.org';
    const run = spawnNpm(['webhook'], {
      ...env,
      PUBLIC_URL: publicUrl,
      TELEGRAM_WEBHOOK_SECRET: secret(),
    });
    expect(await run.exited, run.output()).toBe(0);
    expect(run.output()).toContain(`webhook set to ${publicUrl}/bot/webhook`);
    expect(telegram.calls.find((c) => c.method === 'setWebhook')?.payload).toEqual({
      url: `${publicUrl}/bot/webhook`,
      secret_token: secret(),
    });
    expect(telegram.calls.filter((c) => c.method === 'setMyCommands')).toHaveLength(2);
  });

  it('runs the scheduled jobs on a Cron Trigger, each occurrence once', async () => {
    const trigger = () =>
      fetch(`${base}/__scheduled?cron=${encodeURIComponent('0 0,1,19 * * *')}`).then((r) =>
        r.text(),
      );
    await trigger();
    const runs = await handle.db.select().from(t.jobRuns);
    // The last month's close is due on any day of this month; so is last night's housekeeping.
    const names = new Set(runs.map((r) => r.job));
    expect(names).toContain('monthClose');
    expect(names).toContain('housekeeping');
    expect(
      runs.every((r) => r.state === 'done'),
      JSON.stringify(runs),
    ).toBe(true);

    await trigger();
    expect(await handle.db.select().from(t.jobRuns)).toHaveLength(runs.length);
  });
});
