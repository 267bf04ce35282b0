// The one database client factory: DATABASE_URL → PostgreSQL through postgres.js; otherwise
// embedded PGlite with its files in DATA_DIR. Node-only (PGlite, node:fs); Workers get their own
// postgres.js client in the Worker entry.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { DatabaseUnreachableError } from './errors';
import { advisoryLocks } from './locks';
import type { Database } from './database';
import * as schema from './schema';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export interface DatabaseHandle {
  db: Database;
  driver: 'pglite' | 'postgres';
  /** Applies pending migrations; safe when several processes start at once. */
  migrate(): Promise<void>;
  /**
   * Asks to be the one process that runs scheduled jobs (web/jobs/scheduler.ts): on PostgreSQL a
   * session advisory lock on a connection of its own, held until release() or until that
   * connection drops; on PGlite, whose files one process alone may open, always granted.
   */
  tryLeadership(): Promise<Leadership | undefined>;
  close(): Promise<void>;
}

export interface Leadership {
  held(): Promise<boolean>;
  release(): Promise<void>;
}

export type DatabaseOptions =
  | { url: string; maxConnections?: number }
  | { dataDir: string } // a folder, or 'memory://' for a throwaway database
  | { pglite: PGlite }; // an already opened PGlite (tests clone a migrated template)

const MIGRATION_LOCK = advisoryLocks.migrations;
const SCHEDULER_LOCK = advisoryLocks.scheduler;

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if ('url' in options) return openPostgres(options.url, options.maxConnections ?? 10);
  const { client, release } =
    'pglite' in options
      ? { client: options.pglite, release: () => {} }
      : await openPglite(options.dataDir);
  const db = drizzlePglite({ client, schema, casing: 'snake_case' });
  return {
    db,
    driver: 'pglite',
    migrate: () => migratePglite(db, { migrationsFolder }),
    tryLeadership: async () => ({ held: async () => true, release: async () => {} }),
    async close() {
      await client.close();
      release();
    },
  };
}

async function openPglite(dataDir: string): Promise<{ client: PGlite; release(): void }> {
  const memory = dataDir.startsWith('memory://');
  let release = () => {};
  try {
    if (!memory) {
      mkdirSync(dataDir, { recursive: true });
      release = lockDataDir(dataDir);
    }
    const client = new PGlite(dataDir);
    await client.waitReady;
    return { client, release };
  } catch (error) {
    release();
    if (error instanceof DatabaseUnreachableError) throw error;
    throw new DatabaseUnreachableError(`PGlite in ${dataDir}`, describe(error));
  }
}

/**
 * PGlite's files may be opened by one process only: a second one would silently diverge from the
 * first. A lock file with the owner's pid keeps a second `npm start` (or `npm run chat`) out; a lock
 * left by a process that no longer runs is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'zhucun.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8'));
      if (Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) {
        throw new DatabaseUnreachableError(
          `PGlite in ${dataDir}`,
          `in use by process ${owner} (another npm start or npm run chat)`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new DatabaseUnreachableError(`PGlite in ${dataDir}`, `cannot lock ${file}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function openPostgres(url: string, max: number): Promise<DatabaseHandle> {
  const target = redact(url);
  const options = {
    connect_timeout: 10,
    onnotice: () => {},
    connection: { application_name: 'zhucun' },
  };
  const client = postgres(url, { ...options, max });
  try {
    await client`select 1`;
  } catch (error) {
    await client.end({ timeout: 1 }).catch(() => {});
    throw new DatabaseUnreachableError(target, describe(error));
  }
  const db = drizzlePostgres({ client, schema, casing: 'snake_case' });
  return {
    db,
    driver: 'postgres',
    async migrate() {
      // One connection holds the advisory lock and runs the migrations inside it.
      const single = postgres(url, { ...options, max: 1 });
      try {
        await single`select pg_advisory_lock(${MIGRATION_LOCK})`;
        await migratePostgres(drizzlePostgres({ client: single, casing: 'snake_case' }), {
          migrationsFolder,
        });
      } finally {
        await single.end({ timeout: 5 });
      }
    },
    async tryLeadership() {
      const single = postgres(url, { ...options, max: 1, idle_timeout: 0 });
      try {
        const [row] = await single<
          { locked: boolean }[]
        >`select pg_try_advisory_lock(${SCHEDULER_LOCK}) as locked`;
        if (!row?.locked) {
          await single.end({ timeout: 1 });
          return undefined;
        }
      } catch {
        await single.end({ timeout: 1 }).catch(() => {});
        return undefined;
      }
      return {
        // The lock lives as long as its session: the same connection must still answer.
        held: async () => {
          const [row] = await single<{ held: boolean }[]>`
            select exists (select 1 from pg_locks where locktype = 'advisory'
              and pid = pg_backend_pid() and objid = ${SCHEDULER_LOCK % 2 ** 32}) as held`;
          return row?.held === true;
        },
        release: async () => {
          await single`select pg_advisory_unlock(${SCHEDULER_LOCK})`.catch(() => {});
          await single.end({ timeout: 1 });
        },
      };
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    const errors = (error as { errors?: unknown[] }).errors;
    if (!error.message && Array.isArray(errors) && errors[0] instanceof Error)
      return describe(errors[0]);
    return code && !error.message.includes(code) ? `${code} ${error.message}` : error.message;
  }
  return String(error);
}
