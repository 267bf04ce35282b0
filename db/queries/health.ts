// What /healthz reports: the database answers, and its schema is the one this build expects.
import { sql } from 'drizzle-orm';
import type { Database } from '../database';
import journal from '../migrations/meta/_journal.json';

/** The tag of the newest migration this build ships, e.g. '0001_append_only'. */
export const expectedSchema = journal.entries.at(-1)!.tag;

export interface DatabaseHealth {
  reachable: boolean;
  schema: string | null;
  upToDate: boolean;
}

export async function databaseHealth(db: Database): Promise<DatabaseHealth> {
  try {
    const rows = await db.execute<{ created_at: string | number }>(
      sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    );
    const list = Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows;
    const latest = (list[0] as { created_at: string | number } | undefined)?.created_at;
    const entry = journal.entries.find((e) => e.when === Number(latest));
    return { reachable: true, schema: entry?.tag ?? null, upToDate: entry?.tag === expectedSchema };
  } catch {
    return { reachable: false, schema: null, upToDate: false };
  }
}
