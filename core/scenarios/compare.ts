// Compares a scenario's `expect` with its evaluation as a subset, as the scenarios README says, and
// reports the first difference as a JSON path and a sentence.
import type { Expectation, ScenarioOutput } from './types';

export interface Difference {
  path: string;
  message: string;
}

const lists = ['flags', 'cases', 'deadlines', 'sanctions', 'surveys', 'refused'] as const;

/**
 * The first difference between what a scenario expects and its output, or null when they agree:
 * each month and field given must equal the output's; a list given must have the output's length and
 * order, and each of its items' fields must equal the output item's.
 */
export function compareExpect(expect: Expectation, output: ScenarioOutput): Difference | null {
  if (expect.months) {
    for (const [month, fields] of Object.entries(expect.months)) {
      const path = `$.months["${month}"]`;
      const actual = output.months[month];
      if (!actual) {
        const shown = Object.keys(output.months);
        return {
          path,
          message: `expected month ${month}, but the output has ${shown.length ? shown.join(', ') : 'no months'}`,
        };
      }
      for (const [name, value] of Object.entries(fields ?? {})) {
        const got = (actual as unknown as Record<string, unknown>)[name];
        if (!same(value, got)) return differs(`${path}.${name}`, value, got);
      }
    }
  }
  for (const name of lists) {
    const wanted = expect[name] as Record<string, unknown>[] | undefined;
    if (!wanted) continue;
    const got = output[name] as unknown as Record<string, unknown>[];
    const n = Math.min(wanted.length, got.length);
    for (let i = 0; i < n; i++) {
      for (const [field, value] of Object.entries(wanted[i]!)) {
        const actual = got[i]![field];
        if (!same(value, actual)) {
          return {
            path: `$.${name}[${i}].${field}`,
            message: `expected ${show(value)}, got ${show(actual)} (output item: ${JSON.stringify(got[i])})`,
          };
        }
      }
    }
    if (wanted.length !== got.length) {
      const extra =
        got.length > wanted.length ? `; first unexpected: ${JSON.stringify(got[n])}` : '';
      return {
        path: `$.${name}`,
        message: `expected ${wanted.length} item${wanted.length === 1 ? '' : 's'}, got ${got.length}${extra}`,
      };
    }
  }
  return null;
}

/** A difference as one line: `$.flags[0].date: expected "2026-11-01", got "2026-11-02"`. */
export function formatDifference(d: Difference): string {
  return `${d.path}: ${d.message}`;
}

function differs(path: string, expected: unknown, got: unknown): Difference {
  return { path, message: `expected ${show(expected)}, got ${show(got)}` };
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
