// `npm run jobs` spawned the way an operator runs it, on a temporary DATA_DIR holding the demo: the
// listing with next occurrences, one occurrence run by hand exactly once (again only with --force),
// and wrong input refused with one bilingual line, the usage and exit code 2.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../../core/calendar/local-date';
import { openDatabase } from '../../../db/client';
import { seedDemo } from '../../../db/seed/demo';
import { jobs } from '../../../web/jobs/schedule';

const root = join(import.meta.dirname, '..', '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'zhucun-jobs-'));

beforeAll(async () => {
  const handle = await openDatabase({ dataDir: join(dataDir, 'pglite') });
  await handle.migrate();
  await seedDemo(handle.db, { today: shanghaiDate(new Date()), password: 'zhucun-demo' });
  await handle.close();
});

/** Runs `npm run jobs -- …args` on the demo's DATA_DIR, with a port nobody listens on. */
function jobsCli(
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', 'jobs', '--', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, PORT: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const usage = '用法 / Usage: npm run jobs -- list | run JOB [--at YYYY-MM-DDTHH:mm] [--force]';

describe('npm run jobs', () => {
  it('lists every job with its rule and next occurrences in Beijing time', async () => {
    const { code, stdout } = await jobsCli('list');
    expect(code).toBe(0);
    for (const job of jobs) expect(stdout).toContain(`${job.name} — `);
    expect(stdout).toContain('FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=0;BYMINUTE=30');
    expect(stdout).toMatch(/下次 \/ next: \d{4}-\d{2}-01 00:30, /);
  });

  it('runs the housekeeping of Thu 2026-11-26 03:00 once; again only with --force', async () => {
    const first = await jobsCli('run', 'housekeeping', '--at', '2026-11-26T03:00');
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('housekeeping 2026-11-26 03:00：完成 / done via PGlite');
    const again = await jobsCli('run', 'housekeeping', '--at', '2026-11-26T03:00');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('未运行（done）');
    const forced = await jobsCli('run', 'housekeeping', '--at', '2026-11-26T03:00', '--force');
    expect(forced.stdout).toContain('完成 / done');
    const { stdout } = await jobsCli('list');
    expect(stdout).toContain('上次 / last: 2026-11-26 03:00 done (2)');
  });

  it('refuses an unknown job and a malformed time with one line, the usage and exit code 2', async () => {
    const unknown = await jobsCli('run', 'payroll');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /^错误：没有任务 "payroll"（可用：monthClose, .*） \/ Error: no job "payroll" \(there are: monthClose, .*\)$/,
      ),
      usage,
    ]);
    const badTime = await jobsCli('run', 'monthClose', '--at', '2026-12-01 00:30');
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toContain(
      '--at 须为北京时间 YYYY-MM-DDTHH:mm（当前值 "2026-12-01 00:30"）',
    );
  });
});
