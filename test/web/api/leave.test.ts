// Leave for the approvers (§1.2) through the API: what waits for each step, decisions with core's
// refusals, the history, and who may do what in and out of scope — on both drivers.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../../db/schema';
import { drivers } from '../../support/databases';
import { type DemoRole, type Fixture, fileLeave, openFixture, roles } from './cadre-fixtures';

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`API leave on ${title}`, () => {
    let f: Fixture;
    beforeAll(async () => {
      f = await openFixture(driver);
    });
    afterAll(async () => f?.test.dispose());

    const waitingIds = async (role: DemoRole) => {
      const res = await f.as[role].get('/api/leave/waiting');
      expect(res.status).toBe(200);
      return ((await res.json()).leave as { id: number }[]).map((l) => l.id);
    };

    it('§1.2: a leave of Tue 2026-12-01 to Mon 2026-12-07 is approved through a chain of two on Thu 2026-11-26, the township then the dispatching unit', async () => {
      const id = await fileLeave(f, f.A, {
        from: '2026-12-01',
        to: '2026-12-07',
        chain: ['township', 'dispatchingUnit'],
      });
      expect(await waitingIds('demo-township')).toContain(id);
      expect(await waitingIds('demo-unit')).not.toContain(id);
      expect(await waitingIds('demo-county')).not.toContain(id);

      const first = await f.as['demo-township'].post(`/api/leave/${id}/decision`, {
        decision: 'approved',
      });
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({
        state: 'pending',
        step: 0,
        next: 'dispatchingUnit',
        approvedOn: null,
      });
      expect(await waitingIds('demo-township')).not.toContain(id);
      expect(await waitingIds('demo-unit')).toContain(id);

      const second = await f.as['demo-unit'].post(`/api/leave/${id}/decision`, {
        decision: 'approved',
        comment: '同意，按时销假',
      });
      expect(second.status).toBe(200);
      expect(await second.json()).toMatchObject({
        state: 'approved',
        step: 1,
        next: null,
        approvedOn: '2026-11-26',
      });
      const [row] = await f.db.select().from(t.leaveRequests).where(eq(t.leaveRequests.id, id));
      expect(row).toMatchObject({ state: 'approved', approvedOn: '2026-11-26' });
      const audit = await f.db
        .select()
        .from(t.auditLog)
        .where(and(eq(t.auditLog.entity, 'leave'), eq(t.auditLog.entityId, String(id))));
      expect(audit.map((a) => [a.action, a.actorRole])).toEqual([
        ['leave.approved', 'township'],
        ['leave.approved', 'dispatchingUnit'],
      ]);

      const history = await f.as['demo-county'].get(`/api/leave?cadreId=${f.A.cadreId}`);
      const listed = ((await history.json()).leave as Record<string, unknown>[]).find(
        (l) => l.id === id,
      );
      expect(listed).toMatchObject({
        state: 'approved',
        days: 7,
        waitingFor: null,
        approvals: [
          { step: 0, role: 'township', decision: 'approved', comment: null },
          { step: 1, role: 'dispatchingUnit', decision: 'approved', comment: '同意，按时销假' },
        ],
      });
    });

    it('§1.2: the dispatching unit cannot decide a leave still at the township’s step (422, not-your-step), nor anyone a leave already decided', async () => {
      const id = await fileLeave(f, f.A, {
        from: '2026-12-10',
        to: '2026-12-14',
        chain: ['township', 'dispatchingUnit'],
      });
      const early = await f.as['demo-unit'].post(`/api/leave/${id}/decision`, {
        decision: 'approved',
      });
      expect(early.status).toBe(422);
      expect(await early.json()).toEqual({
        error: 'not-your-step',
        message: '这份请假现在不在您审批的环节。',
        clause: '§1.2',
      });
      const rejected = await f.as['demo-township'].post(`/api/leave/${id}/decision`, {
        decision: 'rejected',
        comment: '年底工作任务重，请调整时间',
      });
      expect(await rejected.json()).toMatchObject({ state: 'rejected', next: null });
      const again = await f.as['demo-township'].post(`/api/leave/${id}/decision`, {
        decision: 'approved',
      });
      expect(again.status).toBe(422);
      expect((await again.json()).error).toBe('leave-not-pending');
      const approvals = await f.db
        .select()
        .from(t.leaveApprovals)
        .where(eq(t.leaveApprovals.leaveId, id));
      expect(approvals).toHaveLength(1);
    });

    it('answers a refusal in English when asked, and names a bad decision with 400', async () => {
      const id = await fileLeave(f, f.A, {
        from: '2026-12-20',
        to: '2026-12-20',
        chain: ['township'],
      });
      const res = await f.app.request(`/api/leave/${id}/decision`, {
        method: 'POST',
        headers: {
          cookie: f.as['demo-county'].cookie,
          'X-CSRF-Token': f.as['demo-county'].csrf,
          'content-type': 'application/json',
          'Accept-Language': 'en',
        },
        body: JSON.stringify({ decision: 'approved' }),
      });
      expect(res.status).toBe(422);
      expect((await res.json()).message).toBe(
        'This leave is not at your step of its approval chain.',
      );
      const bad = await f.as['demo-township'].post(`/api/leave/${id}/decision`, {
        decision: 'maybe',
      });
      expect(bad.status).toBe(400);
      expect((await bad.json()).field).toBe('decision');
    });

    it('lists the history of Sun 2026-11-01 to Mon 2026-11-30 overlapping the dates asked', async () => {
      await fileLeave(f, f.A, {
        from: '2026-10-20',
        to: '2026-10-22',
        chain: ['township', 'dispatchingUnit'],
        state: 'approved',
        approvedOn: '2026-10-19',
      });
      const inNovember = await fileLeave(f, f.A, {
        from: '2026-10-30',
        to: '2026-11-02',
        chain: ['township', 'dispatchingUnit'],
        state: 'approved',
        approvedOn: '2026-10-28',
      });
      const res = await f.as['demo-township'].get(
        `/api/leave?cadreId=${f.A.cadreId}&from=2026-11-01&to=2026-11-30`,
      );
      const ids = ((await res.json()).leave as { id: number }[]).map((l) => l.id);
      expect(ids).toEqual([inNovember]);
    });

    // Each demo role against leave in scope (cadre A) and out of it (outside[role]).
    const approverStep = {
      'demo-county': 'county',
      'demo-township': 'township',
      'demo-unit': 'dispatchingUnit',
    } as const;
    const matrix: { role: DemoRole; read: 200 | 403; decide: 200 | 403 }[] = [
      { role: 'demo-county', read: 200, decide: 200 },
      { role: 'demo-township', read: 200, decide: 200 },
      { role: 'demo-unit', read: 200, decide: 200 },
      { role: 'demo-discipline', read: 403, decide: 403 },
      { role: 'demo-inspector', read: 403, decide: 403 },
      { role: 'demo-admin', read: 403, decide: 403 },
    ];
    expect(matrix.map((m) => m.role)).toEqual([...roles]);

    for (const { role, read, decide } of matrix) {
      it(`permissions of ${role}: history ${read}, waiting list and decisions ${decide} in scope, 404 or nothing listed out of scope`, async () => {
        const out = f.outside[role];
        const step = approverStep[role as keyof typeof approverStep] ?? 'township';
        // A leave of Mon 2027-01-04 to Fri 2027-01-29 at the role's own step, in and out of scope.
        const chain = ['township', 'dispatchingUnit', 'county'] as const;
        const file = (who: typeof out) =>
          fileLeave(f, who, {
            from: '2027-01-04',
            to: '2027-01-29',
            chain: [...chain],
            approvedSteps: chain.indexOf(step),
          });
        const mine = await file(f.A);
        const theirs = await file(out);

        const inHistory = await f.as[role].get(`/api/leave?cadreId=${f.A.cadreId}`);
        const outHistory = await f.as[role].get(`/api/leave?cadreId=${out.cadreId}`);
        expect([inHistory.status, outHistory.status]).toEqual([read, read]);
        if (read === 200) {
          expect(((await inHistory.json()).leave as unknown[]).length).toBeGreaterThan(0);
          expect((await outHistory.json()).leave).toEqual([]);
        }

        const waiting = await f.as[role].get('/api/leave/waiting');
        expect(waiting.status).toBe(decide);
        if (decide === 200) {
          const ids = ((await waiting.json()).leave as { id: number }[]).map((l) => l.id);
          expect(ids).toContain(mine);
          expect(ids).not.toContain(theirs);
        }

        const outside = await f.as[role].post(`/api/leave/${theirs}/decision`, {
          decision: 'approved',
        });
        expect(outside.status).toBe(decide === 200 ? 404 : 403);
        const inside = await f.as[role].post(`/api/leave/${mine}/decision`, {
          decision: 'approved',
        });
        expect(inside.status).toBe(decide);
      });
    }

    it('refuses a request without a session with 401', async () => {
      expect((await f.app.request('/api/leave/waiting')).status).toBe(401);
    });
  });
}
