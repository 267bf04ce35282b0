// The scenario runner (shared/policy/scenarios/README.md), a thin Node adapter over core/scenarios:
//   npx tsx web/cli/scenario.ts FILE.json             prints the evaluation as JSON
//   npx tsx web/cli/scenario.ts --check FILE_OR_DIR…  one line per scenario, then "N passed, M failed"
// Exit codes: 0 all passed, 1 a scenario failed or was invalid, 2 wrong usage.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkScenario, evaluateScenario, validateScenario } from '../../core/scenarios';

const usage = 'usage: scenario FILE.json | scenario --check FILE_OR_DIR…';

/** Reads and parses one file; every failure is a message, never a crash. */
function load(file: string): { ok: true; json: unknown } | { ok: false; message: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return {
      ok: false,
      message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
    };
  }
  try {
    return { ok: true, json: JSON.parse(text) };
  } catch (e) {
    return { ok: false, message: `not valid JSON: ${(e as Error).message}` };
  }
}

/** The scenario files named by the arguments: a directory stands for its *.json files, sorted. */
function expand(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let isDirectory = false;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      // Not there: load() reports it as a failed scenario.
    }
    if (!isDirectory) {
      files.push(path);
      continue;
    }
    const names = readdirSync(path)
      .filter((name) => name.endsWith('.json'))
      .sort();
    for (const name of names) files.push(join(path, name));
  }
  return files;
}

function check(paths: readonly string[]): number {
  let passed = 0;
  let failed = 0;
  for (const file of expand(paths)) {
    const loaded = load(file);
    let line: string;
    if (!loaded.ok) {
      line = `FAIL ${file}: ${loaded.message}`;
    } else {
      try {
        const verdict = checkScenario(loaded.json);
        line = verdict.ok ? `ok ${file}` : `FAIL ${file}: ${verdict.message}`;
      } catch (e) {
        // A bug in core/ must not stop the other scenarios from running.
        line = `FAIL ${file}: internal error: ${(e as Error).stack ?? String(e)}`;
      }
    }
    if (line.startsWith('ok ')) passed++;
    else failed++;
    process.stdout.write(`${line}\n`);
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

function print(file: string): number {
  const loaded = load(file);
  if (!loaded.ok) {
    process.stderr.write(`${file}: ${loaded.message}\n`);
    return 1;
  }
  const valid = validateScenario(loaded.json);
  if (!valid.ok) {
    process.stderr.write(`${file}: invalid scenario: ${valid.path}: ${valid.message}\n`);
    return 1;
  }
  process.stdout.write(`${JSON.stringify(evaluateScenario(valid.scenario), null, 2)}\n`);
  return 0;
}

function main(args: readonly string[]): number {
  if (args[0] === '--check') {
    if (args.length < 2) {
      process.stderr.write(`${usage}\n`);
      return 2;
    }
    return check(args.slice(1));
  }
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  return print(args[0]!);
}

process.exitCode = main(process.argv.slice(2));
