// The Node entry (`npm start`): reads the configuration, opens the database (PGlite in DATA_DIR,
// or PostgreSQL at DATABASE_URL), applies migrations, seeds the demo on an empty database and
// serves the app until SIGTERM or SIGINT. A bad start ends with one clear line, not a stack trace.
import { serve } from '@hono/node-server';
import { join } from 'node:path';
import { shanghaiDate } from '../core/calendar/local-date';
import { type DatabaseHandle, openDatabase } from '../db/client';
import { DatabaseUnreachableError } from '../db/errors';
import { demoAccounts, isEmpty, seedDemo } from '../db/seed/demo';
import { createApp } from './app';
import { ConfigError } from './config';
import { withGeneratedSecrets } from './node-secrets';

const log = (line: string) => console.log(`[zhucun] ${line}`);

async function main(): Promise<void> {
  const config = withGeneratedSecrets(process.env, (line) => console.warn(`[zhucun] ${line}`));
  const handle: DatabaseHandle = await openDatabase(
    config.DATABASE_URL
      ? { url: config.DATABASE_URL }
      : { dataDir: join(config.DATA_DIR, 'pglite') },
  );
  log(
    handle.driver === 'postgres'
      ? '数据库 / database: PostgreSQL (DATABASE_URL)'
      : `数据库 / database: PGlite in ${join(config.DATA_DIR, 'pglite')}`,
  );
  await handle.migrate();

  if (config.SEED_DEMO && (await isEmpty(handle.db))) {
    const today = shanghaiDate(new Date());
    const summary = await seedDemo(handle.db, { today, password: config.DEMO_PASSWORD });
    log(
      `已写入演示数据 / demo data seeded: ${summary.villages} villages, ${summary.cadres} cadres, ` +
        `${summary.checkIns} check-ins, ${summary.diaryEntries} diary entries`,
    );
    log(
      `演示账号 / demo accounts: ${demoAccounts.map((a) => a.username).join(', ')} — ` +
        `密码 / password: ${config.DEMO_PASSWORD}`,
    );
  }

  const app = createApp({ db: handle.db, config, driver: handle.driver });
  const server = serve({ fetch: app.fetch, port: config.PORT }, (info) => {
    log(`已启动 / listening on http://localhost:${info.port}`);
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    fail(
      error.code === 'EADDRINUSE'
        ? `启动失败：端口 ${config.PORT} 已被占用 / Cannot start: port ${config.PORT} is already in use (PORT)`
        : `启动失败 / Cannot start: ${error.message}`,
    );
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`收到 ${signal}，正在停止 / ${signal} received, stopping`);
    server.close(async () => {
      await handle.close();
      log('已停止 / stopped');
      process.exit(0);
    });
    // Idle keep-alive connections must not hold the shutdown.
    (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

function fail(line: string): never {
  console.error(line);
  process.exit(1);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) fail(error.line());
  if (error instanceof DatabaseUnreachableError) {
    fail(
      `启动失败：无法连接数据库 ${error.target}（${error.detail}） / ` +
        `Cannot start: cannot reach the database at ${error.target} (${error.detail})`,
    );
  }
  console.error(error);
  process.exit(1);
});
