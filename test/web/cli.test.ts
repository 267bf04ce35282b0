// `npm run invite` and `npm run chat` spawned the way a user runs them, on a temporary DATA_DIR
// that holds the demo: the tab-separated list, deep links and bad input; a check-in typed into the
// chat, first on the database itself, then through a running `npm start` (its /dev/chat, guarded by
// a token).
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../core/calendar/local-date';
import { openDatabase } from '../../db/client';
import { seedDemo } from '../../db/seed/demo';
import * as t from '../../db/schema';
import { terminalUser } from '../../web/dev-chat';
import { freePort } from '../support/ports';

const root = join(import.meta.dirname, '..', '..');
/** Processes of one test, killed after it; the server of a describe block lives in its own list. */
const children: ChildProcess[] = [];
const servers: ChildProcess[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'zhucun-cli-'));
const pgliteDir = join(dataDir, 'pglite');
let retiredCadreId: number;

beforeAll(async () => {
  // The demo, as the first `npm start` writes it, and one cadre whose assignment has ended.
  const handle = await openDatabase({ dataDir: pgliteDir });
  await handle.migrate();
  await seedDemo(handle.db, { today: shanghaiDate(new Date()), password: 'zhucun-demo' });
  const [unit] = await handle.db.select().from(t.dispatchingUnits).limit(1);
  const [village] = await handle.db
    .select()
    .from(t.orgUnits)
    .where(eq(t.orgUnits.level, 'village'))
    .limit(1);
  const [retired] = await handle.db
    .insert(t.cadres)
    .values({ name: '期满干部', dispatchingUnitId: unit!.id })
    .returning();
  await handle.db.insert(t.assignments).values({
    cadreId: retired!.id,
    villageId: village!.id,
    role: 'teamMember',
    dispatchLevel: unit!.level,
    dispatchingUnitId: unit!.id,
    startsOn: '2024-01-01',
    endsOn: '2025-12-31',
  });
  retiredCadreId = retired!.id;
  await handle.close();
});

afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  }
});

/** A clean environment: nothing of the developer's own configuration leaks in. */
function environment(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
}

function start(args: string[], env: NodeJS.ProcessEnv, stdin?: string, owner = children) {
  const child = spawn('npm', ['run', '--silent', ...args], { cwd: root, env, detached: true });
  owner.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  if (stdin !== undefined) child.stdin!.end(stdin);
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  return { child, exited, output: () => ({ stdout, stderr }) };
}

async function run(args: string[], extra: Record<string, string>, stdin?: string) {
  const env = environment({ DATA_DIR: dataDir, PORT: String(await freePort()), ...extra });
  const process = start(args, env, stdin);
  const code = await process.exited;
  return { code, ...process.output() };
}

const usage = '用法 / Usage: npm run invite -- --list | --cadre ID | --user USERNAME';
const row = /^(\d+)\t([^\t]+)\t([^\t]+)\t(-?\d+(?:\.\d+)?)\t(-?\d+(?:\.\d+)?)$/;

describe('npm run invite', () => {
  it('--list prints one line per cadre in post: id, name, village and its geofence centre', async () => {
    const { code, stdout, stderr } = await run(['invite', '--', '--list'], {});
    expect(code, stderr).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(40);
    for (const line of lines) expect(line).toMatch(row);
    expect(lines[0]).toMatch(/^1\t\S+\t羊排村\t26\.\d+\t108\.\d+$/);
    expect(lines.some((l) => l.startsWith(`${retiredCadreId}\t`))).toBe(false);
  });

  it('--cadre ID prints a deep link and, without a bot token, how to use the code in npm run chat', async () => {
    const { code, stdout, stderr } = await run(['invite', '--', '--cadre', '7'], {});
    expect(code, stderr).toBe(0);
    const [link, how] = stdout.trimEnd().split('\n');
    const invitation = /^https:\/\/t\.me\/<your-bot>\?start=([A-Za-z0-9_-]{22})$/.exec(link!);
    expect(invitation).not.toBeNull();
    expect(how).toContain(`npm run chat 中发送 /start ${invitation![1]}`);
    expect(how).toContain(`send /start ${invitation![1]} in npm run chat`);
    expect(stderr).toMatch(
      /^只能使用一次，有效期至 \d{4}-\d\d-\d\d \d\d:\d\d（北京时间） \/ Single use/,
    );
  });

  async function refuses(args: string[], message: RegExp) {
    const { code, stdout, stderr } = await run(['invite', '--', ...args], {});
    expect(code, args.join(' ')).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(message), usage]);
  }

  it('refuses malformed arguments with one line in Chinese then English, the usage, and exit code 2', async () => {
    // Checked before the database is opened, so these may run side by side.
    await Promise.all([
      refuses([], /^错误：缺少参数 \/ Error: missing argument$/),
      refuses(
        ['--cadre', 'abc'],
        /^错误：干部编号必须是整数（当前值 "abc"） \/ Error: the cadre id must be an integer/,
      ),
      refuses(
        ['--frobnicate'],
        /^错误：参数不正确：--frobnicate \/ Error: unexpected arguments: --frobnicate$/,
      ),
    ]);
  });

  it('refuses an unknown cadre, a cadre out of post and an unknown user the same way', async () => {
    await refuses(
      ['--cadre', '99999'],
      /^错误：没有编号为 99999 的驻村干部 \/ Error: no cadre with id 99999$/,
    );
    await refuses(
      ['--cadre', String(retiredCadreId)],
      new RegExp(
        `^错误：驻村干部 ${retiredCadreId} 目前没有在岗的派驻任务 / Error: cadre ${retiredCadreId} has no open assignment$`,
      ),
    );
    await refuses(
      ['--user', 'nobody'],
      /^错误：没有用户名为 nobody 的账号 \/ Error: no account named nobody$/,
    );
  });
});

describe('npm run chat on the database itself', () => {
  it('links the terminal user with /as, checks in with /loc and gets the ✅ reply', async () => {
    const list = await run(['invite', '--', '--list'], {});
    const [, id, name, village, lat, lon] = row.exec(list.stdout.split('\n')[4]!)!;
    const { code, stdout, stderr } = await run(
      ['chat'],
      {},
      `/as ${id}\n/loc ${lat} ${lon}\n/quit\n`,
    );
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(`直接打开数据库 / On the database itself: PGlite in ${pgliteDir}`);
    expect(stdout).toContain(
      `现在您是驻村干部 ${name}（编号 ${id}，${village}），Telegram 用户 ${terminalUser.cadre(Number(id))}`,
    );
    expect(stdout).toMatch(/🤖 ✅ 打卡成功，\d{4}-\d\d-\d\d 在村。\n {3}\d{4}年\d+月：在村 \d+ 天/);
    expect(stdout).toContain('⌨ [📍 打卡]');
  });

  it('redeems an invitation from npm run invite with /start CODE, once; buttons are pressed by number', async () => {
    const invite = await run(['invite', '--', '--cadre', '9'], {});
    expect(invite.code, invite.stderr).toBe(0);
    const code = /start=(\S+)/.exec(invite.stdout)![1];
    const supervisor = await run(['invite', '--', '--user', 'demo-township'], {});
    expect(supervisor.code, supervisor.stderr).toBe(0);
    const supervisorCode = /start=(\S+)/.exec(supervisor.stdout)![1];
    const { stdout } = await run(
      ['chat'],
      {},
      [
        `/start ${code}`,
        '今天在村委会整理了低保户材料',
        '1',
        '/as guest',
        `/start ${code}`,
        `/start ${supervisorCode}`,
      ].join('\n') + '\n',
    );
    expect(stdout).toMatch(/🤖 绑定成功：\S+，\S+村。/);
    expect(stdout).toMatch(
      /🤖 📝 民情日记已保存（\d{4}-\d\d-\d\d）。本月已写 \d+ 篇。\n {3}\[1\] 撤销这篇/,
    );
    expect(stdout).toContain('🤖 已撤销这篇民情日记。');
    expect(stdout).toContain('🤖 这个绑定码已经用过了。');
    expect(stdout).toContain('🤖 绑定成功：西江镇党委（演示）。');
  });

  it('speaks English with --en', async () => {
    const { stdout } = await run(['chat', '--', '--en'], {}, '/as 3\n/fly\n');
    expect(stdout).toContain('🤖 There is no such command.');
  });
});

describe('npm run chat through a running npm start', () => {
  let server: ReturnType<typeof start>;
  let port: number;
  const chatDir = mkdtempSync(join(tmpdir(), 'zhucun-chat-'));

  beforeAll(async () => {
    port = await freePort();
    server = start(
      ['start'],
      environment({ DATA_DIR: dataDir, PORT: String(port) }),
      undefined,
      servers,
    );
    for (let i = 0; i < 240; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(server.output().stdout).toContain('local chat: run npm run chat');
    // The chat's own DATA_DIR holds the secrets only, no database: a ✅ must come from the server.
    copyFileSync(join(dataDir, 'secrets.json'), join(chatDir, 'secrets.json'));
  });
  afterAll(() => {
    for (const child of servers.splice(0)) {
      if (child.exitCode === null && child.signalCode === null)
        process.kill(-child.pid!, 'SIGKILL');
    }
  });

  it('guards /dev/chat with the token from DATA_DIR/secrets.json', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`http://127.0.0.1:${port}/dev/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ update: { message: {} } }),
      });
    expect((await post({})).status).toBe(401);
    expect((await post({ Authorization: 'Bearer not-the-token' })).status).toBe(401);
  });

  it('checks in through the server, not on the database', async () => {
    const env = { DATA_DIR: chatDir, PORT: String(port) };
    const list = await run(['invite', '--', '--list'], env);
    expect(list.stderr).toBe('');
    expect(list.stdout.trimEnd().split('\n')).toHaveLength(40);
    const [, id, , , lat, lon] = row.exec(list.stdout.split('\n')[11]!)!;
    const { code, stdout, stderr } = await run(['chat'], env, `/as ${id}\n/loc ${lat} ${lon}\n`);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(`已连接 npm start：http://127.0.0.1:${port}`);
    expect(stdout).toMatch(/🤖 ✅ 打卡成功，\d{4}-\d\d-\d\d 在村。/);
    expect(existsSync(join(chatDir, 'pglite'))).toBe(false);

    // Stop the server, then see what it wrote.
    process.kill(-server.child.pid!, 'SIGTERM');
    await server.exited;
    const handle = await openDatabase({ dataDir: pgliteDir });
    try {
      const telegramUserId = terminalUser.cadre(Number(id));
      const [link] = await handle.db
        .select()
        .from(t.botLinks)
        .where(eq(t.botLinks.telegramUserId, telegramUserId));
      expect(link?.cadreId).toBe(Number(id));
      const checkIns = await handle.db
        .select()
        .from(t.checkIns)
        .where(and(eq(t.checkIns.cadreId, Number(id)), eq(t.checkIns.inside, true)));
      expect(checkIns.filter((c) => c.telegramUpdateId !== null)).toHaveLength(1);
    } finally {
      await handle.close();
    }
  });
});
