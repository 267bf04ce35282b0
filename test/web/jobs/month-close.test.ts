// The month close (web/jobs/month-close.ts), on PGlite and on PostgreSQL: the same §2.4/§2.5 flags as
// the scenario runner on the same histories; each occurrence acts once, however often it is run or
// retried after dying half-way; the new flags reach the offices that may confirm them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { and, asc, eq, like, sql } from 'drizzle-orm';
import { Bot } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignedMonths } from '../../../core/attendance';
import {
  eachDay,
  firstOfMonth,
  nextMonth,
  type LocalDate,
} from '../../../core/calendar/local-date';
import { evaluateScenario, validateScenario, type Scenario } from '../../../core/scenarios';
import { loadTexts } from '../../../bot/i18n';
import { type DatabaseHandle, openDatabase } from '../../../db/client';
import type { Database } from '../../../db/database';
import { confirmFlag, dismissFlag } from '../../../db/queries/cases';
import { type Detection, raiseFlag } from '../../../db/queries/flags';
import { raiseFlags } from '../../../db/queries/month-close';
import { seedDemo } from '../../../db/seed/demo';
import * as t from '../../../db/schema';
import type { JobContext } from '../../../web/jobs/job';
import { closeMonth, monthClose } from '../../../web/jobs/month-close';
import { runOccurrence } from '../../../web/jobs/runner';
import { readLocaleSources } from '../../../web/node-texts';
import { drivers, openTestDatabase } from '../../support/databases';
import { botInfo, fakeTelegram } from '../../support/telegram';

const ours = fileURLToPath(new URL('../../core/scenarios/', import.meta.url));
const shared = fileURLToPath(new URL('../../../../shared/policy/scenarios/', import.meta.url));

/** Histories with month-close situations: short months, no diary, justified and late leave,
 * partial months, holidays, policy overrides, flags confirmed or dismissed, a case closed. */
const scenarioFiles = [
  join(shared, 'october-2026-shortfall.json'),
  join(shared, 'partial-month-and-inspections-2026.json'),
  join(ours, 'assignment-ended-2026.json'),
  join(ours, 'diary-exemption-all-leave-2026.json'),
  join(ours, 'early-return-2026.json'),
  join(ours, 'flag-positions-confirm-dismiss-2026.json'),
  join(ours, 'late-leave-approval-2026.json'),
  join(ours, 'leave-never-approved-2026.json'),
  join(ours, 'local-holidays-2026.json'),
  join(ours, 'month-close-while-case-open-2026.json'),
  join(ours, 'outside-checkins-2026.json'),
  join(ours, 'overdue-return-2026.json'),
  join(ours, 'partial-month-end-of-assignment-2026.json'),
  join(ours, 'partial-month-start-leap-february-2028.json'),
  join(ours, 'policy-days-and-diary-2026.json'),
  join(ours, 'return-after-month-close-2026.json'),
  join(ours, 'short-month-without-diary-2026.json'),
  join(ours, 'verified-attendance-2026.json'),
];

const monthCloseClauses = new Set(['2.4', '2.5']);

/** The month close's occurrence on a day: 00:30 in Beijing. */
const occurrenceOn = (day: LocalDate) => new Date(`${day}T00:30:00+08:00`);

/** Fresh, migrated databases: on PGlite clones of one migrated template (a new one takes ~5 s). */
async function freshDatabases(driver: 'pglite' | 'postgres') {
  if (driver === 'postgres') {
    return {
      open: async () => {
        const test = await openTestDatabase('postgres');
        return { db: test.handle.db, dispose: () => test.dispose() };
      },
      close: async () => {},
    };
  }
  const template = new PGlite('memory://');
  const handle = await openDatabase({ pglite: template });
  await handle.migrate();
  return {
    open: async () => {
      const clone = (await template.clone()) as PGlite;
      const copy: DatabaseHandle = await openDatabase({ pglite: clone });
      return { db: copy.db, dispose: () => copy.close() };
    },
    close: () => handle.close(),
  };
}

// ——— One cadre of a scenario, in a county of their own ———

interface Placed {
  cadreId: number;
  assignmentId: number;
  village: { id: number; path: string; latitude: number; longitude: number };
  county: { id: number; path: string };
  township: { id: number; path: string };
  dispatchingUnitId: number;
  countyOfficer: number;
}

async function unit(
  db: Database,
  values: Omit<typeof t.orgUnits.$inferInsert, 'path'>,
  parentPath: string,
) {
  const [row] = await db
    .insert(t.orgUnits)
    .values({ ...values, path: `${parentPath}new-${values.name}/` })
    .returning();
  const path = `${parentPath}${row!.id}/`;
  await db.update(t.orgUnits).set({ path }).where(eq(t.orgUnits.id, row!.id));
  return { id: row!.id, path };
}

async function place(
  db: Database,
  county: string,
  scenario: Pick<Scenario, 'assignment' | 'policy' | 'calendar'>,
): Promise<Placed> {
  let [city] = await db.select().from(t.orgUnits).where(eq(t.orgUnits.level, 'city'));
  if (!city) {
    const province = await unit(db, { level: 'province', name: '贵州省' }, '/');
    const made = await unit(
      db,
      { level: 'city', parentId: province.id, name: '黔东南州' },
      province.path,
    );
    [city] = await db.select().from(t.orgUnits).where(eq(t.orgUnits.id, made.id));
  }
  const cnty = await unit(db, { level: 'county', parentId: city!.id, name: county }, city!.path);
  const town = await unit(
    db,
    { level: 'township', parentId: cnty.id, name: `${county}城关镇` },
    cnty.path,
  );
  const centre = { latitude: 26.38, longitude: 108.08 };
  const village = await unit(
    db,
    { level: 'village', parentId: town.id, name: `${county}新村`, ...centre, geofenceMetres: 1000 },
    town.path,
  );
  const [du] = await db
    .insert(t.dispatchingUnits)
    .values({ name: `${county}财政局`, level: 'county', orgUnitId: cnty.id })
    .returning();
  const [cadre] = await db
    .insert(t.cadres)
    .values({ name: `${county}干部`, dispatchingUnitId: du!.id })
    .returning();
  const [assignment] = await db
    .insert(t.assignments)
    .values({
      cadreId: cadre!.id,
      villageId: village.id,
      role: 'firstSecretary',
      dispatchLevel: 'county',
      dispatchingUnitId: du!.id,
      startsOn: scenario.assignment.start,
      endsOn: scenario.assignment.end,
    })
    .returning();
  const [officer] = await db
    .insert(t.users)
    .values({
      username: `county-${cnty.id}`,
      displayName: `${county}委组织部`,
      role: 'county',
      orgUnitId: cnty.id,
    })
    .returning();
  // A county's own parameters (parameter_overrides) and local days (calendar_days).
  for (const [name, value] of Object.entries(scenario.policy)) {
    await db.insert(t.parameterOverrides).values({ orgUnitId: cnty.id, name, value });
  }
  for (const kind of ['holidays', 'workdays'] as const) {
    for (const date of scenario.calendar[kind]) {
      await db.insert(t.calendarDays).values({
        orgUnitId: cnty.id,
        date,
        kind: kind === 'holidays' ? 'holiday' : 'workday',
        name: '本地',
      });
    }
  }
  return {
    cadreId: cadre!.id,
    assignmentId: assignment!.id,
    village: { ...village, ...centre },
    county: cnty,
    township: town,
    dispatchingUnitId: du!.id,
    countyOfficer: officer!.id,
  };
}

/** The records of a history: check-ins, verified attendance, diary, leave (with approval and 销假). */
async function record(db: Database, p: Placed, events: Scenario['events']): Promise<void> {
  const ids = { cadreId: p.cadreId, assignmentId: p.assignmentId };
  const checkIns: (typeof t.checkIns.$inferInsert)[] = [];
  const checkIn = (date: LocalDate, inside: boolean) =>
    checkIns.push({
      ...ids,
      villageId: p.village.id,
      at: new Date(`${date}T09:00:00+08:00`),
      localDate: date,
      latitude: inside ? p.village.latitude : p.village.latitude + 0.1,
      longitude: p.village.longitude,
      inside,
      distanceMetres: inside ? 0 : 11_000,
    });
  for (const e of events) {
    switch (e.type) {
      case 'checkin':
        checkIn(e.date, e.inside);
        break;
      case 'checkins':
        for (const d of eachDay(e.from, e.to)) if (!e.except.includes(d)) checkIn(d, true);
        break;
      case 'attendance':
        await db
          .insert(t.verifiedPresence)
          .values({ ...ids, date: e.date, verifiedByUserId: p.countyOfficer })
          .onConflictDoNothing();
        break;
      case 'diary':
        await db.insert(t.diaryEntries).values({
          ...ids,
          localDate: e.date,
          at: new Date(`${e.date}T20:00:00+08:00`),
          text: '走访农户',
        });
        break;
      case 'leave':
        await db.insert(t.leaveRequests).values({
          ...ids,
          kind: 'personal',
          startsOn: e.from,
          endsOn: e.to,
          reason: '事假',
          state: e.approved ? 'approved' : 'pending',
          approvalChain: ['township'],
          approvedOn: e.approved,
          returnedOn: e.returned,
        });
        break;
      default:
        // Inspections, reviews and surveys raise §2.1–§2.3 elsewhere; people's decisions are
        // replayed on their dates (replay below).
        break;
    }
  }
  if (checkIns.length) await db.insert(t.checkIns).values(checkIns);
}

/**
 * Replays a scenario through the month close: each month that ended by asOf is closed by the job on
 * its first day after (00:30), and the decisions people took on 2.4/2.5 flags and cases happen on
 * their dates, after that day's close — the scenario runner's own timeline.
 */
async function replay(db: Database, p: Placed, scenario: Scenario) {
  const output = evaluateScenario(scenario);
  const refused = new Set(output.refused.map((r) => r.event));
  const closes = assignedMonths(scenario.assignment, scenario.asOf)
    .map((m) => firstOfMonth(nextMonth(m)))
    .filter((day) => day <= scenario.asOf);
  type Step = { date: LocalDate; index: number };
  const steps: Step[] = [
    ...closes.map((date) => ({ date, index: -1 })),
    ...scenario.events.flatMap((e, index) =>
      'date' in e && !refused.has(index) ? [{ date: e.date, index }] : [],
    ),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.index - b.index));
  const actor = { id: p.countyOfficer, role: 'county' as const, scopeLevel: 'county' as const };
  const now = (date: LocalDate) => new Date(`${date}T10:00:00+08:00`);
  const flagOf = async (position: number) => {
    const f = output.flags[position - 1]!;
    if (!monthCloseClauses.has(f.clause)) return undefined;
    const [row] = await db
      .select({ id: t.flags.id })
      .from(t.flags)
      .where(
        and(
          eq(t.flags.cadreId, p.cadreId),
          eq(t.flags.clause, f.clause),
          eq(t.flags.raisedOn, f.date),
        ),
      );
    expect(row, `flag ${position} (§${f.clause} of ${f.date})`).toBeDefined();
    return row!.id;
  };
  for (const step of steps) {
    if (step.index < 0) {
      const outcome = await runOccurrence(monthClose, occurrenceOn(step.date), {
        db,
        now: now(step.date),
      });
      expect(outcome).toMatchObject({ ran: true, state: 'done' });
      continue;
    }
    const e = scenario.events[step.index]!;
    switch (e.type) {
      case 'confirm': {
        const id = await flagOf(e.flag);
        if (id === undefined) break;
        const done = await confirmFlag(db, id, {
          date: e.date,
          statement: '本人已陈述',
          actor,
          now: now(e.date),
        });
        expect(done.ok).toBe(true);
        break;
      }
      case 'dismiss': {
        const id = await flagOf(e.flag);
        if (id === undefined) break;
        const done = await dismissFlag(db, id, { reason: e.reason, actor, now: now(e.date) });
        expect(done.ok).toBe(true);
        break;
      }
      case 'closed': {
        // The case's steps are not the month close's business: its closing is written directly.
        const c = output.cases[e.case - 1]!;
        if (!monthCloseClauses.has(c.clause)) break;
        await db
          .update(t.cases)
          .set({ state: 'closed', closedOn: e.date })
          .where(
            and(
              eq(t.cases.cadreId, p.cadreId),
              eq(t.cases.clause, c.clause),
              eq(t.cases.state, 'open'),
            ),
          );
        break;
      }
      case 'intake':
        if (monthCloseClauses.has(e.clause))
          throw new Error(`not replayed: intake of §${e.clause}`);
        break;
      default:
        break;
    }
  }
  return output;
}

async function flagsOf(db: Database, cadreId: number) {
  const rows = await db
    .select()
    .from(t.flags)
    .where(eq(t.flags.cadreId, cadreId))
    .orderBy(asc(t.flags.raisedOn), asc(t.flags.clause));
  return rows.map((f) => ({
    cadreId: f.cadreId,
    clause: f.clause,
    date: f.raisedOn,
    state: f.state,
  }));
}

function loadScenario(file: string): Scenario {
  const validated = validateScenario(JSON.parse(readFileSync(file, 'utf8')));
  if (!validated.ok) throw new Error(`${file}: ${validated.path} ${validated.message}`);
  return validated.scenario;
}

/**
 * Cadres in each state a detection of October 2026 can meet, and those detections: nothing open; a
 * §2.4 flag of September open; October's own flag open (raised before); a §2.4 case open; October's
 * flag confirmed and its case closed; September's open flag with October already in its evidence;
 * and a cadre who moved village on 16 October, short in both stays.
 */
async function detectionStates(db: Database): Promise<Detection[]> {
  const history = {
    assignment: { start: '2026-01-05', end: null },
    policy: {},
    calendar: { holidays: [], workdays: [] },
  };
  const cadres: Placed[] = [];
  for (const county of ['甲县', '乙县', '丙县', '丁县', '戊县', '己县', '庚县']) {
    cadres.push(await place(db, county, history));
  }
  const [fresh, september, raisedBefore, withCase, confirmed, seen, moved] = cadres as [
    Placed,
    Placed,
    Placed,
    Placed,
    Placed,
    Placed,
    Placed,
  ];
  const detection = (p: Placed, clause: string, assignmentId = p.assignmentId): Detection => ({
    cadreId: p.cadreId,
    assignmentId,
    clause,
    raisedOn: '2026-11-01',
    sourceKey: 'month:2026-10',
    evidence: { detail: `§${clause} of ${p.cadreId}`, required: 20, inVillage: 12 },
  });
  const flag = (p: Placed, values: Partial<typeof t.flags.$inferInsert>) =>
    db.insert(t.flags).values({
      cadreId: p.cadreId,
      assignmentId: p.assignmentId,
      villageId: p.village.id,
      scopePath: p.village.path,
      clause: '2.4',
      raisedOn: '2026-10-01',
      sourceKey: 'month:2026-09',
      evidence: [{ source: 'month:2026-09', date: '2026-10-01' }],
      ...values,
    });
  await flag(september, {});
  await flag(raisedBefore, {
    raisedOn: '2026-11-01',
    sourceKey: 'month:2026-10',
    evidence: [{ source: 'month:2026-10', date: '2026-11-01' }],
  });
  await db.insert(t.cases).values({
    cadreId: withCase.cadreId,
    assignmentId: withCase.assignmentId,
    villageId: withCase.village.id,
    scopePath: withCase.village.path,
    clause: '2.4',
    track: 'B',
    dispatchLevel: 'county',
    origin: 'intake',
    step: 'request',
    openedOn: '2026-10-10',
  });
  await flag(confirmed, {
    raisedOn: '2026-11-01',
    sourceKey: 'month:2026-10',
    state: 'confirmed',
  });
  await flag(seen, {
    evidence: [
      { source: 'month:2026-09', date: '2026-10-01' },
      { source: 'month:2026-10', date: '2026-11-01' },
    ],
  });
  // The second stay of the cadre who moved: a village of the county's own, from 16 October.
  await db
    .update(t.assignments)
    .set({ endsOn: '2026-10-15' })
    .where(eq(t.assignments.id, moved.assignmentId));
  const [second] = await db
    .insert(t.assignments)
    .values({
      cadreId: moved.cadreId,
      villageId: moved.village.id,
      role: 'teamMember',
      dispatchLevel: 'county',
      dispatchingUnitId: moved.dispatchingUnitId,
      startsOn: '2026-10-16',
    })
    .returning();
  return [
    detection(fresh, '2.4'),
    detection(fresh, '2.5'),
    detection(september, '2.4'),
    detection(september, '2.5'),
    detection(raisedBefore, '2.4'),
    detection(withCase, '2.4'),
    detection(withCase, '2.5'),
    detection(confirmed, '2.4'),
    detection(seen, '2.4'),
    detection(moved, '2.4'),
    detection(moved, '2.4', second!.id),
  ];
}

async function allFlags(db: Database) {
  const rows = await db
    .select()
    .from(t.flags)
    .orderBy(asc(t.flags.cadreId), asc(t.flags.clause), asc(t.flags.sourceKey));
  return rows.map(({ id: _, createdAt: __, ...rest }) => rest);
}

const context = (db: Database, day: LocalDate, extra: Partial<JobContext> = {}): JobContext => ({
  db,
  occurrence: occurrenceOn(day),
  day,
  now: new Date(`${day}T01:00:00+08:00`),
  log: () => {},
  ...extra,
});

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`the month close on ${title}`, () => {
    let databases: Awaited<ReturnType<typeof freshDatabases>>;
    beforeAll(async () => {
      databases = await freshDatabases(driver);
    });
    afterAll(async () => databases?.close());

    describe('gives the same flags as the scenario runner on the same histories', () => {
      for (const file of scenarioFiles) {
        const name = file.slice(file.lastIndexOf('/') + 1);
        it(name, async () => {
          const scenario = loadScenario(file);
          const { db, dispose } = await databases.open();
          try {
            const p = await place(db, '雷山县', scenario);
            await record(db, p, scenario.events);
            const output = await replay(db, p, scenario);
            const expected = output.flags
              .filter((f) => monthCloseClauses.has(f.clause))
              .map((f) => ({ cadreId: p.cadreId, ...f }));
            expect(await flagsOf(db, p.cadreId)).toEqual(expected);
          } finally {
            await dispose();
          }
        });
      }
    });

    it('judges each cadre by their own county’s parameters: with 15 days a month in 台江县 and the default 20 in 雷山县, 16 days of May 2026 in the village raise §2.4 on Mon 2026-06-01 only in 雷山县', async () => {
      const { db, dispose } = await databases.open();
      try {
        const history = {
          assignment: { start: '2026-05-01', end: null },
          calendar: { holidays: [], workdays: [] },
        };
        const events: Scenario['events'] = [
          { type: 'checkins', from: '2026-05-01', to: '2026-05-16', except: [] },
          { type: 'diary', date: '2026-05-08' },
        ];
        const leishan = await place(db, '雷山县', { ...history, policy: {} });
        const taijiang = await place(db, '台江县', { ...history, policy: { minDaysPerMonth: 15 } });
        await record(db, leishan, events);
        await record(db, taijiang, events);
        const lines: string[] = [];
        const result = await closeMonth(
          context(db, '2026-06-01', { log: (line) => lines.push(line) }),
        );
        expect(result).toEqual({
          month: '2026-05',
          assignments: 2,
          flags: { '§2.4': 1, '§2.5': 0 },
          notified: 0,
        });
        // Without the bot the run says what it did not announce.
        expect(lines).toEqual([expect.stringContaining('1 new flags not announced')]);
        expect(await flagsOf(db, leishan.cadreId)).toEqual([
          { cadreId: leishan.cadreId, clause: '2.4', date: '2026-06-01', state: 'open' },
        ]);
        expect(await flagsOf(db, taijiang.cadreId)).toEqual([]);
        const [flag] = await db.select().from(t.flags);
        expect(flag!.sourceKey).toBe('month:2026-05');
        expect(flag!.evidence).toEqual([
          expect.objectContaining({
            source: 'month:2026-05',
            required: 20,
            inVillage: 16,
            justifiedAbsence: 0,
            diaryEntries: 1,
          }),
        ]);
      } finally {
        await dispose();
      }
    });

    it('raises a month of more than one batch all or nothing: 3,000 cadres with no record in May 2026, a first attempt that dies in the second batch leaves no flag, and the retry raises all 6,000', async () => {
      const { db, dispose } = await databases.open();
      try {
        const p = await place(db, '雷山县', {
          assignment: { start: '2026-01-05', end: null },
          policy: {},
          calendar: { holidays: [], workdays: [] },
        });
        const { dispatchingUnitId } = p;
        await db.execute(sql`insert into cadres (name, dispatching_unit_id)
          select '干部' || i, ${dispatchingUnitId} from generate_series(1, 2999) i`);
        await db.execute(sql`insert into assignments
            (cadre_id, village_id, role, dispatch_level, dispatching_unit_id, starts_on)
          select id, ${p.village.id}, 'teamMember', 'county', ${dispatchingUnitId}, '2026-01-05'
          from cadres where id <> ${p.cadreId}`);
        await db.execute(sql`create sequence crash_after`);
        await db.execute(sql`create function crash_in_second_batch() returns trigger
          language plpgsql as $$
          begin
            if nextval('crash_after') > 5000 then raise exception 'simulated crash'; end if;
            return new;
          end $$`);
        await db.execute(sql`create trigger crash_in_second_batch before insert on flags
          for each row execute function crash_in_second_batch()`);
        const june1 = occurrenceOn('2026-06-01');
        const first = await runOccurrence(monthClose, june1, { db, now: june1 });
        expect(first).toMatchObject({ ran: true, state: 'failed' });
        expect(await db.select({ n: sql<number>`count(*)::int` }).from(t.flags)).toEqual([
          { n: 0 },
        ]);
        await db.execute(sql`drop trigger crash_in_second_batch on flags`);
        const retry = await runOccurrence(monthClose, june1, { db, now: june1 });
        expect(retry).toEqual({
          ran: true,
          state: 'done',
          result: {
            month: '2026-05',
            assignments: 3000,
            flags: { '§2.4': 3000, '§2.5': 3000 },
            notified: 0,
          },
        });
        expect(await db.select({ n: sql<number>`count(*)::int` }).from(t.flags)).toEqual([
          { n: 6000 },
        ]);
      } finally {
        await dispose();
      }
    });

    it('raises with raiseFlags, for October 2026 all at once, exactly what raiseFlag raises one detection at a time, in every state a cadre can be in, and nothing more the second time', async () => {
      const one = await databases.open();
      const all = await databases.open();
      try {
        const detections = await detectionStates(one.db);
        expect(await detectionStates(all.db)).toEqual(detections);
        const byOne: { cadreId: number; clause: string }[] = [];
        for (const d of detections) {
          const outcome = await raiseFlag(one.db, d);
          if (outcome.raised) byOne.push({ cadreId: d.cadreId, clause: d.clause });
        }
        byOne.sort((a, b) => a.cadreId - b.cadreId || a.clause.localeCompare(b.clause));
        const byAll = await raiseFlags(all.db, detections);
        expect(byAll.map(({ cadreId, clause }) => ({ cadreId, clause }))).toEqual(byOne);
        // fresh's two, september's §2.5, withCase's §2.5, the moved cadre's first stay's §2.4.
        expect(byOne).toHaveLength(5);
        const flagsByOne = await allFlags(one.db);
        expect(await allFlags(all.db)).toEqual(flagsByOne);
        for (const d of detections) await raiseFlag(one.db, d);
        expect(await raiseFlags(all.db, detections)).toEqual([]);
        expect(await allFlags(one.db)).toEqual(flagsByOne);
        expect(await allFlags(all.db)).toEqual(flagsByOne);
      } finally {
        await one.dispose();
        await all.dispose();
      }
    });

    describe('on the demo county (雷山县, 40 cadres, seeded on Thu 2026-11-26)', () => {
      let db: Database;
      let dispose: () => Promise<void>;
      const telegram = fakeTelegram();
      const texts = loadTexts(readLocaleSources());
      const bot = new Bot('123456:test-token-abcdefghijklmnopqrstuvwxyz', {
        botInfo,
        client: { fetch: telegram.fetch as never },
      });
      const TOWNSHIP = 820_001;
      const COUNTY = 820_002;
      const DECEMBER_1 = occurrenceOn('2026-12-01');
      let xijiang: string;

      beforeAll(async () => {
        ({ db, dispose } = await databases.open());
        await seedDemo(db, { today: '2026-11-26', password: 'zhucun-demo' });
        for (const [username, telegramUserId, languageCode] of [
          ['demo-township', TOWNSHIP, 'zh-hans'],
          ['demo-county', COUNTY, 'en'],
        ] as const) {
          const [user] = await db.select().from(t.users).where(eq(t.users.username, username));
          await db.insert(t.botLinks).values({ telegramUserId, userId: user!.id, languageCode });
        }
        const [township] = await db.select().from(t.orgUnits).where(eq(t.orgUnits.name, '西江镇'));
        xijiang = township!.path;
      });
      afterAll(async () => dispose?.());

      it('raises again, on Sun 2026-11-01, exactly the October flags the demo’s own month close raised, evidence and all', async () => {
        const october = () =>
          db
            .select({
              cadreId: t.flags.cadreId,
              assignmentId: t.flags.assignmentId,
              clause: t.flags.clause,
              raisedOn: t.flags.raisedOn,
              scopePath: t.flags.scopePath,
              evidence: t.flags.evidence,
            })
            .from(t.flags)
            .where(eq(t.flags.sourceKey, 'month:2026-10'))
            .orderBy(asc(t.flags.cadreId), asc(t.flags.clause));
        const seeded = await october();
        expect(seeded.length).toBeGreaterThan(0);
        await db.delete(t.flags).where(eq(t.flags.sourceKey, 'month:2026-10'));
        const outcome = await runOccurrence(monthClose, occurrenceOn('2026-11-01'), {
          db,
          now: new Date('2026-11-01T00:30:05+08:00'),
        });
        expect(outcome).toEqual({
          ran: true,
          state: 'done',
          result: {
            month: '2026-10',
            assignments: 40,
            flags: {
              '§2.4': seeded.filter((f) => f.clause === '2.4').length,
              '§2.5': seeded.filter((f) => f.clause === '2.5').length,
            },
            notified: 0,
          },
        });
        expect(await october()).toEqual(seeded);
      });

      it('raises nothing on 2026-12-01 in a first attempt that dies half-way through raising, and its retry raises each new flag once and announces it once', async () => {
        const before = await db.select({ n: sql<number>`count(*)::int` }).from(t.flags);
        // The third flag the run inserts fails, as if the process died there.
        await db.execute(sql`create sequence crash_after`);
        await db.execute(sql`create function crash_half_way() returns trigger language plpgsql as $$
          begin
            if nextval('crash_after') > 2 then raise exception 'simulated crash'; end if;
            return new;
          end $$`);
        await db.execute(sql`create trigger crash_half_way before insert on flags
          for each row execute function crash_half_way()`);
        telegram.clear();
        const outbox = { api: bot.api, texts, db };
        const first = await runOccurrence(monthClose, DECEMBER_1, {
          db,
          now: new Date('2026-12-01T00:30:02+08:00'),
          outbox,
        });
        expect(first).toMatchObject({ ran: true, state: 'failed' });
        // drizzle names the failed query; the trigger's words are in its cause.
        expect((first as { error: string }).error).toMatch(/insert into "?flags"?/);
        expect(await db.select({ n: sql<number>`count(*)::int` }).from(t.flags)).toEqual(before);
        expect(telegram.sent()).toEqual([]);

        await db.execute(sql`drop trigger crash_half_way on flags`);
        const retry = await runOccurrence(monthClose, DECEMBER_1, {
          db,
          now: new Date('2026-12-01T00:31:00+08:00'),
          outbox,
        });
        expect(retry).toMatchObject({ ran: true, state: 'done' });
        if (!retry.ran || retry.state !== 'done') throw new Error('the retry did not run');
        const { result } = retry;
        const november = await db
          .select()
          .from(t.flags)
          .where(eq(t.flags.sourceKey, 'month:2026-11'));
        // More than the two the first attempt got through, and each once.
        expect(november.length).toBeGreaterThan(2);
        expect(result).toEqual({
          month: '2026-11',
          assignments: 40,
          flags: {
            '§2.4': november.filter((f) => f.clause === '2.4').length,
            '§2.5': november.filter((f) => f.clause === '2.5').length,
          },
          notified: telegram.sent().length,
        });
        expect(new Set(november.map((f) => `${f.cadreId} ${f.clause}`)).size).toBe(november.length);
        // A cadre whose October flag is still open gets November's figures on it, once.
        const october = await db
          .select()
          .from(t.flags)
          .where(and(eq(t.flags.sourceKey, 'month:2026-10'), eq(t.flags.state, 'open')));
        const added = october.map(
          (f) =>
            (f.evidence as { source: string }[]).filter((e) => e.source === 'month:2026-11').length,
        );
        expect(added.filter((n) => n === 1).length).toBeGreaterThan(0);
        expect(Math.max(...added)).toBe(1);
        // §2.4 and §2.5 flags go to who may confirm them (track B): the county for all of them,
        // the township for those in its own villages, each once.
        const inXijiang = november.filter((f) => f.scopePath.startsWith(xijiang));
        expect(inXijiang.length).toBeGreaterThan(0);
        expect(inXijiang.length).toBeLessThan(november.length);
        expect(telegram.sent(COUNTY)).toHaveLength(november.length);
        expect(telegram.sent(TOWNSHIP)).toHaveLength(inXijiang.length);
        expect(telegram.sent(COUNTY)[0]).toMatch(/^🔔 New flag §2\.[45] /);
        expect(telegram.sent(TOWNSHIP)[0]).toMatch(/^🔔 新预警 §2\.[45]（.+）\n.+，2026-12-01\n/);
        const names = await db
          .select({ name: t.cadres.name })
          .from(t.cadres)
          .innerJoin(t.flags, eq(t.flags.cadreId, t.cadres.id))
          .where(
            and(eq(t.flags.sourceKey, 'month:2026-11'), like(t.flags.scopePath, `${xijiang}%`)),
          );
        for (const { name } of names) {
          expect(telegram.sent(TOWNSHIP).some((text) => text.includes(name))).toBe(true);
        }
      });

      it('runs the occurrence of 2026-12-01 once: run again it does nothing, and a direct second run raises and announces nothing', async () => {
        const flagsBefore = await db.select().from(t.flags).orderBy(asc(t.flags.id));
        telegram.clear();
        const outbox = { api: bot.api, texts, db };
        const again = await runOccurrence(monthClose, DECEMBER_1, {
          db,
          now: new Date('2026-12-01T00:32:00+08:00'),
          outbox,
        });
        expect(again).toEqual({ ran: false, reason: 'done' });
        const runs = await db
          .select()
          .from(t.jobRuns)
          .where(and(eq(t.jobRuns.job, 'monthClose'), eq(t.jobRuns.occurrence, DECEMBER_1)));
        expect(runs).toHaveLength(1);
        expect(runs[0]).toMatchObject({ state: 'done', attempts: 2 });

        // A run by hand of the same month (its job_runs row aside) finds every flag raised.
        const direct = await closeMonth(context(db, '2026-12-01', { outbox }));
        expect(direct).toEqual({
          month: '2026-11',
          assignments: 40,
          flags: { '§2.4': 0, '§2.5': 0 },
          notified: 0,
        });
        expect(await db.select().from(t.flags).orderBy(asc(t.flags.id))).toEqual(flagsBefore);
        expect(telegram.sent()).toEqual([]);
      });
    });
  });
}
