// What every benchmark reports: rows of one table, printed as Markdown (the README's Performance
// section keeps the latest), and handed to `npm run bench` (bench/run.ts) on one tagged line.
export interface BenchRow {
  bench: string;
  what: string;
  result: string;
  target: string;
  /** Whether the target is met; absent for a row measured for comparison only. */
  ok?: boolean;
}

const TAG = 'BENCH_ROWS ';

export function printRows(rows: BenchRow[]): void {
  console.log(table(rows));
}

/** The rows on one line for bench/run.ts, which runs each benchmark in a process of its own. */
export function report(rows: BenchRow[]): void {
  console.log(TAG + JSON.stringify(rows));
}

export function rowsIn(output: string): BenchRow[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith(TAG))
    .flatMap((line) => JSON.parse(line.slice(TAG.length)) as BenchRow[]);
}

export function table(rows: BenchRow[]): string {
  const cells = rows.map((r) => [
    r.bench,
    r.what,
    r.result,
    r.target,
    r.ok === undefined ? '' : r.ok ? 'met' : '**missed**',
  ]);
  const head = ['bench', 'what', 'result', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
