// The org API: the tree, villages and geofences (§1.1), dispatching units, cadres, assignments and
// bot invitations, each demo role in and out of scope, on both drivers.
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parameterSpecs } from '../../../core/parameters';
import { verifyAudit } from '../../../db/queries/audit';
import * as t from '../../../db/schema';
import { client } from '../../support/api';
import { drivers } from '../../support/databases';
import { type Account, type DemoApi, json, openDemoApi } from './org-fixture';

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`API org, cadres, assignments, invitations on ${title}`, () => {
    let api: DemoApi;
    beforeAll(async () => {
      api = await openDemoApi(driver);
    });
    afterAll(async () => api?.test.dispose());

    describe('permission matrix (reads)', () => {
      // [account, path, status] — 404 is "not in your area", 403 "not your role".
      const reads: [Account, string, (ids: DemoApi['ids']) => string, number][] = [
        ['demo-county', 'reads the org tree', () => '/api/org-units', 200],
        ['demo-township', 'reads the org tree', () => '/api/org-units', 200],
        ['demo-unit', 'reads the org tree', () => '/api/org-units', 200],
        ['demo-discipline', 'reads the org tree', () => '/api/org-units', 200],
        ['demo-inspector', 'reads the org tree', () => '/api/org-units', 200],
        ['demo-admin', 'reads the org tree', () => '/api/org-units', 200],
        ['demo-township', 'reads 西江镇', (i) => `/api/org-units/${i.xijiang.id}`, 200],
        ['demo-township', 'reads 丹江镇', (i) => `/api/org-units/${i.danjiang.id}`, 404],
        ['demo-county', 'reads 台江县', (i) => `/api/org-units/${i.taijiang.id}`, 404],
        ['demo-admin', 'reads 台江县', (i) => `/api/org-units/${i.taijiang.id}`, 200],
        [
          'demo-township',
          'lists 丹江镇’s villages',
          (i) => `/api/villages?under=${i.danjiang.id}`,
          404,
        ],
        [
          'demo-inspector',
          'lists 丹江镇’s villages',
          (i) => `/api/villages?under=${i.danjiang.id}`,
          200,
        ],
        [
          'demo-township',
          'reads a 西江镇 cadre',
          (i) => `/api/cadres/${i.xijiangCadre.cadreId}`,
          200,
        ],
        [
          'demo-township',
          'reads a 丹江镇 cadre',
          (i) => `/api/cadres/${i.danjiangCadre.cadreId}`,
          404,
        ],
        [
          'demo-unit',
          'reads a 雷山县财政局 cadre',
          (i) => `/api/cadres/${i.financeCadres[0]!.cadreId}`,
          200,
        ],
        [
          'demo-unit',
          'reads another unit’s cadre',
          (i) => `/api/cadres/${i.xijiangCadre.cadreId}`,
          404,
        ],
        [
          'demo-discipline',
          'reads a 丹江镇 cadre',
          (i) => `/api/cadres/${i.danjiangCadre.cadreId}`,
          200,
        ],
        [
          'demo-inspector',
          'reads a 丹江镇 cadre',
          (i) => `/api/cadres/${i.danjiangCadre.cadreId}`,
          200,
        ],
        [
          'demo-county',
          'reads a 台江县 cadre',
          (i) => `/api/cadres/${i.taijiangCadre.cadreId}`,
          404,
        ],
        [
          'demo-admin',
          'reads a 台江县 cadre',
          (i) => `/api/cadres/${i.taijiangCadre.cadreId}`,
          200,
        ],
        ['demo-county', 'lists dispatching units', () => '/api/dispatching-units', 200],
        ['demo-unit', 'lists dispatching units', () => '/api/dispatching-units', 200],
      ];
      for (const [account, what, path, status] of reads) {
        it(`${account} ${what}: ${status}`, async () => {
          const res = await api.as[account].get(path(api.ids));
          expect(res.status).toBe(status);
        });
      }

      it('refuses every read without a session with 401', async () => {
        for (const path of [
          '/api/org-units',
          '/api/villages',
          '/api/cadres',
          '/api/dispatching-units',
        ]) {
          const res = await api.app.request(path);
          expect(res.status).toBe(401);
          expect(await json(res)).toMatchObject({ error: 'unauthorized' });
        }
      });
    });

    describe('permission matrix (writes)', () => {
      // Denied writes: each is rolled back and changes nothing.
      const denied: [Account, string, (ids: DemoApi['ids']) => [string, unknown], number][] = [
        [
          'demo-township',
          'moves a village centre',
          (i) => [
            `/api/villages/${i.yangpai.id}/geofence`,
            { latitude: 26.5, longitude: 108.18, radiusMetres: 1000 },
          ],
          403,
        ],
        [
          'demo-inspector',
          'moves a village centre',
          (i) => [
            `/api/villages/${i.yangpai.id}/geofence`,
            { latitude: 26.5, longitude: 108.18, radiusMetres: 1000 },
          ],
          403,
        ],
        [
          'demo-unit',
          'moves a village centre',
          (i) => [
            `/api/villages/${i.yangpai.id}/geofence`,
            { latitude: 26.5, longitude: 108.18, radiusMetres: 1000 },
          ],
          403,
        ],
        [
          'demo-discipline',
          'moves a village centre',
          (i) => [
            `/api/villages/${i.yangpai.id}/geofence`,
            { latitude: 26.5, longitude: 108.18, radiusMetres: 1000 },
          ],
          403,
        ],
        [
          'demo-county',
          'moves a village centre in 台江县',
          (i) => [
            `/api/villages/${i.hongyang.id}/geofence`,
            { latitude: 26.67, longitude: 108.32, radiusMetres: 900 },
          ],
          404,
        ],
        [
          'demo-township',
          'ends an assignment',
          (i) => [`/api/assignments/${i.xijiangCadre.assignmentId}/end`, { endsOn: '2026-11-26' }],
          403,
        ],
        [
          'demo-inspector',
          'ends an assignment',
          (i) => [`/api/assignments/${i.xijiangCadre.assignmentId}/end`, { endsOn: '2026-11-26' }],
          403,
        ],
        [
          'demo-county',
          'ends an assignment in 台江县',
          (i) => [`/api/assignments/${i.taijiangCadre.assignmentId}/end`, { endsOn: '2026-11-26' }],
          404,
        ],
        [
          'demo-township',
          'sends a cadre',
          (i) => [
            '/api/assignments',
            {
              cadreId: i.xijiangCadre.cadreId,
              villageId: i.yangpai.id,
              role: 'teamMember',
              startsOn: '2026-12-01',
            },
          ],
          403,
        ],
        [
          'demo-inspector',
          'invites a cadre',
          (i) => ['/api/invitations', { cadreId: i.xijiangCadre.cadreId }],
          403,
        ],
        [
          'demo-discipline',
          'invites a cadre',
          (i) => ['/api/invitations', { cadreId: i.xijiangCadre.cadreId }],
          403,
        ],
        [
          'demo-township',
          'invites a 丹江镇 cadre',
          (i) => ['/api/invitations', { cadreId: i.danjiangCadre.cadreId }],
          404,
        ],
        [
          'demo-unit',
          'invites another unit’s cadre',
          (i) => ['/api/invitations', { cadreId: i.xijiangCadre.cadreId }],
          404,
        ],
        ['demo-county', 'invites a supervisor', () => ['/api/invitations', { userId: 1 }], 403],
        [
          'demo-county',
          'registers a cadre in 台江县',
          (i) => [
            '/api/cadres',
            {
              name: '某某',
              dispatchingUnitId: i.finance.id,
              assignment: { villageId: i.hongyang.id, role: 'teamMember', startsOn: '2026-12-01' },
            },
          ],
          404,
        ],
      ];
      for (const [account, what, request, status] of denied) {
        it(`${account} ${what}: ${status}`, async () => {
          const [path, body] = request(api.ids);
          const method = path.endsWith('/geofence') ? 'put' : 'post';
          const res = await api.as[account][method](path, body);
          expect(res.status).toBe(status);
        });
      }
    });

    it('shows demo-township the tree of 西江镇 only, and the county its three townships', async () => {
      const town = await json(await api.as['demo-township'].get('/api/org-units'));
      expect(town.name).toBe('西江镇');
      expect(town.children.map((v: { name: string }) => v.name).sort()).toEqual(
        ['东引村', '控拜村', '羊排村', '麻料村'].sort(),
      );
      expect(town.children[0].geofence).toMatchObject({ radiusMetres: expect.any(Number) });
      const county = await json(await api.as['demo-county'].get('/api/org-units'));
      expect(county.name).toBe('雷山县');
      expect(county.children.map((c: { name: string }) => c.name).sort()).toEqual(
        ['丹江镇', '西江镇', '郎德镇'].sort(),
      );
      const province = await json(await api.as['demo-admin'].get('/api/org-units'));
      expect(JSON.stringify(province)).toContain('台江县');
      expect(JSON.stringify(county)).not.toContain('台江县');
    });

    it('lists the villages of 西江镇 with their geofence for demo-township', async () => {
      const villages = await json(await api.as['demo-township'].get('/api/villages'));
      expect(villages).toHaveLength(4);
      for (const v of villages) expect(v.geofence.radiusMetres).toBeGreaterThan(0);
    });

    it('lists dispatching units by scope: a unit officer sees only 雷山县财政局, the county not 台江县民政局', async () => {
      const mine = await json(await api.as['demo-unit'].get('/api/dispatching-units'));
      expect(mine.map((u: { name: string }) => u.name)).toEqual(['雷山县财政局']);
      const county = await json(await api.as['demo-county'].get('/api/dispatching-units'));
      const names = county.map((u: { name: string }) => u.name);
      expect(names).toContain('贵州省农业农村厅');
      expect(names).toContain('雷山县财政局');
      expect(names).not.toContain('台江县民政局');
      const admin = await json(await api.as['demo-admin'].get('/api/dispatching-units'));
      expect(admin.map((u: { name: string }) => u.name)).toContain('台江县民政局');
    });

    it('lists cadres by scope on 2026-11-26: 西江镇 its 16, the unit its own, the county 40, the province 41', async () => {
      const town = await json(await api.as['demo-township'].get('/api/cadres'));
      expect(town.total).toBe(16);
      for (const c of town.cadres) expect(c.assignment.township.name).toBe('西江镇');
      const unit = await json(await api.as['demo-unit'].get('/api/cadres'));
      expect(unit.total).toBe(api.ids.financeCadres.length);
      for (const c of unit.cadres) expect(c.dispatchingUnit.name).toBe('雷山县财政局');
      expect((await json(await api.as['demo-county'].get('/api/cadres'))).total).toBe(40);
      expect((await json(await api.as['demo-admin'].get('/api/cadres'))).total).toBe(41);
      const first = town.cadres[0];
      expect(first.assignment).toMatchObject({
        startsOn: '2026-09-26',
        endsOn: null,
        inPost: true,
      });
    });

    it('filters the cadre list by org unit, name and page', async () => {
      const c = api.as['demo-county'];
      const danjiang = await json(await c.get(`/api/cadres?orgUnitId=${api.ids.danjiang.id}`));
      expect(danjiang.total).toBe(api.ids.danjiangCadres.length);
      const name = api.ids.xijiangCadre.name;
      const byName = await json(await c.get(`/api/cadres?q=${encodeURIComponent(name)}`));
      expect(byName.cadres.map((x: { name: string }) => x.name)).toContain(name);
      const page = await json(await c.get('/api/cadres?limit=5&offset=5'));
      expect(page.cadres).toHaveLength(5);
      expect(page.total).toBe(40);
      const bad = await c.get('/api/cadres?limit=0');
      expect(bad.status).toBe(400);
      expect(await json(bad)).toMatchObject({ error: 'invalid-input', field: 'limit' });
      expect((await c.get(`/api/cadres?orgUnitId=${api.ids.taijiang.id}`)).status).toBe(404);
    });

    it('shows a cadre with the current assignment and dispatching unit', async () => {
      const res = await api.as['demo-township'].get(`/api/cadres/${api.ids.xijiangCadre.cadreId}`);
      const cadre = await json(res);
      expect(cadre.id).toBe(api.ids.xijiangCadre.cadreId);
      expect(cadre.current).toMatchObject({
        id: api.ids.xijiangCadre.assignmentId,
        inPost: true,
        village: { id: api.ids.xijiangCadre.villageId },
      });
      expect(cadre.assignments).toHaveLength(1);
      expect(cadre.dispatchingUnit.name).toEqual(expect.any(String));
    });

    it('§1.1: the county moves 羊排村’s centre and radius within core’s bounds, and the audit log keeps before and after', async () => {
      const res = await api.as['demo-county'].put(`/api/villages/${api.ids.yangpai.id}/geofence`, {
        latitude: 26.4991,
        longitude: 108.1775,
        radiusMetres: 1500,
      });
      expect(res.status).toBe(200);
      expect((await json(res)).geofence).toEqual({
        latitude: 26.4991,
        longitude: 108.1775,
        radiusMetres: 1500,
      });
      const [entry] = await api.db
        .select()
        .from(t.auditLog)
        .where(eq(t.auditLog.action, 'village.geofence.update'))
        .orderBy(desc(t.auditLog.id))
        .limit(1);
      expect(entry).toMatchObject({ entity: 'org_unit', entityId: String(api.ids.yangpai.id) });
      expect(entry!.detail).toMatchObject({
        before: { radiusMetres: 1000 },
        after: { radiusMetres: 1500 },
      });
    });

    it('§1.1: a radius outside core’s bounds is 422, a latitude of 95 is 400, both naming the field', async () => {
      const { min, max } = parameterSpecs.geofenceMetres;
      const path = `/api/villages/${api.ids.yangpai.id}/geofence`;
      for (const radiusMetres of [min - 1, max + 1]) {
        const res = await api.as['demo-admin'].put(path, {
          latitude: 26.5,
          longitude: 108.18,
          radiusMetres,
        });
        expect(res.status).toBe(422);
        expect(await json(res)).toMatchObject({
          error: 'geofence-radius-out-of-range',
          field: 'radiusMetres',
          clause: '§1.1',
        });
      }
      const far = await api.as['demo-admin'].put(path, {
        latitude: 95,
        longitude: 108.18,
        radiusMetres: 1000,
      });
      expect(far.status).toBe(400);
      expect(await json(far)).toMatchObject({ field: 'latitude' });
      const missing = await api.as['demo-admin'].put(path, { latitude: 26.5, longitude: 108.18 });
      expect(await json(missing)).toMatchObject({ error: 'invalid-input', field: 'radiusMetres' });
      const town = await api.as['demo-county'].put(`/api/villages/${api.ids.xijiang.id}/geofence`, {
        latitude: 26.5,
        longitude: 108.18,
        radiusMetres: 1000,
      });
      expect(town.status).toBe(404);
    });

    it('refuses a second open assignment with 409 and a clear message, then sends the cadre on after the first ends on 2026-11-30', async () => {
      const c = api.as['demo-county'];
      const cadre = api.ids.xijiangCadre;
      const second = await c.post('/api/assignments', {
        cadreId: cadre.cadreId,
        villageId: api.ids.wudong.id,
        role: 'teamMember',
        startsOn: '2026-12-01',
      });
      expect(second.status).toBe(409);
      const body = await json(second);
      expect(body.error).toBe('assignment-open');
      expect(body.message).toContain('未结束的派驻');
      expect(body.message).toContain('2026-09-26');

      const early = await c.post(`/api/assignments/${cadre.assignmentId}/end`, {
        endsOn: '2026-09-01',
      });
      expect(early.status).toBe(422);
      expect(await json(early)).toMatchObject({ field: 'endsOn' });

      const ended = await c.post(`/api/assignments/${cadre.assignmentId}/end`, {
        endsOn: '2026-11-30',
      });
      expect(ended.status).toBe(200);
      expect((await json(ended)).endsOn).toBe('2026-11-30');
      const again = await c.post(`/api/assignments/${cadre.assignmentId}/end`, {
        endsOn: '2026-11-30',
      });
      expect(again.status).toBe(409);

      const overlapping = await c.post('/api/assignments', {
        cadreId: cadre.cadreId,
        villageId: api.ids.wudong.id,
        role: 'teamMember',
        startsOn: '2026-11-30',
      });
      expect(overlapping.status).toBe(409);
      expect((await json(overlapping)).error).toBe('assignment-overlaps');

      const next = await c.post('/api/assignments', {
        cadreId: cadre.cadreId,
        villageId: api.ids.wudong.id,
        role: 'teamMember',
        startsOn: '2026-12-01',
      });
      expect(next.status).toBe(201);
      const created = await json(next);
      expect(created).toMatchObject({ villageId: api.ids.wudong.id, endsOn: null });

      // 西江镇 keeps the cadre's months in 羊排村; the current assignment (丹江镇) is not its to see.
      const seen = await json(await api.as['demo-township'].get(`/api/cadres/${cadre.cadreId}`));
      expect(seen.current).toBeNull();
      expect(seen.assignments.map((a: { id: number }) => a.id)).toEqual([cadre.assignmentId]);
      const county = await json(await c.get(`/api/cadres/${cadre.cadreId}`));
      expect(county.current.id).toBe(created.id);
      expect(county.assignments).toHaveLength(2);

      const actions = await api.db
        .select({ action: t.auditLog.action, entityId: t.auditLog.entityId })
        .from(t.auditLog);
      expect(actions).toContainEqual({
        action: 'assignment.end',
        entityId: String(cadre.assignmentId),
      });
      expect(actions).toContainEqual({ action: 'assignment.create', entityId: String(created.id) });
    });

    it('registers a new cadre with a first assignment from 2026-12-01, and names a missing field', async () => {
      const c = api.as['demo-county'];
      const res = await c.post('/api/cadres', {
        name: '新干部',
        title: '科员',
        dispatchingUnitId: api.ids.finance.id,
        assignment: { villageId: api.ids.yangpai.id, role: 'teamMember', startsOn: '2026-12-01' },
      });
      expect(res.status).toBe(201);
      const cadre = await json(res);
      expect(cadre).toMatchObject({
        name: '新干部',
        dispatchingUnit: { id: api.ids.finance.id },
        current: { startsOn: '2026-12-01', inPost: false, dispatchLevel: 'county' },
      });
      const bad = await c.post('/api/cadres', {
        name: '新干部',
        dispatchingUnitId: api.ids.finance.id,
        assignment: { villageId: api.ids.yangpai.id, role: 'teamMember', startsOn: '2026-02-30' },
      });
      expect(bad.status).toBe(400);
      expect(await json(bad)).toMatchObject({
        error: 'invalid-input',
        field: 'assignment.startsOn',
      });
      const english = await api.app.request('/api/cadres', {
        method: 'POST',
        headers: {
          cookie: c.cookie,
          'X-CSRF-Token': c.csrf,
          'content-type': 'application/json',
          'Accept-Language': 'en',
        },
        body: JSON.stringify({ dispatchingUnitId: 1 }),
      });
      expect(await json(english)).toMatchObject({
        field: 'name',
        message: expect.stringMatching(/^Invalid input: name/),
      });
    });

    it('invites a cadre in post to the bot: the code, and the t.me link once the bot’s username is known', async () => {
      const cadre = api.ids.danjiangCadre;
      const plain = await api.as['demo-county'].post('/api/invitations', {
        cadreId: cadre.cadreId,
      });
      expect(plain.status).toBe(201);
      const invitation = await json(plain);
      expect(invitation).toMatchObject({ cadreId: cadre.cadreId, link: null });
      expect(invitation.code).toMatch(/^[\w-]{20,}$/);
      expect(invitation.expiresAt).toBe('2026-12-03T01:30:00.000Z');

      const withBot = api.withBot('zhucun_bot');
      const county = client(withBot, api.as['demo-county'].cookie, api.as['demo-county'].csrf);
      const linked = await json(await county.post('/api/invitations', { cadreId: cadre.cadreId }));
      expect(linked.link).toBe(`https://t.me/zhucun_bot?start=${linked.code}`);

      const unit = await api.as['demo-unit'].post('/api/invitations', {
        cadreId: api.ids.financeCadres[0]!.cadreId,
      });
      expect(unit.status).toBe(201);

      const [entry] = await api.db
        .select()
        .from(t.auditLog)
        .where(eq(t.auditLog.action, 'invitation.create'))
        .orderBy(desc(t.auditLog.id))
        .limit(1);
      expect(JSON.stringify(entry!.detail)).not.toContain(invitation.code);
    });

    it('invites a supervisor only by an admin, and never a cadre whose assignment has ended', async () => {
      const [township] = await api.db
        .select({ id: t.users.id })
        .from(t.users)
        .where(eq(t.users.username, 'demo-township'));
      const res = await api.as['demo-admin'].post('/api/invitations', { userId: township!.id });
      expect(res.status).toBe(201);
      expect(await json(res)).toMatchObject({ userId: township!.id });
      const both = await api.as['demo-admin'].post('/api/invitations', { userId: 1, cadreId: 1 });
      expect(both.status).toBe(400);
    });

    it('leaves every write of this suite in an unbroken audit chain', async () => {
      const { rows, brokenAt } = await verifyAudit(api.db);
      expect(brokenAt).toBeNull();
      expect(rows).toBeGreaterThanOrEqual(7);
    });
  });
}
