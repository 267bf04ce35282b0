// The attendance API: a cadre's months and an org unit's month as core evaluates them (§1.2, §2.4,
// §2.5), and presence verified by the township (§1.1), in and out of scope, on both drivers.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateMonth, monthFacts } from '../../../core/attendance';
import { eachDay } from '../../../core/calendar/local-date';
import { cadreMonth } from '../../../db/queries/attendance';
import { verifyAudit } from '../../../db/queries/audit';
import { parametersFor } from '../../../db/queries/parameters';
import * as t from '../../../db/schema';
import { signIn } from '../../support/api';
import { drivers } from '../../support/databases';
import { type Account, type DemoApi, json, openDemoApi, TODAY } from './org-fixture';

interface Row {
  cadre: { id: number; name: string };
  assignment: { id: number; startsOn: string; endsOn: string | null };
  village: { id: number; name: string };
  dispatchingUnit: { id: number; name: string };
  required: number;
  inVillage: number;
  justifiedAbsence: number;
  shortfall: number;
  diaryEntries: number;
  compliant: boolean | null;
  diaryCompliant: boolean | null;
}

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`API attendance on ${title}`, () => {
    let api: DemoApi;
    beforeAll(async () => {
      api = await openDemoApi(driver);
    });
    afterAll(async () => api?.test.dispose());

    /** What core says of one assignment's month, through the database's own query. */
    async function expected(assignmentId: number, month: string) {
      const [a] = await api.db
        .select()
        .from(t.assignments)
        .where(eq(t.assignments.id, assignmentId));
      const [village] = await api.db
        .select()
        .from(t.orgUnits)
        .where(eq(t.orgUnits.id, a!.villageId));
      const parameters = await parametersFor(api.db, village!.path);
      return cadreMonth(api.db, a!, month, TODAY, parameters);
    }

    describe('permission matrix', () => {
      const cases: [Account, string, (i: DemoApi['ids']) => string, number][] = [
        [
          'demo-county',
          'reads 雷山县’s October 2026',
          (i) => `/api/attendance/${i.leishan.id}/2026-10`,
          200,
        ],
        [
          'demo-township',
          'reads 西江镇’s October 2026',
          (i) => `/api/attendance/${i.xijiang.id}/2026-10`,
          200,
        ],
        [
          'demo-township',
          'reads 丹江镇’s October 2026',
          (i) => `/api/attendance/${i.danjiang.id}/2026-10`,
          404,
        ],
        [
          'demo-township',
          'reads 雷山县’s October 2026',
          (i) => `/api/attendance/${i.leishan.id}/2026-10`,
          404,
        ],
        [
          'demo-unit',
          'reads 雷山县’s October 2026',
          (i) => `/api/attendance/${i.leishan.id}/2026-10`,
          200,
        ],
        [
          'demo-discipline',
          'reads 丹江镇’s October 2026',
          (i) => `/api/attendance/${i.danjiang.id}/2026-10`,
          200,
        ],
        [
          'demo-inspector',
          'reads 丹江镇’s October 2026',
          (i) => `/api/attendance/${i.danjiang.id}/2026-10`,
          200,
        ],
        [
          'demo-county',
          'reads 台江县’s October 2026',
          (i) => `/api/attendance/${i.taijiang.id}/2026-10`,
          404,
        ],
        [
          'demo-admin',
          'reads 台江县’s October 2026',
          (i) => `/api/attendance/${i.taijiang.id}/2026-10`,
          200,
        ],
        [
          'demo-township',
          'reads a 西江镇 cadre’s months',
          (i) => `/api/cadres/${i.xijiangCadre.cadreId}/months`,
          200,
        ],
        [
          'demo-township',
          'reads a 丹江镇 cadre’s months',
          (i) => `/api/cadres/${i.danjiangCadre.cadreId}/months`,
          404,
        ],
        [
          'demo-unit',
          'reads a 雷山县财政局 cadre’s months',
          (i) => `/api/cadres/${i.financeCadres[0]!.cadreId}/months`,
          200,
        ],
        [
          'demo-unit',
          'reads another unit’s cadre’s months',
          (i) => `/api/cadres/${i.xijiangCadre.cadreId}/months`,
          404,
        ],
        [
          'demo-inspector',
          'reads a 丹江镇 cadre’s months',
          (i) => `/api/cadres/${i.danjiangCadre.cadreId}/months`,
          200,
        ],
        [
          'demo-county',
          'reads a 台江县 cadre’s months',
          (i) => `/api/cadres/${i.taijiangCadre.cadreId}/months`,
          404,
        ],
      ];
      for (const [account, what, path, status] of cases) {
        it(`${account} ${what}: ${status}`, async () => {
          expect((await api.as[account].get(path(api.ids))).status).toBe(status);
        });
      }

      const verify: [Account, (i: DemoApi['ids']) => number, number][] = [
        ['demo-inspector', (i) => i.xijiangCadre.cadreId, 403],
        ['demo-unit', (i) => i.financeCadres[0]!.cadreId, 403],
        ['demo-discipline', (i) => i.xijiangCadre.cadreId, 403],
        ['demo-admin', (i) => i.xijiangCadre.cadreId, 403],
        ['demo-township', (i) => i.danjiangCadre.cadreId, 404],
        ['demo-county', (i) => i.taijiangCadre.cadreId, 404],
      ];
      for (const [account, cadre, status] of verify) {
        it(`${account} records verified presence on Mon 2026-11-23: ${status}`, async () => {
          const res = await api.as[account].post('/api/attendance/verified', {
            cadreId: cadre(api.ids),
            date: '2026-11-23',
          });
          expect(res.status).toBe(status);
        });
      }
    });

    it('§1.2: every month of a 西江镇 cadre’s assignment from 2026-09-26, as known on 2026-11-26, equals core’s evaluation', async () => {
      const cadre = api.ids.xijiangCadre;
      const res = await api.as['demo-township'].get(`/api/cadres/${cadre.cadreId}/months`);
      const body = await json(res);
      expect(body.assignment).toMatchObject({ id: cadre.assignmentId, startsOn: '2026-09-26' });
      expect(body.asOf).toBe(TODAY);
      expect(body.months.map((m: { month: string }) => m.month)).toEqual([
        '2026-09',
        '2026-10',
        '2026-11',
      ]);
      for (const m of body.months) {
        const want = await expected(cadre.assignmentId, m.month);
        expect(m).toMatchObject({
          required: want.required,
          inVillage: want.inVillage,
          justifiedAbsence: want.justifiedAbsence,
          diaryEntries: want.diaryEntries,
          compliant: want.compliant,
          diaryCompliant: want.diaryCompliant,
          shortfall: want.stillNeeded,
        });
      }
      // Five assigned days of September (26–30) need ceil(20 × 5 / 30) = 4; November is still open.
      expect(body.months[0]).toMatchObject({ required: 4, ended: true });
      expect(body.months[2]).toMatchObject({ ended: false, compliant: null });
    });

    it('§1.2: the leave of 2026-10-16 to 10-20, reported back on 10-19, counts three days of justified absence in October', async () => {
      // The demo's one leave belongs to the first cadre of 羊排村.
      const [leave] = await api.db.select().from(t.leaveRequests);
      const res = await api.as['demo-county'].get(`/api/cadres/${leave!.cadreId}/months`);
      const october = (await json(res)).months.find(
        (m: { month: string }) => m.month === '2026-10',
      );
      expect(leave).toMatchObject({
        startsOn: '2026-10-16',
        endsOn: '2026-10-20',
        returnedOn: '2026-10-19',
      });
      expect(october.justifiedAbsence).toBe(3);
    });

    it('§2.4: 西江镇’s October 2026 lists its 16 cadres shortest first, each row equal to core’s evaluation', async () => {
      const res = await api.as['demo-township'].get(
        `/api/attendance/${api.ids.xijiang.id}/2026-10`,
      );
      expect(res.status).toBe(200);
      const body = await json<{ ended: boolean; cadres: Row[]; summary: Record<string, number> }>(
        res,
      );
      expect(body.ended).toBe(true);
      expect(body.cadres).toHaveLength(16);
      const shortfalls = body.cadres.map((r) => r.shortfall);
      expect(shortfalls).toEqual([...shortfalls].sort((a, b) => b - a));
      for (const row of body.cadres) {
        const want = await expected(row.assignment.id, '2026-10');
        expect(row).toMatchObject({
          required: want.required,
          inVillage: want.inVillage,
          justifiedAbsence: want.justifiedAbsence,
          diaryEntries: want.diaryEntries,
          compliant: want.compliant,
          diaryCompliant: want.diaryCompliant,
          shortfall: want.stillNeeded,
        });
        expect(row.required).toBe(20);
      }
      expect(body.summary.cadres).toBe(16);
      expect(body.summary.short).toBe(body.cadres.filter((r) => r.shortfall > 0).length);
      expect(body.summary.nonCompliant).toBe(
        body.cadres.filter((r) => r.compliant === false).length,
      );
    });

    it('§2.4: one cadre’s October 2026 straight from core’s monthFacts and evaluateMonth matches the API', async () => {
      const cadre = api.ids.danjiangCadre;
      const a = cadre.assignmentId;
      const inside = await api.db
        .select({ day: t.checkIns.localDate })
        .from(t.checkIns)
        .where(and(eq(t.checkIns.assignmentId, a), eq(t.checkIns.inside, true)));
      const diary = await api.db
        .select({ day: t.diaryEntries.localDate })
        .from(t.diaryEntries)
        .where(eq(t.diaryEntries.assignmentId, a));
      const facts = monthFacts({
        month: '2026-10',
        assignment: { start: '2026-09-26', end: null },
        inVillageDays: inside.map((r) => r.day),
        diaryDates: diary.map((r) => r.day),
        leaves: [],
        asOf: TODAY,
      });
      const core = evaluateMonth(facts, { minDaysPerMonth: 20, minDiaryEntriesPerMonth: 1 });
      const body = await json<{ cadres: Row[] }>(
        await api.as['demo-county'].get(`/api/attendance/${api.ids.danjiang.id}/2026-10`),
      );
      const row = body.cadres.find((r) => r.assignment.id === a)!;
      expect(row).toMatchObject({
        required: core.required,
        inVillage: core.inVillage,
        justifiedAbsence: core.justifiedAbsence,
        diaryEntries: core.diaryEntries,
        compliant: core.compliant,
      });
    });

    it('shows 雷山县财政局 only its own cadres in the county’s October 2026', async () => {
      const body = await json<{ cadres: Row[] }>(
        await api.as['demo-unit'].get(`/api/attendance/${api.ids.leishan.id}/2026-10`),
      );
      expect(body.cadres).toHaveLength(api.ids.financeCadres.length);
      for (const r of body.cadres) expect(r.dispatchingUnit.name).toBe('雷山县财政局');
      const county = await json<{ cadres: Row[] }>(
        await api.as['demo-county'].get(`/api/attendance/${api.ids.leishan.id}/2026-10`),
      );
      expect(county.cadres).toHaveLength(40);
    });

    it('refuses December 2026 on 2026-11-26 (422) and a month 2026-13 (400), naming the month', async () => {
      const c = api.as['demo-county'];
      const future = await c.get(`/api/attendance/${api.ids.leishan.id}/2026-12`);
      expect(future.status).toBe(422);
      expect(await json(future)).toMatchObject({ error: 'month-not-started', field: 'month' });
      const bad = await c.get(`/api/attendance/${api.ids.leishan.id}/2026-13`);
      expect(bad.status).toBe(400);
      expect(await json(bad)).toMatchObject({ error: 'invalid-input', field: 'month' });
    });

    it('§1.1: presence 西江镇 verified on a November day without a check-in counts, once, however often it is sent', async () => {
      const cadre = api.ids.xijiangCadre;
      const inside = await api.db
        .select({ day: t.checkIns.localDate })
        .from(t.checkIns)
        .where(and(eq(t.checkIns.assignmentId, cadre.assignmentId), eq(t.checkIns.inside, true)));
      const days = new Set(inside.map((r) => r.day));
      const day = [...eachDay('2026-11-01', '2026-11-25')].find((d) => !days.has(d))!;
      expect(day).toBeDefined();

      const month = async () =>
        (
          await json(await api.as['demo-township'].get(`/api/cadres/${cadre.cadreId}/months`))
        ).months.at(-1);
      const before = await month();
      const first = await api.as['demo-township'].post('/api/attendance/verified', {
        cadreId: cadre.cadreId,
        date: day,
        note: '乡镇干部到村核实',
      });
      expect(first.status).toBe(201);
      const created = await json(first);
      expect(created).toMatchObject({ cadreId: cadre.cadreId, date: day, created: true });
      const again = await api.as['demo-county'].post('/api/attendance/verified', {
        cadreId: cadre.cadreId,
        date: day,
      });
      expect(again.status).toBe(200);
      expect(await json(again)).toMatchObject({
        id: created.id,
        created: false,
        note: '乡镇干部到村核实',
      });
      const after = await month();
      expect(after.inVillage).toBe(before.inVillage + 1);

      const audits = await api.db
        .select()
        .from(t.auditLog)
        .where(eq(t.auditLog.action, 'presence.verify'));
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({
        entity: 'verified_presence',
        entityId: String(created.id),
      });
      expect(await verifyAudit(api.db)).toMatchObject({ brokenAt: null });
    });

    it('§1.1: refuses presence on Fri 2026-11-27, before the assignment began (2026-09-01), and on 2026-02-30', async () => {
      const c = api.as['demo-township'];
      const cadreId = api.ids.xijiangCadre.cadreId;
      const future = await c.post('/api/attendance/verified', { cadreId, date: '2026-11-27' });
      expect(future.status).toBe(422);
      expect(await json(future)).toMatchObject({ error: 'date-in-future', clause: '§1.1' });
      const outside = await c.post('/api/attendance/verified', { cadreId, date: '2026-09-01' });
      expect(outside.status).toBe(422);
      expect(await json(outside)).toMatchObject({ error: 'outside-assignment', field: 'date' });
      const invalid = await c.post('/api/attendance/verified', { cadreId, date: '2026-02-30' });
      expect(invalid.status).toBe(400);
      expect(await json(invalid)).toMatchObject({ error: 'invalid-input', field: 'date' });
    });

    it('lets a cadre signed in on the web read their own months and no one else’s', async () => {
      const cadre = api.ids.xijiangCadre;
      const created = await api.as['demo-admin'].post('/api/users', {
        username: 'cadre-web',
        displayName: '驻村干部（网页）',
        password: 'cadre-password',
        role: 'cadre',
        orgUnitId: cadre.villageId,
        cadreId: cadre.cadreId,
      });
      expect(created.status).toBe(201);
      const me = await signIn(api.app, 'cadre-web', 'cadre-password');
      expect((await me.get(`/api/cadres/${cadre.cadreId}/months`)).status).toBe(200);
      expect((await me.get(`/api/cadres/${api.ids.danjiangCadre.cadreId}/months`)).status).toBe(
        404,
      );
      expect((await me.get(`/api/attendance/${cadre.villageId}/2026-10`)).status).toBe(403);
      expect((await me.get('/api/cadres')).status).toBe(403);
    });
  });
}
