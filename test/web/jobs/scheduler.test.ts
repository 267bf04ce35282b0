// The scheduler's promises: occurrences in Beijing time, each run exactly once (twice asked, two at
// once, retried after a failure, taken over from a dead process), missed ones caught up within the
// job's window after downtime, a county's own setting, and one leader among processes.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../../db/client';
import { jobRuns, jobSettings, orgUnits } from '../../../db/schema';
import type { Job, JobContext } from '../../../web/jobs/job';
import { nextOccurrences, occurrencesBetween, parseRule } from '../../../web/jobs/recurrence';
import { MAX_ATTEMPTS, runOccurrence, STALE_RUN_MINUTES } from '../../../web/jobs/runner';
import { dueOccurrences, runDue, startScheduler } from '../../../web/jobs/scheduler';
import { drivers, openTestDatabase, type TestDatabase } from '../../support/databases';

const at = (iso: string) => new Date(iso);

describe('recurrence rules in Beijing time', () => {
  it('09:30 every day is 01:30 UTC: Thu 2026-11-26 and Fri 2026-11-27', () => {
    expect(
      occurrencesBetween(
        'FREQ=DAILY;BYHOUR=9;BYMINUTE=30',
        at('2026-11-26T00:00:00Z'),
        at('2026-11-27T12:00:00Z'),
      ).map((d) => d.toISOString()),
    ).toEqual(['2026-11-26T01:30:00.000Z', '2026-11-27T01:30:00.000Z']);
  });

  it('00:30 on the 1st is the evening before in UTC: 2026-11-30T16:30Z closes November', () => {
    expect(
      nextOccurrences(
        'FREQ=MONTHLY;BYMONTHDAY=1;BYHOUR=0;BYMINUTE=30',
        at('2026-11-26T00:00Z'),
        2,
      ).map((d) => d.toISOString()),
    ).toEqual(['2026-11-30T16:30:00.000Z', '2026-12-31T16:30:00.000Z']);
  });

  it('an occurrence exactly at the window’s start is not repeated, one at its end is taken', () => {
    const rule = 'FREQ=DAILY;BYHOUR=9;BYMINUTE=30';
    expect(occurrencesBetween(rule, at('2026-11-26T01:30Z'), at('2026-11-27T01:30Z'))).toEqual([
      at('2026-11-27T01:30Z'),
    ]);
  });

  it('a malformed rule is refused with a bilingual message naming it', () => {
    expect(() => parseRule('FREQ=SOMETIMES')).toThrow(
      /重复规则无效 \/ invalid RRULE "FREQ=SOMETIMES"/,
    );
  });
});

/** A job that records its runs, and fails while `failing` is set. */
function probe(overrides: Partial<Job> = {}) {
  const runs: JobContext[] = [];
  let failing = false;
  const job: Job = {
    name: 'probe',
    description: '测试 / probe',
    rule: 'FREQ=DAILY;BYHOUR=9;BYMINUTE=30',
    catchUpMinutes: 3 * 24 * 60,
    async run(ctx) {
      runs.push(ctx);
      // Long enough for a second process to try the same occurrence meanwhile.
      await new Promise((r) => setTimeout(r, 50));
      if (failing) throw new Error('the network is down');
      return { day: ctx.day };
    },
    ...overrides,
  };
  return { job, runs, fail: (on: boolean) => (failing = on) };
}

const OCCURRENCE = at('2026-11-26T01:30:00Z');

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`running jobs on ${title}`, () => {
    let test: TestDatabase;
    let db: DatabaseHandle['db'];
    beforeAll(async () => {
      test = await openTestDatabase(driver);
      db = test.handle.db;
    });
    afterAll(async () => test?.dispose());
    beforeEach(async () => {
      await db.delete(jobRuns);
      await db.delete(jobSettings);
    });

    const row = async (job = 'probe', occurrence = OCCURRENCE) =>
      (
        await db
          .select()
          .from(jobRuns)
          .where(and(eq(jobRuns.job, job), eq(jobRuns.occurrence, occurrence)))
      )[0];

    it('runs the occurrence of Thu 2026-11-26 09:30 once, however often it is asked', async () => {
      const { job, runs } = probe();
      const first = await runOccurrence(job, OCCURRENCE, { db, now: OCCURRENCE });
      const second = await runOccurrence(job, OCCURRENCE, { db, now: at('2026-11-26T02:00Z') });
      expect(first).toEqual({ ran: true, state: 'done', result: { day: '2026-11-26' } });
      expect(second).toEqual({ ran: false, reason: 'done' });
      expect(runs).toHaveLength(1);
      expect(await row()).toMatchObject({
        state: 'done',
        attempts: 1,
        result: { day: '2026-11-26' },
      });
    });

    it('runs it once when two processes ask at the same moment', async () => {
      const { job, runs } = probe();
      const outcomes = await Promise.all(
        [0, 1, 2].map(() => runOccurrence(job, OCCURRENCE, { db, now: OCCURRENCE })),
      );
      expect(runs).toHaveLength(1);
      expect(outcomes.filter((o) => o.ran)).toHaveLength(1);
    });

    it(`retries a failed occurrence up to ${MAX_ATTEMPTS} times, then only by hand`, async () => {
      const { job, runs, fail } = probe();
      fail(true);
      for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
        await runOccurrence(job, OCCURRENCE, { db, now: OCCURRENCE });
      }
      expect(runs).toHaveLength(MAX_ATTEMPTS);
      expect(await row()).toMatchObject({
        state: 'failed',
        attempts: MAX_ATTEMPTS,
        error: 'Error: the network is down',
      });
      fail(false);
      expect(await runOccurrence(job, OCCURRENCE, { db, now: OCCURRENCE })).toEqual({
        ran: false,
        reason: 'failed',
      });
      const byHand = await runOccurrence(job, OCCURRENCE, { db, now: OCCURRENCE, force: true });
      expect(byHand).toMatchObject({ ran: true, state: 'done' });
      expect(await row()).toMatchObject({ state: 'done', attempts: MAX_ATTEMPTS + 1, error: null });
    });

    it(`takes over a run left 'running' for over ${STALE_RUN_MINUTES} minutes by a dead process`, async () => {
      const { job, runs } = probe();
      await db
        .insert(jobRuns)
        .values({ job: 'probe', occurrence: OCCURRENCE, startedAt: OCCURRENCE });
      const soon = at('2026-11-26T01:50:00Z');
      expect(await runOccurrence(job, OCCURRENCE, { db, now: soon })).toEqual({
        ran: false,
        reason: 'running',
      });
      const later = at('2026-11-26T02:10:00Z');
      expect(await runOccurrence(job, OCCURRENCE, { db, now: later })).toMatchObject({ ran: true });
      expect(runs).toHaveLength(1);
      expect(await row()).toMatchObject({ state: 'done', attempts: 2 });
    });

    it('after downtime from Mon 2026-11-23 to Thu 2026-11-26 12:00 catches up what its window allows', async () => {
      const { job, runs } = probe({ catchUpMinutes: 2 * 24 * 60 });
      const ran = await runDue({ db, jobs: [job], now: at('2026-11-26T04:00:00Z') });
      // Two days back from Thu 12:00 Beijing: Wed's 09:30 and Thu's; Tue's is too old.
      expect(ran.map((r) => r.occurrence.toISOString())).toEqual([
        '2026-11-25T01:30:00.000Z',
        '2026-11-26T01:30:00.000Z',
      ]);
      expect(runs.map((r) => r.day)).toEqual(['2026-11-25', '2026-11-26']);
      // The next tick finds nothing new to do.
      await runDue({ db, jobs: [job], now: at('2026-11-26T04:01:00Z') });
      expect(runs).toHaveLength(2);
    });

    it('honours a county’s own setting: one turned off, one at 08:00, the rest at the default', async () => {
      const counties = async () =>
        (await db.select().from(orgUnits).where(eq(orgUnits.level, 'county'))).map((c) => c.id);
      let ids = await counties();
      if (ids.length < 3) {
        const [province] = await db
          .insert(orgUnits)
          .values({ name: '贵州省', level: 'province', path: '/' })
          .returning();
        await db
          .update(orgUnits)
          .set({ path: `/${province!.id}/` })
          .where(eq(orgUnits.id, province!.id));
        for (const name of ['甲县', '乙县', '丙县']) {
          const [county] = await db
            .insert(orgUnits)
            .values({ name, level: 'county', parentId: province!.id, path: '/' })
            .returning();
          await db
            .update(orgUnits)
            .set({ path: `/${province!.id}/${county!.id}/` })
            .where(eq(orgUnits.id, county!.id));
        }
        ids = await counties();
      }
      const [off, early, ...rest] = ids as [number, number, ...number[]];
      await db.insert(jobSettings).values([
        { orgUnitId: off, job: 'probe', enabled: false },
        { orgUnitId: early, job: 'probe', rule: 'FREQ=DAILY;BYHOUR=8;BYMINUTE=0' },
      ]);
      const { job, runs } = probe({ perCounty: true, catchUpMinutes: 60 });
      const due = await dueOccurrences(db, [job], at('2026-11-26T01:45:00Z'));
      expect(due.map((d) => [d.instance, d.occurrence.toISOString(), d.counties])).toEqual([
        [undefined, '2026-11-26T01:30:00.000Z', rest],
      ]);
      await runDue({ db, jobs: [job], now: at('2026-11-26T00:15:00Z') });
      expect(runs.map((r) => r.counties)).toEqual([[early]]);
      expect(await row(`probe@county:${early}`, at('2026-11-26T00:00:00Z'))).toMatchObject({
        state: 'done',
      });
    });
  });
}

describe.skipIf(!drivers.find((d) => d.driver === 'postgres')?.enabled)(
  'one leader among processes on PostgreSQL',
  () => {
    let first: DatabaseHandle;
    let second: DatabaseHandle;
    let test: TestDatabase;
    beforeAll(async () => {
      test = await openTestDatabase('postgres');
      first = await openDatabase({ url: test.url!, maxConnections: 2 });
      second = await openDatabase({ url: test.url!, maxConnections: 2 });
    });
    afterAll(async () => {
      await first?.close();
      await second?.close();
      await test?.dispose();
    });

    it('grants the advisory lock to one process, and to the next when it lets go', async () => {
      const a = await first.tryLeadership();
      expect(a).toBeDefined();
      expect(await a!.held()).toBe(true);
      expect(await second.tryLeadership()).toBeUndefined();
      await a!.release();
      const b = await second.tryLeadership();
      expect(b).toBeDefined();
      await b!.release();
    });

    it('runs a due occurrence in the leader only, once, when two schedulers tick together', async () => {
      const { job, runs } = probe();
      const now = () => at('2026-11-26T02:00:00Z');
      const schedulers = [first, second].map((handle) =>
        startScheduler({
          db: handle.db,
          jobs: [job],
          clock: now,
          tryLeadership: () => handle.tryLeadership(),
          intervalMs: 50,
        }),
      );
      await new Promise((r) => setTimeout(r, 600));
      await Promise.all(schedulers.map((s) => s.stop()));
      expect(runs.map((r) => r.day)).toEqual(['2026-11-24', '2026-11-25', '2026-11-26']);
    });
  },
);
