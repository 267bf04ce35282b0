// Serving the PWA's build: which file a path gets, how long it may be cached, and that the API,
// the webhook and the health check are never shadowed by the app's shell.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { nodeAssets } from '../../web/node-pwa';
import { pwaRoutes } from '../../web/pwa-routes';

const dir = mkdtempSync(join(tmpdir(), 'zhucun-dist-'));
mkdirSync(join(dir, 'assets'));
mkdirSync(join(dir, 'icons'));
writeFileSync(join(dir, 'index.html'), '<title>supervisors</title>');
writeFileSync(join(dir, 'survey.html'), '<title>survey</title>');
writeFileSync(join(dir, 'sw.js'), 'self.x = 1');
writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
writeFileSync(join(dir, 'icons', 'icon-192.png'), 'png');
writeFileSync(join(dir, '.source-hash'), 'hash');
writeFileSync(join(tmpdir(), 'zhucun-secret.txt'), 'secret');

const app = new Hono();
app.route('/', pwaRoutes(nodeAssets(dir)));
app.get('/api/known', (c) => c.json({ ok: true }));
app.notFound((c) => c.json({ error: 'not-found' }, 404));

const get = (path: string) => app.request(path);

describe('the PWA routes', () => {
  it('serve the supervisors’ shell at / and at any app path, never to be cached', async () => {
    for (const path of ['/', '/cases/12', '/login']) {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('<title>supervisors</title>');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
  });

  it('serve the survey page at /s/<token>', async () => {
    const res = await get('/s/AbCdEf0123456789xyz');
    expect(await res.text()).toBe('<title>survey</title>');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('cache hashed assets for a year and the service worker never', async () => {
    const asset = await get('/assets/index-abc123.js');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await get('/sw.js')).headers.get('cache-control')).toBe('no-cache');
    expect((await get('/icons/icon-192.png')).headers.get('cache-control')).toBe(
      'public, max-age=86400',
    );
  });

  it('leave /api, /bot, /dev and /healthz to their own routes', async () => {
    expect(await (await get('/api/known')).json()).toEqual({ ok: true });
    for (const path of ['/api/unknown', '/bot/webhook', '/dev/chat', '/healthz']) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it('never serve the build stamp', async () => {
    expect(await (await get('/.source-hash')).text()).not.toBe('hash');
  });

  it('answer 404 for a missing file and for paths outside the build', async () => {
    for (const path of ['/assets/missing.js', '/..%2Fzhucun-secret.txt', '/%E0%A4%A.js']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('secret');
    }
  });
});
