// Sign-in, sessions, CSRF and the error format of the API, on both drivers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../db/seed/demo';
import { createApp } from '../../../web/app';
import { parseConfig } from '../../../web/config';
import { signIn } from '../../support/api';
import { drivers, openTestDatabase, type TestDatabase } from '../../support/databases';

const NOW = new Date('2026-11-26T01:30:00Z');

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`API sign-in on ${title}`, () => {
    let test: TestDatabase;
    let app: ReturnType<typeof createApp>;

    beforeAll(async () => {
      test = await openTestDatabase(driver);
      await seedDemo(test.handle.db, { today: '2026-11-26', password: 'zhucun-demo' });
      app = createApp({ db: test.handle.db, config: parseConfig({}), driver, clock: () => NOW });
    });
    afterAll(async () => test?.dispose());

    const post = (body: unknown, headers: Record<string, string> = {}) =>
      app.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });

    it('signs demo-county in with an HttpOnly, SameSite=Lax session cookie and a CSRF token', async () => {
      const res = await post({ username: 'demo-county', password: 'zhucun-demo' });
      expect(res.status).toBe(201);
      const cookie = res.headers.get('set-cookie')!;
      expect(cookie).toMatch(/^zhucun_session=[\w-]{40,};/);
      expect(cookie).toContain('HttpOnly');
      expect(cookie).toContain('SameSite=Lax');
      expect(cookie).not.toContain('Secure');
      const body = await res.json();
      expect(body).toMatchObject({ username: 'demo-county', role: 'county', scopeLevel: 'county' });
      expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
      // Not kept by the browser's HTTP cache (the PWA's service worker keeps its own copies).
      expect(res.headers.get('cache-control')).toBe('no-store');
    });

    it('marks the cookie Secure behind HTTPS', async () => {
      const res = await post(
        { username: 'demo-county', password: 'zhucun-demo' },
        { 'x-forwarded-proto': 'https' },
      );
      expect(res.headers.get('set-cookie')).toContain('Secure');
    });

    it('refuses a wrong password in the request’s language, the same as an unknown user', async () => {
      const wrong = await post({ username: 'demo-county', password: 'nope' });
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toEqual({
        error: 'bad-credentials',
        message: '用户名或密码不正确。',
      });
      const unknown = await post(
        { username: 'nobody', password: 'nope' },
        { 'Accept-Language': 'en-US,en;q=0.9' },
      );
      expect(await unknown.json()).toEqual({
        error: 'bad-credentials',
        message: 'Wrong user name or password.',
      });
    });

    it('answers 400, not 500, to a body that is not JSON', async () => {
      const res = await app.request('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{ not json',
      });
      expect(res.status).toBe(400);
      expect((await res.json()).error).toBe('bad-request');
    });

    it('names the missing field with 400', async () => {
      const res = await post({ username: 'demo-county' });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'invalid-input', field: 'password' });
    });

    it('shows who is signed in, refuses a write without the CSRF token, and signs out', async () => {
      const county = await signIn(app, 'demo-county');
      const me = await county.get('/api/session');
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ username: 'demo-county' });
      const forged = await app.request('/api/session', {
        method: 'DELETE',
        headers: { cookie: county.cookie },
      });
      expect(forged.status).toBe(403);
      expect((await forged.json()).error).toBe('csrf');
      expect((await county.del('/api/session')).status).toBe(204);
      expect((await county.get('/api/session')).status).toBe(401);
    });

    it('rate-limits sign-in after eight failures for one user name', async () => {
      for (let i = 0; i < 8; i++)
        await post({ username: 'demo-inspector', password: `wrong-${i}` });
      const res = await post({ username: 'demo-inspector', password: 'zhucun-demo' });
      expect(res.status).toBe(429);
    });

    it('describes itself in an OpenAPI document', async () => {
      const res = await app.request('/api/openapi.json');
      expect(res.status).toBe(200);
      const doc = await res.json();
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths)).toContain('/session');
    });

    it('sends security headers', async () => {
      const res = await app.request('/api/openapi.json');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    });
  });
}
