// Flags (预警) through the API on both drivers: who reads them (scope in the query), who confirms or
// dismisses them (core's track table), confirmation after hearing the cadre (§3.4), dismissals with
// reasons that the county sees (§4.2, §4.3), and a retried confirmation recorded once.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../../db/schema';
import { drivers } from '../../support/databases';
import { demoCadre, openDemo, reviewFlag, type Demo, type DemoCadre } from './case-fixtures';

interface FlagJson {
  id: number;
  clause: string;
  state: string;
  raisedOn: string;
  township: { name: string } | null;
  dispatchingUnit: { name: string };
  cadre: { id: number; name: string };
  dismissReason: string | null;
  decidedBy: { name: string; role: string } | null;
  caseId: number | null;
  mayDecide: boolean;
}

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`flags on ${title}`, () => {
    let demo: Demo;
    let financeCadre: DemoCadre;
    let reviewFlagId: number;
    let xijiangReviewFlagId: number;

    const list = async (username: string, query = '') => {
      const res = await (await demo.as(username)).get(`/api/flags${query}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { flags: FlagJson[] }).flags;
    };

    beforeAll(async () => {
      demo = await openDemo(driver);
      // A §2.1 flag for a cadre of 雷山县财政局 (demo-unit) in 丹江镇, and one in 西江镇.
      financeCadre = await demoCadre(demo.db, { township: '丹江镇', unit: '雷山县财政局' });
      reviewFlagId = await reviewFlag(demo.db, financeCadre, '2026-11-02');
      const xijiang = await demoCadre(demo.db, { township: '西江镇', unitLevel: 'county' });
      xijiangReviewFlagId = await reviewFlag(demo.db, xijiang, '2026-11-02');
    });
    afterAll(async () => demo?.test.dispose());

    it('shows demo-township the flags of 西江镇 the month close of 2026-10 raised on Sun 2026-11-01, and none of 丹江镇', async () => {
      const flags = await list('demo-township', '?state=open');
      expect(flags.every((f) => f.township?.name === '西江镇')).toBe(true);
      const monthClose = flags.filter((f) => f.raisedOn === '2026-11-01');
      expect(monthClose.map((f) => f.clause).sort()).toEqual(['§2.4', '§2.5']);
      // §3.2: the township confirms track-B flags; §3.1: only the county confirms §2.1.
      expect(monthClose.every((f) => f.mayDecide)).toBe(true);
      expect(flags.find((f) => f.id === xijiangReviewFlagId)?.mayDecide).toBe(false);
    });

    it('shows demo-county every flag of 雷山县, and demo-unit only those of 雷山县财政局’s own cadres', async () => {
      const county = await list('demo-county');
      expect(new Set(county.map((f) => f.township?.name))).toEqual(
        new Set(['西江镇', '丹江镇', '郎德镇']),
      );
      const unit = await list('demo-unit');
      expect(unit.map((f) => f.id)).toEqual([reviewFlagId]);
      expect(unit[0]!.dispatchingUnit.name).toBe('雷山县财政局');
    });

    it('answers 404 when demo-township reads, confirms or dismisses a 丹江镇 cadre’s flag', async () => {
      const township = await demo.as('demo-township');
      expect((await township.get(`/api/flags/${reviewFlagId}`)).status).toBe(404);
      const confirm = await township.post(`/api/flags/${reviewFlagId}/confirm`, {
        statement: '本人称在县城办事',
      });
      expect(confirm.status).toBe(404);
      const dismiss = await township.post(`/api/flags/${reviewFlagId}/dismiss`, {
        reason: '误报',
      });
      expect(dismiss.status).toBe(404);
      expect((await township.get('/api/flags/999999')).status).toBe(404);
    });

    it('refuses flags to discipline inspection, inspectors and admins (403), and to nobody signed in (401)', async () => {
      for (const username of ['demo-discipline', 'demo-inspector', 'demo-admin']) {
        const client = await demo.as(username);
        expect((await client.get('/api/flags')).status, username).toBe(403);
        const confirm = await client.post(`/api/flags/${reviewFlagId}/confirm`, {
          statement: '已听取本人陈述',
        });
        expect(confirm.status, username).toBe(403);
      }
      expect((await demo.app.request('/api/flags')).status).toBe(401);
    });

    it('refuses demo-unit the confirmation of its own cadre’s §2.1 flag: core’s track table names the county (§3.1)', async () => {
      const unit = await demo.as('demo-unit');
      const res = await unit.post(`/api/flags/${reviewFlagId}/confirm`, {
        statement: '本人对述职评定无异议',
      });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: 'actor-not-allowed', clause: '§2.1' });
    });

    it('refuses demo-township the confirmation of a §2.1 flag in 西江镇, in English when asked', async () => {
      const township = await demo.as('demo-township');
      const res = await township.post(`/api/flags/${xijiangReviewFlagId}/confirm?lang=en`, {
        statement: 'heard',
      });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({
        error: 'actor-not-allowed',
        message: 'Your office may not take this step.',
        clause: '§2.1',
      });
    });

    it('asks for what the cadre said before a confirmation (§3.4): 400 naming `statement`', async () => {
      const [flag] = await list('demo-township', '?clause=2.4&state=open');
      const res = await (await demo.as('demo-township')).post(`/api/flags/${flag!.id}/confirm`, {});
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid-input', field: 'statement' });
    });

    it('lets demo-township confirm the §2.4 flag on Thu 2026-11-26 after hearing the cadre: a track-B case opens with the request of §3.2① and the statement on record, once for a retried request', async () => {
      const [flag] = await list('demo-township', '?clause=2.4&state=open');
      const township = await demo.as('demo-township');
      const body = {
        date: '2026-11-26',
        statement: '本人称10月多次到县里参加培训，未办理请假手续，承认在村天数不足。',
        idempotencyKey: `confirm-${flag!.id}-2026-11-26`,
      };
      const res = await township.post(`/api/flags/${flag!.id}/confirm`, body);
      expect(res.status).toBe(201);
      const created = await res.json();
      expect(created.flag).toMatchObject({ state: 'confirmed', mayDecide: false });
      expect(created.case).toMatchObject({
        clause: '§2.4',
        track: 'B',
        trackClause: '§3.2',
        origin: 'flag',
        flagId: flag!.id,
        state: 'open',
        stage: 'requested',
        openedOn: '2026-11-26',
      });
      expect(created.flag.caseId).toBe(created.case.id);
      const [opened, statement] = created.case.timeline;
      expect(opened.steps.map((s: { event: string }) => s.event)).toEqual(['opened', 'request']);
      expect(opened.by).toMatchObject({ name: '西江镇党委（演示）', role: 'township' });
      expect(statement).toMatchObject({ type: 'evidence', clause: '§3.4' });
      expect(statement.payload.text).toBe(body.statement);
      expect(created.case.evidence.onRecord).toEqual(['statement']);
      expect(created.case.evidence.missing).toEqual([
        'townshipOpinion',
        'villagePartyOpinion',
        'membersOpinion',
      ]);

      const retried = await township.post(`/api/flags/${flag!.id}/confirm`, body);
      expect(retried.status).toBe(200);
      expect((await retried.json()).case.id).toBe(created.case.id);
      const opened_ = await demo.db.select().from(t.cases).where(eq(t.cases.flagId, flag!.id));
      expect(opened_).toHaveLength(1);

      const again = await township.post(`/api/flags/${flag!.id}/confirm`, {
        statement: '再次确认',
      });
      expect(again.status).toBe(422);
      expect(await again.json()).toMatchObject({ error: 'flag-not-open', clause: '§3.4' });
    });

    it('refuses a confirmation dated before the flag was raised on 2026-11-01 (§3.4)', async () => {
      const [flag] = await list('demo-township', '?clause=2.5&state=open');
      const res = await (
        await demo.as('demo-township')
      ).post(`/api/flags/${flag!.id}/confirm`, {
        date: '2026-10-30',
        statement: '已听取',
      });
      expect(res.status).toBe(422);
      expect(await res.json()).toMatchObject({ error: 'flag-not-raised', clause: '§3.4' });
    });

    it('lets demo-township dismiss the §2.5 flag only with a reason, which demo-county then reads with who dismissed it', async () => {
      const [flag] = await list('demo-township', '?clause=2.5&state=open');
      const township = await demo.as('demo-township');
      const empty = await township.post(`/api/flags/${flag!.id}/dismiss`, { reason: '  ' });
      expect(empty.status).toBe(400);
      expect(await empty.json()).toMatchObject({ error: 'invalid-input', field: 'reason' });
      const reason = '10月民情日记记在纸质本上，已现场核实12篇，系未录入系统。';
      const res = await township.post(`/api/flags/${flag!.id}/dismiss`, { reason });
      expect(res.status).toBe(200);
      expect((await res.json()).flag).toMatchObject({ state: 'dismissed', dismissReason: reason });

      const seen = await list('demo-county', '?state=dismissed');
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({
        id: flag!.id,
        clause: '§2.5',
        dismissReason: reason,
        township: { name: '西江镇' },
        decidedBy: { name: '西江镇党委（演示）', role: 'township' },
      });

      const twice = await township.post(`/api/flags/${flag!.id}/dismiss`, { reason: '再次' });
      expect(twice.status).toBe(422);
      expect(await twice.json()).toMatchObject({ error: 'flag-not-open' });
    });

    it('lets demo-county confirm the §2.1 flag of a 雷山县财政局 cadre (track A, §3.1), which demo-unit then sees confirmed', async () => {
      const county = await demo.as('demo-county');
      const res = await county.post(`/api/flags/${reviewFlagId}/confirm`, {
        date: '2026-11-03',
        statement: '本人表示上半年因家中变故工作投入不足，愿意接受组织处理。',
      });
      expect(res.status).toBe(201);
      const body = await res.json();
      expect(body.case).toMatchObject({
        track: 'A',
        stage: 'opened',
        cadre: { id: financeCadre.cadreId },
      });
      expect(body.case.allowedEvents.map((e: { type: string }) => e.type)).toContain('opinion');
      const unit = await list('demo-unit');
      expect(unit).toMatchObject([{ id: reviewFlagId, state: 'confirmed', caseId: body.case.id }]);
    });
  });
}
