// wrangler.toml against the code it deploys: the Cron Triggers fire at exactly the minutes of the
// scheduler's rules (web/jobs/schedule.ts), the compatibility date is one the bundled workerd knows,
// and the bundle wrangler builds stays within Workers' size limits (reported for the README).
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { occurrencesBetween } from '../../web/jobs/recurrence';
import { jobs } from '../../web/jobs/schedule';

const root = join(import.meta.dirname, '..', '..');
const toml = readFileSync(join(root, 'wrangler.toml'), 'utf8');
const MiB = 1024 * 1024;
// Two years from a fixed instant: every monthly and yearly rule occurs, and the test never drifts.
const from = new Date('2026-11-01T00:00:00Z');
const until = new Date('2028-11-01T00:00:00Z');

/**
 * The strings of a one-line `key = …` in `[section]` (none: before the first section). No TOML
 * library is installed; the values read here (a string, a list of strings) are JSON as well.
 */
function tomlStrings(text: string, key: string, section?: string): string[] {
  const chunks = text.split(/^\[/m);
  const body = section ? chunks.find((c) => c.startsWith(`${section}]\n`)) : chunks[0];
  const where = section ? `[${section}]` : 'the top level';
  const line = body?.match(new RegExp(`^${key}\\s*=\\s*(.*?)\\s*$`, 'm'))?.[1];
  if (line === undefined) throw new Error(`wrangler.toml: no "${key} = …" line in ${where}`);
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error(`wrangler.toml: ${key} = ${line} in ${where} is not a plain string or list`);
  }
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((item) => typeof item === 'string'))
    throw new Error(`wrangler.toml: ${key} in ${where} is not a string or a list of strings`);
  return list;
}

// A cron's five fields, in UTC as Cloudflare reads them (day of week: 0 = Sunday).
const FIELDS = ['minute', 'hour', 'day of month', 'month', 'day of week'];
const MIN = [0, 0, 1, 1, 0];
const MAX = [59, 23, 31, 12, 6];
type CronSets = [Set<number>, Set<number>, Set<number>, Set<number>, Set<number>];

/** The values each field of a cron allows: n, a,b, a-b, * and *\/n; anything else is refused. */
function parseCron(cron: string): CronSets {
  const fields = cron.split(' ');
  if (fields.length !== 5) throw new Error(`cron "${cron}": expected 5 fields, one space apart`);
  // With both day fields restricted, cron fires when either matches; we need neither, so refuse it.
  if (fields[2] !== '*' && fields[4] !== '*')
    throw new Error(`cron "${cron}": day of month and day of week are both restricted`);
  return fields.map((field, i) => {
    const [min, max] = [MIN[i]!, MAX[i]!];
    const values = new Set<number>();
    for (const part of field.split(',')) {
      const m = /^(?:\*(?:\/(\d+))?|(\d+)(?:-(\d+))?)$/.exec(part);
      const [first, last, step] = m?.[2] // a number or a range; else * or */n
        ? [Number(m[2]), Number(m[3] ?? m[2]), 1]
        : [min, max, Number(m?.[1] ?? 1)];
      if (!m || first < min || last > max || first > last || step < 1)
        throw new Error(`cron "${cron}": ${FIELDS[i]} "${part}" is not n, a,b, a-b, * or */n`);
      for (let value = first; value <= last; value += step) values.add(value);
    }
    return values;
  }) as CronSets;
}

/** Every minute the cron fires at in (after, until], day by day (after: a UTC midnight). */
function firings(cron: string, after: Date, until: Date): Date[] {
  const [minutes, hours, days, months, weekdays] = parseCron(cron);
  const out: Date[] = [];
  for (let day = after; day <= until; day = new Date(day.getTime() + 86_400_000)) {
    if (!days.has(day.getUTCDate()) || !months.has(day.getUTCMonth() + 1)) continue;
    if (!weekdays.has(day.getUTCDay())) continue;
    for (const hour of hours)
      for (const minute of minutes) {
        const at = new Date(day.getTime() + (hour * 60 + minute) * 60_000);
        if (at > after && at <= until) out.push(at);
      }
  }
  return out.sort((a, b) => a.getTime() - b.getTime());
}

const hhmm = (at: Date) => at.toISOString().slice(11, 16);

/**
 * Where the crons and the jobs' rules disagree, from `from` to `until`: an occurrence no cron fires
 * at (the job would never run on Workers), or a time of day a cron fires at that no occurrence
 * needs (an invocation for nothing, or a typo). `wanted`: the UTC `M H` of all occurrences.
 */
function disagreements(crons: string[]): { problems: string[]; wanted: string } {
  const fired = new Set(crons.flatMap((cron) => firings(cron, from, until).map(Number)));
  const occurrences = jobs.map((job) => ({ job, at: occurrencesBetween(job.rule, from, until) }));
  const needed = new Set(occurrences.flatMap(({ at }) => at.map(Number)));
  const problems: string[] = [];
  for (const { job, at } of occurrences) {
    const missed = at.filter((d) => !fired.has(d.getTime()));
    const first = missed[0]?.toISOString().slice(0, 16);
    if (first) problems.push(`${job.name} at ${first}Z (${missed.length} in all): no cron fires`);
  }
  for (const cron of crons) {
    const times = firings(cron, from, until);
    const used = new Set(times.filter((at) => needed.has(at.getTime())).map(hhmm));
    const idle = [...new Set(times.map(hhmm))].filter((time) => !used.has(time));
    if (used.size === 0) problems.push(`cron "${cron}" never fires when a job has an occurrence`);
    else if (idle.length > 0)
      problems.push(`cron "${cron}" fires at ${idle.join(', ')} UTC for no job`);
  }
  const pairs = [...needed].map(
    (t) => `${new Date(t).getUTCMinutes()} ${new Date(t).getUTCHours()}`,
  );
  return { problems, wanted: `occurrences at UTC "M H": ${[...new Set(pairs)].sort().join(', ')}` };
}

describe('wrangler.toml: Cron Triggers and the scheduler agree', () => {
  const crons = tomlStrings(toml, 'crons', 'triggers');

  it('every occurrence of every job from 2026-11-01 to 2028-11-01 has a cron, and every cron a job', () => {
    const { problems, wanted } = disagreements(crons);
    expect(problems, wanted).toEqual([]);
  });

  // Cloudflare's Free plan allows 5 Cron Triggers per account, shared by all its Workers: room
  // is kept for a second Worker (staging) or one more job time.
  it('at most 3 crons', () => {
    expect(crons.length).toBeLessThanOrEqual(3);
  });

  it('without "30 1 * * *", the check-in reminder at 09:30 Beijing (01:30Z) is reported', () => {
    const broken = toml.replace(/,?\s*"30 1 \* \* \*"/, '');
    expect(broken).not.toBe(toml);
    const { problems, wanted } = disagreements(tomlStrings(broken, 'crons', 'triggers'));
    expect(problems).toEqual(['checkInReminder at 2026-11-01T01:30Z (731 in all): no cron fires']);
    expect(wanted).toMatch(/[ ,]30 1(,|$)/);
  });

  it('a cron hour no job needs (20:00Z) is reported, and a missing crons line is an error', () => {
    const stray = ['0 0,1,19,20 * * *', '10,30 16 * * *', '30 1 * * *'];
    expect(disagreements(stray).problems).toEqual([
      'cron "0 0,1,19,20 * * *" fires at 20:00 UTC for no job',
    ]);
    expect(() => tomlStrings('[triggers]\n', 'crons', 'triggers')).toThrow('no "crons = …" line');
  });

  it('the cron reader: */20 1-2 on Sundays is Sun 2026-11-01 01:00…02:40Z; L, MON, 60 are refused', () => {
    const week = firings(
      '*/20 1-2 * * 0',
      new Date('2026-10-31T00:00Z'),
      new Date('2026-11-07T00:00Z'),
    );
    expect(week.map((at) => at.toISOString())).toEqual(
      ['01:00', '01:20', '01:40', '02:00', '02:20', '02:40'].map((t) => `2026-11-01T${t}:00.000Z`),
    );
    const refused = [
      '0 1 L * *',
      '0 1 * * MON',
      '60 1 * * *',
      '0 1 * *',
      '0 1 1 * 1',
      '*/0 1 * * *',
    ];
    for (const cron of refused) expect(() => parseCron(cron), cron).toThrow(`cron "${cron}"`);
  });
});

describe('wrangler.toml: runtime and layout', () => {
  it('compatibility_date is one the bundled workerd supports, with nodejs_compat', () => {
    const [date] = tomlStrings(toml, 'compatibility_date');
    const workerd = execFileSync(join(root, 'node_modules/.bin/workerd'), ['--version'], {
      encoding: 'utf8',
    });
    const supported = /^workerd (\d{4}-\d{2}-\d{2})/.exec(workerd)?.[1] ?? `none in "${workerd}"`;
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(date! <= supported, `${date} is newer than workerd's ${supported}`).toBe(true);
    expect(tomlStrings(toml, 'compatibility_flags')).toContain('nodejs_compat');
  });

  it('main is web/worker.ts, on disk, and the assets are the PWA build, web/dist', () => {
    expect(tomlStrings(toml, 'main')).toEqual(['web/worker.ts']);
    expect(existsSync(join(root, 'web/worker.ts'))).toBe(true);
    expect(tomlStrings(toml, 'directory', 'assets')).toEqual(['web/dist']);
  });
});

describe('the Worker bundle', () => {
  // No usage metrics sent and no account fetches: a dry run needs no network.
  const offline = { WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' };

  it('wrangler builds it within the Free plan (3 MiB gzipped), without PGlite or node:fs', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'zhucun-wrangler-'));
    try {
      const args = ['deploy', '--dry-run', '--outdir', outdir];
      const env = { ...process.env, ...offline };
      await promisify(execFile)(join(root, 'node_modules/.bin/wrangler'), args, {
        cwd: root,
        env,
        timeout: 120_000,
      });
      const code = readFileSync(join(outdir, 'worker.js'));
      const size = { bytes: code.length, gzippedBytes: gzipSync(code).length };
      // Reported before the assertions, so a bundle over the limit still says by how much.
      const total = (size.bytes / MiB).toFixed(1);
      const gzipped = Math.round(size.gzippedBytes / 1024);
      console.log(
        `worker bundle: ${total} MiB, ${gzipped} KiB gzipped (limit 3 MiB free, 10 MiB paid)`,
      );
      mkdirSync(join(root, 'test-results'), { recursive: true });
      const report = { ...size, gzippedLimitBytes: { free: 3 * MiB, paid: 10 * MiB } };
      writeFileSync(join(root, 'test-results/worker-bundle.json'), JSON.stringify(report, null, 2));
      expect(size.gzippedBytes).toBeLessThan(3 * MiB);
      expect(size.bytes).toBeLessThan(64 * MiB);
      const text = code.toString('utf8');
      // PGlite's loader names its wasm file in a string literal, which survives bundling and
      // minifying (its class name need not: its dist is minified). Node-only: db/client.ts.
      expect(text).not.toContain('pglite.wasm');
      // A Worker has no disk; an fs import means Node-only code (web/node.ts, DATA_DIR) came along.
      expect(text).not.toMatch(/["'](node:)?fs(\/promises)?["']/);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 120_000);
});
