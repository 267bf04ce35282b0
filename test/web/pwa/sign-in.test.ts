// Signing in to the supervisors' app: with a password (a wrong one says so and keeps the name), with
// the bot's one-time /login link (once only, and the token leaves the address bar), in English on
// request; and signing out takes the offline copies with it.
import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../db/queries/invitations';
import * as t from '../../../db/schema';
import {
  launchChromium,
  phone,
  type PwaServer,
  seriousViolations,
  signInAs,
  startPwaServer,
} from '../../support/browser';

let server: PwaServer;
let browser: Browser;
beforeAll(async () => {
  server = await startPwaServer('pglite');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A /login link as the bot makes it, for a demo account. */
async function loginLink(username: string): Promise<string> {
  const db = server.test.handle.db;
  const [user] = await db.select().from(t.users).where(eq(t.users.username, username));
  const token = `link-${username}-${crypto.randomUUID()}`;
  await db.insert(t.loginTokens).values({
    tokenHash: await sha256Hex(token),
    userId: user!.id,
    expiresAt: new Date(Date.now() + 5 * 60_000),
  });
  return `${server.url}/login#${token}`;
}

describe('signing in', () => {
  it('a wrong password is refused in Chinese, the user name is kept, and the page passes axe', async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('用户名').fill('demo-township');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').getByText('用户名或密码不正确。').waitFor();
    expect(await page.getByLabel('用户名').inputValue()).toBe('demo-township');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Village cadres · Sign in' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await context.close();
  });

  it('the bot’s /login link signs in once, and its token leaves the address bar', async () => {
    const link = await loginLink('demo-county');
    const context = await phone(browser);
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: '今日待办' }).waitFor();
    expect(page.url()).toBe(`${server.url}/`);
    expect(await page.locator('.topbar .who').innerText()).toContain('雷山县委组织部');

    const again = await (await browser.newContext()).newPage();
    await again.goto(link);
    await again.getByText('登录链接无效或已过期（有效期 5 分钟）。').waitFor();
    expect(again.url()).toBe(`${server.url}/login`);
    await again.context().close();
    await context.close();
  });

  it('signing out ends the session and deletes what the phone kept for offline use', async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    await signInAs(page, server.url, 'demo-township');
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '今日待办' }).waitFor();
    await expect.poll(() => page.evaluate(() => caches.has('supervisor-data'))).toBe(true);

    await page.getByRole('link', { name: '更多' }).click();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByLabel('用户名').waitFor();
    expect(await page.evaluate(() => caches.has('supervisor-data'))).toBe(false);
    const session = await page.request.get(`${server.url}/api/session`);
    expect(session.status()).toBe(401);
    await context.close();
  });
});
