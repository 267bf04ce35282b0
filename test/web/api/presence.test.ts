// GET /api/cadres/:id/presence?month= on both drivers: the days of a month a cadre was in the village
// (§1.1) — an inside check-in or presence the township verified, one row a day with both flags — up
// to today only; only the stays in the reader's scope, as for /cadres/:id/months; a cadre their own.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../../db/schema';
import { createApp } from '../../../web/app';
import { parseConfig } from '../../../web/config';
import { signIn, type Client } from '../../support/api';
import { drivers } from '../../support/databases';
import { openFixture, type Fixture, type Placed } from './cadre-fixtures';
import { addUser, orgUnitId } from './case-fixtures';

interface Day {
  date: string;
  checkIn: boolean;
  verified: boolean;
}

interface Answer {
  cadre: { id: number; name: string };
  month: string;
  asOf: string;
  days: Day[];
}

/** An instant on a day in Asia/Shanghai (UTC+8). */
const at = (date: string, hour: number) =>
  new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`API presence on ${title}`, () => {
    let f: Fixture;
    /** 东引村 (西江镇), 雷山县财政局, since 2026-09-01. */
    let P: Placed;
    /** 白岩村 (丹江镇) until Thu 2026-10-15, then 东引村 (西江镇) from Fri 2026-10-16. */
    let E: Placed & { earlier: number; later: number };

    const clients = new Map<string, Promise<Client>>();
    const as = (username: string) => {
      let client = clients.get(username);
      if (!client) clients.set(username, (client = signIn(f.app, username)));
      return client;
    };

    const presence = async (client: Client, cadreId: number, month: string): Promise<Answer> => {
      const res = await client.get(`/api/cadres/${cadreId}/presence?month=${month}`);
      const body = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(200);
      return body as Answer;
    };
    const row = (date: string, checkIn: boolean, verified: boolean): Day => ({
      date,
      checkIn,
      verified,
    });

    const checkIn = (
      who: { cadreId: number; assignmentId: number; villageId: number },
      date: string,
      hour: number,
      inside: boolean,
    ) =>
      f.db.insert(t.checkIns).values({
        cadreId: who.cadreId,
        assignmentId: who.assignmentId,
        villageId: who.villageId,
        at: at(date, hour),
        localDate: date,
        latitude: inside ? 26.5 : 26.6,
        longitude: 108.17,
        inside,
        distanceMetres: inside ? 120 : 11_000,
      });
    const verify = async (cadreId: number, date: string) => {
      const res = await (
        await as('demo-township')
      ).post('/api/attendance/verified', {
        cadreId,
        date,
        note: '镇党委核实在村',
      });
      expect(res.status, await res.clone().text()).toBe(201);
    };

    beforeAll(async () => {
      f = await openFixture(driver);
      P = await f.place('潘安', '东引村', '雷山县财政局');
      // Two inside check-ins on Mon 11-02; outside only on Tue 11-03; outside and verified on
      // Wed 11-04; inside and verified on Thu 11-05; verified only on Tue 11-10; inside on Wed 11-25
      // and this morning, Thu 11-26; inside on Fri 10-30, the month before.
      await checkIn(P, '2026-10-30', 9, true);
      await checkIn(P, '2026-11-02', 8, true);
      await checkIn(P, '2026-11-02', 18, true);
      await checkIn(P, '2026-11-03', 9, false);
      await checkIn(P, '2026-11-04', 9, false);
      await checkIn(P, '2026-11-05', 9, true);
      await checkIn(P, '2026-11-25', 9, true);
      await checkIn(P, '2026-11-26', 8, true);
      for (const date of ['2026-11-04', '2026-11-05', '2026-11-10']) await verify(P.cadreId, date);

      const first = await f.place('鄂雪', '白岩村', '雷山县财政局');
      await f.db
        .update(t.assignments)
        .set({ endsOn: '2026-10-15' })
        .where(eq(t.assignments.id, first.assignmentId));
      const [unit] = await f.db
        .select()
        .from(t.dispatchingUnits)
        .where(eq(t.dispatchingUnits.name, '雷山县财政局'));
      const [later] = await f.db
        .insert(t.assignments)
        .values({
          cadreId: first.cadreId,
          villageId: P.villageId,
          role: 'teamMember',
          dispatchLevel: 'county',
          dispatchingUnitId: unit!.id,
          startsOn: '2026-10-16',
        })
        .returning({ id: t.assignments.id });
      E = { ...first, earlier: first.assignmentId, later: later!.id };
      const earlier = { ...first, assignmentId: E.earlier };
      const second = { cadreId: E.cadreId, assignmentId: E.later, villageId: P.villageId };
      await checkIn(earlier, '2026-10-12', 9, true);
      await f.db.insert(t.verifiedPresence).values({
        cadreId: E.cadreId,
        assignmentId: E.earlier,
        date: '2026-10-14',
        verifiedByUserId: f.userId['demo-county'],
      });
      await checkIn(second, '2026-10-20', 9, true);

      await addUser(f.db, {
        username: 'test-province',
        role: 'province',
        orgUnitId: await orgUnitId(f.db, '贵州省'),
      });
      await addUser(f.db, {
        username: 'test-danjiang',
        role: 'township',
        orgUnitId: await orgUnitId(f.db, '丹江镇'),
      });
      await addUser(f.db, {
        username: 'test-cadre-p',
        role: 'cadre',
        orgUnitId: P.villageId,
        cadreId: P.cadreId,
      });
    });
    afterAll(async () => f?.test.dispose());

    it('§1.1: on Thu 2026-11-26, November has Mon 11-02 (two check-ins, once), Wed 11-04 (verified, the check-in outside), Thu 11-05 (both), Tue 11-10 (verified), Wed 11-25 and today; not Tue 11-03, outside only', async () => {
      const answer = await presence(await as('demo-township'), P.cadreId, '2026-11');
      expect(answer).toEqual({
        cadre: { id: P.cadreId, name: '潘安' },
        month: '2026-11',
        asOf: '2026-11-26',
        days: [
          row('2026-11-02', true, false),
          row('2026-11-04', false, true),
          row('2026-11-05', true, true),
          row('2026-11-10', false, true),
          row('2026-11-25', true, false),
          row('2026-11-26', true, false),
        ],
      });
      // The month before is its own: Fri 2026-10-30 alone.
      expect((await presence(await as('demo-township'), P.cadreId, '2026-10')).days).toEqual([
        row('2026-10-30', true, false),
      ]);
    });

    it('§1.1: on Thu 2026-11-05 November stops at today — Tue 11-10, Wed 11-25 and Thu 11-26 have not come — and December 2026 has no days yet', async () => {
      const earlier = createApp({
        db: f.db,
        config: parseConfig({}),
        driver,
        clock: () => new Date('2026-11-05T01:30:00Z'),
      });
      const answer = await presence(await signIn(earlier, 'demo-township'), P.cadreId, '2026-11');
      expect(answer).toMatchObject({ month: '2026-11', asOf: '2026-11-05' });
      expect(answer.days).toEqual([
        row('2026-11-02', true, false),
        row('2026-11-04', false, true),
        row('2026-11-05', true, true),
      ]);
      const december = await presence(await as('demo-township'), P.cadreId, '2026-12');
      expect(december).toEqual({
        cadre: { id: P.cadreId, name: '潘安' },
        month: '2026-12',
        asOf: '2026-11-26',
        days: [],
      });
    });

    it('shows a cadre who moved from 白岩村 (丹江镇) to 东引村 (西江镇) on Fri 2026-10-16 each township only its own stay’s days of October, and the county all of them', async () => {
      expect((await presence(await as('demo-township'), E.cadreId, '2026-10')).days).toEqual([
        row('2026-10-20', true, false),
      ]);
      expect((await presence(await as('test-danjiang'), E.cadreId, '2026-10')).days).toEqual([
        row('2026-10-12', true, false),
        row('2026-10-14', false, true),
      ]);
      expect((await presence(await as('demo-county'), E.cadreId, '2026-10')).days).toEqual([
        row('2026-10-12', true, false),
        row('2026-10-14', false, true),
        row('2026-10-20', true, false),
      ]);
    });

    it('lets every supervisor read a cadre in their scope and 404 out of it — a township of another township, a unit another unit’s cadre; discipline, inspectors and admins too, as for /cadres/:id/months; the cadre their own', async () => {
      const matrix: [string, Placed, number][] = [
        ['demo-county', P, 200],
        ['demo-county', f.X, 404],
        ['demo-township', P, 200],
        ['demo-township', f.T, 404],
        ['test-danjiang', P, 404],
        ['test-danjiang', f.T, 200],
        ['demo-unit', P, 200],
        ['demo-unit', f.U, 404],
        ['demo-discipline', P, 200],
        ['demo-discipline', f.X, 404],
        ['demo-inspector', P, 200],
        ['demo-inspector', f.X, 404],
        ['test-province', P, 200],
        ['test-province', f.X, 200],
        ['test-cadre-p', P, 200],
        ['test-cadre-p', f.A, 404],
        // The admin's unit is the root of the tree, as the province's: 台江县 is in it too.
        ['demo-admin', P, 200],
        ['demo-admin', f.X, 200],
      ];
      for (const [username, who, status] of matrix) {
        const res = await (
          await as(username)
        ).get(`/api/cadres/${who.cadreId}/presence?month=2026-11`);
        expect(res.status, `${username} → ${who.cadreId}`).toBe(status);
      }
      // The cadre sees the same days as the township.
      expect((await presence(await as('test-cadre-p'), P.cadreId, '2026-11')).days).toHaveLength(6);
      const county = await as('demo-county');
      expect((await county.get('/api/cadres/999999/presence?month=2026-11')).status).toBe(404);
      expect((await f.app.request(`/api/cadres/${P.cadreId}/presence?month=2026-11`)).status).toBe(
        401,
      );
      const missing = await (
        await as('demo-township')
      ).get(`/api/cadres/${f.T.cadreId}/presence?month=2026-11`);
      expect(await missing.json()).toMatchObject({ error: 'not-found' });
    });

    it('refuses a month that is not one — 2026-13, 2026-1, a date, a word, none — with 400 naming month', async () => {
      const township = await as('demo-township');
      for (const query of [
        '?month=2026-13',
        '?month=2026-1',
        '?month=2026-11-01',
        '?month=november',
        '',
      ]) {
        const res = await township.get(`/api/cadres/${P.cadreId}/presence${query}`);
        expect(res.status, query).toBe(400);
        expect(await res.json(), query).toMatchObject({ error: 'invalid-input', field: 'month' });
      }
      expect((await township.get('/api/cadres/0/presence?month=2026-11')).status).toBe(400);
    });

    it('describes GET /cadres/{id}/presence in the OpenAPI document', async () => {
      const doc = await (await f.app.request('/api/openapi.json')).json();
      expect(doc.paths['/cadres/{id}/presence'].get).toMatchObject({ tags: ['attendance'] });
      expect(doc.paths['/cadres/{id}/presence'].get.parameters).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'month', in: 'query' })]),
      );
    });
  });
}
