// bench/checkin: a province's cadres check in within the same morning hour. Cadres of the synthetic
// province (bench/province.ts; 20,000 of them, after 1,000 to warm up) each send one location to
// the bot's webhook on PostgreSQL — the whole path: secret check, exactly-once, the link, the assignment and geofence (core), the
// insert, the month so far, the reply — with 40 deliveries in flight (Telegram's default
// max_connections). Side by side in the same run, on the same machine and database:
//   - a bare Hono route that only answers 200: what HTTP and routing alone allow;
//   - raw inserts of the same check-in rows through postgres.js: what the database alone allows.
// Targets (issue #9): ≥ 1,000 check-ins a second at p99 < 50 ms, and ≥ 40 % of the raw-insert rate.
//   DATABASE_URL=postgres://… npx tsx bench/checkin/run.ts [cadres]
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { type LoadResult, postLoad, timed } from '../load';
import { openProvince, province } from '../province';
import { type BenchRow, printRows, report } from '../report';

const CONCURRENCY = 40;
const WARM_UP = 1_000;
// Enough for a steady rate and exact percentiles; all 45,000 would add minutes, not knowledge.
const MEASURED = 20_000;
const SECRET = 'bench-webhook-secret-0123456789';
const TELEGRAM_IDS = 9_000_000_000;

export async function benchCheckIn(postgresUrl: string, cadres?: number): Promise<BenchRow[]> {
  const shape = cadres ? { ...province, cadres, counties: Math.ceil(cadres / 512) } : province;
  const db = await openProvince(shape, postgresUrl, (line) => console.log(`checkin: ${line}`));
  const sql = postgres(db.url!, { max: 10, onnotice: () => {} });
  const server = await startServer(db.url!);
  try {
    await sql`insert into bot_links (telegram_user_id, cadre_id)
      select ${TELEGRAM_IDS}::bigint + id, id from cadres`;
    const rows = await sql<{ cadre: number; assignment: number; village: number }[]>`
      select cadre_id as cadre, id as assignment, village_id as village from assignments
      where ends_on is null order by cadre_id`;
    const measured = rows.slice(WARM_UP, WARM_UP + MEASURED);
    const count = measured.length;
    const location = { latitude: 26.5005, longitude: 107.9 };
    const update = (cadre: number, id: number) =>
      JSON.stringify({
        update_id: id,
        message: {
          message_id: id,
          date: Math.floor(Date.now() / 1000),
          chat: { id: TELEGRAM_IDS + cadre, type: 'private', first_name: '干部' },
          from: {
            id: TELEGRAM_IDS + cadre,
            is_bot: false,
            first_name: '干部',
            language_code: 'zh-hans',
          },
          location,
        },
      });
    type Row = { cadre: number; assignment: number; village: number };
    const webhook = (offset: number, of: Row[]) =>
      postLoad({
        url: `${server.url}/bot/webhook`,
        count: of.length,
        concurrency: CONCURRENCY,
        headers: { 'X-Telegram-Bot-Api-Secret-Token': SECRET },
        body: (i) => update(of[i]!.cadre, offset + i),
      });
    const bare = (n: number) =>
      postLoad({
        url: `${server.url}/bench/bare`,
        count: n,
        concurrency: CONCURRENCY,
        body: () => '{}',
      });

    // Warm-up: connections, JIT, the database's caches.
    await bare(WARM_UP);
    await webhook(1, rows.slice(0, WARM_UP));

    const floor = await bare(count);
    const intake = await webhook(1_000_000, measured);
    const [stored] = await sql<{ n: number }[]>`
      select count(*)::int as n from check_ins where telegram_update_id >= 1000000`;
    const now = new Date();
    const raw = await timed(count, CONCURRENCY, async (i) => {
      const row = measured[i]!;
      await sql`insert into check_ins (cadre_id, assignment_id, village_id, at, local_date,
          latitude, longitude, inside, distance_metres)
        values (${row.cadre}, ${row.assignment}, ${row.village}, ${now}, '2026-12-01',
          ${location.latitude}, ${location.longitude}, true, 55)`;
    });

    const share = intake.perSecond / raw.perSecond;
    const line = (what: string, r: LoadResult) =>
      `${Math.round(r.perSecond).toLocaleString('en')}/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms` +
      (r.errors ? `, ${r.errors} errors (${r.failures.join('; ')})` : '') +
      (what ? ` ${what}` : '');
    return [
      {
        bench: 'checkin',
        what: `bare Hono route answering 200 (${count.toLocaleString('en')} requests, ${CONCURRENCY} in flight)`,
        result: line('', floor),
        target: '—',
      },
      {
        bench: 'checkin',
        what: `webhook check-ins on PostgreSQL, one per cadre (${stored!.n.toLocaleString('en')} stored)`,
        result: line('', intake),
        target: '≥ 1,000/s, p99 < 50 ms',
        ok:
          intake.errors === 0 &&
          stored!.n === count &&
          intake.perSecond >= 1_000 &&
          intake.p99 < 50,
      },
      {
        bench: 'checkin',
        what: 'raw inserts of the same rows through postgres.js (pool of 10)',
        result: line('', raw),
        target: '—',
      },
      {
        bench: 'checkin',
        what: 'webhook rate as a share of the raw-insert rate',
        result: `${(share * 100).toFixed(0)} %`,
        target: '≥ 40 %',
        ok: share >= 0.4,
      },
    ];
  } finally {
    server.stop();
    await sql.end();
    await db.drop();
  }
}

/** The app in a process of its own (bench/checkin/server.ts), on a free port. */
async function startServer(url: string) {
  const port = 20_000 + (process.pid % 20_000);
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      // BENCH_PROFILE=DIR: a CPU profile of the server, to read in Chrome's DevTools.
      ...(process.env.BENCH_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
        : []),
      fileURLToPath(new URL('server.ts', import.meta.url)),
      url,
      String(port),
      SECRET,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const postgresUrl = process.env.DATABASE_URL;
  if (!postgresUrl) {
    console.error('bench/checkin needs PostgreSQL: set DATABASE_URL');
    process.exit(2);
  }
  const rows = await benchCheckIn(
    postgresUrl,
    process.argv[2] ? Number(process.argv[2]) : undefined,
  );
  printRows(rows);
  report(rows);
}
