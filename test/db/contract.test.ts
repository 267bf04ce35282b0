// The database contract: the same tests on PGlite and on PostgreSQL — migrations, the demo seed,
// and the constraints that protect data whatever the code above them does.
import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import type { Database } from '../../db/database';
import { databaseHealth, expectedSchema } from '../../db/queries/health';
import { isEmpty, seedDemo } from '../../db/seed/demo';
import * as t from '../../db/schema';
import { drivers, openTestDatabase, sqlState, type TestDatabase } from '../support/databases';

const TODAY = '2026-11-26';
const UNIQUE = '23505';
const FOREIGN_KEY = '23503';
const CHECK = '23514';

/** A stable digest of the seeded rows, to compare two seeds. */
async function fingerprint(db: Database): Promise<string> {
  const rows = await db.execute(sql`
    select (select string_agg(name || ':' || path, ',' order by id) from org_units) as units,
           (select string_agg(name, ',' order by id) from cadres) as cadres,
           (select md5(string_agg(cadre_id || local_date::text || latitude || longitude || inside,
                                  ',' order by id)) from check_ins) as check_ins,
           (select md5(string_agg(cadre_id || local_date::text || text, ',' order by id))
              from diary_entries) as diary,
           (select string_agg(answer::text, ',' order by response_id, cadre_id) from survey_answers)
              as answers`);
  const list = Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows;
  return JSON.stringify(list[0]);
}

async function refused(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return sqlState(error);
  }
  return 'accepted';
}

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`database contract on ${title}`, () => {
    let test: TestDatabase;
    let db: Database;
    let cadre: { id: number; assignmentId: number; villageId: number };

    beforeAll(async () => {
      test = await openTestDatabase(driver);
      db = test.handle.db;
      expect(await isEmpty(db)).toBe(true);
      await seedDemo(db, { today: TODAY, password: 'zhucun-demo' });
      const [row] = await db
        .select({
          id: t.assignments.cadreId,
          assignmentId: t.assignments.id,
          villageId: t.assignments.villageId,
        })
        .from(t.assignments)
        .limit(1);
      cadre = row!;
    });
    afterAll(async () => test?.dispose());

    it('applies every migration, and applying them again changes nothing', async () => {
      expect(await databaseHealth(db)).toEqual({
        reachable: true,
        schema: expectedSchema,
        upToDate: true,
      });
      await test.handle.migrate();
      expect((await databaseHealth(db)).upToDate).toBe(true);
    });

    it('seeds the demo: a county, 3 townships, 12 villages with geofences, about 40 cadres, accounts per role', async () => {
      expect(await isEmpty(db)).toBe(false);
      const levels = await db
        .select({ level: t.orgUnits.level, n: sql<number>`count(*)::int` })
        .from(t.orgUnits)
        .groupBy(t.orgUnits.level);
      expect(Object.fromEntries(levels.map((l) => [l.level, l.n]))).toEqual({
        province: 1,
        city: 1,
        county: 1,
        township: 3,
        village: 12,
      });
      const [{ n: cadres }] = (await db
        .select({ n: sql<number>`count(*)::int` })
        .from(t.cadres)) as [{ n: number }];
      expect(cadres).toBeGreaterThanOrEqual(36);
      expect(cadres).toBeLessThanOrEqual(44);
      const users = await db
        .select({ username: t.users.username, role: t.users.role })
        .from(t.users);
      expect(users.map((u) => u.username).sort()).toEqual([
        'demo-admin',
        'demo-county',
        'demo-discipline',
        'demo-inspector',
        'demo-township',
        'demo-unit',
      ]);
      // Two months of history: check-ins on most days, a leave with its return, an inspection, a survey.
      const [history] = (await db
        .execute(
          sql`
        select (select min(local_date)::text from check_ins) as first,
               (select max(local_date)::text from check_ins) as last,
               (select count(*)::int from leave_requests where returned_on is not null) as returned,
               (select count(*)::int from inspections where not present) as absent,
               (select count(*)::int from survey_responses) as responses`,
        )
        .then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows))) as [
        { first: string; last: string; returned: number; absent: number; responses: number },
      ];
      expect(history).toMatchObject({
        first: '2026-09-26',
        last: '2026-11-25',
        returned: 1,
        absent: 1,
      });
      expect(history.responses).toBeGreaterThanOrEqual(20);
    });

    it('seeds the same rows for the same day, on any machine', async () => {
      const other = await openDatabase({ dataDir: 'memory://' });
      try {
        await other.migrate();
        await seedDemo(other.db, { today: TODAY, password: 'another-password' });
        expect(await fingerprint(other.db)).toBe(await fingerprint(db));
      } finally {
        await other.close();
      }
    });

    it('finds a county’s whole subtree by one prefix match on the org path', async () => {
      const [countyUnit] = await db.select().from(t.orgUnits).where(eq(t.orgUnits.level, 'county'));
      const subtree = await db
        .select({ id: t.orgUnits.id })
        .from(t.orgUnits)
        .where(like(t.orgUnits.path, `${countyUnit!.path}%`));
      expect(subtree).toHaveLength(1 + 3 + 12);
    });

    it('keeps one check-in per Telegram update, however often the update is retried', async () => {
      const row = {
        cadreId: cadre.id,
        assignmentId: cadre.assignmentId,
        villageId: cadre.villageId,
        telegramUpdateId: 900_000_001,
        at: new Date('2026-11-26T01:30:00Z'),
        localDate: '2026-11-26',
        latitude: 26.4985,
        longitude: 108.177,
        inside: true,
        distanceMetres: 12,
      };
      const first = await db.insert(t.checkIns).values(row).onConflictDoNothing().returning();
      const retry = await db.insert(t.checkIns).values(row).onConflictDoNothing().returning();
      expect([first.length, retry.length]).toEqual([1, 0]);
      expect(await refused(db.insert(t.checkIns).values(row))).toBe(UNIQUE);
    });

    it('refuses a check-in for a cadre that does not exist', async () => {
      const code = await refused(
        db.insert(t.checkIns).values({
          cadreId: 9_999_999,
          assignmentId: cadre.assignmentId,
          villageId: cadre.villageId,
          at: new Date('2026-11-26T01:30:00Z'),
          localDate: '2026-11-26',
          latitude: 26.5,
          longitude: 108.2,
          inside: true,
          distanceMetres: 1,
        }),
      );
      expect(code).toBe(FOREIGN_KEY);
    });

    it('allows at most one open assignment per cadre', async () => {
      const [a] = await db
        .select()
        .from(t.assignments)
        .where(eq(t.assignments.id, cadre.assignmentId));
      const second = { ...a!, id: undefined, createdAt: undefined, startsOn: '2026-11-20' };
      expect(await refused(db.insert(t.assignments).values(second))).toBe(UNIQUE);
      // A closed one beside it is fine.
      const closed = await db
        .insert(t.assignments)
        .values({ ...second, startsOn: '2025-01-01', endsOn: '2025-12-31' })
        .returning();
      expect(closed).toHaveLength(1);
      expect(
        await refused(
          db
            .insert(t.assignments)
            .values({ ...second, startsOn: '2025-03-01', endsOn: '2025-02-01' }),
        ),
      ).toBe(CHECK);
    });

    it('accepts one survey response per token, and a replay of the same response id once', async () => {
      const [survey] = await db.select().from(t.surveys).limit(1);
      const [token] = await db
        .insert(t.surveyTokens)
        .values({ surveyId: survey!.id, tokenHash: `contract-${driver}` })
        .returning();
      const response = {
        id: '0b0e3f9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
        surveyId: survey!.id,
        tokenId: token!.id,
        receivedOn: '2026-11-26',
      };
      expect(
        await db.insert(t.surveyResponses).values(response).onConflictDoNothing().returning(),
      ).toHaveLength(1);
      expect(
        await db.insert(t.surveyResponses).values(response).onConflictDoNothing().returning(),
      ).toHaveLength(0);
      const other = { ...response, id: '1b0e3f9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b' };
      expect(await refused(db.insert(t.surveyResponses).values(other))).toBe(UNIQUE);
    });

    it('keeps the audit log and case histories append-only', async () => {
      await db
        .insert(t.auditLog)
        .values({ action: 'test', entity: 'contract', hash: `h-${driver}` });
      expect(await refused(db.update(t.auditLog).set({ action: 'edited' }))).toBeDefined();
      expect(await refused(db.update(t.auditLog).set({ action: 'edited' }))).not.toBe('accepted');
      expect(await refused(db.delete(t.auditLog))).not.toBe('accepted');
      const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(t.auditLog)) as [
        { n: number },
      ];
      expect(n).toBe(1);
      const [village] = await db
        .select()
        .from(t.orgUnits)
        .where(eq(t.orgUnits.id, cadre.villageId));
      const [kase] = await db
        .insert(t.cases)
        .values({
          cadreId: cadre.id,
          assignmentId: cadre.assignmentId,
          villageId: cadre.villageId,
          scopePath: village!.path,
          clause: '2.6',
          track: 'B',
          dispatchLevel: 'county',
          origin: 'intake',
          step: 'request',
          openedOn: '2026-11-26',
        })
        .returning();
      await db
        .insert(t.caseEvents)
        .values({ caseId: kase!.id, seq: 1, event: 'intake', occurredOn: '2026-11-26' });
      expect(
        await refused(db.delete(t.caseEvents).where(eq(t.caseEvents.caseId, kase!.id))),
      ).not.toBe('accepted');
      expect(
        await refused(
          db
            .insert(t.caseEvents)
            .values({ caseId: kase!.id, seq: 1, event: 'again', occurredOn: '2026-11-26' }),
        ),
      ).toBe(UNIQUE);
    });

    it('keeps one open flag per cadre and clause, and raises a flag once per source', async () => {
      const [village] = await db
        .select()
        .from(t.orgUnits)
        .where(eq(t.orgUnits.id, cadre.villageId));
      const flag = {
        cadreId: cadre.id,
        assignmentId: cadre.assignmentId,
        villageId: cadre.villageId,
        scopePath: village!.path,
        clause: '2.4',
        raisedOn: '2026-11-01',
        sourceKey: 'month:2026-10',
      };
      await db.insert(t.flags).values(flag);
      expect(await refused(db.insert(t.flags).values(flag))).toBe(UNIQUE);
      expect(
        await refused(db.insert(t.flags).values({ ...flag, sourceKey: 'month:2026-11' })),
      ).toBe(UNIQUE);
      expect(
        await refused(
          db
            .update(t.flags)
            .set({ state: 'dismissed', dismissReason: ' ' })
            .where(and(eq(t.flags.cadreId, cadre.id), eq(t.flags.clause, '2.4'))),
        ),
      ).toBe(CHECK);
      expect(
        await refused(db.insert(t.flags).values({ ...flag, clause: '2.9', sourceKey: 'x' })),
      ).toBe(CHECK);
    });

    it('refuses a village without a geofence and a review period that is not YYYY or YYYYH1', async () => {
      const [township] = await db.select().from(t.orgUnits).where(eq(t.orgUnits.level, 'township'));
      expect(
        await refused(
          db
            .insert(t.orgUnits)
            .values({ parentId: township!.id, level: 'village', name: '无围栏村', path: '/x/' }),
        ),
      ).toBe(CHECK);
      expect(
        await refused(
          db.insert(t.reviews).values({
            cadreId: cadre.id,
            period: '2026H2',
            rating: 'competent',
            recordedOn: '2026-11-26',
          }),
        ),
      ).toBe(CHECK);
    });
  });
}
