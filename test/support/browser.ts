// The PWA's browser tests: the real app (API + built PWA) on a loopback port over a seeded test
// database, and Debian's Chromium driven by playwright-core. Screenshots go to
// test-results/screenshots/ (kept by CI with the test output).
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { shanghaiDate } from '../../core/calendar/local-date';
import { seedDemo } from '../../db/seed/demo';
import { tipKeyring } from '../../db/tip-crypto';
import { createApp } from '../../web/app';
import { parseConfig } from '../../web/config';
import { nodeAssets } from '../../web/node-pwa';
import type { AssetReader } from '../../web/pwa-routes';
import { openTestDatabase, type TestDatabase } from './databases';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = join(import.meta.dirname, '..', '..', 'test-results', 'screenshots');

export interface PwaServer {
  url: string;
  test: TestDatabase;
  close(): Promise<void>;
}

/** The app with the demo seeded as of `now` (the server's clock stays at it). */
export async function startPwaServer(
  driver: 'pglite' | 'postgres',
  options: { now?: Date; assets?: AssetReader } = {},
): Promise<PwaServer> {
  const now = options.now ?? new Date();
  const test = await openTestDatabase(driver);
  await seedDemo(test.handle.db, { today: shanghaiDate(now), password: 'zhucun-demo' });
  const app = createApp({
    db: test.handle.db,
    config: parseConfig({}),
    driver,
    clock: options.now ? () => options.now! : undefined,
    tipKeyring: await tipKeyring(new Uint8Array(32).fill(7)),
    assets: options.assets ?? nodeAssets(),
  });
  const { server, port } = await new Promise<{ server: ServerType; port: number }>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ server, port: info.port }),
    );
  });
  return {
    url: `http://127.0.0.1:${port}`,
    test,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await test.dispose();
    },
  };
}

// The flags this machine needs (design/architecture.md, traps).
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Chromium: each test's person gets a fresh (incognito-like) context from it. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: chromiumArgs });
}

const phoneOptions = (lang: string) => ({
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: lang,
  timezoneId: 'Asia/Shanghai',
  serviceWorkers: 'allow' as const,
});

/** A phone-sized context (360 × 740, touch, zh-CN) for one test's person. */
export async function phone(browser: Browser, lang = 'zh-CN'): Promise<BrowserContext> {
  return browser.newContext(phoneOptions(lang));
}

/** A phone with a profile on disk, as an installed app has (Chromium refuses to install incognito). */
export async function persistentPhone(lang = 'zh-CN'): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'zhucun-profile-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: chromiumArgs,
    ...phoneOptions(lang),
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Signs in through the page's own form. */
export async function signInAs(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByLabel(/用户名|User name/).fill(username);
  await page.getByLabel(/密码|Password/).fill('zhucun-demo');
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await page.getByRole('navigation').waitFor();
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function seriousViolations(page: Page) {
  const source = await import('axe-core').then((m) => (m.default ?? m).source);
  // Evaluated through the debugging protocol: the app's CSP rightly forbids inline scripts.
  await page.evaluate(source);
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run(): Promise<unknown> } }).axe.run(),
  )) as { violations: Array<{ id: string; impact: string; help: string; nodes: unknown[] }> };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
}
