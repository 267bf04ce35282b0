// The audit log through the API on both drivers: every change (who, when, what, before and after)
// in the same transaction as the change, nothing for a refused one; read by admins and the
// province; its hash chain verifies, and shows an edit or a deletion made around the application.
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../../db/schema';
import { drivers } from '../../support/databases';
import { addUser, NOW, openDemo, orgUnitId, type Demo } from './case-fixtures';

interface Entry {
  id: number;
  at: string;
  actor: { userId: number; name: string; role: string };
  action: string;
  entity: string;
  entityId: string;
  detail: {
    before: Record<string, unknown> | null;
    after: Record<string, unknown>;
    event?: { type: string };
  };
}

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`audit log on ${title}`, () => {
    let demo: Demo;
    let caseId = 0;
    let dismissedFlag = 0;

    const entries = async (query = '') => {
      const res = await (await demo.as('demo-admin')).get(`/api/audit${query}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { entries: Entry[] }).entries;
    };
    const count = async () => {
      const [row] = await demo.db.select({ n: sql<number>`count(*)::int` }).from(t.auditLog);
      return row!.n;
    };
    const verify = async () =>
      (await (await demo.as('demo-admin')).get('/api/audit/verify')).json();

    beforeAll(async () => {
      demo = await openDemo(driver);
      await addUser(demo.db, {
        username: 'test-province',
        role: 'province',
        orgUnitId: await orgUnitId(demo.db, '贵州省'),
      });
      // Changes by demo-township: one flag dismissed, one confirmed (which opens a case).
      const township = await demo.as('demo-township');
      const { flags } = await (await township.get('/api/flags?state=open')).json();
      const byClause = (clause: string) =>
        flags.find((f: { clause: string }) => f.clause === clause);
      dismissedFlag = byClause('§2.5').id;
      const dismissed = await township.post(`/api/flags/${dismissedFlag}/dismiss`, {
        reason: '纸质民情日记已核实',
      });
      expect(dismissed.status).toBe(200);
      const confirmed = await township.post(`/api/flags/${byClause('§2.4').id}/confirm`, {
        statement: '本人承认在村天数不足',
      });
      expect(confirmed.status).toBe(201);
      caseId = (await confirmed.json()).case.id;
    });
    afterAll(async () => demo?.test.dispose());

    it('starts from a seeded demo with no entries: raising flags is the system’s, not a change by a person', async () => {
      const [first] = await demo.db.select().from(t.auditLog).orderBy(asc(t.auditLog.id)).limit(1);
      expect(first!.action).toBe('flag.dismiss');
      expect(first!.prevHash).toBeNull();
    });

    it('records the dismissal of Thu 2026-11-26 with who, when, and the flag before and after', async () => {
      const [entry] = await entries(`?entity=flag&entityId=${dismissedFlag}`);
      expect(entry).toMatchObject({
        at: NOW.toISOString(),
        actor: { name: '西江镇党委（演示）', role: 'township' },
        action: 'flag.dismiss',
        entity: 'flag',
        entityId: String(dismissedFlag),
        detail: {
          before: { state: 'open', dismissReason: null },
          after: { state: 'dismissed', dismissReason: '纸质民情日记已核实' },
        },
      });
    });

    it('records a confirmation as the flag confirmed, the case opened with its request (§3.2①), and the statement heard (§3.4)', async () => {
      const all = await entries();
      expect(all.map((e) => e.action)).toEqual([
        'case.evidence',
        'flag.confirm',
        'case.open',
        'flag.dismiss',
      ]);
      const opened = all.find((e) => e.action === 'case.open')!;
      expect(opened.entityId).toBe(String(caseId));
      expect(opened.detail.before).toBeNull();
      expect(opened.detail.after).toMatchObject({ stage: 'requested', state: 'open' });
      const heard = all.find((e) => e.action === 'case.evidence')!;
      expect(heard.detail.before).toMatchObject({ stage: 'requested' });
      expect(heard.detail.event).toMatchObject({
        type: 'evidence',
        payload: { kind: 'statement', text: '本人承认在村天数不足' },
      });
      // Filters: by entity, by time.
      expect((await entries('?entity=case')).every((e) => e.entity === 'case')).toBe(true);
      expect(await entries('?from=2026-11-27')).toEqual([]);
      expect(await entries('?from=2026-11-26&limit=1')).toHaveLength(1);
    });

    it('leaves no entry for a refused step or a request that fails: the request’s writes are one transaction', async () => {
      const before = await count();
      const county = await demo.as('demo-county');
      const refused = await county.post(`/api/cases/${caseId}/events`, {
        type: 'caseReview',
        date: '2026-11-26',
      });
      expect(refused.status).toBe(422);
      const invalid = await county.post(`/api/cases/${caseId}/events`, { type: 'caseReview' });
      expect(invalid.status).toBe(400);
      expect(await count()).toBe(before);
      const events = await demo.db
        .select()
        .from(t.caseEvents)
        .where(eq(t.caseEvents.caseId, caseId));
      expect(events.map((e) => e.event)).toEqual(['opened', 'evidence']);
    });

    it('lets admins and the province read the log, and only admins verify it', async () => {
      const province = await demo.as('test-province');
      expect((await province.get('/api/audit')).status).toBe(200);
      expect((await province.get('/api/audit/verify')).status).toBe(403);
      for (const username of [
        'demo-county',
        'demo-township',
        'demo-unit',
        'demo-discipline',
        'demo-inspector',
      ]) {
        const client = await demo.as(username);
        expect((await client.get('/api/audit')).status, username).toBe(403);
        expect((await client.get('/api/audit/verify')).status, username).toBe(403);
      }
      expect((await demo.app.request('/api/audit/verify')).status).toBe(401);
    });

    it('verifies the hash chain of every entry', async () => {
      expect(await verify()).toEqual({ ok: true, rows: await count(), brokenAt: null });
    });

    it('refuses to update an entry: the table is append-only', async () => {
      await expect(
        demo.db.update(t.auditLog).set({ action: 'edited' }).where(eq(t.auditLog.entity, 'flag')),
      ).rejects.toThrow();
    });

    it('fails verification at the entry changed by hand with the trigger off, and again at the entry after one deleted', async () => {
      const rows = await demo.db.select().from(t.auditLog).orderBy(asc(t.auditLog.id));
      const [, second, third] = rows;
      const tamper = async (statement: ReturnType<typeof sql>) => {
        await demo.db.execute(sql`alter table audit_log disable trigger user`);
        try {
          await demo.db.execute(statement);
        } finally {
          await demo.db.execute(sql`alter table audit_log enable trigger user`);
        }
      };
      // A dismissal reason softened after the fact.
      const edited = { ...(second!.detail as Record<string, unknown>), note: 'softened' };
      await tamper(
        sql`update audit_log set detail = ${JSON.stringify(edited)}::jsonb where id = ${second!.id}`,
      );
      expect(await verify()).toEqual({ ok: false, rows: rows.length, brokenAt: second!.id });
      // Put back exactly as it was, the chain holds again …
      await tamper(
        sql`update audit_log set detail = ${JSON.stringify(second!.detail)}::jsonb where id = ${second!.id}`,
      );
      expect((await verify()).ok).toBe(true);
      // … and a deleted entry shows at the one after it.
      await tamper(sql`delete from audit_log where id = ${second!.id}`);
      expect(await verify()).toEqual({ ok: false, rows: rows.length - 1, brokenAt: third!.id });
    });
  });
}
