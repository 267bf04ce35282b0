// `npm run dev:worker`: the Worker (web/worker.ts) in workerd on this machine — `wrangler dev` —
// against a local PostgreSQL, as it runs on Cloudflare but for Hyperdrive's pooling. First, what a
// deploy has done by hand: the PWA built, the migrations applied, the demo seeded on an empty
// database (SEED_DEMO), the secrets given to the Worker (generated into DATA_DIR/secrets.json, as
// `npm start` does). Arguments after `--` go to wrangler dev (`--port 8788`, `--test-scheduled`).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shanghaiDate } from '../../core/calendar/local-date';
import { openDatabase, redact } from '../../db/client';
import { DatabaseUnreachableError } from '../../db/errors';
import { isEmpty, seedDemo } from '../../db/seed/demo';
import { type Config, ConfigError } from '../config';
import { withGeneratedSecrets } from '../node-secrets';
import { ensurePwaBuilt } from '../node-pwa';
import { exit } from './shared';

const root = fileURLToPath(new URL('../..', import.meta.url));
const log = (line: string) => console.log(`[zhucun] ${line}`);

/** What the Worker is given (the rest of wrangler.toml's [vars] stays as it is written there). */
const passed = [
  'SESSION_SECRET',
  'TIP_ENCRYPTION_KEY',
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_WEBHOOK_SECRET',
  'TELEGRAM_API_ROOT',
  'PUBLIC_URL',
] as const;

/** DATABASE_URL, or the localConnectionString of wrangler.toml. */
function databaseUrl(config: Config): string {
  if (config.DATABASE_URL) return config.DATABASE_URL;
  const toml = readFileSync(join(root, 'wrangler.toml'), 'utf8');
  const local = /^localConnectionString\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  if (!local) exit('错误：请设置 DATABASE_URL / Error: set DATABASE_URL', 2);
  return local;
}

/** Miniflare insists on a password in the URL; a local server trusting its users ignores it. */
function withPassword(url: string): string {
  const parsed = new URL(url);
  if (!parsed.password) parsed.password = 'local';
  return parsed.toString();
}

async function main(): Promise<void> {
  const config = withGeneratedSecrets(process.env, (line) => console.warn(`[zhucun] ${line}`));
  const url = databaseUrl(config);
  const handle = await openDatabase({ url, maxConnections: 2 });
  try {
    await handle.migrate();
    if (config.SEED_DEMO && (await isEmpty(handle.db))) {
      await seedDemo(handle.db, {
        today: shanghaiDate(new Date()),
        password: config.DEMO_PASSWORD,
      });
      log(`已写入演示数据 / demo data seeded — 密码 / password: ${config.DEMO_PASSWORD}`);
    }
  } finally {
    await handle.close();
  }
  log(`数据库 / database: PostgreSQL at ${redact(url)}`);
  await ensurePwaBuilt(log);

  // The Worker's secrets and settings, readable by this user alone, beside secrets.json.
  const envFile = join(config.DATA_DIR, 'worker.env');
  const lines = passed.flatMap((name) => {
    const value = config[name];
    return value ? [`${name}=${JSON.stringify(value)}`] : [];
  });
  writeFileSync(envFile, lines.join('\n') + '\n', { mode: 0o600 });

  const args = [
    'dev',
    '--env-file',
    envFile,
    '--port',
    String(config.PORT),
    ...process.argv.slice(2),
  ];
  const child = spawn(join(root, 'node_modules', '.bin', 'wrangler'), args, {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: withPassword(url),
      // Nothing leaves this machine: no usage metrics, no lookup of Cloudflare's request.cf data.
      WRANGLER_SEND_METRICS: 'false',
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) exit(error.line(), 2);
  if (error instanceof DatabaseUnreachableError)
    exit(
      `错误：无法连接数据库 ${error.target}（${error.detail}），请启动本地 PostgreSQL 或设置 DATABASE_URL / ` +
        `Error: cannot reach the database at ${error.target} (${error.detail}); start a local PostgreSQL or set DATABASE_URL`,
      1,
    );
  throw error;
});
