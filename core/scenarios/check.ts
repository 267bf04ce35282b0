// One scenario from parsed JSON to a verdict: validated, evaluated, compared with its `expect`. What
// the CLI and the test suite both run, so they cannot disagree.
import { compareExpect, formatDifference } from './compare';
import { evaluateScenario } from './evaluate';
import type { ScenarioOutput } from './types';
import { validateScenario } from './validate';

export type ScenarioVerdict =
  | { ok: true; output: ScenarioOutput }
  | { ok: false; kind: 'invalid'; message: string }
  | { ok: false; kind: 'differs'; message: string; output: ScenarioOutput };

export function checkScenario(input: unknown): ScenarioVerdict {
  const valid = validateScenario(input);
  if (!valid.ok) {
    return {
      ok: false,
      kind: 'invalid',
      message: `invalid scenario: ${valid.path}: ${valid.message}`,
    };
  }
  const output = evaluateScenario(valid.scenario);
  const difference = valid.scenario.expect ? compareExpect(valid.scenario.expect, output) : null;
  return difference
    ? { ok: false, kind: 'differs', message: formatDifference(difference), output }
    : { ok: true, output };
}
