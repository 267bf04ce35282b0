// Starts the real product the way a newcomer does (`npm start`) and talks to it over HTTP: what
// passes in vitest must also run under node. Also: a bad start ends with one clear line.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresDatabase, postgresUrl } from '../support/databases';
import { freePort } from '../support/ports';

const root = join(import.meta.dirname, '..', '..');
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
  }
});

/** A clean environment: nothing of the developer's own configuration leaks in. */
function environment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
  return env;
}

function start(command: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(command[0]!, command.slice(1), { cwd: root, env, detached: true });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  // 'close' waits for every process holding the pipes (npm's children too), not only the first.
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  return { child, exited, output: () => ({ stdout, stderr }) };
}

async function waitForHealth(port: number, exited: Promise<unknown>): Promise<Response> {
  let done = false;
  void exited.then(() => (done = true));
  for (let i = 0; i < 240 && !done; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status === 200) return res;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the server did not become healthy');
}

async function startsAndStops(extra: Record<string, string>) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'zhucun-start-'));
  const run = start(
    ['npm', 'start', '--silent'],
    environment({ PORT: String(port), DATA_DIR: dataDir, ...extra }),
  );
  const res = await waitForHealth(port, run.exited).catch((error) => {
    throw new Error(`${error.message}\n${run.output().stdout}\n${run.output().stderr}`);
  });
  const body = await res.json();
  // The PWA is served by the same process (built on start when missing or stale).
  const pages = Object.fromEntries(
    await Promise.all(
      ['/', '/s/0123456789abcdefghij', '/sw.js', '/manifest.webmanifest'].map(async (path) => {
        const page = await fetch(`http://127.0.0.1:${port}${path}`);
        return [
          path,
          { status: page.status, type: page.headers.get('content-type'), text: await page.text() },
        ];
      }),
    ),
  );
  // Stop the way Ctrl-C or a service manager does: the signal to the whole process group. (npm
  // itself dies on SIGTERM without passing it on; the product must still stop cleanly.)
  process.kill(-run.child.pid!, 'SIGTERM');
  await run.exited;
  return { body, pages, ...run.output() };
}

describe('npm start', () => {
  it('serves /healthz and the PWA on embedded PGlite with demo data, and stops cleanly on SIGTERM', async () => {
    const { body, stdout, pages } = await startsAndStops({});
    expect(body).toMatchObject({ ok: true, database: { driver: 'pglite', reachable: true } });
    expect(pages['/']).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(pages['/']!.text).toContain('<title>驻村 · 管理</title>');
    expect(pages['/s/0123456789abcdefghij']!.text).toContain('<title>驻村干部满意度测评</title>');
    expect(pages['/sw.js']).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' });
    expect(JSON.parse(pages['/manifest.webmanifest']!.text)).toMatchObject({ short_name: '驻村' });
    expect(body.schema.current).toBe(body.schema.expected);
    expect(stdout).toContain('demo data seeded');
    expect(stdout).toContain('demo-county');
    expect(stdout).toContain('zhucun-demo');
    expect(stdout).toMatch(/SIGTERM received, stopping\n.*stopped\n$/);
  });

  it.skipIf(!postgresUrl)('serves /healthz on PostgreSQL through DATABASE_URL', async () => {
    const database = await createPostgresDatabase();
    try {
      const { body, stdout } = await startsAndStops({ DATABASE_URL: database.url });
      expect(body).toMatchObject({ ok: true, database: { driver: 'postgres', reachable: true } });
      expect(stdout).toContain('demo data seeded');
      expect(stdout).toMatch(/stopped\n$/);
    } finally {
      await database.drop();
    }
  });

  const direct = [join(root, 'node_modules', '.bin', 'tsx'), 'web/node.ts'];

  it('stops with one line naming PORT when PORT=abc', async () => {
    const run = start(
      direct,
      environment({ PORT: 'abc', DATA_DIR: mkdtempSync(join(tmpdir(), 'z-')) }),
    );
    expect(await run.exited).toBe(1);
    const lines = run.output().stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^配置错误：PORT .* \/ Configuration error: PORT must be an integer from 1 to 65535 \(got "abc"\)$/,
    );
  });

  it('stops with one line naming the database when DATABASE_URL cannot be reached', async () => {
    const port = await freePort(); // nothing listens there
    const run = start(
      direct,
      environment({
        DATABASE_URL: `postgres://zhucun:secret@127.0.0.1:${port}/zhucun`,
        DATA_DIR: mkdtempSync(join(tmpdir(), 'z-')),
      }),
    );
    expect(await run.exited).toBe(1);
    const stderr = run
      .output()
      .stderr.trim()
      .split('\n')
      .filter((l) => !l.includes('Warning'));
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toContain(`127.0.0.1:${port}/zhucun`);
    expect(stderr[0]).toContain('Cannot start: cannot reach the database');
    expect(stderr[0]).not.toContain('secret');
  });
});
