// `npm run db:migrate`: applies the migrations to the PostgreSQL at DATABASE_URL and says where
// the schema stands. The Worker cannot (no files, no migration lock of its own): run this before
// `npm run deploy`, against the database itself rather than through Hyperdrive. Safe to repeat,
// and safe beside running servers (an advisory lock serialises migrations).
import { openDatabase, redact } from '../../db/client';
import { DatabaseUnreachableError } from '../../db/errors';
import { databaseHealth } from '../../db/queries/health';
import { ConfigError, parseConfig } from '../config';
import { exit } from './shared';

try {
  const config = parseConfig(process.env);
  if (!config.DATABASE_URL)
    exit('错误：请设置 DATABASE_URL（postgres://…）/ Error: set DATABASE_URL (postgres://…)', 2);
  const handle = await openDatabase({ url: config.DATABASE_URL, maxConnections: 1 });
  try {
    await handle.migrate();
    const { schema } = await databaseHealth(handle.db);
    console.log(
      `数据库已是最新结构 ${schema} / schema up to date at ${schema}: ${redact(config.DATABASE_URL)}`,
    );
  } finally {
    await handle.close();
  }
} catch (error) {
  if (error instanceof ConfigError) exit(error.line(), 2);
  if (error instanceof DatabaseUnreachableError)
    exit(
      `错误：无法连接数据库 ${error.target}（${error.detail}）/ Error: cannot reach the database at ${error.target} (${error.detail})`,
      1,
    );
  throw error;
}
