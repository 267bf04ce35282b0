// The HTTP smoke suite (api-smoke.ts) against the Node app, through app.request(), on each driver;
// worker.test.ts runs the same suite against the Worker in workerd.
import { afterAll, beforeAll, describe } from 'vitest';
import { shanghaiDate } from '../../core/calendar/local-date';
import { seedDemo } from '../../db/seed/demo';
import { tipKeyring } from '../../db/tip-crypto';
import { createApp } from '../../web/app';
import { parseConfig } from '../../web/config';
import { nodeAssets } from '../../web/node-pwa';
import { drivers, openTestDatabase, type TestDatabase } from '../support/databases';
import type { AppLike } from '../support/api';
import { apiSmoke } from './api-smoke';

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`the HTTP API on Node, ${title}`, () => {
    let test: TestDatabase;
    let app: AppLike;

    beforeAll(async () => {
      test = await openTestDatabase(driver);
      await seedDemo(test.handle.db, { today: shanghaiDate(new Date()), password: 'zhucun-demo' });
      app = createApp({
        db: test.handle.db,
        config: parseConfig({}),
        driver,
        tipKeyring: await tipKeyring(crypto.getRandomValues(new Uint8Array(32))),
        assets: nodeAssets(),
      });
    });
    afterAll(async () => test?.dispose());

    apiSmoke(() => app, driver);
  });
}
