// Test databases on both drivers: a throwaway PGlite in memory, and — when DATABASE_URL points at a
// PostgreSQL server (CI starts one) — a fresh database on that server, dropped afterwards.
import postgres from 'postgres';
import { type DatabaseHandle, openDatabase } from '../../db/client';

/** The PostgreSQL server the suites may use, or undefined to run on PGlite alone. */
export const postgresUrl = process.env.DATABASE_URL || undefined;

export interface TestDatabase {
  handle: DatabaseHandle;
  /** Set for PostgreSQL: the URL of this test's own database. */
  url?: string;
  dispose(): Promise<void>;
}

export async function openTestDatabase(driver: 'pglite' | 'postgres'): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const handle = await openDatabase({ dataDir: 'memory://' });
    await handle.migrate();
    return { handle, dispose: () => handle.close() };
  }
  const { url, drop } = await createPostgresDatabase();
  const handle = await openDatabase({ url, maxConnections: 4 });
  await handle.migrate();
  return {
    handle,
    url,
    async dispose() {
      await handle.close();
      await drop();
    },
  };
}

/** A new, empty database on the test server; drop() removes it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!postgresUrl) throw new Error('DATABASE_URL is not set');
  const name = `zhucun_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(postgresUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const sql = postgres(postgresUrl!, { max: 1, onnotice: () => {} });
      await sql.unsafe(`drop database if exists ${name} with (force)`);
      await sql.end();
    },
  };
}

/** The SQLSTATE of a database error, through drizzle's wrapping. */
export function sqlState(error: unknown): string | undefined {
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

/** The drivers every database suite runs on: PGlite always, PostgreSQL when DATABASE_URL is set. */
export const drivers = [
  { driver: 'pglite' as const, enabled: true, title: 'PGlite' },
  {
    driver: 'postgres' as const,
    enabled: postgresUrl !== undefined,
    title: postgresUrl ? 'PostgreSQL' : 'PostgreSQL (set DATABASE_URL to run)',
  },
];
