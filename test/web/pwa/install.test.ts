// The PWA as an installed app: Chromium finds it installable, it starts with no network from its
// precache, a server page opened offline gets the offline page, and a new deploy shows "update
// available" and takes over only when the person taps it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distDir, nodeAssets } from '../../../web/node-pwa';
import {
  launchChromium,
  persistentPhone,
  phone,
  type PwaServer,
  screenshot,
  signInAs,
  startPwaServer,
} from '../../support/browser';

let server: PwaServer;
let browser: Browser;
// A deploy is simulated by serving a service worker one byte different from the built one.
let deployed = 0;
const builtFiles = nodeAssets();

beforeAll(async () => {
  server = await startPwaServer('pglite', {
    assets: async (path) => {
      const file = await builtFiles(path);
      if (path !== '/sw.js' || !file || deployed === 0) return file;
      const text = `${await file.text()}\n// deploy ${deployed}\n`;
      return new Response(text, { headers: file.headers });
    },
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const bytes = readFileSync(join(distDir, file));
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

describe('the installed app', () => {
  it('has a Chinese manifest with its own icons, and Chromium reports no installability error', async () => {
    const manifest = await (await fetch(`${server.url}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({
      short_name: '驻村',
      lang: 'zh-CN',
      display: 'standalone',
      start_url: '/',
      theme_color: '#b3261e',
    });
    for (const icon of manifest.icons as Array<{ src: string; sizes: string }>) {
      const [w, h] = pngSize(icon.src);
      expect(`${w}x${h}`).toBe(icon.sizes);
    }

    const context = await persistentPhone();
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: Array<{ errorId: string }>;
    };
    expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
    await context.close();
  });

  it('starts offline from its precache, signed in, and says it is offline', async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    await signInAs(page, server.url, 'demo-township');
    await page.evaluate(() => navigator.serviceWorker.ready);
    // The first load was not controlled yet; a reload is, and fills the data cache.
    await page.reload();
    await page.getByRole('navigation').waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('navigation').waitFor();
    await page.locator('.offline-banner', { hasText: '网络未连接' }).waitFor();
    // What was last loaded is shown: today's flags of the township, from the cache.
    await page.getByRole('heading', { level: 1, name: '今日待办' }).waitFor();
    await screenshot(page, 'offline-home');

    // A server page (the printable notice) opened offline: the offline page, not the browser's error.
    await page.goto(`${server.url}/api/cases/1/notice`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('网络未连接');
    await context.setOffline(false);
    await context.close();
  });

  it('offers an update after a deploy and takes it only when asked', async () => {
    const context = await phone(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const before = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);

    deployed++;
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const prompt = page.getByRole('button', { name: '立即更新' });
    await prompt.waitFor();
    await screenshot(page, 'update-available');
    // Not taken over until asked: the old worker still controls the page.
    expect(
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting),
    ).not.toBeNull();

    await Promise.all([page.waitForEvent('load'), prompt.click()]);
    await page.waitForFunction(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return registration?.waiting === null && navigator.serviceWorker.controller !== null;
    });
    expect(await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL)).toBe(before);
    await expect(prompt.count()).resolves.toBe(0);
    await context.close();
  });
});
