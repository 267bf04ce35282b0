// GET /api/deadlines on both drivers: the deadlines of open cases in my scope that are overdue or
// due within N working days, counted as GET /cases/:id counts them — across the Mid-Autumn holiday
// and its make-up Sunday, across weekends — in order, per role and scope, with `within` checked.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countWorkdaysBetween, workdaysAfter } from '../../../core/calendar';
import { calendarFor } from '../../../db/queries/calendar';
import * as t from '../../../db/schema';
import { createApp } from '../../../web/app';
import { parseConfig } from '../../../web/config';
import { signIn, type Client } from '../../support/api';
import { drivers } from '../../support/databases';
import { openFixture, type Fixture, type Placed } from './cadre-fixtures';
import { addUser, casesWithDeadlines, orgUnitId, step } from './case-fixtures';

interface Item {
  caseId: number;
  cadre: { id: number; name: string };
  village: { id: number; name: string };
  step: string;
  name: string;
  clause: string;
  due: string;
  workdaysLeft: number;
  provisional: boolean;
  overdue: boolean;
  escalate: boolean;
  escalateTo: string | null;
}

interface Answer {
  asOf: string;
  within: number;
  deadlines: Item[];
}

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`API deadlines on ${title}`, () => {
    let f: Fixture;
    /** 羊排村 (西江镇), 雷山县财政局: notice Wed 2026-09-16, recall due Thu 2026-09-24. */
    let H: Placed;
    /** 白岩村 (丹江镇), 雷山县教育局: notice Fri 2026-11-13, recall due Tue 2026-11-24. */
    let O: Placed;
    /** 白岩村 (丹江镇), 雷山县财政局: notice Thu 2026-11-26, appeal due 11-30, recall 12-07. */
    let W: Placed;
    const caseOf: Record<'H' | 'O' | 'W', number> = { H: 0, O: 0, W: 0 };

    /** The demo clients, and the accounts the demo lacks, signed in once on the fixture's app. */
    const clients = new Map<string, Promise<Client>>();
    const as = (username: string) => {
      let client = clients.get(username);
      if (!client) clients.set(username, (client = signIn(f.app, username)));
      return client;
    };

    /** A client of the same database whose clock reads `iso`. */
    const on = async (iso: string, username = 'demo-county') =>
      signIn(
        createApp({ db: f.db, config: parseConfig({}), driver, clock: () => new Date(iso) }),
        username,
      );

    const list = async (client: Client, query = ''): Promise<Answer> => {
      const res = await client.get(`/api/deadlines${query}`);
      const body = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(200);
      return body as Answer;
    };

    /** The list as [case, step, due, workdaysLeft, overdue] rows. */
    const rows = (answer: Answer) =>
      answer.deadlines.map((d) => [
        Object.entries(caseOf).find(([, id]) => id === d.caseId)?.[0] ?? d.caseId,
        d.step,
        d.due,
        d.workdaysLeft,
        d.overdue,
      ]);

    const pathOf = async (villageId: number) => {
      const [village] = await f.db.select().from(t.orgUnits).where(eq(t.orgUnits.id, villageId));
      return village!.path;
    };

    beforeAll(async () => {
      f = await openFixture(driver);
      H = await f.place('何秋', '羊排村', '雷山县财政局', '2026-09-01');
      O = await f.place('欧明', '白岩村', '雷山县教育局', '2026-09-01');
      W = await f.place('王薇', '白岩村', '雷山县财政局', '2026-09-01');
      await addUser(f.db, {
        username: 'test-danjiang',
        role: 'township',
        orgUnitId: await orgUnitId(f.db, '丹江镇'),
      });
      await addUser(f.db, {
        username: 'test-langde',
        role: 'township',
        orgUnitId: await orgUnitId(f.db, '郎德镇'),
      });
      await addUser(f.db, {
        username: 'test-province',
        role: 'province',
        orgUnitId: await orgUnitId(f.db, '贵州省'),
      });
      await addUser(f.db, {
        username: 'test-cadre-h',
        role: 'cadre',
        orgUnitId: H.villageId,
        cadreId: H.cadreId,
      });

      const township = await as('demo-township');
      const county = await as('demo-county');
      const discipline = await as('demo-discipline');
      Object.assign(
        caseOf,
        await casesWithDeadlines({ township, county, discipline }, { H, O, W }),
      );
    });
    afterAll(async () => f?.test.dispose());

    it('on Thu 2026-11-26 lists H’s recall (due Thu 2026-09-24, 40 working days overdue) first, then O’s (due Tue 2026-11-24, 2 overdue), then W’s appeal window (due Mon 2026-11-30, 2 working days away)', async () => {
      const answer = await list(await as('demo-county'));
      expect(answer).toMatchObject({ asOf: '2026-11-26', within: 2 });
      expect(rows(answer)).toEqual([
        ['H', 'recall', '2026-09-24', -40, true],
        ['O', 'recall', '2026-11-24', -2, true],
        ['W', 'appeal', '2026-11-30', 2, false],
      ]);
      expect(answer.deadlines[0]).toEqual({
        caseId: caseOf.H,
        cadre: { id: H.cadreId, name: '何秋' },
        village: { id: H.villageId, name: '羊排村' },
        step: 'recall',
        name: '请回期限',
        clause: '§3.5',
        due: '2026-09-24',
        workdaysLeft: -40,
        provisional: false,
        overdue: true,
        escalate: true,
        escalateTo: 'city',
      });
      // The same count as core's, with the calendar of the case's place.
      const calendar = await calendarFor(f.db, await pathOf(H.villageId));
      expect(countWorkdaysBetween(calendar, '2026-11-26', '2026-09-24').workdays).toBe(-40);
      // English names with Accept-Language: en.
      const en = await (
        await as('demo-county')
      ).get('/api/deadlines', { headers: { 'Accept-Language': 'en' } });
      expect(((await en.json()) as Answer).deadlines.map((d) => d.name)).toEqual([
        'recall',
        'recall',
        'appeal window',
      ]);
    });

    it('agrees with GET /cases/:id on Thu 2026-11-26: open deadlines’ workdaysLeft, overdue ones’ overdueWorkdays, provisional marks', async () => {
      const county = await as('demo-county');
      const { deadlines } = await list(county, '?within=30');
      expect(deadlines.length).toBe(4);
      for (const d of deadlines) {
        const one = await (await county.get(`/api/cases/${d.caseId}`)).json();
        const same = one.deadlines.find((x: { step: string }) => x.step === d.step);
        expect(same, `${d.caseId} ${d.step}`).toMatchObject({
          due: d.due,
          provisional: d.provisional,
          status: d.overdue ? 'overdue' : 'open',
          workdaysLeft: d.overdue ? null : d.workdaysLeft,
          overdueWorkdays: d.overdue ? -d.workdaysLeft : null,
          escalate: d.escalate,
        });
      }
    });

    it('on Thu 2026-11-26 takes ?within=: 0 and 1 give only the overdue (Mon 2026-11-30 is 2 working days away across the weekend), 6 adds W’s appeal window, 7 W’s recall due Mon 2026-12-07', async () => {
      const county = await as('demo-county');
      const overdue = [
        ['H', 'recall', '2026-09-24', -40, true],
        ['O', 'recall', '2026-11-24', -2, true],
      ];
      expect(rows(await list(county, '?within=0'))).toEqual(overdue);
      expect(rows(await list(county, '?within=1'))).toEqual(overdue);
      expect(rows(await list(county, '?within=6'))).toEqual([
        ...overdue,
        ['W', 'appeal', '2026-11-30', 2, false],
      ]);
      const seven = await list(county, '?within=7');
      expect(seven.within).toBe(7);
      expect(rows(seven)).toEqual([
        ...overdue,
        ['W', 'appeal', '2026-11-30', 2, false],
        ['W', 'recall', '2026-12-07', 7, false],
      ]);
    });

    it('refuses ?within= outside 0 … 30 or not a whole number: 400 naming the field', async () => {
      const county = await as('demo-county');
      for (const value of ['31', '-1', '1.5', 'two']) {
        const res = await county.get(`/api/deadlines?within=${value}`);
        expect(res.status, value).toBe(400);
        expect(await res.json(), value).toMatchObject({ error: 'invalid-input', field: 'within' });
      }
      expect((await county.get('/api/deadlines?within=30')).status).toBe(200);
    });

    it('§3.5 across the Mid-Autumn holiday: H’s recall due Thu 2026-09-24 is overdue on Sun 2026-09-27 with no working day passed, and one working day overdue on Mon 2026-09-28, four days later', async () => {
      const sunday = await list(await on('2026-09-27T02:00:00Z'));
      expect(sunday.asOf).toBe('2026-09-27');
      expect(rows(sunday)).toEqual([['H', 'recall', '2026-09-24', 0, true]]);
      expect(sunday.deadlines[0]).toMatchObject({ escalate: false });
      const monday = await list(await on('2026-09-28T02:00:00Z'));
      expect(rows(monday)).toEqual([['H', 'recall', '2026-09-24', -1, true]]);
      // The day before it was due, it was one working day away.
      expect(rows(await list(await on('2026-09-23T02:00:00Z')))).toEqual([
        ['H', 'recall', '2026-09-24', 1, false],
      ]);
    });

    it('on Wed 2026-09-16, the day of H’s notice, the appeal window (Fri 2026-09-18) is 2 working days away and the recall (Thu 2026-09-24) 7, the make-up Sunday 2026-09-20 counting', async () => {
      const county = await on('2026-09-16T02:00:00Z');
      expect(rows(await list(county))).toEqual([['H', 'appeal', '2026-09-18', 2, false]]);
      expect(rows(await list(county, '?within=6'))).toEqual([
        ['H', 'appeal', '2026-09-18', 2, false],
      ]);
      expect(rows(await list(county, '?within=7'))).toEqual([
        ['H', 'appeal', '2026-09-18', 2, false],
        ['H', 'recall', '2026-09-24', 7, false],
      ]);
      const calendar = await calendarFor(f.db, await pathOf(H.villageId));
      expect(workdaysAfter(calendar, '2026-09-16', 7).date).toBe('2026-09-24');
    });

    it('shows each role the deadlines of its scope on Thu 2026-11-26: 西江镇’s officer H only, 丹江镇’s O and W, 郎德镇’s nothing; the unit its own cadres; the cadre their own; inspectors and admins none', async () => {
      const matrix: [string, string[] | number][] = [
        ['demo-county', ['H', 'O', 'W']],
        ['demo-discipline', ['H', 'O', 'W']],
        ['test-province', ['H', 'O', 'W']],
        ['demo-township', ['H']],
        ['test-danjiang', ['O', 'W']],
        ['test-langde', []],
        ['demo-unit', ['H', 'W']],
        ['test-cadre-h', ['H']],
        ['demo-inspector', 403],
        ['demo-admin', 403],
      ];
      for (const [username, expected] of matrix) {
        const res = await (await as(username)).get('/api/deadlines');
        if (typeof expected === 'number') {
          expect(res.status, username).toBe(expected);
          continue;
        }
        expect(res.status, username).toBe(200);
        const seen = rows((await res.json()) as Answer).map((r) => r[0]);
        expect([...new Set(seen)], username).toEqual(expected);
      }
      expect((await f.app.request('/api/deadlines')).status).toBe(401);
    });

    it('drops a deadline once its step is done: W recalled by 雷山县财政局 on Thu 2026-11-26 leaves only W’s appeal window', async () => {
      await step(await as('demo-unit'), caseOf.W, { type: 'recalled', date: '2026-11-26' });
      expect(rows(await list(await as('demo-county'), '?within=7'))).toEqual([
        ['H', 'recall', '2026-09-24', -40, true],
        ['O', 'recall', '2026-11-24', -2, true],
        ['W', 'appeal', '2026-11-30', 2, false],
      ]);
    });

    it('describes GET /deadlines in the OpenAPI document', async () => {
      const doc = await (await f.app.request('/api/openapi.json')).json();
      expect(doc.paths['/deadlines'].get).toMatchObject({ tags: ['cases'] });
      expect(doc.paths['/deadlines'].get.responses).toHaveProperty('400');
    });
  });
}
