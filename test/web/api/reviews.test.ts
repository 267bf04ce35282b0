// Reviews (述职述评 and 年度考核, §1.3) through the API: one per cadre and period, §2.1 flags for
// 不称职/不合格, the §4.4 sanction of a failing annual assessment, and who may record and read in
// and out of scope — on both drivers.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../../db/schema';
import { drivers } from '../../support/databases';
import { type DemoRole, type Fixture, openFixture, roles } from './cadre-fixtures';

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`API reviews on ${title}`, () => {
    let f: Fixture;
    beforeAll(async () => {
      f = await openFixture(driver);
    });
    afterAll(async () => f?.test.dispose());

    const flagsOf = (cadreId: number) =>
      f.db
        .select()
        .from(t.flags)
        .where(and(eq(t.flags.cadreId, cadreId), eq(t.flags.clause, '2.1')));

    it('§2.1, §4.4: the annual assessment 2026 rated 不合格 on Thu 2026-11-26 raises one flag and withholds the annual bonus with an admonition talk', async () => {
      const who = await f.place('韦松', '羊排村', '雷山县财政局');
      const res = await f.as['demo-county'].post('/api/reviews', {
        cadreId: who.cadreId,
        period: '2026',
        rating: 'unqualified',
        date: '2026-11-26',
      });
      expect(res.status).toBe(201);
      const body = await res.json();
      expect(body).toMatchObject({
        review: { period: '2026', rating: 'unqualified', recordedOn: '2026-11-26' },
        flag: { raised: true },
        sanction: { startsOn: '2026-11-26', bonusWithheld: 1, admonitionTalk: true },
      });
      const flags = await flagsOf(who.cadreId);
      expect(flags).toHaveLength(1);
      expect(flags[0]).toMatchObject({
        raisedOn: '2026-11-26',
        sourceKey: `review:${body.review.id}`,
        assignmentId: who.assignmentId,
      });
      const sanctions = await f.db
        .select()
        .from(t.sanctions)
        .where(eq(t.sanctions.cadreId, who.cadreId));
      expect(sanctions).toHaveLength(1);
      expect(sanctions[0]).toMatchObject({
        reviewId: body.review.id,
        caseId: null,
        admonitionTalk: true,
      });
      expect(Number(sanctions[0]!.bonusWithheldMin)).toBe(1);
      const [audit] = await f.db
        .select()
        .from(t.auditLog)
        .where(
          and(eq(t.auditLog.entity, 'review'), eq(t.auditLog.entityId, String(body.review.id))),
        );
      expect(audit).toMatchObject({ action: 'review.record', actorRole: 'county' });

      const again = await f.as['demo-unit'].post('/api/reviews', {
        cadreId: who.cadreId,
        period: '2026',
        rating: 'qualified',
        date: '2026-11-26',
      });
      expect(again.status).toBe(409);
      expect((await again.json()).error).toBe('review-exists');
      expect(await flagsOf(who.cadreId)).toHaveLength(1);
    });

    it('§2.1, §4.4: the half-year review 2026H1 rated 不称职 on Wed 2026-07-15 raises the flag but brings no sanction', async () => {
      const who = await f.place('覃礼', '羊排村', '雷山县财政局', '2026-03-01');
      const res = await f.as['demo-unit'].post('/api/reviews', {
        cadreId: who.cadreId,
        period: '2026H1',
        rating: 'incompetent',
        date: '2026-07-15',
      });
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ flag: { raised: true }, sanction: null });
      expect(await flagsOf(who.cadreId)).toHaveLength(1);
    });

    it('§2.1: a review 2026H1 rated 称职 on Tue 2026-09-15 raises nothing; one dated Wed 2026-07-15, before the stay began on Tue 2026-09-01, is refused (422)', async () => {
      const res = await f.as['demo-county'].post('/api/reviews', {
        cadreId: f.A.cadreId,
        period: '2026H1',
        rating: 'competent',
        date: '2026-07-15',
      });
      expect(res.status).toBe(422);
      expect((await res.json()).error).toBe('no-assignment-on-date');
      const later = await f.as['demo-county'].post('/api/reviews', {
        cadreId: f.A.cadreId,
        period: '2026H1',
        rating: 'competent',
        date: '2026-09-15',
      });
      expect(later.status).toBe(201);
      expect(await later.json()).toMatchObject({ flag: null, sanction: null });
      expect(await flagsOf(f.A.cadreId)).toHaveLength(0);
    });

    it('refuses a rating dated Fri 2026-11-27, after today, a period that is not YYYY or YYYYH1, and a date before the period', async () => {
      const post = (body: Record<string, unknown>) =>
        f.as['demo-county'].post('/api/reviews', {
          cadreId: f.A.cadreId,
          rating: 'qualified',
          ...body,
        });
      const future = await post({ period: '2026', date: '2026-11-27' });
      expect(future.status).toBe(422);
      expect((await future.json()).error).toBe('review-in-future');
      const badPeriod = await post({ period: '2026H2', date: '2026-11-20' });
      expect(badPeriod.status).toBe(400);
      expect((await badPeriod.json()).field).toBe('period');
      const early = await post({ period: '2027', date: '2026-11-20' });
      expect(early.status).toBe(422);
      expect((await early.json()).error).toBe('review-before-period');
    });

    // Each demo role against cadre A (in scope) and outside[role] (out of scope).
    const matrix: { role: DemoRole; record: 201 | 403; read: 200 | 403; period: string }[] = [
      { role: 'demo-county', record: 201, read: 200, period: '2025' },
      { role: 'demo-township', record: 403, read: 200, period: '2024' },
      { role: 'demo-unit', record: 201, read: 200, period: '2024' },
      { role: 'demo-discipline', record: 403, read: 403, period: '2023' },
      { role: 'demo-inspector', record: 403, read: 403, period: '2022' },
      { role: 'demo-admin', record: 403, read: 403, period: '2021' },
    ];
    expect(matrix.map((m) => m.role)).toEqual([...roles]);

    for (const { role, record, read, period } of matrix) {
      it(`permissions of ${role}: recording ${record} in scope (${record === 201 ? 404 : 403} out of it), reading ${read}`, async () => {
        const out = f.outside[role];
        const rate = (cadreId: number) =>
          f.as[role].post('/api/reviews', {
            cadreId,
            period,
            rating: 'qualified',
            // Rated after the assignments (from Tue 2026-09-01) began: the latest one counts.
            date: '2026-11-20',
          });
        const inScope = await rate(f.A.cadreId);
        expect(inScope.status).toBe(record);
        expect((await rate(out.cadreId)).status).toBe(record === 201 ? 404 : 403);

        await f.db
          .insert(t.reviews)
          .values({
            cadreId: out.cadreId,
            period: `${period}H1`,
            rating: 'competent',
            recordedOn: '2026-11-01',
          })
          .onConflictDoNothing();
        const mine = await f.as[role].get(`/api/reviews?cadreId=${f.A.cadreId}`);
        const theirs = await f.as[role].get(`/api/reviews?cadreId=${out.cadreId}`);
        expect([mine.status, theirs.status]).toEqual([read, read]);
        if (read === 200) {
          expect(((await mine.json()).reviews as unknown[]).length).toBeGreaterThan(0);
          expect((await theirs.json()).reviews).toEqual([]);
        }
      });
    }
  });
}
