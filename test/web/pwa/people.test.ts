// The people pages in Chromium: attendance for a month and a cadre's month calendar (§1.2, §2.4),
// a cadre's page with its ledger download, and an inspection (§2.2) recorded with no signal that
// reaches the server exactly once when the signal returns. The server's clock and the page's are
// both Fri 2026-11-20, noon in Beijing; the demo's history starts on Sun 2026-09-20.
import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../../db/schema';
import {
  launchChromium,
  phone,
  type PwaServer,
  screenshot,
  seriousViolations,
  signInAs,
  startPwaServer,
} from '../../support/browser';

/** A screenshot of the whole page from its top (the sticky bars where they belong). */
async function shot(page: Page, name: string) {
  await page.evaluate(() => scrollTo(0, 0));
  await screenshot(page, name);
}

const NOW = new Date('2026-11-20T04:00:00Z');
const TODAY = '2026-11-20';

let server: PwaServer;
let browser: Browser;

beforeAll(async () => {
  server = await startPwaServer('pglite', { now: NOW });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A phone whose clock reads the server's day, so "today" and "this month" agree. */
async function phoneAtNow(): Promise<BrowserContext> {
  const context = await phone(browser);
  await context.clock.setFixedTime(NOW);
  return context;
}

const db = () => server.test.handle.db;

/** The first secretary of 羊排村: the demo's cadre with the approved leave of Sat 10-10 to Wed 10-14. */
async function yangpaiSecretary() {
  const [row] = await db()
    .select({ id: t.cadres.id, name: t.cadres.name, villageId: t.orgUnits.id })
    .from(t.assignments)
    .innerJoin(t.cadres, eq(t.cadres.id, t.assignments.cadreId))
    .innerJoin(t.orgUnits, eq(t.orgUnits.id, t.assignments.villageId))
    .where(and(eq(t.orgUnits.name, '羊排村'), eq(t.assignments.role, 'firstSecretary')));
  return row!;
}

async function apiJson<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`${server.url}/api${path}`);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

const dayCell = (page: Page, date: string) =>
  page.locator(`button.people-day[data-date="${date}"]`);
/** A day of the calendar as a screen reader says it: the date and its marks in words. */
const dayLabel = (page: Page, date: string) =>
  dayCell(page, date).locator('.visually-hidden').textContent();

describe('attendance', () => {
  it('as 西江镇 on Fri 2026-11-20: the month’s list shortest first, October’s with 3 days of justified leave, and a cadre’s calendar with its marked days', async () => {
    const context = await phoneAtNow();
    const page = await context.newPage();
    await signInAs(page, server.url, 'demo-township');
    const cadre = await yangpaiSecretary();

    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '更多' })
      .click();
    await page.getByRole('link', { name: '驻村考勤' }).click();
    await page.getByRole('heading', { level: 1, name: '驻村考勤' }).waitFor();
    await expect
      .poll(() =>
        page.getByText(/西江镇，2026年11月：\d+ 名干部。本月尚未结束，截至 2026年11月20日/).count(),
      )
      .toBe(1);
    // Shortest first, as the API sorts them: the page shows the same order.
    const township = await db()
      .select({ id: t.orgUnits.id })
      .from(t.orgUnits)
      .where(eq(t.orgUnits.name, '西江镇'));
    const november = await apiJson<{
      cadres: { cadre: { name: string }; shortfall: number; justifiedAbsence: number }[];
    }>(page, `/attendance/${township[0]!.id}/2026-11`);
    const rows = page.locator('ul.people-rows > li');
    await expect.poll(() => rows.count()).toBe(november.cadres.length);
    expect(await rows.first().innerText()).toContain(november.cadres[0]!.cadre.name);
    expect(await rows.first().innerText()).toMatch(/在村 \d+ 天 · 应驻 20 天 · 请假 \d+ 天/);
    await shot(page, 'attendance');
    expect(await seriousViolations(page)).toEqual([]);

    // October: the leave of 10-10 to 10-14, back (销假) on 10-13, justifies 10-10, 10-11, 10-12.
    await page.getByRole('button', { name: /^上个月/ }).click();
    await expect
      .poll(() => page.getByText(/西江镇，2026年10月：\d+ 名干部，\d+ 名未达到应驻天数/).count())
      .toBe(1);
    const row = rows.filter({ hasText: cadre.name });
    await expect.poll(() => row.innerText()).toContain('请假 3 天');
    const october = await apiJson<{
      cadres: { cadre: { id: number }; justifiedAbsence: number; inVillage: number }[];
    }>(page, `/attendance/${township[0]!.id}/2026-10`);
    const figures = october.cadres.find((c) => c.cadre.id === cadre.id)!;
    expect(figures.justifiedAbsence).toBe(3);
    expect(await row.innerText()).toContain(`在村 ${figures.inVillage} 天`);

    // The cadre's October as a calendar.
    await row.getByRole('link', { name: cadre.name }).click();
    await page.getByRole('heading', { level: 1, name: `${cadre.name} · 2026年10月` }).waitFor();
    const headers = await page.locator('.people-calendar-grid thead th').allInnerTexts();
    expect(headers).toEqual(['一', '二', '三', '四', '五', '六', '日']);
    // Thu 10-01 falls in the fourth column (Monday first).
    expect(
      await page
        .locator('.people-calendar-grid tbody tr')
        .first()
        .locator('td')
        .nth(3)
        .locator('button')
        .getAttribute('data-date'),
    ).toBe('2026-10-01');
    await expect.poll(() => dayLabel(page, '2026-10-01')).toMatch(/国庆节.*休息日/);
    for (const day of ['2026-10-10', '2026-10-11', '2026-10-12']) {
      expect(await dayLabel(page, day)).toContain('请假（已批准）');
    }
    expect(await dayLabel(page, '2026-10-13')).not.toContain('请假');
    expect(await dayLabel(page, '2026-10-10')).toContain('调休上班');
    // Every diary day of the month is marked, as GET /cadres/:id/diary has them.
    const diary = await apiJson<{ entries: { date: string }[] }>(
      page,
      `/cadres/${cadre.id}/diary?from=2026-10-01&to=2026-10-31`,
    );
    for (const e of diary.entries) {
      expect(await dayLabel(page, e.date)).toContain('民情日记');
    }
    // The legend says each symbol in words.
    const legend = await page.locator('.people-legend').innerText();
    for (const words of ['请假（已批准）', '民情日记', '休息日', '督查在岗'])
      expect(legend).toContain(words);
    // Days in the village, from the API's day list: every inside check-in marked on its day.
    const presence = await page.request.get(
      `${server.url}/api/cadres/${cadre.id}/presence?month=2026-10`,
    );
    expect(presence.status()).toBe(200);
    const days = ((await presence.json()) as { days: { date: string; checkIn: boolean }[] }).days;
    expect(days.filter((d) => d.checkIn).length).toBe(figures.inVillage);
    expect(figures.inVillage).toBeGreaterThan(0);
    for (const d of days.filter((d) => d.checkIn)) {
      expect(await dayLabel(page, d.date)).toContain('在村打卡');
    }
    await dayCell(page, '2026-10-11').click();
    await expect
      .poll(() => page.locator('#selected-day').locator('..').innerText())
      .toContain('请假（已批准）');
    await shot(page, 'cadre-calendar');
    expect(await seriousViolations(page)).toEqual([]);

    // November: the inspection of Tue 11-10 found them present; the township verifies Wed 11-18.
    await page.getByRole('button', { name: /^下个月/ }).click();
    await page.getByRole('heading', { level: 1, name: `${cadre.name} · 2026年11月` }).waitFor();
    await expect.poll(() => dayLabel(page, '2026-11-10')).toContain('督查在岗');
    await dayCell(page, '2026-11-18').click();
    expect(await page.getByLabel('核实日期').inputValue()).toBe('2026-11-18');
    await page.getByRole('button', { name: '记录核实在村' }).click();
    await page.getByText('已记录：2026-11-18 核实在村。').waitFor();
    const verified = await db()
      .select()
      .from(t.verifiedPresence)
      .where(
        and(eq(t.verifiedPresence.cadreId, cadre.id), eq(t.verifiedPresence.date, '2026-11-18')),
      );
    expect(verified).toHaveLength(1);
    // A day that has not come is refused, with the server's words.
    await page.getByLabel('核实日期').fill('2026-11-25');
    await page.getByRole('button', { name: '记录核实在村' }).click();
    await page.getByRole('alert').filter({ hasText: '不能核实还没有到来的日期' }).waitFor();
    await context.close();
  });
});

describe('a cadre’s page', () => {
  it('shows the assignment, the months with their calendars, the diary newest first and the ledger, whose CSV downloads', async () => {
    const context = await phoneAtNow();
    const page = await context.newPage();
    await signInAs(page, server.url, 'demo-township');
    const cadre = await yangpaiSecretary();

    await page.goto(`${server.url}/cadres`);
    await page.getByLabel('查找').fill('羊排');
    const found = page.locator('main ul.list > li');
    await expect.poll(() => found.count()).toBe(4);
    await found.filter({ hasText: cadre.name }).getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: cadre.name }).waitFor();

    const section = (id: string) => page.locator(`section#${id}`);
    await expect.poll(() => section('assignment').innerText()).toContain('羊排村');
    const assignment = await section('assignment').innerText();
    expect(assignment).toContain('第一书记');
    expect(assignment).toContain('2026年9月20日 起');
    // Months: September (from the 20th), October, November, newest first, each to its calendar.
    const months = section('months').locator('li');
    await expect.poll(() => months.count()).toBe(3);
    expect(await months.first().innerText()).toContain('2026年11月');
    expect(await months.nth(1).innerText()).toContain('请假 3 天');
    expect(await months.nth(1).getByRole('link').getAttribute('href')).toBe(
      `/attendance?cadre=${cadre.id}&month=2026-10`,
    );
    // The diary of the last 90 days, newest first, as the API has it.
    const diary = await apiJson<{ entries: { date: string; text: string }[] }>(
      page,
      `/cadres/${cadre.id}/diary`,
    );
    expect(diary.entries.length).toBeGreaterThan(0);
    const entries = section('diary').locator('li');
    await expect.poll(() => entries.count()).toBe(Math.min(10, diary.entries.length));
    expect(await entries.first().innerText()).toContain(diary.entries[0]!.text);
    // Inspections and the survey of 羊排村 that rated this cadre.
    await expect.poll(() => section('inspections').innerText()).toContain('✓ 在岗');
    await expect
      .poll(() => section('surveys').innerText())
      .toContain('羊排村驻村干部群众满意度测评');
    await expect.poll(() => section('surveys').innerText()).toMatch(/满意率 [\d.]+%/);
    // Sections fold.
    await section('diary').getByRole('button', { name: '民情日记' }).click();
    expect(await section('diary').locator('li').first().isVisible()).toBe(false);
    await section('diary').getByRole('button', { name: '民情日记' }).click();

    // The ledger: links for CSV and XLSX; the CSV is a file with the ledger's Chinese headings.
    const csv = section('ledger').getByRole('link', { name: '下载 CSV' });
    expect(await section('ledger').getByRole('link', { name: /XLSX/ }).getAttribute('href')).toBe(
      `/api/ledger/cadres/${cadre.id}?lang=zh-CN&format=xlsx`,
    );
    await shot(page, 'cadre');
    expect(await seriousViolations(page)).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), csv.click()]);
    expect(download.suggestedFilename()).toBe(`ledger-cadre-${cadre.id}-${TODAY}.csv`);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.startsWith('\uFEFF干部编号,干部,案件序号')).toBe(true);
    await context.close();
  });
});

describe('an inspection', () => {
  /** The phone's outbox, read from IndexedDB in the page. */
  const outbox = (page: Page) =>
    page.evaluate(
      () =>
        new Promise<{ id: string; state: string }[]>((resolve, reject) => {
          const open = indexedDB.open('zhucun-outbox');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction('entries').objectStore('entries').getAll();
            request.onsuccess = () => resolve(request.result as { id: string; state: string }[]);
            request.onerror = () => reject(request.error);
          };
        }),
    );

  it('§2.2: recorded with no signal, kept on the phone, and on the server exactly once when the signal returns', async () => {
    const context = await phoneAtNow();
    const page = await context.newPage();
    await signInAs(page, server.url, 'demo-inspector');
    const cadre = await yangpaiSecretary();
    // Opened online first, and again once the service worker is active, so it controls the page.
    await page.getByRole('link', { name: '记录督查' }).click();
    await page.getByRole('heading', { level: 1, name: '记录督查' }).waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.getByLabel('驻村干部').waitFor();
    await expect
      .poll(() =>
        page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('zhucun-cadres:'))),
      )
      .toBe(true);

    // setOffline is enough here: it takes the page's fetch offline (the form flushes the outbox
    // from the page), and the service worker's Background Sync waits for the network too — were
    // either to get through, the server would have the finding before the signal returns, and the
    // check below would fail. (Otherwise context.route('**/api/**', r => r.abort()) would do.)
    await context.setOffline(true);
    // With no signal the list of cadres comes from the phone's copy, said to be one.
    await page.getByRole('link', { name: '驻村干部' }).click();
    await page.getByText(/这是本机 .* 保存的名单，可能不是最新的/).waitFor();
    await page.getByRole('link', { name: '记录督查' }).click();
    await page.getByText(/干部名单是本机 .* 保存的，可能不是最新的/).waitFor();
    await page.getByLabel('驻村干部').fill('羊排');
    await page.getByRole('button', { name: new RegExp(`^${cadre.name}`) }).click();
    await page.getByLabel('督查日期').fill('2026-11-19');
    await page.getByRole('radio', { name: /不在岗/ }).check();
    await page.getByLabel('情况说明（可选）').fill('到村未见本人');
    await page.getByRole('button', { name: '保存督查记录' }).click();
    await page.getByText(/已保存在本机：.*网络恢复后会自动发送/).waitFor();
    const queued = await outbox(page);
    expect(queued).toHaveLength(1);
    const clientId = queued[0]!.id;
    await expect.poll(() => page.locator('.people-outbox li').innerText()).toContain('等待发送');
    await shot(page, 'inspection-offline');
    expect(await seriousViolations(page)).toEqual([]);
    const onServer = () =>
      db().select().from(t.inspections).where(eq(t.inspections.clientId, clientId));
    expect(await onServer()).toHaveLength(0);

    await context.setOffline(false);
    await page.getByText(/已记录：.*2026年11月19日/).waitFor();
    await expect.poll(() => outbox(page)).toEqual([]);
    await expect.poll(() => page.locator('.people-outbox').count()).toBe(0);
    // The page and the service worker may both have posted it: the server kept one.
    await page.waitForTimeout(1000);
    const recorded = await onServer();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ cadreId: cadre.id, date: '2026-11-19', present: false });
    const listed = await apiJson<{ inspections: { date: string; present: boolean }[] }>(
      page,
      `/inspections?cadreId=${cadre.id}&from=2026-11-19&to=2026-11-19`,
    );
    expect(listed.inspections).toHaveLength(1);
    await context.close();
  });

  it('shows the server’s refusal of a date after today beside the date, keeping what was typed', async () => {
    const context = await phoneAtNow();
    const page = await context.newPage();
    await signInAs(page, server.url, 'demo-inspector');
    const cadre = await yangpaiSecretary();
    await page.goto(`${server.url}/inspections/new?cadreId=${cadre.id}`);
    // Chosen from the link's ?cadreId=.
    await page.getByRole('group', { name: '驻村干部' }).getByText(cadre.name).waitFor();
    await page.getByLabel('督查日期').fill('2026-11-21');
    await page.getByRole('radio', { name: /在岗（见到本人）/ }).check();
    await page.getByLabel('情况说明（可选）').fill('明天再来');
    await page.getByRole('button', { name: '保存督查记录' }).click();
    const error = page.locator('#inspection-date-error');
    await error.waitFor();
    expect(await error.innerText()).toBe('督查日期不能晚于今天。');
    expect(await page.getByLabel('督查日期').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('督查日期').inputValue()).toBe('2026-11-21');
    expect(await page.getByLabel('情况说明（可选）').inputValue()).toBe('明天再来');
    expect(await page.getByRole('radio', { name: /在岗（见到本人）/ }).isChecked()).toBe(true);
    await page.getByRole('group', { name: '驻村干部' }).getByText(cadre.name).waitFor();
    // Nothing recorded, nothing left waiting on the phone.
    expect(await outbox(page)).toEqual([]);
    const onServer = await db()
      .select()
      .from(t.inspections)
      .where(and(eq(t.inspections.cadreId, cadre.id), eq(t.inspections.date, '2026-11-21')));
    expect(onServer).toHaveLength(0);
    await context.close();
  });
});
