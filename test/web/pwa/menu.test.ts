// The supervisors' menu against the API: every page a role is offered reads a resource that role
// may read (a menu entry that could only show "you may not" is a bug), for every demo account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccounts, seedDemo } from '../../../db/seed/demo';
import { createApp } from '../../../web/app';
import { parseConfig } from '../../../web/config';
import { menu } from '../../../web/pwa/supervisor/menu';
import { routes } from '../../../web/pwa/supervisor/routes';
import { signIn } from '../../support/api';
import { openTestDatabase, type TestDatabase } from '../../support/databases';

describe('the supervisors’ menu', () => {
  let test: TestDatabase;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    test = await openTestDatabase('pglite');
    await seedDemo(test.handle.db, { today: '2026-11-26', password: 'zhucun-demo' });
    app = createApp({
      db: test.handle.db,
      config: parseConfig({}),
      driver: 'pglite',
      clock: () => new Date('2026-11-26T02:00:00Z'),
    });
  });
  afterAll(async () => test?.dispose());

  it('names only pages the app has', () => {
    const paths = new Set(routes.map((r) => r.path));
    expect(menu.map((m) => m.path).filter((p) => !paths.has(p))).toEqual([]);
  });

  for (const account of demoAccounts) {
    it(`offers ${account.username} (${account.role}) only pages whose resource it may read`, async () => {
      const client = await signIn(app, account.username);
      const offered = menu.filter((m) => m.roles.includes(account.role));
      expect(offered.length).toBeGreaterThan(1);
      const { orgUnitId } = (await (await client.get('/api/session')).json()) as {
        orgUnitId: number;
      };
      const refused: string[] = [];
      for (const entry of offered) {
        const path = `/api${entry.reads}`
          .replace(':orgUnitId', String(orgUnitId))
          .replace(':month', '2026-11');
        const res = await client.get(path);
        if (res.status !== 200) refused.push(`${entry.path} → GET ${path}: ${res.status}`);
      }
      expect(refused).toEqual([]);
    });
  }
});
