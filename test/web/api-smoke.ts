// The HTTP smoke suite, one for every runtime: the Node app through app.request()
// (api-smoke.test.ts) and the Worker in workerd through fetch (worker.test.ts). It expects a freshly
// seeded demo database (the demo's password 'zhucun-demo', today's date in Beijing) and the PWA's
// build behind the app. It walks what each kind of user does first: sign in, read the day's lists,
// record an inspection twice (idempotent), send and follow up an anonymous tip, load the app.
import { expect, it } from 'vitest';
import { shanghaiDate } from '../../core/calendar/local-date';
import { expectedSchema } from '../../db/queries/health';
import { type AppLike, type Client, signIn } from '../support/api';

export function apiSmoke(target: () => AppLike, driver: 'pglite' | 'postgres'): void {
  const app = () => target();
  let county: Client;
  let inspector: Client;

  it('reports the database and its schema at /healthz', async () => {
    const res = await app().request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ok: true,
      database: { driver, reachable: true },
      schema: { current: expectedSchema, expected: expectedSchema },
    });
  });

  it('refuses a wrong password in Chinese, and signs the demo accounts in', async () => {
    const wrong = await app().request('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'demo-county', password: 'not-the-password' }),
    });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).message).toMatch(/[\u4e00-\u9fff]/);

    county = await signIn(app(), 'demo-county');
    inspector = await signIn(app(), 'demo-inspector');
    const me = await county.get('/api/session');
    expect(await me.json()).toMatchObject({ username: 'demo-county', role: 'county' });
    expect(me.headers.get('cache-control')).toBe('no-store');
  });

  it("reads a county's lists: cadres, flags, leave waiting, deadlines", async () => {
    for (const path of ['/api/cadres', '/api/flags', '/api/leave/waiting', '/api/deadlines']) {
      const res = await county.get(path);
      expect(res.status, path).toBe(200);
    }
    const { cadres } = (await (await county.get('/api/cadres')).json()) as {
      cadres: { id: number }[];
    };
    expect(cadres.length).toBeGreaterThan(10);
  });

  it('records an inspection once however often it is sent, and refuses bad input in Chinese', async () => {
    const { cadres } = (await (await inspector.get('/api/cadres')).json()) as {
      cadres: { id: number }[];
    };
    const finding = {
      cadreId: cadres[0]!.id,
      date: shanghaiDate(new Date()),
      present: true,
      note: '在村，正在走访农户',
      clientId: crypto.randomUUID(),
    };
    const first = await inspector.post('/api/inspections', finding);
    expect(first.status, await first.clone().text()).toBe(201);
    const again = await inspector.post('/api/inspections', finding);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({
      inspection: { id: (await first.json()).inspection.id },
      replayed: true,
    });

    const bad = await inspector.post('/api/inspections', { ...finding, date: '昨天' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/[\u4e00-\u9fff]/);

    const forged = await app().request('/api/inspections', {
      method: 'POST',
      headers: { cookie: inspector.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ ...finding, clientId: crypto.randomUUID() }),
    });
    expect(forged.status).toBe(403);
  });

  it('takes an anonymous tip and shows it to the holder of its receipt code', async () => {
    const sent = await app().request('/api/public/tips', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        subject: '某村驻村干部',
        situation: 'other',
        details: '这个月很少见到驻村干部在村里，群众有意见。',
      }),
    });
    expect(sent.status).toBe(201);
    const { receiptCode } = (await sent.json()) as { receiptCode: string };
    const followUp = await app().request(`/api/public/tips/${encodeURIComponent(receiptCode)}`);
    expect(followUp.status).toBe(200);
    expect(await followUp.json()).toMatchObject({ status: 'received', messages: [] });

    const unknown = await app().request('/api/public/tips/AAAA-BBBB-CCCC-DDDD');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).message).toBe('没有找到这个回执码，请核对后再试。');
  });

  it('serves the PWA: shells never cached, hashed files for a year, survey links to the survey', async () => {
    const shell = await app().request('/');
    expect(shell.status).toBe(200);
    expect(shell.headers.get('content-type')).toMatch(/^text\/html/);
    expect(shell.headers.get('cache-control')).toBe('no-cache');
    expect(shell.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await shell.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script, html).toBeDefined();
    const asset = await app().request(script!);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    const survey = await app().request('/s/some-slip-token');
    expect(await survey.text()).toContain('<title>驻村干部满意度测评</title>');
    const worker = await app().request('/sw.js');
    expect(worker.headers.get('cache-control')).toBe('no-cache');
    const manifest = await app().request('/manifest.webmanifest');
    expect(await manifest.json()).toMatchObject({ lang: 'zh-CN' });
    expect((await app().request('/assets/no-such-file.js')).status).toBe(404);
  });

  it('answers unknown API paths with JSON 404, and signs out', async () => {
    const missing = await county.get('/api/no-such-thing');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not-found' });

    expect((await county.del('/api/session')).status).toBe(204);
    expect((await county.get('/api/session')).status).toBe(401);
  });
}
