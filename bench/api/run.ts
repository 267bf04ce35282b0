// bench/api: what a county organization department's supervisor waits for in the PWA, with 10,000
// cases (教育整改) in the county — the case list (web/pwa/supervisor/pages/cases.tsx: GET
// /api/cases?state=open and ?state=closed, 200 newest) and the home page (pages/home.tsx: GET
// /api/deadlines?within=2, /api/flags?state=open and /api/leave/waiting, requested together). The
// county is the first of the synthetic province (bench/province.ts); its cases are added here,
// set-based, with histories core accepts (§3.1–§3.8): most closed, some hundreds open at every
// step, their deadlines (§3.5–§3.8) and sanctions (§4.4) derived by replaying the events through
// core as the app does. The bench signs in as `bench-county` and keeps ~10 requests in flight (the
// home page: 3 visits of three requests) to the app in a process of its own (bench/api/server.ts),
// whose clock is held at AS_OF. Side by side, the same load on a bare Hono route that only answers
// 200 and on GET /api/session (the session check every request makes, alone): the floor that
// HTTP, routing and one query put under every answer on this machine.
// Target (issue #9): p95 < 50 ms for each.
//   DATABASE_URL=postgres://… npx tsx bench/api/run.ts [cadres]
import { spawn } from 'node:child_process';
import { Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import { asc, gt } from 'drizzle-orm';
import postgres from 'postgres';
import { mainStage, metOn } from '../../core/procedure';
import type { Database } from '../../db/database';
import { hashPassword } from '../../db/password';
import { loadCases } from '../../db/queries/cases';
import { cases } from '../../db/schema';
import { type LoadResult, getLoad, percentiles, send, timed } from '../load';
import { openProvince, province, type ProvinceShape } from '../province';
import { type BenchRow, printRows, report } from '../report';

const CONCURRENCY = 10;
/** Home page visits in flight: three requests each, about CONCURRENCY requests in all. */
const VISITS_IN_FLIGHT = 3;
const WARM_UP = 200;
/** Requests per case list, and visits of the home page (three requests each)… */
const REQUESTS = 3_000;
const VISITS = 2_000;
/** …fewer when the warm-up's rate says they would take longer (npm run bench has 10 minutes). */
const BUDGET_SECONDS = 60;
const TARGET_MS = 50;

const CASES = 10_000;
const OPEN_CASES = 500;
/** The benchmark's day: the Wednesday after the province's history ends, 10:00 in Shanghai. */
const AS_OF = '2026-11-04';
const NOW = '2026-11-04T02:00:00Z';
const USERNAME = 'bench-county';
const PASSWORD = 'bench-county-password';

const FLOOR_PATHS = ['/bench/bare', '/api/session'] as const;
const LIST_PATHS = ['/cases?state=open', '/cases?state=closed'] as const;
const HOME_PATHS = ['/deadlines?within=2', '/flags?state=open', '/leave/waiting'] as const;

export async function benchApi(postgresUrl: string, cadres?: number): Promise<BenchRow[]> {
  const shape = cadres ? { ...province, cadres, counties: Math.ceil(cadres / 512) } : province;
  const log = (line: string) => console.log(`api: ${line}`);
  await awaitTemplateBuild(postgresUrl, shape, log);
  const db = await openProvince(shape, postgresUrl, log);
  const sql = postgres(db.url!, { max: 1, onnotice: () => {} });
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const started = performance.now();
    const county = await addCases(sql, db.handle.db, shape);
    log(
      `${CASES.toLocaleString('en')} cases added to ${county.path} (${county.cadres} cadres) in ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    await sql`update users set password_hash = ${await hashPassword(PASSWORD, 1_000)}
      where username = ${USERNAME}`;
    server = await startServer(db.url!);
    const api = `${server.url}/api`;
    const headers = { cookie: await signIn(api), 'accept-language': 'zh-CN' };

    // What each answer holds, once, for the report.
    const agent = new Agent({ keepAlive: true, maxSockets: VISITS_IN_FLIGHT * HOME_PATHS.length });
    const read = async <T>(path: string) =>
      JSON.parse(await send(agent, new URL(api + path), { headers })) as T;
    const open = await read<{ cases: unknown[] }>(LIST_PATHS[0]);
    const closed = await read<{ cases: unknown[] }>(LIST_PATHS[1]);
    const due = await read<{ deadlines: { overdue: boolean }[] }>(HOME_PATHS[0]);
    const flags = await read<{ flags: unknown[] }>(HOME_PATHS[1]);
    const leave = await read<{ leave: unknown[] }>(HOME_PATHS[2]);
    const overdue = due.deadlines.filter((d) => d.overdue).length;

    const load = (url: string, count: number) =>
      getLoad({ url: () => url, count, concurrency: CONCURRENCY, headers });
    const list = (path: string, count: number) => load(api + path, count);
    const home = async (count: number) => {
      const each = HOME_PATHS.map(() => new Float64Array(count));
      const page = await timed(count, VISITS_IN_FLIGHT, async (i) => {
        await Promise.all(
          HOME_PATHS.map(async (path, k) => {
            const t0 = performance.now();
            try {
              await send(agent, new URL(api + path), { headers });
            } finally {
              each[k]![i] = performance.now() - t0;
            }
          }),
        );
      });
      return { page, each: each.map(percentiles) };
    };

    // Warm-up: connections, JIT, the database's caches; its rate sets how many are measured.
    const counts: number[] = [];
    const budget = (most: number, r: LoadResult) =>
      counts.push(Math.max(WARM_UP, Math.min(most, Math.round(r.perSecond * BUDGET_SECONDS))));
    for (const path of LIST_PATHS) budget(REQUESTS, await list(path, WARM_UP));
    budget(VISITS, (await home(WARM_UP)).page);
    const [openCount, closedCount, visits] = counts as [number, number, number];
    for (const path of FLOOR_PATHS) await load(server.url + path, WARM_UP);

    const [bare, session] = [
      await load(server.url + FLOOR_PATHS[0], REQUESTS),
      await load(server.url + FLOOR_PATHS[1], REQUESTS),
    ];
    const openList = await list(LIST_PATHS[0], openCount);
    const closedList = await list(LIST_PATHS[1], closedCount);
    const homePage = await home(visits);
    agent.destroy();

    const n = (x: number) => x.toLocaleString('en');
    const ms = (x: number) => x.toFixed(1);
    const line = (r: Pick<LoadResult, 'p50' | 'p95' | 'p99'>, l?: LoadResult) =>
      `p50 ${ms(r.p50)} ms, p95 ${ms(r.p95)} ms, p99 ${ms(r.p99)} ms` +
      (l ? `, ${n(Math.round(l.perSecond))}/s` : '') +
      (l?.errors ? `, ${l.errors} errors (${l.failures.join('; ')})` : '');
    const row = (what: string, r: LoadResult): BenchRow => ({
      bench: 'api',
      what,
      result: line(r, r),
      target: `p95 < ${TARGET_MS} ms`,
      ok: r.errors === 0 && r.p95 < TARGET_MS,
    });
    const inFlight = `${CONCURRENCY} in flight`;
    const floor = (what: string, r: LoadResult): BenchRow => ({
      bench: 'api',
      what: `${what} (${n(r.count)} requests, ${inFlight})`,
      result: line(r, r),
      target: '—',
    });
    return [
      floor('bare Hono route answering 200', bare),
      floor('GET /api/session: the session check alone (one query)', session),
      row(
        `GET /api/cases?state=open: ${n(open.cases.length)} of the county's ${n(county.open)} open ` +
          `cases (${n(openCount)} requests, ${inFlight})`,
        openList,
      ),
      row(
        `GET /api/cases?state=closed: ${n(closed.cases.length)} of ${n(county.closed)} closed ` +
          `(${n(closedCount)} requests, ${inFlight})`,
        closedList,
      ),
      row(
        `home page: the three below together (${n(visits)} visits, ${VISITS_IN_FLIGHT} in ` +
          `flight: ${VISITS_IN_FLIGHT * HOME_PATHS.length} requests)`,
        homePage.page,
      ),
      ...HOME_PATHS.map((path, k) => ({
        bench: 'api',
        what:
          `… GET /api${path}` +
          [
            `: ${n(due.deadlines.length)} deadlines (${n(overdue)} overdue) of ` +
              `${n(county.owing)} open cases owing a step`,
            `: ${n(flags.flags.length)} open flags`,
            `: ${n(leave.leave.length)} waiting`,
          ][k]!,
        result: line(homePage.each[k]!),
        target: `p95 < ${TARGET_MS} ms`,
        ok: homePage.page.errors === 0 && homePage.each[k]!.p95 < TARGET_MS,
      })),
    ];
  } finally {
    server?.stop();
    await sql.end();
    await db.drop();
  }
}

/**
 * The county's cases: CASES of them over its cadres, the first OPEN_CASES open (one per cadre and
 * situation, as openCase allows) and recent, the others closed over the year. Each history is a
 * path through core's table for a cadre sent by the county, its steps taken by the county's
 * department (user `bench-county`), the dispatching unit or the cadre as the table says; a case
 * opened by confirming a flag has that flag, confirmed. Then the cases are replayed through core
 * (db/queries/cases.ts loadCases) for what the app derives from the events: the row's step, its
 * deadlines in working days, its sanctions.
 */
async function addCases(sql: postgres.Sql, db: Database, shape: ProvinceShape) {
  const [user] = await sql<{ id: number; path: string }[]>`
    select u.id, o.path from users u join org_units o on o.id = u.org_unit_id
    where u.username = ${USERNAME}`;
  if (!user) throw new Error(`the province has no user ${USERNAME}`);
  const [base] = await sql<{ cases: number; flags: number }[]>`
    select (select coalesce(max(id), 0) from cases)::int as cases,
      (select coalesce(max(id), 0) from flags)::int as flags`;
  const { cases: caseBase, flags: flagBase } = base!;
  // The county's cadres, in office the whole year (the few who came or left lately have no cases).
  await sql`create temp table bench_pool as
    select (row_number() over (order by a.id) - 1)::int as k, a.id as assignment_id, a.cadre_id,
      a.village_id, v.path, a.dispatch_level
    from assignments a join org_units v on v.id = a.village_id
    where v.path like ${user.path} || '%' and a.starts_on = ${shape.from}::date
      and a.ends_on is null and a.dispatch_level = 'county'`;
  const [pool] = await sql<{ size: number }[]>`select count(*)::int as size from bench_pool`;
  if (pool!.size * 11 < OPEN_CASES) throw new Error(`too few cadres in ${user.path}`);

  // Each case's situation and the path its history takes, as a list of 'event' or 'event:detail'.
  // Open cases: the first OPEN_CASES, cadre k = n mod size with a different one of the eleven
  // situations the county opens for each n of the same cadre. Closed ones: situations weighted
  // towards §2.4 (absence), the one the system raises most.
  await sql`create temp table bench_plan as
    with d as (
      select n, n <= ${OPEN_CASES}::int as open, r(n, 24) as u,
        case when n <= ${OPEN_CASES}::int then (n - 1) % s.size
          else floor(r(n, 21) * s.size)::int end as k,
        case when n <= ${OPEN_CASES}::int
          then (array['2.1','2.2','2.3','2.4','2.5','2.7','2.8','2.9','2.10','2.11','2.13'])
            [1 + ((n - 1) / s.size + (n - 1) % s.size) % 11]
          else (array['2.4','2.4','2.4','2.4','2.1','2.2','2.3','2.5','2.7','2.8','2.13','2.9',
            '2.10','2.11'])[1 + floor(r(n, 22) * 14)::int]
        end as clause
      from generate_series(1, ${CASES}::int) n, (select count(*)::int as size from bench_pool) s
    ), t as (
      select d.*, p.assignment_id, p.cadre_id, p.village_id, p.path, p.dispatch_level,
        case when clause in ('2.1','2.2') then 'A'
          when clause in ('2.9','2.10','2.11') then 'C' else 'B' end as track,
        -- 由县级组织部门提出 — §3.1: the county confirms flags of §2.1–§2.4 (and of §2.5, which
        -- may also be filed); the other situations it files by intake (core/procedure/tracks.ts).
        case when clause in ('2.1','2.2','2.3','2.4') or (clause = '2.5' and r(n, 23) < 0.5)
          then 'flag' else 'intake' end as origin
      from d join bench_pool p on p.k = d.k
    ), pre as (
      -- Up to the notice: §3.4's opinions and statement before the decision step of each track;
      -- a flag confirmed records the statement first (confirmFlag). Track B's request (§3.2①) is
      -- taken with the opening.
      select t.*, case track
        when 'A' then array['opened', 'evidence:statement', 'opinion', 'evidence:townshipOpinion',
          'evidence:villagePartyOpinion', 'evidence:membersOpinion', 'notice']
        when 'B' then array['opened', 'evidence:statement', 'evidence:townshipOpinion',
          'evidence:villagePartyOpinion', 'evidence:membersOpinion', 'caseReview', 'filing',
          'notice']
        else array['opened', 'investigation', 'evidence:statement', 'evidence:townshipOpinion',
          'evidence:villagePartyOpinion', 'evidence:membersOpinion', 'decision']
          || case when clause <> '2.9' and r(n, 28) < 0.3 then array['transfer:discipline']
            else '{}'::text[] end
          || array['notice']
      end as pre
      from t
    )
    select n, open, assignment_id, cadre_id, village_id, path, dispatch_level, clause, track,
      origin, case
        -- A quarter stop before the notice (closed then: no rectification decided).
        when u < 0.25 then pre[1 : 1 + floor(r(n, 25) * (cardinality(pre) - 1))::int]
          || case when open then '{}'::text[] else array['closed'] end
        when open then pre || case
          when u < 0.50 then '{}'::text[]
          when u < 0.60 then array['appeal']
          when u < 0.68 then array['recalled']
          when u < 0.75 then array['recalled', 'talk']
          when u < 0.85 then array['recalled', 'talk', 'outcome:unchanged']
          when u < 0.90 then array['recalled', 'talk', 'outcome:changed']
          else array['recalled', 'talk', 'outcome:changed', 'redeployApproved'] end
        else pre || case
          when u < 0.45 then array['recalled', 'talk', 'outcome:unchanged', 'closed']
          when u < 0.80 then array['recalled', 'talk', 'outcome:changed', 'redeployApproved',
            'closed']
          when u < 0.87 then array['recalled', 'talk', 'outcome:changed', 'closed']
          when u < 0.93 then array['appeal', 'appealAnswered:notUpheld']
          else array['appeal', 'appealAnswered:upheld', 'recalled', 'talk', 'outcome:changed',
            'redeployApproved', 'closed'] end
      end as events
    from pre`;
  // The days between steps: 0–3 (evidence 0–1); an appeal the day after the notice, within the
  // 2 working days of §3.8.
  await sql`create temp table bench_steps as
    select p.n, e.seq::int as seq, split_part(e.spec, ':', 1) as event,
      nullif(split_part(e.spec, ':', 2), '') as detail,
      sum(case when e.seq = 1 then 0 when e.spec = 'appeal' then 1
          when e.spec like 'evidence:%' then floor(r(p.n, 100 + e.seq) * 2)::int
          else 1 + floor(r(p.n, 100 + e.seq) * 3)::int end)
        over (partition by p.n order by e.seq)::int as day
    from bench_plan p, unnest(p.events) with ordinality e(spec, seq)`;
  // Open cases took their last step within the three weeks before AS_OF (so some deadlines are
  // overdue, some near, some later); closed ones opened over the year and ended before AS_OF.
  await sql`create temp table bench_cases as
    select p.*, s.span, case when p.open
        then ${AS_OF}::date - floor(r(p.n, 26) * 22)::int - s.span
        else ${shape.from}::date
          + floor(r(p.n, 27) * (${AS_OF}::date - 75 - ${shape.from}::date))::int end as opened_on
    from bench_plan p join (select n, max(day) as span from bench_steps group by n) s using (n)`;

  await sql`insert into flags (id, cadre_id, assignment_id, village_id, scope_path, clause,
      raised_on, source_key, state, evidence, decided_by_user_id, decided_at)
      overriding system value
    select ${flagBase}::int + n, cadre_id, assignment_id, village_id, path, clause,
      opened_on - 1 - floor(r(n, 29) * 5)::int, 'bench-case:' || n, 'confirmed', '[]',
      ${user.id}::int, (opened_on + time '10:00') at time zone 'Asia/Shanghai'
    from bench_cases where origin = 'flag'`;
  await sql`insert into cases (id, cadre_id, assignment_id, village_id, scope_path, clause, track,
      dispatch_level, origin, flag_id, step, state, opened_on, opened_by_user_id, closed_on)
      overriding system value
    select ${caseBase}::int + n, cadre_id, assignment_id, village_id, path, clause,
      track::case_track, dispatch_level, origin::case_origin,
      case when origin = 'flag' then ${flagBase}::int + n end, 'opened',
      (case when open then 'open' else 'closed' end)::case_state, opened_on, ${user.id}::int,
      case when not open then opened_on + span end
    from bench_cases`;
  await sql`insert into case_events (case_id, seq, event, occurred_on, recorded_at, actor_user_id,
      actor_role, payload)
    select ${caseBase}::int + s.n, s.seq, s.event, c.opened_on + s.day,
      (c.opened_on + s.day + time '10:00') at time zone 'Asia/Shanghai',
      case when a.role = 'county' then ${user.id}::int end,
      a.role::role,
      jsonb_build_object('actorLevel', case when a.role = 'county' then 'county' end)
      || case s.event
        when 'opened' then case when c.origin = 'flag'
          then jsonb_build_object('via', 'flag', 'flagId', ${flagBase}::int + s.n,
            'detections', '[]'::jsonb)
          else jsonb_build_object('via', 'intake', 'description', '经核实，反映的情况属实') end
        when 'evidence' then jsonb_build_object('kind', s.detail, 'text', '已听取意见并做好记录')
        when 'opinion' then jsonb_build_object('text', '建议进行教育整改')
        when 'talk' then jsonb_build_object('text', '已由派出单位主要领导进行组织谈话')
        when 'transfer' then jsonb_build_object('to', s.detail)
        when 'outcome' then jsonb_build_object('changed', s.detail = 'changed')
        when 'appealAnswered' then jsonb_build_object('upheld', s.detail = 'upheld')
        else '{}'::jsonb end
    from bench_steps s join bench_cases c using (n),
      lateral (select case when s.event = 'appeal' then 'cadre'
        when s.event in ('recalled', 'talk', 'outcome') then 'dispatchingUnit'
        else 'county' end as role) a`;
  await sql`select setval(pg_get_serial_sequence('cases', 'id'), (select max(id) from cases))`;
  await sql`select setval(pg_get_serial_sequence('flags', 'id'), (select max(id) from flags))`;

  // What the app derives from the events (syncDerived), by replaying them through core.
  const derived = { cases: [] as object[], deadlines: [] as object[], sanctions: [] as object[] };
  let owing = 0;
  for (let after = caseBase; ;) {
    const rows = await db
      .select()
      .from(cases)
      .where(gt(cases.id, after))
      .orderBy(asc(cases.id))
      .limit(500);
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    for (const { row, state, events } of await loadCases(db, rows)) {
      const refused = events.find((e) => e.refused);
      if (refused) {
        throw new Error(
          `case ${row.id}: core refuses its ${refused.row.event} of ${refused.row.occurredOn}: ` +
            refused.refused!.reason,
        );
      }
      if (state.state !== row.state) throw new Error(`case ${row.id} replays ${state.state}`);
      derived.cases.push({
        id: row.id,
        step: mainStage(state),
        notice_on: state.notice,
        closed_on: state.closedOn,
      });
      let owes = false;
      for (const d of state.deadlines) {
        const met = metOn(state, d);
        owes ||= met === null;
        derived.deadlines.push({
          case_id: row.id,
          step: d.step,
          clause: d.clause,
          starts_on: d.startsOn,
          due: d.due,
          provisional: d.provisional,
          met_on: met,
        });
      }
      if (owes && state.state === 'open') owing++;
      const s = state.sanctions;
      if (s) {
        derived.sanctions.push({
          case_id: row.id,
          cadre_id: row.cadreId,
          starts_on: s.notice,
          no_awards_year: s.noAwardsYear,
          no_promotion_until: s.noPromotionUntil,
          bonus_withheld_min: s.bonusWithheldMin,
          lapsed_on: state.lapsed ? state.closedOn : null,
        });
      }
    }
  }
  await sql`update cases c set step = x.step, notice_on = x.notice_on, closed_on = x.closed_on
    from jsonb_to_recordset(${sql.json(derived.cases as postgres.JSONValue)})
      as x(id int, step text, notice_on date, closed_on date)
    where c.id = x.id`;
  await sql`insert into deadlines (case_id, step, clause, starts_on, due, provisional, met_on)
    select case_id, step, clause, starts_on, due, provisional, met_on
    from jsonb_to_recordset(${sql.json(derived.deadlines as postgres.JSONValue)})
      as x(case_id int, step text, clause text, starts_on date, due date, provisional boolean,
        met_on date)`;
  await sql`insert into sanctions (case_id, cadre_id, starts_on, no_awards_year,
      no_promotion_until, bonus_withheld_min, lapsed_on)
    select case_id, cadre_id, starts_on, no_awards_year, no_promotion_until, bonus_withheld_min,
      lapsed_on
    from jsonb_to_recordset(${sql.json(derived.sanctions as postgres.JSONValue)})
      as x(case_id int, cadre_id int, starts_on date, no_awards_year smallint,
        no_promotion_until date, bonus_withheld_min numeric, lapsed_on date)`;
  await sql`drop table bench_pool, bench_plan, bench_steps, bench_cases`;
  await sql`analyze flags, cases, case_events, deadlines, sanctions`;
  const [counts] = await sql<{ open: number; closed: number }[]>`
    select count(*) filter (where state = 'open')::int as open,
      count(*) filter (where state = 'closed')::int as closed
    from cases where scope_path like ${user.path} || '%'`;
  return { path: user.path, cadres: pool!.size, ...counts!, owing };
}

/** Signs in as a supervisor does (POST /api/session); the session cookie for the requests. */
async function signIn(api: string): Promise<string> {
  const res = await fetch(`${api}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: USERNAME, password: PASSWORD }),
  });
  if (res.status !== 201) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

/**
 * Waits while another process generates this shape's template (openProvince would drop its
 * half-built database and start again): a `…_building` database of the same shape with a session.
 */
async function awaitTemplateBuild(url: string, shape: ProvinceShape, log: (l: string) => void) {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const pattern = `zhucun_bench_v%_${shape.cadres}_${shape.counties}_${shape.from.replaceAll('-', '')}_${shape.to.replaceAll('-', '')}_building`;
  try {
    for (let waited = 0; waited < 20 * 60; waited += 10) {
      const [busy] = await admin<{ datname: string }[]>`
        select d.datname from pg_database d
        where d.datname like ${pattern}
          and exists (select 1 from pg_stat_activity a where a.datname = d.datname)`;
      if (!busy) return;
      if (waited === 0) log(`waiting while another process generates ${busy.datname}`);
      await new Promise((resolve) => setTimeout(resolve, 10_000));
    }
  } finally {
    await admin.end();
  }
}

/** The app in a process of its own (bench/api/server.ts), on a port the system picks. */
async function startServer(url: string) {
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(new URL('server.ts', import.meta.url)), url, NOW],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      const ready = /ready (\d+)/.exec(String(d));
      if (ready) resolve(Number(ready[1]));
    });
    child.on('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const postgresUrl = process.env.DATABASE_URL;
  if (!postgresUrl) {
    console.error('bench/api needs PostgreSQL: set DATABASE_URL (postgres://…)');
    process.exit(2);
  }
  const rows = await benchApi(postgresUrl, process.argv[2] ? Number(process.argv[2]) : undefined);
  printRows(rows);
  report(rows);
}
