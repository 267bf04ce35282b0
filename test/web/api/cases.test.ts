// Cases (教育整改) through the API on both drivers: one walk through each track of §3 (A from a
// confirmed §2.1 flag, B from intake across the 2026 National Day holiday and from the township's
// confirmed §2.4 flag, C from discipline's §2.9 intake), with the deadlines compared to core's own
// computation; refusals with reason and clause; a retried step recorded once; the printable notice;
// and who may read and act on a case, in scope and out of it.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workdaysAfter } from '../../../core/calendar';
import { defaultParameters } from '../../../core/parameters';
import { openCase } from '../../../db/queries/cases';
import { calendarFor } from '../../../db/queries/calendar';
import * as t from '../../../db/schema';
import { createApp } from '../../../web/app';
import { parseConfig } from '../../../web/config';
import { signIn, type Client } from '../../support/api';
import { drivers } from '../../support/databases';
import {
  addUser,
  demoCadre,
  hearEveryone,
  openDemo,
  orgUnitId,
  reviewFlag,
  step,
  type Demo,
  type DemoCadre,
} from './case-fixtures';

interface DeadlineJson {
  step: string;
  clause: string;
  startsOn: string;
  due: string;
  provisional: boolean;
  status: string;
  workdaysLeft: number | null;
}

const deadlineOf = (body: { deadlines: DeadlineJson[] }, name: string) =>
  body.deadlines.find((d) => d.step === name)!;

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`cases on ${title}`, () => {
    let demo: Demo;
    /** 丹江镇, 雷山县财政局 (demo-unit): track A. */
    let finance: DemoCadre;
    /** Another 丹江镇 cadre of 雷山县财政局: track C. */
    let financeOther: DemoCadre;
    /** 西江镇, a county-level unit: track B across the holiday. */
    let xijiang: DemoCadre;
    let caseA = 0;
    let caseB = 0;
    let caseC = 0;
    let caseDone = 0;

    /** What core itself computes for a period of n working days after `date` in the cadre's village. */
    const coreDue = async (cadre: DemoCadre, date: string, n: number) =>
      workdaysAfter(await calendarFor(demo.db, cadre.villagePath), date, n);

    const get = async (client: Client, id: number) => {
      const res = await client.get(`/api/cases/${id}`);
      expect(res.status).toBe(200);
      return res.json();
    };

    const refusal = async (client: Client, id: number, body: Record<string, unknown>) => {
      const res = await client.post(`/api/cases/${id}/events`, body);
      return { status: res.status, body: await res.json() };
    };

    beforeAll(async () => {
      demo = await openDemo(driver);
      finance = await demoCadre(demo.db, { township: '丹江镇', unit: '雷山县财政局' });
      financeOther = await demoCadre(demo.db, {
        township: '丹江镇',
        unit: '雷山县财政局',
        except: [finance.cadreId],
      });
      xijiang = await demoCadre(demo.db, { township: '西江镇', unitLevel: 'county' });
      const county = await orgUnitId(demo.db, '雷山县');
      // Accounts the demo lacks: the 西江镇 cadre, their dispatching unit, the province.
      await addUser(demo.db, {
        username: 'test-cadre',
        role: 'cadre',
        orgUnitId: xijiang.villageId,
        cadreId: xijiang.cadreId,
      });
      await addUser(demo.db, {
        username: 'test-unit',
        role: 'dispatchingUnit',
        orgUnitId: county,
        dispatchingUnitId: xijiang.unitId,
      });
      await addUser(demo.db, {
        username: 'test-province',
        role: 'province',
        orgUnitId: await orgUnitId(demo.db, '贵州省'),
      });
    });
    afterAll(async () => demo?.test.dispose());

    it('walks track A (§3.1): a §2.1 flag confirmed by demo-county on Tue 2026-11-03, the opinion, the notice on Mon 2026-11-09, the recall, the talk, no change, closing', async () => {
      const county = await demo.as('demo-county');
      const unit = await demo.as('demo-unit');
      const flagId = await reviewFlag(demo.db, finance, '2026-11-02');
      const confirmed = await county.post(`/api/flags/${flagId}/confirm`, {
        date: '2026-11-03',
        statement: '本人表示上半年因家中变故工作投入不足。',
      });
      expect(confirmed.status).toBe(201);
      caseA = (await confirmed.json()).case.id;

      // 由县级组织部门提出教育整改的初步意见 — §3.1: no notice without the opinion.
      expect(await refusal(county, caseA, { type: 'notice', date: '2026-11-04' })).toMatchObject({
        status: 422,
        body: { error: 'no-opinion', clause: '§3.1' },
      });
      await step(county, caseA, { type: 'opinion', date: '2026-11-04', text: '建议教育整改' });
      // 充分征求……意见,同时听取本人陈述 — §3.4: the notice is the decision of track A.
      const early = await refusal(county, caseA, { type: 'notice', date: '2026-11-05' });
      expect(early.status).toBe(422);
      expect(early.body).toMatchObject({ error: 'evidence-missing', clause: '§3.4' });
      expect(early.body.message).toContain('村党组织意见');
      await hearEveryone(county, caseA, '2026-11-05');

      const noticed = await step(county, caseA, { type: 'notice', date: '2026-11-09' });
      expect(noticed.deadlines.map((d: DeadlineJson) => [d.step, d.due])).toEqual([
        ['appeal', (await coreDue(finance, '2026-11-09', 2)).date],
        ['recall', (await coreDue(finance, '2026-11-09', 7)).date],
      ]);
      expect(deadlineOf(noticed.case, 'appeal').due).toBe('2026-11-11');
      expect(deadlineOf(noticed.case, 'recall')).toMatchObject({
        due: '2026-11-18',
        clause: '§3.5',
        provisional: false,
        // 2026-11-26 is past the recall's due date and nobody has recalled the cadre.
        status: 'overdue',
      });
      expect(noticed.case.sanctions).toMatchObject({
        notice: '2026-11-09',
        noAwardsYear: 2026,
        noPromotionUntil: '2027-11-09',
        bonusWithheldMin: 0.2,
        inForce: true,
      });

      // 通过组织谈话和教育整改 — §3.5, §3.6: the recall, then the talk, then the finding.
      expect(
        await refusal(unit, caseA, { type: 'outcome', date: '2026-11-16', changed: false }),
      ).toMatchObject({ status: 422, body: { error: 'not-recalled' } });
      await step(unit, caseA, { type: 'recalled', date: '2026-11-16' });
      expect(
        await refusal(unit, caseA, { type: 'outcome', date: '2026-11-17', changed: false }),
      ).toMatchObject({ status: 422, body: { error: 'no-talk', clause: '§3.5' } });
      await step(unit, caseA, { type: 'talk', date: '2026-11-17', text: '局长谈话记录' });
      const unchanged = await step(unit, caseA, {
        type: 'outcome',
        date: '2026-11-18',
        changed: false,
      });
      expect(deadlineOf(unchanged.case, 'recall').status).toBe('met');
      expect(deadlineOf(unchanged.case, 'replacement')).toMatchObject({
        due: (await coreDue(finance, '2026-11-18', 7)).date,
        clause: '§3.7',
        status: 'open',
        workdaysLeft: 1,
      });
      const closed = await step(county, caseA, { type: 'closed', date: '2026-11-26' });
      expect(closed.case).toMatchObject({
        state: 'closed',
        stage: 'closed',
        closedOn: '2026-11-26',
      });
      expect(deadlineOf(closed.case, 'replacement').status).toBe('met');
      expect(closed.case.allowedEvents).toEqual([]);

      // The derived rows follow the events.
      const [row] = await demo.db.select().from(t.cases).where(eq(t.cases.id, caseA));
      expect(row).toMatchObject({
        state: 'closed',
        noticeOn: '2026-11-09',
        closedOn: '2026-11-26',
      });
      const due = await demo.db.select().from(t.deadlines).where(eq(t.deadlines.caseId, caseA));
      expect(Object.fromEntries(due.map((d) => [d.step, [d.due, d.metOn]]))).toEqual({
        appeal: ['2026-11-11', null],
        recall: ['2026-11-18', '2026-11-16'],
        replacement: ['2026-11-27', '2026-11-26'],
      });
      const [sanction] = await demo.db
        .select()
        .from(t.sanctions)
        .where(eq(t.sanctions.caseId, caseA));
      expect(sanction).toMatchObject({
        startsOn: '2026-11-09',
        noPromotionUntil: '2027-11-09',
        lapsedOn: null,
      });
    });

    it('prints the written notice of track A in Chinese, citing §2.1, §3.1, §3.5 and §3.8 with their dates', async () => {
      const res = await (await demo.as('demo-unit')).get(`/api/cases/${caseA}/notice`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await res.text();
      expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
      expect(html).toContain(`关于对${finance.name}同志进行教育整改的`);
      expect(html).toContain('雷山县财政局：');
      expect(html).toContain('第二部分第1条（§2.1）');
      expect(html).toContain('第三部分第1条（§3.1）');
      expect(html).toContain(
        '7个工作日内，最迟于<span class="due">2026年11月18日（星期三）</span>',
      );
      expect(html).toContain(
        '2个工作日内，最迟于<span class="due">2026年11月11日（星期三）</span>',
      );
      expect(html).toContain('并做好谈话记录（《意见》第三部分第5条，§3.5）');
      expect(html).toContain('予以复核并答复（《意见》第三部分第8条，§3.8）');
      expect(html).toContain('所列情形：“在半年述职述评、年度考核中被评定为‘不称职’或‘不合格’的”');
      expect(html).toContain('2027年11月9日前不得提拔使用');
      expect(html).toContain('中共雷山县委组织部');
      expect(html).toContain('@page { size: A4;');
      // Self-contained: no scripts, no links to anywhere.
      expect(html).not.toMatch(/<script|<link|src=|https?:\/\//);
    });

    it('walks track B (§3.2) from intake: 西江镇 files §2.6 on Mon 2026-09-28, a notice on Wed 2026-09-30 can be appealed until Fri 2026-10-09 and the recall is due Thu 2026-10-15, across the National Day holiday', async () => {
      const township = await demo.as('demo-township');
      const county = await demo.as('demo-county');
      const filed = await township.post('/api/cases', {
        cadreId: xijiang.cadreId,
        clause: '§2.6',
        date: '2026-09-28',
        description: '多次不参加村支两委会议，与村支书闹不团结，镇党委提出教育整改意见。',
        refs: ['镇党委会议纪要 2026-09-27'],
      });
      expect(filed.status).toBe(201);
      const opened = await filed.json();
      caseB = opened.id;
      expect(opened).toMatchObject({
        clause: '§2.6',
        track: 'B',
        origin: 'intake',
        stage: 'requested',
        openedOn: '2026-09-28',
      });
      expect(opened.timeline[0].payload).toMatchObject({
        description: expect.stringContaining('闹不团结'),
        refs: ['镇党委会议纪要 2026-09-27'],
      });

      // One open case per cadre and situation.
      const twice = await township.post('/api/cases', {
        cadreId: xijiang.cadreId,
        clause: '2.6',
        date: '2026-09-29',
        description: '再次报送',
      });
      expect(twice.status).toBe(409);
      expect(await twice.json()).toMatchObject({ error: 'case-already-open', clause: '§2.6' });

      expect(
        await refusal(county, caseB, { type: 'caseReview', date: '2026-09-28' }),
      ).toMatchObject({ status: 422, body: { error: 'evidence-missing', clause: '§3.4' } });
      await hearEveryone(township, caseB, '2026-09-28');
      await step(county, caseB, { type: 'caseReview', date: '2026-09-29' });
      const filing = await step(county, caseB, { type: 'filing', date: '2026-09-29' });
      expect(filing.case.timeline.at(-1).steps[0]).toMatchObject({
        event: 'filing',
        clause: '§3.2',
        detail: 'countyDepartment',
      });

      const noticed = await step(county, caseB, { type: 'notice', date: '2026-09-30' });
      const appeal = await coreDue(xijiang, '2026-09-30', 2);
      const recall = await coreDue(xijiang, '2026-09-30', 7);
      expect([appeal.date, recall.date]).toEqual(['2026-10-09', '2026-10-15']);
      expect(deadlineOf(noticed.case, 'appeal')).toMatchObject({
        due: appeal.date,
        clause: '§3.8',
        provisional: false,
        status: 'ended',
      });
      expect(deadlineOf(noticed.case, 'recall')).toMatchObject({
        due: recall.date,
        clause: '§3.5',
        provisional: false,
      });
    });

    it('refuses the cadre’s appeal on Mon 2026-10-12, after the window closed on Fri 2026-10-09 (422, appeal-window-closed, §3.8)', async () => {
      const cadre = await demo.as('test-cadre');
      const late = await refusal(cadre, caseB, { type: 'appeal', date: '2026-10-12' });
      expect(late).toEqual({
        status: 422,
        body: {
          error: 'appeal-window-closed',
          message: '已超过接到通知之日起2个工作日的复核申请期限。',
          clause: '§3.8',
        },
      });
      // The county may not appeal for the cadre; the cadre is offered no appeal any more.
      expect(
        await refusal(await demo.as('demo-county'), caseB, { type: 'appeal', date: '2026-10-09' }),
      ).toMatchObject({ status: 403, body: { error: 'actor-not-allowed', clause: '§3.8' } });
      const seen = await get(cadre, caseB);
      expect(seen.allowedEvents.map((e: { type: string }) => e.type)).toEqual(['evidence']);
      expect(seen.tipId).toBeNull();
    });

    it('records a talk retried with the same idempotency key once, and returns the first result to the retry', async () => {
      const unit = await demo.as('test-unit');
      await step(unit, caseB, { type: 'recalled', date: '2026-10-14' });
      const talk = {
        type: 'talk',
        date: '2026-10-16',
        text: '教育局主要领导谈话，本人认识到问题。',
        idempotencyKey: 'talk-2026-10-16-xijiang',
      };
      const first = await unit.post(`/api/cases/${caseB}/events`, talk);
      expect(first.status).toBe(201);
      const retry = await unit.post(`/api/cases/${caseB}/events`, talk);
      expect(retry.status).toBe(200);
      const [a, b] = [await first.json(), await retry.json()];
      expect(b).toMatchObject({ replayed: true, event: a.event });
      const talks = await demo.db
        .select()
        .from(t.caseEvents)
        .where(and(eq(t.caseEvents.caseId, caseB), eq(t.caseEvents.event, 'talk')));
      expect(talks).toHaveLength(1);
      // The same key for another step is a conflict, not a second record.
      const reused = await unit.post(`/api/cases/${caseB}/events`, {
        ...talk,
        type: 'outcome',
        changed: true,
      });
      expect(reused.status).toBe(409);
      expect((await reused.json()).error).toBe('idempotency-key-reused');
    });

    it('ends track B: the attitude changed on Tue 2026-10-20, the county approves the return on Thu 2026-10-22, due Mon 2026-11-02 (§3.6), and closes', async () => {
      const unit = await demo.as('test-unit');
      const county = await demo.as('demo-county');
      await step(unit, caseB, { type: 'outcome', date: '2026-10-20', changed: true });
      // 报同级组织部门同意 — §3.6: the unit cannot approve its own proposal.
      expect(
        await refusal(unit, caseB, { type: 'redeployApproved', date: '2026-10-22' }),
      ).toMatchObject({ status: 403, body: { error: 'actor-not-allowed', clause: '§3.6' } });
      const approved = await step(county, caseB, { type: 'redeployApproved', date: '2026-10-22' });
      expect(deadlineOf(approved.case, 'return')).toMatchObject({
        due: (await coreDue(xijiang, '2026-10-22', 7)).date,
        clause: '§3.6',
      });
      expect(deadlineOf(approved.case, 'return').due).toBe('2026-11-02');
      const closed = await step(county, caseB, { type: 'closed', date: '2026-11-02' });
      expect(closed.case.deadlines.map((d: DeadlineJson) => [d.step, d.status])).toEqual([
        ['appeal', 'ended'],
        ['recall', 'met'],
        ['return', 'met'],
      ]);
      expect(closed.case.timeline.map((e: { type: string }) => e.type)).toEqual([
        'opened',
        'evidence',
        'evidence',
        'evidence',
        'evidence',
        'caseReview',
        'filing',
        'notice',
        'recalled',
        'talk',
        'outcome',
        'redeployApproved',
        'closed',
      ]);
    });

    it('walks track C (§3.3): discipline files §2.9 on Mon 2026-11-02, investigates, decides after hearing everyone, transfers, and the county’s notice of Mon 2026-11-09 leads to the return', async () => {
      const discipline = await demo.as('demo-discipline');
      const county = await demo.as('demo-county');
      const unit = await demo.as('demo-unit');
      const filed = await discipline.post('/api/cases', {
        cadreId: financeOther.cadreId,
        clause: '2.9',
        date: '2026-11-02',
        description: '10月31日村内山体滑坡未及时报告，事发时不在岗。',
      });
      expect(filed.status).toBe(201);
      const opened = await filed.json();
      caseC = opened.id;
      expect(opened).toMatchObject({ track: 'C', trackClause: '§3.3', stage: 'opened' });
      await step(discipline, caseC, { type: 'investigation', date: '2026-11-03' });
      expect(
        await refusal(discipline, caseC, { type: 'decision', date: '2026-11-04' }),
      ).toMatchObject({ status: 422, body: { error: 'evidence-missing', clause: '§3.4' } });
      await hearEveryone(discipline, caseC, '2026-11-04');
      await step(discipline, caseC, { type: 'decision', date: '2026-11-05', text: '给予教育整改' });
      const transferred = await step(discipline, caseC, {
        type: 'transfer',
        date: '2026-11-06',
        to: 'discipline',
      });
      expect(transferred.case.stage).toBe('transferred');
      const noticed = await step(county, caseC, { type: 'notice', date: '2026-11-09' });
      expect(deadlineOf(noticed.case, 'recall').due).toBe(
        (await coreDue(financeOther, '2026-11-09', 7)).date,
      );
      await step(unit, caseC, { type: 'recalled', date: '2026-11-10' });
      await step(unit, caseC, { type: 'talk', date: '2026-11-11', text: '谈话记录' });
      await step(unit, caseC, { type: 'outcome', date: '2026-11-12', changed: true });
      const approved = await step(county, caseC, { type: 'redeployApproved', date: '2026-11-13' });
      expect(deadlineOf(approved.case, 'return')).toMatchObject({
        due: '2026-11-24',
        // Nobody has closed the case: the return is two working days overdue on Thu 2026-11-26.
        status: 'overdue',
      });
      const seen = await get(county, caseC);
      expect(seen.deadlines.find((d: { step: string }) => d.step === 'return')).toMatchObject({
        overdueWorkdays: 2,
        escalate: false,
      });
    });

    it('lets demo-township confirm its §2.4 flag and file the request, and demo-county take the case to a notice on Thu 2026-11-26 and print it (recall by Mon 2026-12-07, appeal by Mon 2026-11-30)', async () => {
      const township = await demo.as('demo-township');
      const county = await demo.as('demo-county');
      const flags = await (await township.get('/api/flags?clause=2.4&state=open')).json();
      const flag = flags.flags[0];
      const confirmed = await township.post(`/api/flags/${flag.id}/confirm`, {
        statement: '本人承认10月在村天数不足，称系参加县里培训，未请假。',
      });
      expect(confirmed.status).toBe(201);
      caseDone = (await confirmed.json()).case.id;
      const early = await county.get(`/api/cases/${caseDone}/notice`);
      expect(early.status).toBe(409);
      expect((await early.json()).error).toBe('no-notice');

      for (const kind of ['townshipOpinion', 'villagePartyOpinion', 'membersOpinion']) {
        await step(township, caseDone, {
          type: 'evidence',
          date: '2026-11-26',
          kind,
          text: '记录',
        });
      }
      await step(county, caseDone, { type: 'caseReview', date: '2026-11-26' });
      await step(county, caseDone, { type: 'filing', date: '2026-11-26' });
      const noticed = await step(county, caseDone, { type: 'notice', date: '2026-11-26' });
      expect(deadlineOf(noticed.case, 'recall')).toMatchObject({
        due: '2026-12-07',
        status: 'open',
        workdaysLeft: 7,
      });
      expect(deadlineOf(noticed.case, 'appeal')).toMatchObject({
        due: '2026-11-30',
        workdaysLeft: 2,
      });
      const page = await county.get(`/api/cases/${caseDone}/notice`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('第二部分第4条（§2.4）');
      expect(html).toContain('第三部分第2条（§3.2）');
      expect(html).toContain('西江镇党委向县级组织部门书面请示（2026年11月26日）');
      expect(html).toContain('2026年12月7日（星期一）');
      expect(html).toContain('2026年11月30日（星期一）');
    });

    it('marks a recall deadline provisional when it runs into 2027, whose holiday schedule is not published: a notice on Mon 2026-12-28', async () => {
      const december = createApp({
        db: demo.db,
        config: parseConfig({}),
        driver,
        clock: () => new Date('2026-12-28T02:00:00Z'),
      });
      const discipline = await signIn(december, 'demo-discipline');
      const county = await signIn(december, 'demo-county');
      const cadre = await demoCadre(demo.db, {
        township: '丹江镇',
        unitLevel: 'county',
        except: [finance.cadreId, financeOther.cadreId],
      });
      const filed = await discipline.post('/api/cases', {
        cadreId: cadre.cadreId,
        clause: '2.10',
        date: '2026-12-21',
        description: '收受项目承包方礼品。',
      });
      expect(filed.status).toBe(201);
      const id = (await filed.json()).id;
      await step(discipline, id, { type: 'investigation', date: '2026-12-22' });
      await hearEveryone(discipline, id, '2026-12-22');
      await step(discipline, id, { type: 'decision', date: '2026-12-23' });
      const noticed = await step(county, id, { type: 'notice', date: '2026-12-28' });
      const recall = await coreDue(cadre, '2026-12-28', 7);
      expect(recall).toEqual({ date: '2027-01-07', provisional: true });
      expect(deadlineOf(noticed.case, 'recall')).toMatchObject({
        due: recall.date,
        provisional: true,
      });
      expect(deadlineOf(noticed.case, 'appeal')).toMatchObject({
        due: '2026-12-30',
        provisional: false,
      });
      const html = await (await county.get(`/api/cases/${id}/notice`)).text();
      expect(html).toContain('2027年1月7日（星期四）</span><span class="provisional">');
      expect(defaultParameters.recallWorkdays).toBe(7);
    });

    it('refuses steps dated after today (§3), unknown steps and evidence without its kind', async () => {
      const county = await demo.as('demo-county');
      expect(
        await refusal(county, caseDone, { type: 'recalled', date: '2026-11-27' }),
      ).toMatchObject({ status: 422, body: { error: 'event-after-as-of', clause: '§3' } });
      expect(
        await refusal(county, caseDone, { type: 'promote', date: '2026-11-26' }),
      ).toMatchObject({ status: 400, body: { error: 'invalid-input', field: 'type' } });
      expect(
        await refusal(county, caseDone, { type: 'evidence', date: '2026-11-26', text: 'x' }),
      ).toMatchObject({ status: 400, body: { field: 'kind' } });
      expect(
        await refusal(county, caseDone, { type: 'recalled', date: '2026-02-30' }),
      ).toMatchObject({ status: 400, body: { field: 'date' } });
    });

    it('checks who may file what by intake (core’s catalogue): §2.9 not by the township, §2.6 not by discipline, §2.12 and §2.4 never by intake', async () => {
      const township = await demo.as('demo-township');
      const discipline = await demo.as('demo-discipline');
      const county = await demo.as('demo-county');
      const intake = (clause: string, cadreId = xijiang.cadreId) => ({
        cadreId,
        clause,
        date: '2026-11-26',
        description: '情况说明',
      });
      const cases: [Client, Record<string, unknown>, number, string, string][] = [
        [township, intake('2.9'), 403, 'actor-not-allowed', '§2.9'],
        [discipline, intake('2.6'), 403, 'actor-not-allowed', '§2.6'],
        [county, intake('2.12'), 422, 'not-opened-this-way', '§2.12'],
        [county, intake('2.4'), 422, 'not-opened-this-way', '§2.4'],
      ];
      for (const [client, body, status, error, clause] of cases) {
        const res = await client.post('/api/cases', body);
        expect(res.status, `${body.clause}`).toBe(status);
        expect(await res.json()).toMatchObject({ error, clause });
      }
      // Out of scope: a 丹江镇 cadre is not the township's to file about.
      expect((await township.post('/api/cases', intake('2.6', finance.cadreId))).status).toBe(404);
      for (const username of ['demo-inspector', 'demo-admin']) {
        const res = await (await demo.as(username)).post('/api/cases', intake('2.13'));
        expect(res.status, username).toBe(403);
      }
    });

    it('lets each role read a case only in its scope: the permission matrix of GET /cases/:id, the list and the notice', async () => {
      // [role, sees the 丹江镇 case of 雷山县财政局 (A), sees the 西江镇 case (B)]
      const matrix: [string, number, number][] = [
        ['demo-county', 200, 200],
        ['demo-township', 404, 200],
        ['demo-unit', 200, 404],
        ['test-unit', 404, 200],
        ['demo-discipline', 200, 200],
        ['test-province', 200, 200],
        ['test-cadre', 404, 200],
        ['demo-inspector', 403, 403],
        ['demo-admin', 403, 403],
      ];
      for (const [username, a, b] of matrix) {
        const client = await demo.as(username);
        expect((await client.get(`/api/cases/${caseA}`)).status, `${username} A`).toBe(a);
        expect((await client.get(`/api/cases/${caseB}`)).status, `${username} B`).toBe(b);
        expect((await client.get(`/api/cases/${caseA}/notice`)).status, `${username} notice`).toBe(
          a,
        );
        const list = await client.get('/api/cases');
        if (a === 403) {
          expect(list.status).toBe(403);
          continue;
        }
        const ids = ((await list.json()) as { cases: { id: number }[] }).cases.map((c) => c.id);
        expect(ids.includes(caseA), `${username} lists A`).toBe(a === 200);
        expect(ids.includes(caseB), `${username} lists B`).toBe(b === 200);
      }
      // Writing out of scope is as unknown as reading it.
      const township = await demo.as('demo-township');
      expect(
        (
          await township.post(`/api/cases/${caseC}/events`, {
            type: 'talk',
            date: '2026-11-26',
            text: 'x',
          })
        ).status,
      ).toBe(404);
      expect((await demo.app.request(`/api/cases/${caseA}`)).status).toBe(401);
      // demo-township's list holds only 西江镇's cases, open or closed.
      const listed = await (await township.get('/api/cases?state=closed')).json();
      expect(listed.cases.map((c: { township: string }) => c.township)).toEqual(['西江镇']);
    });

    it('opens a §2.12 case from a tip verified on Fri 2026-11-20 through openCase, and never shows the tip to the cadre’s own dispatching unit', async () => {
      const [tip] = await demo.db
        .insert(t.tips)
        .values({
          receiptHash: `test-${driver}`,
          keyId: 'k1',
          ciphertext: 'AAAA',
          status: 'verified',
          receivedOn: '2026-11-10',
        })
        .returning();
      const [countyUser] = await demo.db
        .select()
        .from(t.users)
        .where(eq(t.users.username, 'demo-county'));
      const actor = { id: countyUser!.id, role: 'county' as const, scopeLevel: 'county' as const };
      const args = {
        cadreId: financeOther.cadreId,
        clause: '2.12',
        via: 'tip' as const,
        openedOn: '2026-11-20',
        actor,
        tipId: tip!.id,
        payload: { findings: '核实：收受施工方香烟两条。' },
        now: new Date('2026-11-20T02:00:00Z'),
      };
      // 组织及纪检部门收到……举报,反映问题经核查属实的 — §2.12: the county may record it; a township may not.
      expect(await openCase(demo.db, { ...args, actor: { ...actor, role: 'township' } })).toEqual({
        ok: false,
        reason: 'actor-not-allowed',
        clause: '§2.12',
      });
      const opened = await openCase(demo.db, args);
      expect(opened).toMatchObject({ ok: true, replayed: false });
      if (!opened.ok) return;
      expect(opened.case.state).toMatchObject({ track: 'C', preNotice: 'opened' });
      const county = await get(await demo.as('demo-county'), opened.caseId);
      expect(county).toMatchObject({ origin: 'tip', tipId: tip!.id });
      expect(county.timeline[0].payload).toMatchObject({ findings: expect.any(String) });
      const unit = await get(await demo.as('demo-unit'), opened.caseId);
      expect(unit).toMatchObject({ origin: 'tip', tipId: null });
      expect(unit.timeline[0].payload).toEqual({ via: 'tip' });
      expect(JSON.stringify(unit)).not.toContain(tip!.id);
      expect(JSON.stringify(unit)).not.toContain('香烟');
    });

    it('describes the flag, case, notice, ledger and audit routes in the OpenAPI document', async () => {
      const doc = await (await demo.app.request('/api/openapi.json')).json();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/flags',
          '/flags/{id}/confirm',
          '/flags/{id}/dismiss',
          '/cases',
          '/cases/{id}',
          '/cases/{id}/events',
          '/cases/{id}/notice',
          '/ledger/cadres/{id}',
          '/ledger/units/{id}',
          '/audit',
          '/audit/verify',
        ]),
      );
    });
  });
}
