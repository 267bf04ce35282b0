// Inspections (督查, §2.2) through the API: findings recorded once per client id, the third finding
// of absence raising one flag, absence on a day of approved leave not counting, and who may record
// and read in and out of scope — on both drivers.
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../../db/schema';
import { drivers } from '../../support/databases';
import { type DemoRole, type Fixture, fileLeave, openFixture, roles } from './cadre-fixtures';

let clientIds = 0;
const clientId = () => `00000000-0000-4000-8000-${String(++clientIds).padStart(12, '0')}`;

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`API inspections on ${title}`, () => {
    let f: Fixture;
    beforeAll(async () => {
      f = await openFixture(driver);
    });
    afterAll(async () => f?.test.dispose());

    const flagsOf = (cadreId: number) =>
      f.db
        .select()
        .from(t.flags)
        .where(and(eq(t.flags.cadreId, cadreId), eq(t.flags.clause, '2.2')));

    const absent = (role: DemoRole, cadreId: number, date: string) =>
      f.as[role].post('/api/inspections', {
        cadreId,
        date,
        present: false,
        note: '到村未见本人',
        clientId: clientId(),
      });

    it('§2.2: absences found on Tue 2026-11-03 and Tue 2026-11-10 count 1 and 2; the third, on Thu 2026-11-26, raises one flag', async () => {
      const who = await f.place('包青', '羊排村', '雷山县林业局');
      const first = await absent('demo-inspector', who.cadreId, '2026-11-03');
      expect(first.status).toBe(201);
      expect(await first.json()).toMatchObject({ strikes: 1, flag: null });
      const second = await absent('demo-township', who.cadreId, '2026-11-10');
      expect(await second.json()).toMatchObject({ strikes: 2, flag: null });
      const third = await absent('demo-county', who.cadreId, '2026-11-26');
      expect(third.status).toBe(201);
      const body = await third.json();
      expect(body).toMatchObject({ strikes: 3, flag: { raised: true } });

      const flags = await flagsOf(who.cadreId);
      expect(flags).toHaveLength(1);
      expect(flags[0]).toMatchObject({
        state: 'open',
        raisedOn: '2026-11-26',
        sourceKey: `inspection:${body.inspection.id}`,
      });
      expect(flags[0]!.evidence).toMatchObject([
        { strike: 3, findings: ['2026-11-03', '2026-11-10', '2026-11-26'] },
      ]);
      const audit = await f.db
        .select()
        .from(t.auditLog)
        .where(eq(t.auditLog.entityId, String(body.inspection.id)));
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'inspection.record', entity: 'inspection' });
    });

    it('§2.2: an absence on Fri 2026-11-20, in a leave approved on Wed 2026-11-18, does not count; the next, on Tue 2026-11-24, is the third', async () => {
      const who = await f.place('柯岚', '控拜村', '雷山县林业局');
      await fileLeave(f, who, {
        from: '2026-11-19',
        to: '2026-11-21',
        chain: ['township'],
        state: 'approved',
        approvedOn: '2026-11-18',
      });
      await absent('demo-inspector', who.cadreId, '2026-11-05');
      await absent('demo-inspector', who.cadreId, '2026-11-12');
      const onLeave = await absent('demo-inspector', who.cadreId, '2026-11-20');
      expect(onLeave.status).toBe(201);
      expect(await onLeave.json()).toMatchObject({ strikes: 2, flag: null });
      expect(await flagsOf(who.cadreId)).toHaveLength(0);
      const next = await absent('demo-inspector', who.cadreId, '2026-11-24');
      expect(await next.json()).toMatchObject({ strikes: 3, flag: { raised: true } });
      expect(await flagsOf(who.cadreId)).toHaveLength(1);
    });

    it('§2.2: a leave approved on Sat 2026-11-21, after the absence of Fri 2026-11-20, does not excuse it', async () => {
      const who = await f.place('梁舟', '麻料村', '雷山县林业局');
      await fileLeave(f, who, {
        from: '2026-11-20',
        to: '2026-11-20',
        chain: ['township'],
        state: 'approved',
        approvedOn: '2026-11-21',
      });
      const res = await absent('demo-inspector', who.cadreId, '2026-11-20');
      expect(await res.json()).toMatchObject({ strikes: 1 });
    });

    it('§2.2: a finding of Mon 2026-11-09 that arrives late, after those of Mon 2026-11-02 and Mon 2026-11-16, makes the latter the third and raises the flag for it', async () => {
      const who = await f.place('邓衡', '东引村', '雷山县林业局');
      await absent('demo-inspector', who.cadreId, '2026-11-02');
      const later = await (await absent('demo-inspector', who.cadreId, '2026-11-16')).json();
      expect(later).toMatchObject({ strikes: 2, flag: null });
      const late = await absent('demo-inspector', who.cadreId, '2026-11-09');
      expect(await late.json()).toMatchObject({ strikes: 3, flag: { raised: true } });
      const flags = await flagsOf(who.cadreId);
      expect(flags.map((x) => [x.raisedOn, x.sourceKey])).toEqual([
        ['2026-11-16', `inspection:${later.inspection.id}`],
      ]);
    });

    it('records an offline replay of the finding of Tue 2026-11-24 once: 201, then 200 with the first record', async () => {
      const id = clientId();
      const finding = {
        cadreId: f.A.cadreId,
        date: '2026-11-24',
        present: false,
        note: '离线记录',
        clientId: id,
      };
      const first = await f.as['demo-inspector'].post('/api/inspections', finding);
      expect(first.status).toBe(201);
      const recorded = (await first.json()).inspection;
      const replay = await f.as['demo-inspector'].post('/api/inspections', finding);
      expect(replay.status).toBe(200);
      expect(await replay.json()).toMatchObject({
        inspection: { id: recorded.id },
        replayed: true,
      });
      const rows = await f.db.select().from(t.inspections).where(eq(t.inspections.clientId, id));
      expect(rows).toHaveLength(1);
      const audit = await f.db
        .select()
        .from(t.auditLog)
        .where(
          and(eq(t.auditLog.entity, 'inspection'), like(t.auditLog.entityId, String(recorded.id))),
        );
      expect(audit).toHaveLength(1);

      const different = await f.as['demo-inspector'].post('/api/inspections', {
        ...finding,
        present: true,
      });
      expect(different.status).toBe(409);
      expect((await different.json()).error).toBe('client-id-reused');
    });

    it('refuses a finding dated Fri 2026-11-27, after today (422), and one before the assignment began on Tue 2026-09-01 (422)', async () => {
      const future = await absent('demo-inspector', f.A.cadreId, '2026-11-27');
      expect(future.status).toBe(422);
      expect(await future.json()).toMatchObject({ error: 'inspection-in-future', field: 'date' });
      const before = await absent('demo-inspector', f.A.cadreId, '2026-08-31');
      expect(before.status).toBe(422);
      expect((await before.json()).error).toBe('no-assignment-on-date');
      const missing = await f.as['demo-inspector'].post('/api/inspections', {
        cadreId: f.A.cadreId,
        date: '2026-11-20',
        present: true,
      });
      expect(missing.status).toBe(400);
      expect((await missing.json()).field).toBe('clientId');
    });

    // Each demo role against a finding about cadre A (in scope) and outside[role] (out of scope).
    const matrix: { role: DemoRole; record: 201 | 403; read: 200 | 403 }[] = [
      { role: 'demo-county', record: 201, read: 200 },
      { role: 'demo-township', record: 201, read: 200 },
      { role: 'demo-unit', record: 403, read: 200 },
      { role: 'demo-discipline', record: 403, read: 403 },
      { role: 'demo-inspector', record: 201, read: 200 },
      { role: 'demo-admin', record: 403, read: 403 },
    ];
    expect(matrix.map((m) => m.role)).toEqual([...roles]);

    for (const { role, record, read } of matrix) {
      it(`permissions of ${role}: recording ${record} in scope (${record === 201 ? 404 : 403} out of it), reading ${read}`, async () => {
        const out = f.outside[role];
        const present = (cadreId: number) =>
          f.as[role].post('/api/inspections', {
            cadreId,
            date: '2026-11-25',
            present: true,
            clientId: clientId(),
          });
        expect((await present(f.A.cadreId)).status).toBe(record);
        expect((await present(out.cadreId)).status).toBe(record === 201 ? 404 : 403);

        // Every out-of-scope cadre has a finding, so "nothing listed" means filtered.
        await f.db.insert(t.inspections).values({
          cadreId: out.cadreId,
          assignmentId: out.assignmentId,
          date: '2026-11-23',
          present: true,
        });
        const mine = await f.as[role].get(`/api/inspections?cadreId=${f.A.cadreId}`);
        const theirs = await f.as[role].get(`/api/inspections?cadreId=${out.cadreId}`);
        expect([mine.status, theirs.status]).toEqual([read, read]);
        if (read === 200) {
          expect(((await mine.json()).inspections as unknown[]).length).toBeGreaterThan(0);
          expect((await theirs.json()).inspections).toEqual([]);
        }
      });
    }
  });
}
