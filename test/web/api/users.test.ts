// The users API: admins create, list, disable and enable accounts with a role and an org scope,
// only within their own subtree; passwords only as hashes; on both drivers.
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../../db/queries/audit';
import * as t from '../../../db/schema';
import { signIn } from '../../support/api';
import { drivers } from '../../support/databases';
import { accounts, type DemoApi, json, openDemoApi } from './org-fixture';

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`API users on ${title}`, () => {
    let api: DemoApi;
    beforeAll(async () => {
      api = await openDemoApi(driver);
    });
    afterAll(async () => api?.test.dispose());

    const newUser = (over: Record<string, unknown> = {}) => ({
      username: 'danjiang-officer',
      displayName: '丹江镇党委',
      password: 'danjiang-password',
      role: 'township',
      orgUnitId: api.ids.danjiang.id,
      ...over,
    });

    describe('permission matrix', () => {
      for (const account of accounts.filter((a) => a !== 'demo-admin')) {
        it(`${account} lists, creates and disables users: 403`, async () => {
          const c = api.as[account];
          expect((await c.get('/api/users')).status).toBe(403);
          expect((await c.post('/api/users', newUser({ username: `x-${account}` }))).status).toBe(
            403,
          );
          expect((await c.post('/api/users/1/disable')).status).toBe(403);
        });
      }
      it('demo-admin lists users: 200', async () => {
        expect((await api.as['demo-admin'].get('/api/users')).status).toBe(200);
      });
    });

    it('lists the six demo accounts to the province admin, with no password hash', async () => {
      const list = await json<Record<string, unknown>[]>(
        await api.as['demo-admin'].get('/api/users'),
      );
      expect(list.map((u) => u.username)).toEqual(expect.arrayContaining([...accounts]));
      for (const u of list) {
        expect(u).not.toHaveProperty('passwordHash');
        expect(u.hasPassword).toBe(true);
      }
      const unit = list.find((u) => u.username === 'demo-unit')!;
      expect(unit).toMatchObject({
        role: 'dispatchingUnit',
        dispatchingUnit: { name: '雷山县财政局' },
        orgUnit: { name: '雷山县' },
      });
    });

    it('creates a 丹江镇 township officer who signs in and sees 丹江镇’s cadres only', async () => {
      const res = await api.as['demo-admin'].post('/api/users', newUser());
      expect(res.status).toBe(201);
      const created = await json(res);
      expect(created).toMatchObject({
        username: 'danjiang-officer',
        role: 'township',
        orgUnit: { id: api.ids.danjiang.id },
        disabled: false,
        hasPassword: true,
      });
      const [row] = await api.db.select().from(t.users).where(eq(t.users.id, created.id));
      expect(row!.passwordHash).toMatch(/^pbkdf2-sha256\$600000\$/);

      const officer = await signIn(api.app, 'danjiang-officer', 'danjiang-password');
      const cadres = await json(await officer.get('/api/cadres'));
      expect(cadres.total).toBe(api.ids.danjiangCadres.length);
      expect((await officer.get(`/api/cadres/${api.ids.xijiangCadre.cadreId}`)).status).toBe(404);

      const [entry] = await api.db
        .select()
        .from(t.auditLog)
        .where(eq(t.auditLog.action, 'user.create'))
        .orderBy(desc(t.auditLog.id))
        .limit(1);
      expect(entry).toMatchObject({ entity: 'user', entityId: String(created.id) });
      expect(JSON.stringify(entry!.detail)).not.toContain('pbkdf2');
      expect(JSON.stringify(entry!.detail)).not.toContain('danjiang-password');
    });

    it('names the field: a dispatchingUnit user needs a dispatching unit, a township one has none', async () => {
      const admin = api.as['demo-admin'];
      const missing = await admin.post(
        '/api/users',
        newUser({ username: 'unit-2', role: 'dispatchingUnit', orgUnitId: api.ids.leishan.id }),
      );
      expect(missing.status).toBe(400);
      expect(await json(missing)).toMatchObject({
        error: 'invalid-input',
        field: 'dispatchingUnitId',
      });
      const extra = await admin.post(
        '/api/users',
        newUser({ username: 'unit-3', dispatchingUnitId: api.ids.finance.id }),
      );
      expect(await json(extra)).toMatchObject({ field: 'dispatchingUnitId' });
      const short = await admin.post(
        '/api/users',
        newUser({ username: 'unit-4', password: 'short' }),
      );
      expect(await json(short)).toMatchObject({ field: 'password' });
      const role = await admin.post('/api/users', newUser({ username: 'unit-5', role: 'mayor' }));
      expect(await json(role)).toMatchObject({ field: 'role' });

      const ok = await admin.post(
        '/api/users',
        newUser({
          username: 'finance-2',
          role: 'dispatchingUnit',
          orgUnitId: api.ids.leishan.id,
          dispatchingUnitId: api.ids.finance.id,
          password: undefined,
        }),
      );
      expect(ok.status).toBe(201);
      expect(await json(ok)).toMatchObject({
        dispatchingUnit: { id: api.ids.finance.id },
        hasPassword: false,
      });
    });

    it('refuses a user name already taken with 409', async () => {
      const res = await api.as['demo-admin'].post(
        '/api/users',
        newUser({ username: 'demo-county' }),
      );
      expect(res.status).toBe(409);
      expect(await json(res)).toMatchObject({ error: 'username-taken', field: 'username' });
    });

    it('keeps an admin of 雷山县 inside 雷山县: no 台江县 users, no account above the county', async () => {
      const created = await api.as['demo-admin'].post(
        '/api/users',
        newUser({
          username: 'leishan-admin',
          role: 'admin',
          orgUnitId: api.ids.leishan.id,
          password: 'leishan-password',
        }),
      );
      expect(created.status).toBe(201);
      const admin = await signIn(api.app, 'leishan-admin', 'leishan-password');
      const list = await json<{ username: string }[]>(await admin.get('/api/users'));
      expect(list.map((u) => u.username)).not.toContain('demo-admin');
      expect(list.map((u) => u.username)).toContain('demo-county');
      const outside = await admin.post(
        '/api/users',
        newUser({ username: 'taijiang-officer', orgUnitId: api.ids.taijiang.id }),
      );
      expect(outside.status).toBe(404);
      expect(await json(outside)).toMatchObject({ field: 'orgUnitId' });
      const [root] = await api.db
        .select({ id: t.users.id })
        .from(t.users)
        .where(eq(t.users.username, 'demo-admin'));
      expect((await admin.post(`/api/users/${root!.id}/disable`)).status).toBe(404);
      // A county admin imports no national schedule.
      expect((await admin.post('/api/calendar/schedules', {})).status).toBe(403);
    });

    it('disables an account, which ends its sessions at once, and enables it again', async () => {
      const admin = api.as['demo-admin'];
      await admin.post(
        '/api/users',
        newUser({ username: 'to-disable', password: 'disable-password' }),
      );
      const [user] = await api.db
        .select({ id: t.users.id })
        .from(t.users)
        .where(eq(t.users.username, 'to-disable'));
      const session = await signIn(api.app, 'to-disable', 'disable-password');
      expect((await session.get('/api/cadres')).status).toBe(200);

      const disabled = await admin.post(`/api/users/${user!.id}/disable`);
      expect(disabled.status).toBe(200);
      expect(await json(disabled)).toMatchObject({ disabled: true });
      expect((await session.get('/api/cadres')).status).toBe(401);
      await expect(signIn(api.app, 'to-disable', 'disable-password')).rejects.toThrow(/401/);

      const enabled = await admin.post(`/api/users/${user!.id}/enable`);
      expect(await json(enabled)).toMatchObject({ disabled: false });
      const again = await signIn(api.app, 'to-disable', 'disable-password');
      expect((await again.get('/api/cadres')).status).toBe(200);

      const actions = await api.db
        .select({ action: t.auditLog.action })
        .from(t.auditLog)
        .where(eq(t.auditLog.entityId, String(user!.id)));
      expect(actions.map((a) => a.action)).toEqual(['user.create', 'user.disable', 'user.enable']);
    });

    it('refuses an admin disabling their own account with 422', async () => {
      const [me] = await api.db
        .select({ id: t.users.id })
        .from(t.users)
        .where(eq(t.users.username, 'demo-admin'));
      const res = await api.as['demo-admin'].post(`/api/users/${me!.id}/disable`);
      expect(res.status).toBe(422);
      expect(await json(res)).toMatchObject({ error: 'cannot-disable-self' });
    });

    it('keeps the audit chain whole after every write of this suite', async () => {
      expect(await verifyAudit(api.db)).toMatchObject({ brokenAt: null });
    });

    it('describes the routes in the OpenAPI document', async () => {
      const doc = await json(await api.app.request('/api/openapi.json'));
      for (const path of [
        '/users',
        '/users/{id}/disable',
        '/org-units',
        '/villages/{id}/geofence',
        '/cadres/{id}',
        '/assignments',
        '/invitations',
        '/cadres/{id}/months',
        '/attendance/{orgUnitId}/{month}',
        '/attendance/verified',
        '/calendar/{year}',
        '/calendar/schedules',
        '/calendar/local-days/{orgUnitId}/{date}',
        '/parameters',
        '/parameters/{orgUnitId}/{name}',
      ]) {
        expect(Object.keys(doc.paths)).toContain(path);
      }
      expect(doc.paths['/users'].post.requestBody).toBeDefined();
    });
  });
}
