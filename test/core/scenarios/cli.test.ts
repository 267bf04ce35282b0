// The scenario runner as a user runs it: spawned with tsx, reading real files.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const tsx = join(repo, 'node_modules/.bin/tsx');
const ours = join(repo, 'test/core/scenarios');

function runner(...args: string[]) {
  const r = spawnSync(tsx, ['web/cli/scenario.ts', ...args], { cwd: repo, encoding: 'utf8' });
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    lines: r.stdout.trimEnd().split('\n'),
  };
}

const good = {
  title: 'In October 2026 a cadre is in the village 17 days: a §2.4 flag on 1 November',
  asOf: '2026-11-02',
  assignment: { start: '2026-10-01', end: null },
  events: [
    { type: 'checkins', from: '2026-10-08', to: '2026-10-24' },
    { type: 'diary', date: '2026-10-10' },
  ],
  expect: { flags: [{ clause: '2.4', date: '2026-11-01', state: 'open' }] },
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'zhucun-scenarios-'));
  mkdirSync(join(dir, 'set'));
  writeFileSync(join(dir, 'set/a-good.json'), JSON.stringify(good));
  writeFileSync(
    join(dir, 'set/b-wrong-expect.json'),
    JSON.stringify({ ...good, expect: { flags: [{ clause: '2.4', date: '2026-11-02' }] } }),
  );
  writeFileSync(join(dir, 'set/c-bad-json.json'), '{ "title": ');
  writeFileSync(
    join(dir, 'set/d-invalid.json'),
    JSON.stringify({ ...good, events: [{ type: 'diary', date: '2026-02-30' }] }),
  );
  writeFileSync(join(dir, 'set/notes.txt'), 'not a scenario');
});

describe('scenario runner: --check', () => {
  it('checks a folder: one line per scenario and "N passed, 0 failed", exit 0', () => {
    const r = runner('--check', ours);
    const count = readdirSync(ours).filter((n) => n.endsWith('.json')).length;
    expect(r.status).toBe(0);
    expect(r.lines).toHaveLength(count + 1);
    expect(r.lines.slice(0, -1).every((l) => l.startsWith(`ok ${ours}`))).toBe(true);
    expect(r.lines.at(-1)).toBe(`${count} passed, 0 failed`);
  });

  it('reports each failure with its first difference or problem, never crashing, exit 1', () => {
    const set = join(dir, 'set');
    const missing = join(dir, 'missing.json');
    const r = runner('--check', set, missing);
    expect(r.status).toBe(1);
    expect(r.lines).toEqual([
      `ok ${join(set, 'a-good.json')}`,
      `FAIL ${join(set, 'b-wrong-expect.json')}: $.flags[0].date: expected "2026-11-02", got "2026-11-01" (output item: {"clause":"2.4","date":"2026-11-01","state":"open"})`,
      expect.stringMatching(new RegExp(`^FAIL ${join(set, 'c-bad-json.json')}: not valid JSON: `)),
      `FAIL ${join(set, 'd-invalid.json')}: invalid scenario: $.events[0].date: "2026-02-30" is not a date on the calendar (YYYY-MM-DD)`,
      `FAIL ${missing}: cannot read the file (ENOENT)`,
      '1 passed, 4 failed',
    ]);
  });

  it('without files is a usage error, exit 2', () => {
    const r = runner('--check');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^usage:/);
  });
});

describe('scenario runner: one file', () => {
  it('prints the evaluation as JSON, exit 0', () => {
    const r = runner(join(dir, 'set/a-good.json'));
    expect(r.status).toBe(0);
    const output = JSON.parse(r.stdout) as { flags: unknown[]; months: Record<string, unknown> };
    expect(output.flags).toEqual([{ clause: '2.4', date: '2026-11-01', state: 'open' }]);
    expect(Object.keys(output)).toEqual([
      'months',
      'flags',
      'cases',
      'deadlines',
      'sanctions',
      'surveys',
      'refused',
    ]);
  });

  it('an invalid file names the field on stderr, exit 1', () => {
    const r = runner(join(dir, 'set/d-invalid.json'));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('invalid scenario: $.events[0].date');
  });
});
