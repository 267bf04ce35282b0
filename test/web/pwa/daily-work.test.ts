// The supervisors' daily work through the PWA in Chromium at 360 px: today's list, a flag confirmed
// after hearing the cadre (§3.4) which opens a case, the county taking that case to its written
// notice with the deadlines in working days (§3.5, §3.8), a leave approved at the township's step
// (§1.2), refusals said where they belong, axe-core on the pages, and screenshots of each.
import { and, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases, flags, leaveApprovals, leaveRequests } from '../../../db/schema';
import {
  launchChromium,
  phone,
  type PwaServer,
  screenshot,
  seriousViolations,
  signInAs,
  startPwaServer,
} from '../../support/browser';

// Wednesday 18 November 2026, 10:00 in Beijing: the demo's October is closed and flagged; a notice
// received today has its appeal window until Friday 20th (2 working days) and its recall until
// Friday 27th (7 working days).
const now = new Date('2026-11-18T02:00:00Z');
const today = '2026-11-18';

let server: PwaServer;
let browser: Browser;

/** The API over HTTP as a demo user, for what the test must check behind the page. */
async function apiAs(username: string) {
  const res = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'zhucun-demo' }),
  });
  expect(res.status).toBe(201);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    async get<T>(path: string): Promise<T> {
      const r = await fetch(`${server.url}/api${path}`, { headers: { cookie } });
      expect(r.status, `GET ${path}`).toBe(200);
      return (await r.json()) as T;
    },
    async post(path: string, body: unknown) {
      return fetch(`${server.url}/api${path}`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    },
  };
}

async function signedIn(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await phone(browser);
  const page = await context.newPage();
  await signInAs(page, server.url, username);
  return { context, page };
}

/** A screenshot of the whole page as it lays out on the phone: the viewport grown to the page's
 * height, so the sticky bar sits at the top and the tab bar at the bottom. */
async function shot(page: Page, name: string): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 360, height: Math.max(740, height) });
  await page.evaluate(() => scrollTo(0, 0));
  await screenshot(page, name);
  await page.setViewportSize({ width: 360, height: 740 });
}

beforeAll(async () => {
  server = await startPwaServer('pglite', { now });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The case the township opens in the first test; the county takes it on. */
let caseId: number;

describe('the supervisors’ daily work', () => {
  it('a township officer sees the open flags on Today, confirms one with the cadre’s statement, and a case opens', async () => {
    const { context, page } = await signedIn('demo-township');
    const open = await server.test.handle.db
      .select({ id: flags.id })
      .from(flags)
      .where(eq(flags.state, 'open'));
    expect(open.length).toBeGreaterThan(0);

    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('今日待办');
    const flagsSection = page.getByRole('region', { name: /待确认或排除的预警/ });
    await flagsSection.waitFor();
    // 西江镇's two flags of October (§2.4 and §2.5), with the count in the heading.
    expect(await flagsSection.getByRole('heading').innerText()).toMatch(/待确认或排除的预警\s*2/);
    expect(await page.getByText('今天是2026年11月18日周三').count()).toBe(1);
    await shot(page, 'daily-work-home');
    expect.soft(await seriousViolations(page), 'axe-core').toEqual([]);

    await flagsSection.getByRole('link', { name: /龙小芳/ }).click();
    await page.getByRole('heading', { name: '龙小芳的预警' }).waitFor();
    const detected = page.getByRole('region', { name: '检测到的情况' });
    expect(await detected.innerText()).toMatch(/2026年10月[\s\S]*在村天数\s*14天/);
    await page.getByRole('button', { name: '确认预警' }).click();
    await shot(page, 'daily-work-flag');

    // No statement, no confirmation (§3.4): said beside the field, nothing sent.
    await page.getByRole('button', { name: '确认并立案' }).click();
    await page.getByText('请填写本人陈述。').waitFor();
    await page.getByLabel('本人陈述').fill('本人称十月母亲住院，在县城陪护，未及时请假。');
    await page.getByRole('button', { name: '确认并立案' }).click();
    await page.getByText('预警已确认，已立案。').waitFor();

    const [flag] = await server.test.handle.db
      .select({ state: flags.state })
      .from(flags)
      .innerJoin(cases, eq(cases.flagId, flags.id))
      .where(eq(flags.state, 'confirmed'));
    expect(flag?.state).toBe('confirmed');
    const [opened] = await server.test.handle.db
      .select({ id: cases.id, state: cases.state, clause: cases.clause, step: cases.step })
      .from(cases);
    expect(opened).toMatchObject({ state: 'open', clause: '2.4', step: 'requested' });
    caseId = opened!.id;

    await page.getByRole('link', { name: '查看案件' }).click();
    await page.getByRole('heading', { name: '龙小芳的教育整改' }).waitFor();
    const timeline = page.getByRole('region', { name: '办理经过' });
    expect(await timeline.innerText()).toContain('本人称十月母亲住院');
    await context.close();
  });

  it('the county takes the case through the opinions, review and filing to the written notice, and sees its deadlines in working days', async () => {
    expect(caseId).toBeDefined();
    const { context, page } = await signedIn('demo-county');
    await page.goto(`${server.url}/cases/${caseId}`);
    await page.getByRole('heading', { name: '龙小芳的教育整改' }).waitFor();
    const actions = page.getByRole('region', { name: '我可以进行的步骤' });

    // §3.4 before the review: the review is not offered while opinions are missing.
    expect(await actions.getByRole('button', { name: '记录复核审定' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /书面通知/ }).count()).toBe(0);
    const opinions = [
      ['townshipOpinion', '西江镇党委：情况属实，建议教育整改。'],
      ['villagePartyOpinion', '东引村党支部：十月在村时间不足。'],
      ['membersOpinion', '党员群众座谈：反映十月多次不在村。'],
    ] as const;
    for (const [kind, text] of opinions) {
      await actions.getByRole('button', { name: '记录意见或本人陈述' }).click();
      // The form proposes the next kind still missing.
      expect(await page.getByLabel('记录的是').inputValue()).toBe(kind);
      await page.getByLabel('意见或陈述的内容').fill(text);
      await page.getByRole('button', { name: '提交', exact: true }).click();
      await page.getByText('已记录：记录意见或本人陈述。').waitFor();
      await expect.poll(() => page.getByText(text).count()).toBe(1);
    }

    for (const step of ['记录复核审定', '记录备案', '书面通知派出单位']) {
      await actions.getByRole('button', { name: step }).click();
      await page.getByRole('button', { name: '提交', exact: true }).click();
      await page.getByText(`已记录：${step}。`).waitFor();
    }

    // The notice's deadlines, counted by core in working days from today.
    const deadlines = page.getByRole('region', { name: '期限' });
    await deadlines.waitFor();
    const view = await (
      await apiAs('demo-county')
    ).get<{
      noticeOn: string;
      deadlines: { step: string; due: string; workdaysLeft: number }[];
    }>(`/cases/${caseId}`);
    expect(view.noticeOn).toBe(today);
    const appeal = view.deadlines.find((d) => d.step === 'appeal')!;
    const recall = view.deadlines.find((d) => d.step === 'recall')!;
    expect(appeal).toMatchObject({ due: '2026-11-20', workdaysLeft: 2 });
    expect(recall).toMatchObject({ due: '2026-11-27', workdaysLeft: 7 });
    const text = await deadlines.innerText();
    expect(text).toMatch(/复核申请期限（§3\.8）\s*2026年11月20日周五前\s*还剩2个工作日/);
    expect(text).toMatch(/请回期限（§3\.5）\s*2026年11月27日周五前\s*还剩7个工作日/);

    const notice = page.getByRole('link', { name: /打开可打印的书面通知/ });
    expect(await notice.getAttribute('href')).toBe(`/api/cases/${caseId}/notice`);
    expect(await notice.getAttribute('target')).toBe('_blank');
    const printable = await context.request.get(`${server.url}/api/cases/${caseId}/notice`);
    expect(printable.status()).toBe(200);
    expect(await printable.text()).toContain('书面通知');
    const sanctions = page.getByRole('region', { name: '处理措施（§4.4）' });
    expect(await sanctions.innerText()).toContain('不得参加2026年度评先选优');

    await shot(page, 'daily-work-case');
    expect.soft(await seriousViolations(page), 'axe-core').toEqual([]);

    // Today now lists the appeal window, due within two working days, with its case.
    await page.getByRole('link', { name: '驻村', exact: true }).click();
    const soon = page.getByRole('region', { name: /2个工作日内到期/ });
    await soon.waitFor();
    expect(await soon.innerText()).toMatch(/龙小芳[\s\S]*复核申请期限[\s\S]*还剩2个工作日/);
    await shot(page, 'daily-work-home-county');
    await context.close();
  });

  it('Today leaves out, without an error, the lists a role may not read (403)', async () => {
    // Discipline inspection reads cases and their deadlines, but neither flags nor leave.
    const discipline = await signedIn('demo-discipline');
    const soon = discipline.page.getByRole('region', { name: /2个工作日内到期/ });
    await soon.waitFor();
    expect(await soon.innerText()).toContain('龙小芳');
    await discipline.page.getByText('今天没有已逾期的期限。').waitFor();
    expect(await discipline.page.getByRole('alert').count()).toBe(0);
    expect(
      await discipline.page
        .locator('main')
        .getByText(/预警|请假/)
        .count(),
    ).toBe(0);
    await discipline.context.close();

    // An inspector reads none of the three: Today says there is nothing to do.
    const inspector = await signedIn('demo-inspector');
    await inspector.page.getByText('今天没有需要您处理的事项。').waitFor();
    expect(await inspector.page.getByRole('alert').count()).toBe(0);
    await inspector.context.close();
  });

  it('a leave waiting for the township is approved from Today’s list and leaves the list', async () => {
    const db = server.test.handle.db;
    // 龙小芳 asks for three days next week; the township approves first, then the unit (§1.2).
    const [cadre] = await db
      .select({ cadreId: flags.cadreId, assignmentId: flags.assignmentId })
      .from(flags)
      .where(eq(flags.id, 1));
    const [leave] = await db
      .insert(leaveRequests)
      .values({
        cadreId: cadre!.cadreId,
        assignmentId: cadre!.assignmentId,
        kind: 'personal',
        startsOn: '2026-11-23',
        endsOn: '2026-11-25',
        reason: '回县城办理孩子入学手续',
        state: 'pending',
        approvalChain: ['township', 'dispatchingUnit'],
        requestedAt: new Date('2026-11-17T12:30:00Z'),
      })
      .returning({ id: leaveRequests.id });

    const { context, page } = await signedIn('demo-township');
    const waiting = page.getByRole('region', { name: /等待我审批的请假/ });
    await waiting.waitFor();
    expect(await waiting.getByRole('heading').innerText()).toMatch(/等待我审批的请假\s*1/);
    await waiting.getByRole('link', { name: /龙小芳/ }).click();

    const card = page.locator(`#leave-${leave!.id}`);
    await card.waitFor();
    expect(await card.innerText()).toMatch(/3天[\s\S]*回县城办理孩子入学手续/);
    expect(await card.innerText()).toMatch(/等待您审批\s*乡镇党委[\s\S]*待审批\s*派出单位/);
    await shot(page, 'daily-work-leave');
    expect.soft(await seriousViolations(page), 'axe-core').toEqual([]);

    await card.getByLabel('审批意见（可选）').fill('同意，按时销假。');
    await card.getByRole('button', { name: '同意', exact: true }).click();
    await page
      .getByText('已同意龙小芳的请假（2026年11月23日至2026年11月25日），下一步由派出单位审批。')
      .waitFor();
    expect(await card.count()).toBe(0);
    expect(
      await page
        .getByRole('region', { name: /等待我审批/ })
        .getByText('没有等待您审批的请假。')
        .count(),
    ).toBe(1);

    const approvals = await db
      .select({
        role: leaveApprovals.role,
        decision: leaveApprovals.decision,
        comment: leaveApprovals.comment,
      })
      .from(leaveApprovals)
      .where(eq(leaveApprovals.leaveId, leave!.id));
    expect(approvals).toEqual([
      { role: 'township', decision: 'approved', comment: '同意，按时销假。' },
    ]);
    const [after] = await db
      .select({ state: leaveRequests.state })
      .from(leaveRequests)
      .where(and(eq(leaveRequests.id, leave!.id)));
    expect(after?.state).toBe('pending');
    // The unit's step now: it waits for demo-unit, no longer for the township.
    const unit = await (await apiAs('demo-township')).get<{ leave: unknown[] }>('/leave/waiting');
    expect(unit.leave).toEqual([]);
    await context.close();
  });

  it('refusals are shown as the server words them: a date after today beside the date field, a flag someone else decided above the button', async () => {
    const county = await apiAs('demo-county');
    const { flags: open } = await county.get<{ flags: { id: number; clause: string }[] }>(
      '/flags?state=open',
    );
    const [first, second] = open;
    expect(second).toBeDefined();
    const confirmed = await county.post(`/flags/${first!.id}/confirm`, {
      statement: '本人对检测结果无异议。',
    });
    expect(confirmed.status).toBe(201);
    const { case: opened } = (await confirmed.json()) as { case: { id: number } };
    const before = await county.get<{ timeline: unknown[] }>(`/cases/${opened.id}`);

    const { context, page } = await signedIn('demo-county');
    await page.goto(`${server.url}/cases/${opened.id}`);
    const actions = page.getByRole('region', { name: '我可以进行的步骤' });
    await actions.getByRole('button', { name: '记录意见或本人陈述' }).click();
    await page.getByLabel('意见或陈述的内容').fill('村党支部意见：属实。');
    await page.getByLabel('日期').fill('2026-11-19');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    const dateError = page.locator('#case-step-date-error');
    await dateError.waitFor();
    expect(await dateError.innerText()).toBe('日期不能晚于今天。（§3）');
    expect(await page.getByLabel('日期').getAttribute('aria-invalid')).toBe('true');
    // What was typed is kept; nothing was recorded.
    expect(await page.getByLabel('意见或陈述的内容').inputValue()).toBe('村党支部意见：属实。');
    const after = await county.get<{ timeline: unknown[] }>(`/cases/${opened.id}`);
    expect(after.timeline.length).toBe(before.timeline.length);

    // A flag dismissed by someone else while the page was open: the server's refusal is shown.
    await page.goto(`${server.url}/flags/${second!.id}`);
    await page.getByRole('button', { name: '确认预警' }).click();
    await page.getByLabel('本人陈述').fill('本人表示已补写民情日记。');
    const dismissed = await county.post(`/flags/${second!.id}/dismiss`, {
      reason: '经核实，督查当日在乡里开会。',
    });
    expect(dismissed.status).toBe(200);
    await page.getByRole('button', { name: '确认并立案' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: '预警已经处理。' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/预警已经处理。\s*依据：§/);
    expect(await page.getByLabel('本人陈述').inputValue()).toBe('本人表示已补写民情日记。');
    await context.close();
  });
});
