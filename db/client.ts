// The one database client factory: DATABASE_URL → PostgreSQL through postgres.js; otherwise
// embedded PGlite with its files in DATA_DIR. Node-only (PGlite, node:fs); Workers get their own
// postgres.js client in the Worker entry.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { DatabaseUnreachableError } from './errors';
import type { Database } from './database';
import * as schema from './schema';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export interface DatabaseHandle {
  db: Database;
  driver: 'pglite' | 'postgres';
  /** Applies pending migrations; safe when several processes start at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { url: string; maxConnections?: number }
  | { dataDir: string } // a folder, or 'memory://' for a throwaway database
  | { pglite: PGlite }; // an already opened PGlite (tests clone a migrated template)

// Serialises migrations across processes sharing one PostgreSQL.
const MIGRATION_LOCK = 7_041_955_001;

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if ('url' in options) return openPostgres(options.url, options.maxConnections ?? 10);
  const client = 'pglite' in options ? options.pglite : await openPglite(options.dataDir);
  const db = drizzlePglite({ client, schema, casing: 'snake_case' });
  return {
    db,
    driver: 'pglite',
    migrate: () => migratePglite(db, { migrationsFolder }),
    close: () => client.close(),
  };
}

async function openPglite(dataDir: string): Promise<PGlite> {
  try {
    if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
    const client = new PGlite(dataDir);
    await client.waitReady;
    return client;
  } catch (error) {
    throw new DatabaseUnreachableError(`PGlite in ${dataDir}`, describe(error));
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
