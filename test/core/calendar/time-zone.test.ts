// The calendar gives the same answers in any process time zone: weekdays come from the date string,
// never from Date in local time (architecture.md: holiday libraries are wrong west of UTC).

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { probe } from './fixtures/tz-probe';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./fixtures/tz-probe.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('the calendar in other process time zones', () => {
  const here = probe();

  it.each([
    ['America/New_York', 300], // UTC−5 in January: where chinese-days goes wrong
    ['Pacific/Kiritimati', -840], // UTC+14
  ])(
    'with TZ=%s, 4,000 days of 2017–2027 deadlines equal the in-process ones',
    async (tz, offsetMinutes) => {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', script], {
        cwd: root,
        env: { ...process.env, TZ: tz },
        maxBuffer: 64 * 1024 * 1024,
      });
      const child = JSON.parse(stdout) as {
        timeZone: string;
        offsetMinutes: number;
        results: unknown[];
      };
      // The child really ran in that zone.
      expect(child.timeZone).toBe(tz);
      expect(child.offsetMinutes).toBe(offsetMinutes);
      expect(child.results).toHaveLength(here.length);
      expect(child.results).toEqual(JSON.parse(JSON.stringify(here)));
    },
  );
});
