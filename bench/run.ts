// `npm run bench`: every benchmark, each in a process of its own (so memory is its own and one
// cannot slow the next), then one table with the machine and the date. It writes the table to
// bench/latest.md; `npm run bench -- --readme` also puts it in the README's Performance section.
// PostgreSQL benchmarks need DATABASE_URL (a server this user may create databases on); the
// synthetic province is generated once into a template database and copied for each run.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { type BenchRow, rowsIn, table } from './report';

const root = fileURLToPath(new URL('..', import.meta.url));
const postgresUrl = process.env.DATABASE_URL || undefined;

const benchmarks: { name: string; file: string; args?: string[]; postgres?: boolean }[] = [
  { name: 'core', file: 'bench/core/month.ts' },
  {
    name: 'month-close (PostgreSQL)',
    file: 'bench/month-close/run.ts',
    args: ['postgres'],
    postgres: true,
  },
  { name: 'month-close (PGlite)', file: 'bench/month-close/run.ts', args: ['pglite'] },
  { name: 'checkin', file: 'bench/checkin/run.ts', postgres: true },
  { name: 'api', file: 'bench/api/run.ts', postgres: true },
  { name: 'pwa', file: 'bench/pwa/run.ts' },
];

/** Runs one benchmark's file with tsx; its own lines are shown as they come, its rows collected. */
function run(file: string, args: string[]): Promise<BenchRow[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, file, ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk;
      for (const line of String(chunk).split('\n'))
        if (line && !line.startsWith('BENCH_ROWS ')) console.log(`  ${line}`);
    });
    child.on('exit', (code) =>
      code === 0 ? resolve(rowsIn(output)) : reject(new Error(`${file} exited with ${code}`)),
    );
  });
}

async function machine(): Promise<string> {
  const cpu = cpus();
  let database = 'PostgreSQL: not used (DATABASE_URL not set)';
  if (postgresUrl) {
    const sql = postgres(postgresUrl, { max: 1, onnotice: () => {} });
    const [row] = await sql<{ version: string }[]>`select version()`;
    database = row!.version.split(' on ')[0]!;
    await sql.end();
  }
  return (
    `${cpu.length} × ${cpu[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ` +
    `Node ${process.version}; ${database}`
  );
}

const started = performance.now();
const rows: BenchRow[] = [];
const skipped: string[] = [];
for (const bench of benchmarks) {
  if (bench.postgres && !postgresUrl) {
    skipped.push(bench.name);
    continue;
  }
  console.log(`▶ ${bench.name}`);
  rows.push(...(await run(bench.file, bench.args ?? [])));
}
const minutes = (performance.now() - started) / 60_000;
const date = new Date().toISOString().slice(0, 10);
const text =
  `Measured ${date} by \`npm run bench\` in ${minutes.toFixed(1)} minutes on ${await machine()}.\n\n` +
  table(rows) +
  '\n' +
  (skipped.length ? `\nNot run (no DATABASE_URL): ${skipped.join(', ')}.\n` : '');
console.log(`\n${text}`);
writeFileSync(new URL('latest.md', import.meta.url), text);

if (process.argv.includes('--readme')) {
  const readme = new URL('../README.md', import.meta.url);
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  const current = readFileSync(readme, 'utf8');
  const a = current.indexOf(start);
  const b = current.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md has no ${start} … ${end} section`);
  writeFileSync(
    readme,
    current.slice(0, a + start.length) + '\n\n' + text + '\n' + current.slice(b),
  );
  console.log('README.md: Performance updated');
}
const missed = rows.filter((r) => r.ok === false);
if (missed.length)
  console.log(`\n${missed.length} target(s) missed: see the rows marked **missed**.`);
