// The parameters API: the numbers in force with their clause, unit, default, bounds and source, and
// a county's overrides within core's bounds, on both drivers.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parameterSpecs } from '../../../core/parameters';
import * as t from '../../../db/schema';
import { drivers } from '../../support/databases';
import { type Account, type DemoApi, json, openDemoApi } from './org-fixture';

interface Parameter {
  name: string;
  label: string;
  clause: string;
  unit: string;
  default: number;
  min: number;
  max: number;
  value: number;
  source: { orgUnitId: number; orgUnitName: string } | null;
  overrides: unknown[];
}

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`API parameters on ${title}`, () => {
    let api: DemoApi;
    beforeAll(async () => {
      api = await openDemoApi(driver);
    });
    afterAll(async () => api?.test.dispose());

    const parameter = async (account: Account, name: string, orgUnitId?: number) => {
      const query = orgUnitId ? `?orgUnitId=${orgUnitId}` : '';
      const body = await json<{ parameters: Parameter[] }>(
        await api.as[account].get(`/api/parameters${query}`),
      );
      return body.parameters.find((p) => p.name === name)!;
    };

    describe('permission matrix', () => {
      const reads: [Account, string, (i: DemoApi['ids']) => number, number][] = [
        ['demo-county', '雷山县', (i) => i.leishan.id, 200],
        ['demo-township', '西江镇', (i) => i.xijiang.id, 200],
        ['demo-township', '丹江镇', (i) => i.danjiang.id, 404],
        ['demo-unit', '雷山县', (i) => i.leishan.id, 200],
        ['demo-discipline', '雷山县', (i) => i.leishan.id, 200],
        ['demo-inspector', '雷山县', (i) => i.leishan.id, 200],
        ['demo-county', '台江县', (i) => i.taijiang.id, 404],
        ['demo-admin', '台江县', (i) => i.taijiang.id, 200],
      ];
      for (const [account, name, unit, status] of reads) {
        it(`${account} reads the parameters of ${name}: ${status}`, async () => {
          const res = await api.as[account].get(`/api/parameters?orgUnitId=${unit(api.ids)}`);
          expect(res.status).toBe(status);
        });
      }
      const writes: [Account, string, (i: DemoApi['ids']) => number, number][] = [
        ['demo-township', '雷山县', (i) => i.leishan.id, 403],
        ['demo-township', '西江镇', (i) => i.xijiang.id, 403],
        ['demo-unit', '雷山县', (i) => i.leishan.id, 403],
        ['demo-discipline', '雷山县', (i) => i.leishan.id, 403],
        ['demo-inspector', '雷山县', (i) => i.leishan.id, 403],
        ['demo-county', '台江县', (i) => i.taijiang.id, 404],
        ['demo-county', 'the township 西江镇', (i) => i.xijiang.id, 422],
      ];
      for (const [account, name, unit, status] of writes) {
        it(`${account} sets and removes minDaysPerMonth = 21 for ${name}: ${status}`, async () => {
          const path = `/api/parameters/${unit(api.ids)}/minDaysPerMonth`;
          expect((await api.as[account].put(path, { value: 21 })).status).toBe(status);
          expect((await api.as[account].del(path)).status).toBe(status === 422 ? 404 : status);
        });
      }
    });

    it('lists every parameter of core with its clause, unit, default and bounds, in the request’s language', async () => {
      const res = await api.as['demo-county'].get('/api/parameters');
      const body = await json<{ orgUnit: { name: string }; parameters: Parameter[] }>(res);
      expect(body.orgUnit.name).toBe('雷山县');
      expect(body.parameters.map((p) => p.name)).toEqual(Object.keys(parameterSpecs));
      expect(body.parameters.find((p) => p.name === 'minDaysPerMonth')).toMatchObject({
        clause: '§1.2',
        unit: 'days',
        default: 20,
        min: 1,
        max: 31,
        value: 20,
        label: '每月最少在村天数',
        source: null,
      });
      const english = await api.as['demo-county'].get('/api/parameters', {
        headers: { 'Accept-Language': 'en' },
      });
      const en = await json<{ parameters: Parameter[] }>(english);
      expect(en.parameters.find((p) => p.name === 'geofenceMetres')!.label).toBe('geofence radius');
    });

    it('§1.2: 雷山县 raises minDaysPerMonth to 22 from 2026-11-26: 西江镇 sees it with its source, and October needs 22 days', async () => {
      const res = await api.as['demo-county'].put(
        `/api/parameters/${api.ids.leishan.id}/minDaysPerMonth`,
        { value: 22 },
      );
      expect(res.status).toBe(200);
      expect(await json(res)).toMatchObject({
        value: 22,
        source: { orgUnitId: api.ids.leishan.id, orgUnitName: '雷山县' },
      });
      const seen = await parameter('demo-township', 'minDaysPerMonth');
      expect(seen).toMatchObject({ value: 22, source: { orgUnitName: '雷山县' } });
      expect(await parameter('demo-admin', 'minDaysPerMonth', api.ids.taijiang.id)).toMatchObject({
        value: 20,
        source: null,
      });

      const october = await json<{ cadres: { required: number }[] }>(
        await api.as['demo-township'].get(`/api/attendance/${api.ids.xijiang.id}/2026-10`),
      );
      for (const row of october.cadres) expect(row.required).toBe(22);

      const [entry] = await api.db
        .select()
        .from(t.auditLog)
        .where(eq(t.auditLog.action, 'parameter.set'));
      expect(entry).toMatchObject({
        entity: 'parameter_override',
        entityId: `${api.ids.leishan.id}/minDaysPerMonth`,
        detail: { before: null, after: { value: 22 } },
      });
    });

    it('a province override is shadowed by the county’s nearer one, and holds again once the county’s is removed', async () => {
      const admin = api.as['demo-admin'];
      const province = `/api/parameters/${api.ids.province.id}/minDiaryEntriesPerMonth`;
      const county = `/api/parameters/${api.ids.leishan.id}/minDiaryEntriesPerMonth`;
      expect((await admin.put(province, { value: 2 })).status).toBe(200);
      expect((await api.as['demo-county'].put(county, { value: 3 })).status).toBe(200);
      const both = await parameter('demo-township', 'minDiaryEntriesPerMonth');
      expect(both).toMatchObject({ value: 3, source: { orgUnitName: '雷山县' } });
      expect(both.overrides).toHaveLength(2);
      expect((await api.as['demo-county'].del(county)).status).toBe(204);
      expect(await parameter('demo-township', 'minDiaryEntriesPerMonth')).toMatchObject({
        value: 2,
        source: { orgUnitName: '贵州省' },
      });
      // The county cannot touch the province's override: it is above its scope.
      expect((await api.as['demo-county'].del(province)).status).toBe(404);
      expect((await admin.del(province)).status).toBe(204);
      expect(await parameter('demo-township', 'minDiaryEntriesPerMonth')).toMatchObject({
        value: 1,
        source: null,
      });
    });

    it('refuses a value outside core’s bounds with 422 citing the clause, and names a bad field with 400', async () => {
      const c = api.as['demo-county'];
      const path = (name: string) => `/api/parameters/${api.ids.leishan.id}/${name}`;
      for (const value of [0, 32, 20.5]) {
        const res = await c.put(path('minDaysPerMonth'), { value });
        expect(res.status).toBe(422);
        expect(await json(res)).toMatchObject({
          error: 'parameter-out-of-range',
          field: 'value',
          clause: '§1.2',
        });
      }
      const ratio = await c.put(path('satisfactionThreshold'), { value: 0.6 });
      expect(ratio.status).toBe(200);
      const text = await c.put(path('minDaysPerMonth'), { value: '22' });
      expect(text.status).toBe(400);
      expect(await json(text)).toMatchObject({ error: 'invalid-input', field: 'value' });
      for (const name of ['maxDaysPerMonth', 'toString']) {
        const unknown = await c.put(path(name), { value: 1 });
        expect(unknown.status).toBe(404);
        expect(await json(unknown)).toMatchObject({ error: 'unknown-parameter', field: 'name' });
      }
      const english = await api.app.request(path('geofenceMetres'), {
        method: 'PUT',
        headers: {
          cookie: c.cookie,
          'X-CSRF-Token': c.csrf,
          'content-type': 'application/json',
          'Accept-Language': 'en',
        },
        body: JSON.stringify({ value: 10 }),
      });
      expect((await json(english)).message).toBe(
        'geofence radius must be a whole number from 50 to 20000 (§1.1).',
      );
    });
  });
}
