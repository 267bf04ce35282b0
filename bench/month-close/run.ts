// bench/month-close: the month close (web/jobs/month-close.ts, §1.2, §2.4, §2.5) of October 2026 on
// the synthetic province (bench/province.ts): 45,000 cadres with a year of history on PostgreSQL
// (DATABASE_URL), and one county of 500 cadres on PGlite. Times the job's run() alone, bot off; each
// driver in a process of its own, so that each peak RSS is its own.
//   npx tsx bench/month-close/run.ts                 # both (PostgreSQL when DATABASE_URL is set)
//   npx tsx bench/month-close/run.ts postgres|pglite # one of them
// Targets (issues #7, #9): PostgreSQL < 10 s and < 512 MB peak RSS of this process; PGlite < 2 s.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { monthClose } from '../../web/jobs/month-close';
import { county, lastMonth, openProvince, province } from '../province';
import { type BenchRow, printRows, report, rowsIn } from '../report';

export async function benchMonthClose(
  driver: 'postgres' | 'pglite',
  postgresUrl: string | undefined,
): Promise<BenchRow[]> {
  const shape = driver === 'postgres' ? province : county;
  const db = await openProvince(shape, driver === 'postgres' ? postgresUrl : undefined, (line) =>
    console.log(`month-close: ${line}`),
  );
  try {
    const month = lastMonth(shape);
    const closing = new Date(`${month}-01T00:30:00+08:00`);
    closing.setUTCMonth(closing.getUTCMonth() + 1);
    const rssBefore = process.memoryUsage().rss;
    const start = performance.now();
    const result = await monthClose.run({
      db: db.handle.db,
      occurrence: closing,
      day: '2026-11-01',
      now: closing,
      log: () => {},
    });
    const seconds = (performance.now() - start) / 1000;
    // maxRSS is in kilobytes on Linux: the peak of this whole process (PGlite's memory included).
    const peak = process.resourceUsage().maxRSS / 1024;
    const raised = (result as { flags?: Record<string, number> }).flags ?? {};
    const flags = Object.values(raised).reduce((sum, n) => sum + n, 0);
    const size = `${shape.cadres.toLocaleString('en')} cadres, ${db.counts.checkIns.toLocaleString('en')} check-ins`;
    return [
      {
        bench: 'month-close',
        what:
          driver === 'postgres'
            ? `month close of ${month} on PostgreSQL: ${size} (a year)`
            : `the same for one county on PGlite: ${size}`,
        result:
          `${seconds.toFixed(2)} s` +
          `, ${flags.toLocaleString('en')} new flags` +
          `; peak RSS ${peak.toFixed(0)} MB (${(rssBefore / 2 ** 20).toFixed(0)} MB before)`,
        target: driver === 'postgres' ? '< 10 s, < 512 MB' : '< 2 s',
        ok: driver === 'postgres' ? seconds < 10 && peak < 512 : seconds < 2,
      },
    ];
  } finally {
    await db.drop();
  }
}

/** Both drivers, each in a child process. */
export function benchMonthCloseAll(postgresUrl: string | undefined): BenchRow[] {
  const drivers = postgresUrl ? ['postgres', 'pglite'] : ['pglite'];
  return drivers.flatMap((driver) => {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), driver],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 2 ** 26 },
    );
    if (child.status !== 0) throw new Error(`month-close ${driver} failed:\n${child.stdout}`);
    return rowsIn(child.stdout);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const part = process.argv[2];
  const postgresUrl = process.env.DATABASE_URL || undefined;
  if (part === 'postgres' || part === 'pglite') {
    report(await benchMonthClose(part, postgresUrl));
  } else if (part === undefined) {
    if (!postgresUrl) console.log('DATABASE_URL is not set: PostgreSQL skipped');
    printRows(benchMonthCloseAll(postgresUrl));
  } else {
    console.error('usage: month-close/run.ts [postgres|pglite]');
    process.exit(2);
  }
}
