// Browser tests of survey management, the tips inbox and the admin pages, through the UI in
// Chromium on a 360-pixel phone: what the person sees, and what the database holds after.
import { and, eq } from 'drizzle-orm';
import type { Hono } from 'hono';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from '../../../db/schema';
import { signIn } from '../../support/api';
import {
  launchChromium,
  phone,
  type PwaServer,
  screenshot,
  signInAs,
  startPwaServer,
} from '../../support/browser';

let server: PwaServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startPwaServer('pglite'), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The server over HTTP, shaped like app.request for test/support/api.ts. */
const overHttp = () =>
  ({
    request: (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init),
  }) as unknown as Pick<Hono, 'request'>;

async function signedIn(username: string): Promise<Page> {
  const context = await phone(browser);
  const page = await context.newPage();
  await signInAs(page, server.url, username);
  return page;
}

const db = () => server.test.handle.db;

describe('survey management', () => {
  it('as the county: create a survey of 东引村, print QR slips, issue links, close it and read the chart', async () => {
    const page = await signedIn('demo-county');
    await page.goto(`${server.url}/surveys`);
    await page.getByRole('heading', { level: 1, name: '满意度测评' }).waitFor();
    // The seeded, closed survey of 羊排村 is listed with its responses.
    await expect
      .poll(() => page.locator('.list').first().innerText())
      .toMatch(/羊排村[\s\S]*已收回 24 份/);

    await page.getByRole('button', { name: '新建测评' }).click();
    await page.getByLabel('测评名称').fill('东引村群众满意度测评（测试）');
    await page.getByRole('button', { name: '创建测评' }).click();
    // No village chosen: said next to the village picker, before anything is sent.
    const villageError = page.locator('#survey-village-error');
    expect(await villageError.innerText()).toBe('请选择要测评的村。');
    // A period that ends before it starts: the server's message next to the closing date.
    await page.getByLabel('村', { exact: true }).selectOption({ label: '东引村' });
    const opensOn = await page.getByLabel('开始日期').inputValue();
    await page.getByLabel('结束日期').fill('2020-01-01');
    await page.getByRole('button', { name: '创建测评' }).click();
    const closesError = page.locator('#survey-closes-error');
    await expect.poll(() => closesError.innerText()).toContain('closesOn');
    expect(await page.getByLabel('结束日期').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('测评名称').inputValue()).toBe('东引村群众满意度测评（测试）');
    await screenshot(page, 'surveys');

    await page.getByLabel('结束日期').fill(opensOn);
    await page.getByRole('button', { name: '创建测评' }).click();
    await page.waitForURL(/\/surveys\/\d+$/);
    const surveyId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByRole('heading', { level: 1, name: '东引村群众满意度测评（测试）' }).waitFor();

    // Print: the sheet opens in a new window, with one QR code per slip.
    await page.getByLabel('打印张数（1–500）').fill('4');
    const popup = page.context().waitForEvent('page');
    await page.getByRole('button', { name: '生成并打印' }).click();
    const sheet = await popup;
    await sheet.waitForURL(/^blob:/);
    await sheet.locator('.slip').first().waitFor();
    expect(await sheet.locator('.slip svg').count()).toBe(4);
    expect(await sheet.locator('body').innerText()).toContain('测评码');
    await sheet.close();
    await page.getByText('已生成 4 张测评条').waitFor();

    // Links: shown once, each with a copy button.
    await page.getByLabel('链接个数（1–500）').fill('12');
    await page.getByRole('button', { name: '生成链接' }).click();
    await page.getByText('以下 12 个链接只显示这一次').waitFor();
    const links = await page.locator('.adm-links code').allInnerTexts();
    expect(links).toHaveLength(12);
    expect(links.every((l) => l.startsWith(`${server.url}/s/`))).toBe(true);
    expect(await page.getByRole('button', { name: /^复制链接 \d+$/ }).count()).toBe(12);
    const tokens = await db()
      .select()
      .from(schema.surveyTokens)
      .where(eq(schema.surveyTokens.surveyId, surveyId));
    expect(tokens).toHaveLength(16);

    // Twelve villagers answer; the first cadre gets mostly 不满意 (4 of 12 favourable: 33 %).
    const slip = (await (
      await fetch(`${server.url}/api/public/surveys/${links[0]!.split('/s/')[1]}`)
    ).json()) as {
      cadres: { cadreId: number; name: string }[];
    };
    const [first, ...others] = slip.cadres;
    for (const [i, link] of links.entries()) {
      const res = await fetch(
        `${server.url}/api/public/surveys/${link.split('/s/')[1]}/responses`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            id: crypto.randomUUID(),
            answers: [
              { cadreId: first!.cadreId, answer: i < 4 ? 'satisfied' : 'dissatisfied' },
              ...others.map((c) => ({
                cadreId: c.cadreId,
                answer: i % 3 === 0 ? 'basicallySatisfied' : 'satisfied',
              })),
            ],
            ...(i < 2 ? { comment: `测试意见 ${i + 1}` } : {}),
          }),
        },
      );
      expect(res.status).toBe(201);
    }

    // Close, after confirming; the flag raised for the first cadre is shown with a link.
    await page.reload();
    await page.getByRole('button', { name: '结束测评…' }).click();
    await page.getByText('确定结束“东引村群众满意度测评（测试）”吗？已收回 12 份答卷').waitFor();
    await page.getByRole('button', { name: '确认结束' }).click();
    await page.getByText('测评已结束。').waitFor();
    const flagLink = page.getByRole('link', { name: `${first!.name}：查看预警` });
    await flagLink.waitFor();
    expect(await flagLink.getAttribute('href')).toMatch(/^\/flags\/\d+$/);
    const [closed] = await db()
      .select()
      .from(schema.surveys)
      .where(eq(schema.surveys.id, surveyId));
    expect(closed!.state).toBe('closed');
    const flags = await db()
      .select()
      .from(schema.flags)
      .where(
        and(
          eq(schema.flags.cadreId, first!.cadreId),
          eq(schema.flags.sourceKey, `survey:${surveyId}:${first!.cadreId}`),
        ),
      );
    expect(flags).toHaveLength(1);

    // The results as a chart (one labelled bar per cadre), its table, and the comments.
    await page.getByText(/最终结果/).waitFor();
    const bars = page.locator('svg.chart-bar[role="img"]');
    expect(await bars.count()).toBe(slip.cadres.length);
    expect(await bars.first().getAttribute('aria-label')).toBe(
      `${first!.name}：满意 4，基本满意 0，不满意 8，共 12 票。满意度 33.3%，低于门槛（§2.3）`,
    );
    const row = page.getByRole('row', { name: new RegExp(`^${first!.name}`) });
    expect(await row.innerText()).toMatch(/33\.3%\s+低于门槛（§2\.3）\s+4\s+0\s+8\s+12/);
    await page.getByText('测试意见 1').waitFor();
    await page.getByRole('heading', { name: '测评结果' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'survey-results');
    await page.context().close();
  });
});

describe('tips inbox', () => {
  it('a tip sent over HTTP is opened by the county, answered, and the reply read with the receipt code', async () => {
    const sent = await fetch(`${server.url}/api/public/tips`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        subject: '羊排村的驻村干部',
        situation: 'other',
        where: '羊排村',
        details: '驻村干部上个月有半个月不在村里，村民有事找不到人。',
      }),
    });
    expect(sent.status).toBe(201);
    const { receiptCode } = (await sent.json()) as { receiptCode: string };

    const page = await signedIn('demo-county');
    await page.goto(`${server.url}/tips`);
    await page.getByRole('heading', { level: 1, name: '举报' }).waitFor();
    const item = page.getByRole('link', { name: /羊排村/ });
    await item.waitFor();
    // The list shows no content.
    expect(await page.locator('main').innerText()).not.toContain('半个月不在村里');
    await screenshot(page, 'tips');

    await item.click();
    await page.getByText('驻村干部上个月有半个月不在村里').waitFor();
    await page.getByText('您查看这条举报的操作已记入审计日志').waitFor();
    const tipId = new URL(page.url()).pathname.split('/').pop()!;
    const reads = await db()
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityId, tipId), eq(schema.auditLog.action, 'tip.read')));
    expect(reads.length).toBeGreaterThanOrEqual(1);

    await page.getByLabel('回复举报人').fill('已收到，我们将于本周内核查。');
    await page.getByRole('button', { name: '发送回复' }).click();
    await page.getByText('回复已发送。').waitFor();
    await page
      .locator('.adm-messages li.handler')
      .getByText('已收到，我们将于本周内核查。')
      .waitFor();
    await screenshot(page, 'tip');

    const followUp = (await (
      await fetch(`${server.url}/api/public/tips/${encodeURIComponent(receiptCode)}`)
    ).json()) as { status: string; messages: { author: string; text: string }[] };
    expect(followUp.status).toBe('inProgress');
    expect(followUp.messages).toContainEqual(
      expect.objectContaining({ author: 'handler', text: '已收到，我们将于本周内核查。' }),
    );

    // Verified about a cadre: a §2.12 case opens, linked from the page.
    await page.getByRole('button', { name: '记录核实并立案…' }).click();
    const cadre = page.getByLabel('驻村干部');
    await expect.poll(() => cadre.locator('option').count()).toBeGreaterThan(1);
    await cadre.selectOption({ index: 1 });
    await page.getByLabel('核查结论').fill('经走访核实，该干部十月有十二天不在村。');
    await page.getByRole('button', { name: '记录核实并立案' }).click();
    const caseLink = page.getByRole('link', { name: '查看整改事项' });
    await caseLink.waitFor();
    const caseId = Number((await caseLink.getAttribute('href'))!.split('/').pop());
    const [opened] = await db().select().from(schema.cases).where(eq(schema.cases.id, caseId));
    expect(opened!.clause).toBe('2.12');
    await page.context().close();
  });
});

describe('admin pages', () => {
  it('as the admin: a bad user name is refused next to its field, then the account is created', async () => {
    const page = await signedIn('demo-admin');
    await page.goto(`${server.url}/admin/users`);
    await page.getByRole('heading', { level: 1, name: '账号' }).waitFor();
    await page.getByRole('button', { name: '新建账号' }).click();
    await page.getByLabel('用户名', { exact: true }).fill('x');
    await page.getByLabel('显示名称').fill('丹江镇党委（李四）');
    await page.getByLabel('初始密码').fill('a-long-password-1');
    await page.getByLabel('角色').selectOption({ label: '乡镇党委' });
    const danjiang = await page
      .locator('#user-org-unit option', { hasText: '丹江镇' })
      .getAttribute('value');
    await page.getByLabel('所属组织').selectOption(danjiang!);
    await page.getByRole('button', { name: '创建账号' }).click();
    const error = page.locator('#user-username-error');
    await expect.poll(() => error.innerText()).toContain('username');
    expect(await page.getByLabel('用户名', { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await page.getByLabel('显示名称').inputValue()).toBe('丹江镇党委（李四）');
    await screenshot(page, 'users');

    await page.getByLabel('用户名', { exact: true }).fill('danjiang-lisi');
    await page.getByRole('button', { name: '创建账号' }).click();
    await page.getByText('账号 danjiang-lisi 已创建。').waitFor();
    await page.getByText('丹江镇党委（李四）').waitFor();
    const [created] = await db()
      .select()
      .from(schema.users)
      .where(eq(schema.users.username, 'danjiang-lisi'));
    expect(created).toMatchObject({ role: 'township', disabled: false });

    // Disable it: the list says so, and so does the database.
    await page.getByRole('button', { name: '停用 danjiang-lisi' }).click();
    await page.getByRole('button', { name: '启用 danjiang-lisi' }).waitFor();
    const [disabled] = await db()
      .select()
      .from(schema.users)
      .where(eq(schema.users.username, 'danjiang-lisi'));
    expect(disabled!.disabled).toBe(true);
    await page.context().close();
  });

  it('as the county: an override out of bounds is refused next to the field; a good one shows its source', async () => {
    const page = await signedIn('demo-county');
    await page.goto(`${server.url}/admin/parameters`);
    await page.getByRole('heading', { level: 2, name: '雷山县现行参数' }).waitFor();
    const source = page.getByTestId('source-satisfactionThreshold');
    expect(await source.innerText()).toBe('系统默认值');

    await page.getByRole('button', { name: '调整“满意度测评门槛”' }).click();
    const input = page.getByLabel(/^满意度测评门槛（/);
    await input.fill('1.5');
    await page.getByRole('button', { name: '保存' }).click();
    const error = page.locator('#param-satisfactionThreshold-error');
    await expect.poll(() => error.innerText()).toContain('0–1');
    expect(await input.inputValue()).toBe('1.5');

    await input.fill('0.6');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => source.innerText()).toMatch(/^雷山县设定（/);
    expect(await page.locator('li', { has: source }).locator('.param-value').innerText()).toBe(
      '0.6',
    );
    const overrides = await db()
      .select()
      .from(schema.parameterOverrides)
      .where(eq(schema.parameterOverrides.name, 'satisfactionThreshold'));
    expect(overrides.map((o) => o.value)).toEqual([0.6]);
    await screenshot(page, 'parameters');

    // The API agrees on the source.
    const county = await signIn(overHttp(), 'demo-county');
    const answer = (await (await county.get('/api/parameters')).json()) as {
      parameters: { name: string; source: { orgUnitName: string } | null }[];
    };
    expect(answer.parameters.find((p) => p.name === 'satisfactionThreshold')!.source).toMatchObject(
      { orgUnitName: '雷山县' },
    );
    await page.context().close();
  });

  it('as the county: the villages page draws the geofence map in SVG and saves a new radius', async () => {
    const page = await signedIn('demo-county');
    await page.goto(`${server.url}/admin/villages`);
    await page.getByRole('heading', { level: 1, name: '村与电子围栏' }).waitFor();
    await page.getByRole('button', { name: '修改电子围栏：羊排村' }).click();
    const map = page.locator('figure.geo-map svg[role="img"]');
    await map.waitFor();
    expect(await map.getAttribute('aria-label')).toMatch(/^羊排村的电子围栏示意图：半径 1 公里/);
    expect(await map.getAttribute('aria-label')).toContain('最近的村：东引村');
    // Drawn here, from nothing on the internet: no image or tile is loaded.
    expect(await page.locator('figure.geo-map img, figure.geo-map image').count()).toBe(0);

    await page.getByLabel('半径（米）').fill('10');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    const error = page.locator('[id$="-radius-error"]');
    await expect.poll(() => error.innerText()).toContain('50–20000');
    await page.getByLabel('半径（米）').fill('800');
    await screenshot(page, 'villages');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('羊排村的电子围栏已保存。').waitFor();
    const [village] = await db()
      .select()
      .from(schema.orgUnits)
      .where(eq(schema.orgUnits.name, '羊排村'));
    expect(village!.geofenceMetres).toBe(800);
    await page.context().close();
  });

  it('as the admin: a schedule with a weekday as make-up working day is refused at its row, then imported', async () => {
    const page = await signedIn('demo-admin');
    await page.goto(`${server.url}/admin/calendar`);
    await page.getByRole('heading', { level: 2, name: '导入国务院节假日安排' }).waitFor();
    const year = Number(await page.getByLabel('年份').inputValue());
    const day = (m: number, d: number) =>
      `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const weekday = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();
    const aTuesday = [5, 6, 7, 8, 9, 10, 11].map((d) => day(1, d)).find((d) => weekday(d) === 2)!;
    const aSaturday = [5, 6, 7, 8, 9, 10, 11].map((d) => day(1, d)).find((d) => weekday(d) === 6)!;

    await page.getByLabel('通知文号').fill(`国办发明电〔${year - 1}〕99号`);
    await page.getByLabel('发布日期').fill(`${year - 1}-11-10`);
    await page.getByLabel('节日名称').fill('元旦');
    await page.getByLabel('放假第一天').fill(day(1, 1));
    await page.getByLabel('放假最后一天').fill(day(1, 3));
    await page.getByRole('button', { name: '再加一个调休上班日' }).click();
    await page.getByLabel('调休上班日 1').fill(aTuesday);
    await page.getByRole('button', { name: '导入', exact: true }).click();
    const rowError = page.locator('[id^="workday-"][id$="-error"]');
    await expect.poll(() => rowError.innerText()).toContain('$.workdays[0]');
    expect(await rowError.innerText()).toContain('调休上班日只能是周六或周日');

    await page.getByLabel('调休上班日 1').fill(aSaturday);
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByText(`已导入 ${year} 年的节假日安排。`).waitFor();
    const [stored] = await db()
      .select()
      .from(schema.holidaySchedules)
      .where(eq(schema.holidaySchedules.year, year));
    expect(stored!.schedule).toMatchObject({
      holidays: [{ name: '元旦', days: [day(1, 1), day(1, 2), day(1, 3)] }],
      workdays: [aSaturday],
    });
    await page.getByRole('button', { name: `下一年 ${year} ›` }).click();
    await page.getByText(`国办发明电〔${year - 1}〕99号`).waitFor();
    await page.context().close();
  });

  it('as the county: a local holiday is added for the county and removed again', async () => {
    const page = await signedIn('demo-county');
    await page.goto(`${server.url}/admin/calendar`);
    await page.getByRole('heading', { level: 2, name: '添加本地节日或上班日' }).waitFor();
    const year = (
      await page.getByRole('heading', { level: 2, name: /^\d{4}年$/ }).innerText()
    ).slice(0, 4);
    await page.getByLabel('日期', { exact: true }).fill(`${year}-12-02`);
    await page.getByLabel('名称').fill('苗年');
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await page.getByText('已添加。').waitFor();
    const local = page.locator('.adm-days li', { hasText: '苗年' });
    await local.waitFor();
    expect(await local.innerText()).toContain('地方放假');
    expect(await db().select().from(schema.calendarDays)).toHaveLength(1);

    await local.getByRole('button', { name: '删除…' }).click();
    await local.getByRole('button', { name: '确认删除' }).click();
    await local.waitFor({ state: 'detached' });
    expect(await db().select().from(schema.calendarDays)).toHaveLength(0);
    await page.context().close();
  });
});
