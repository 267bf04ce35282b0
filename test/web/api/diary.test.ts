// GET /api/cadres/:id/diary on both drivers: a cadre's 民情日记 entries (§2.5) newest first, the
// last 90 days by default or a range asked for, at most 500; only the stays in the reader's scope,
// and only for the offices that act on §2.5 flags and the cadre themself.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../../db/schema';
import { signIn, type Client } from '../../support/api';
import { drivers } from '../../support/databases';
import { openFixture, type Fixture, type Placed } from './cadre-fixtures';
import { addUser, orgUnitId } from './case-fixtures';

interface Entry {
  id: number;
  date: string;
  at: string;
  text: string | null;
  photo: boolean;
  voice: boolean;
  assignmentId: number;
  village: { id: number; name: string };
  createdAt: string;
}

interface Answer {
  cadre: { id: number; name: string };
  from: string;
  to: string;
  entries: Entry[];
  truncated: boolean;
}

/** An instant on a day in Asia/Shanghai (UTC+8). */
const at = (date: string, hour: number, minute = 0) =>
  new Date(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`);

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`API diary on ${title}`, () => {
    let f: Fixture;
    /** 东引村 (西江镇), 雷山县财政局, since 2026-06-01. */
    let D: Placed;
    /** 白岩村 (丹江镇) until 2026-08-31, then 东引村 (西江镇) from 2026-09-01. */
    let E: Placed & { earlier: number; later: number };
    /** 东引村, 雷山县财政局: six entries a day. */
    let L: Placed;

    const clients = new Map<string, Promise<Client>>();
    const as = (username: string) => {
      let client = clients.get(username);
      if (!client) clients.set(username, (client = signIn(f.app, username)));
      return client;
    };

    const diary = async (client: Client, cadreId: number, query = ''): Promise<Answer> => {
      const res = await client.get(`/api/cadres/${cadreId}/diary${query}`);
      const body = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(200);
      return body as Answer;
    };
    const dates = (a: Answer) => a.entries.map((e) => e.date);

    const write = (who: { cadreId: number; assignmentId: number }, date: string, hour: number) =>
      f.db
        .insert(t.diaryEntries)
        .values({
          cadreId: who.cadreId,
          assignmentId: who.assignmentId,
          localDate: date,
          at: at(date, hour),
          text: `${date} ${hour}时 走访农户`,
        })
        .returning({ id: t.diaryEntries.id });

    beforeAll(async () => {
      f = await openFixture(driver);
      D = await f.place('丁香', '东引村', '雷山县财政局', '2026-06-01');
      for (const [date, hour] of [
        ['2026-08-28', 20],
        ['2026-08-29', 20],
        ['2026-10-01', 20],
        ['2026-10-31', 20],
        ['2026-11-01', 20],
        ['2026-11-26', 8],
      ] as const) {
        await write(D, date, hour);
      }
      // A photo with no words, later the same evening.
      await f.db.insert(t.diaryEntries).values({
        cadreId: D.cadreId,
        assignmentId: D.assignmentId,
        localDate: '2026-11-26',
        at: at('2026-11-26', 20, 30),
        photoFileId: 'AgACAgUAAxkBAAIB',
      });

      const first = await f.place('鄂雪', '白岩村', '雷山县财政局', '2026-06-01');
      await f.db
        .update(t.assignments)
        .set({ endsOn: '2026-08-31' })
        .where(eq(t.assignments.id, first.assignmentId));
      const [village] = await f.db.select().from(t.orgUnits).where(eq(t.orgUnits.name, '东引村'));
      const [unit] = await f.db
        .select()
        .from(t.dispatchingUnits)
        .where(eq(t.dispatchingUnits.name, '雷山县财政局'));
      const [later] = await f.db
        .insert(t.assignments)
        .values({
          cadreId: first.cadreId,
          villageId: village!.id,
          role: 'teamMember',
          dispatchLevel: 'county',
          dispatchingUnitId: unit!.id,
          startsOn: '2026-09-01',
        })
        .returning({ id: t.assignments.id });
      E = { ...first, earlier: first.assignmentId, later: later!.id };
      await write({ cadreId: E.cadreId, assignmentId: E.earlier }, '2026-08-30', 20);
      await write({ cadreId: E.cadreId, assignmentId: E.later }, '2026-09-02', 20);

      L = await f.place('李多', '东引村', '雷山县财政局', '2026-06-01');
      const many: (typeof t.diaryEntries.$inferInsert)[] = [];
      for (let day = 0; day < 90; day++) {
        const date = new Date(Date.UTC(2026, 7, 29 + day)).toISOString().slice(0, 10);
        for (let hour = 8; hour < 20; hour += 2) {
          many.push({
            cadreId: L.cadreId,
            assignmentId: L.assignmentId,
            localDate: date,
            at: at(date, hour),
            text: `第${day + 1}天 ${hour}时`,
          });
        }
      }
      await f.db.insert(t.diaryEntries).values(many);

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
        username: 'test-cadre-d',
        role: 'cadre',
        orgUnitId: D.villageId,
        cadreId: D.cadreId,
      });
    });
    afterAll(async () => f?.test.dispose());

    it('§2.5: on Thu 2026-11-26 shows the 90 days from Sat 2026-08-29, newest first — the evening photo before the morning text — and leaves out Fri 2026-08-28', async () => {
      const answer = await diary(await as('demo-township'), D.cadreId);
      expect(answer).toMatchObject({
        cadre: { id: D.cadreId, name: '丁香' },
        from: '2026-08-29',
        to: '2026-11-26',
        truncated: false,
      });
      expect(dates(answer)).toEqual([
        '2026-11-26',
        '2026-11-26',
        '2026-11-01',
        '2026-10-31',
        '2026-10-01',
        '2026-08-29',
      ]);
      expect(answer.entries[0]).toMatchObject({
        date: '2026-11-26',
        at: '2026-11-26T12:30:00.000Z',
        text: null,
        photo: true,
        voice: false,
        assignmentId: D.assignmentId,
        village: { id: D.villageId, name: '东引村' },
      });
      expect(answer.entries[1]).toMatchObject({
        text: '2026-11-26 8时 走访农户',
        photo: false,
        at: '2026-11-26T00:00:00.000Z',
      });
      expect(Date.parse(answer.entries[1]!.createdAt)).not.toBeNaN();
    });

    it('takes ?from= and ?to= inclusive: October 2026 is Thu 10-01 and Sat 10-31; ?to=2026-10-31 alone reaches back 90 days to Mon 2026-08-03; ?from=2026-11-01 alone runs to today', async () => {
      const township = await as('demo-township');
      const october = await diary(township, D.cadreId, '?from=2026-10-01&to=2026-10-31');
      expect(october).toMatchObject({ from: '2026-10-01', to: '2026-10-31' });
      expect(dates(october)).toEqual(['2026-10-31', '2026-10-01']);
      const toOnly = await diary(township, D.cadreId, '?to=2026-10-31');
      expect(toOnly).toMatchObject({ from: '2026-08-03', to: '2026-10-31' });
      expect(dates(toOnly)).toEqual(['2026-10-31', '2026-10-01', '2026-08-29', '2026-08-28']);
      const fromOnly = await diary(township, D.cadreId, '?from=2026-11-01');
      expect(fromOnly).toMatchObject({ from: '2026-11-01', to: '2026-11-26' });
      expect(dates(fromOnly)).toEqual(['2026-11-26', '2026-11-26', '2026-11-01']);
      expect(dates(await diary(township, D.cadreId, '?from=2026-11-02&to=2026-11-25'))).toEqual([]);
    });

    it('refuses a range that ends before it starts, or a date that is not one: 400 naming the field', async () => {
      const township = await as('demo-township');
      const cases: [string, string][] = [
        ['?from=2026-11-02&to=2026-11-01', 'from'],
        // From Fri 2026-11-27, after today, to today.
        ['?from=2026-11-27', 'from'],
        ['?from=2026-02-30', 'from'],
        ['?to=2026-13-01', 'to'],
        ['?to=yesterday', 'to'],
      ];
      for (const [query, field] of cases) {
        const res = await township.get(`/api/cadres/${D.cadreId}/diary${query}`);
        expect(res.status, query).toBe(400);
        expect(await res.json(), query).toMatchObject({ error: 'invalid-input', field });
      }
      expect((await township.get(`/api/cadres/0/diary`)).status).toBe(400);
    });

    it('returns at most 500 entries, newest first, and says it was cut: 540 entries in the 90 days to Thu 2026-11-26', async () => {
      const township = await as('demo-township');
      const all = await diary(township, L.cadreId);
      expect(all.entries).toHaveLength(500);
      expect(all.truncated).toBe(true);
      expect(all.entries[0]).toMatchObject({ date: '2026-11-26', text: '第90天 18时' });
      const instants = all.entries.map((e) => e.at);
      expect(instants).toEqual([...instants].sort().reverse());
      // The 40 oldest are the ones left out: the last shown is 2026-09-04 at 16:00.
      expect(all.entries.at(-1)).toMatchObject({ date: '2026-09-04', text: '第7天 16时' });
      const november = await diary(township, L.cadreId, '?from=2026-11-01');
      expect(november.entries).toHaveLength(26 * 6);
      expect(november.truncated).toBe(false);
    });

    it('shows a cadre who moved from 白岩村 (丹江镇) to 东引村 (西江镇) on Tue 2026-09-01 each township its own stay’s entries, and the county both', async () => {
      const range = '?from=2026-08-01';
      expect(dates(await diary(await as('demo-township'), E.cadreId, range))).toEqual([
        '2026-09-02',
      ]);
      expect(dates(await diary(await as('test-danjiang'), E.cadreId, range))).toEqual([
        '2026-08-30',
      ]);
      const county = await diary(await as('demo-county'), E.cadreId, range);
      expect(county.entries.map((e) => [e.date, e.village.name])).toEqual([
        ['2026-09-02', '东引村'],
        ['2026-08-30', '白岩村'],
      ]);
    });

    it('lets the offices that act on §2.5 flags read a diary in their scope and 404 out of it; the cadre their own; discipline, inspectors and admins not at all (403)', async () => {
      const matrix: [string, Placed, number][] = [
        ['demo-county', D, 200],
        ['demo-county', f.X, 404],
        ['demo-township', D, 200],
        ['demo-township', f.T, 404],
        ['test-danjiang', D, 404],
        ['test-danjiang', f.T, 200],
        ['demo-unit', D, 200],
        ['demo-unit', f.U, 404],
        ['test-province', D, 200],
        ['test-province', f.X, 200],
        ['test-cadre-d', D, 200],
        ['test-cadre-d', f.A, 404],
        ['demo-discipline', D, 403],
        ['demo-inspector', D, 403],
        ['demo-admin', D, 403],
      ];
      for (const [username, who, status] of matrix) {
        const res = await (await as(username)).get(`/api/cadres/${who.cadreId}/diary`);
        expect(res.status, `${username} → ${who.cadreId}`).toBe(status);
      }
      expect((await (await as('demo-county')).get('/api/cadres/999999/diary')).status).toBe(404);
      expect((await f.app.request(`/api/cadres/${D.cadreId}/diary`)).status).toBe(401);
      const missing = await (await as('demo-township')).get(`/api/cadres/${f.T.cadreId}/diary`);
      expect(await missing.json()).toMatchObject({ error: 'not-found' });
    });

    it('describes GET /cadres/{id}/diary in the OpenAPI document', async () => {
      const doc = await (await f.app.request('/api/openapi.json')).json();
      expect(doc.paths['/cadres/{id}/diary'].get).toMatchObject({ tags: ['attendance'] });
    });
  });
}
