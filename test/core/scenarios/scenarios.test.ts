// Every scenario file runs as one test: the policy team's examples in ../shared/policy/scenarios
// (beside the repository) and ours in this folder.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../../core/scenarios';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const shared = join(repo, '../shared/policy/scenarios');
const ours = fileURLToPath(new URL('./', import.meta.url));

function scenarioFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
}

function run(dir: string, name: string): void {
  const verdict = checkScenario(JSON.parse(readFileSync(join(dir, name), 'utf8')));
  expect(verdict.ok ? 'ok' : verdict.message).toBe('ok');
}

const sharedExists = existsSync(shared);
if (!sharedExists) {
  console.warn(`note: ${shared} does not exist; the shared policy scenarios are skipped`);
}

describe.skipIf(!sharedExists)(
  sharedExists ? 'shared policy scenarios' : `shared policy scenarios (skipped: no ${shared})`,
  () => {
    for (const name of sharedExists ? scenarioFiles(shared) : []) {
      it(name, () => run(shared, name));
    }
  },
);

describe('our scenarios (test/core/scenarios)', () => {
  const names = scenarioFiles(ours);

  it('there are at least 30, each titled as a sentence with a date', () => {
    expect(names.length).toBeGreaterThanOrEqual(30);
    for (const name of names) {
      const { title } = JSON.parse(readFileSync(join(ours, name), 'utf8')) as { title: string };
      expect(title, name).toMatch(/\b(19|20)\d\d\b/);
      expect(title.length, name).toBeGreaterThan(40);
    }
  });

  for (const name of names) {
    it(name, () => run(ours, name));
  }
});
