// The audit log: every change a supervisor makes, append-only (a trigger refuses updates and
// deletes) and hash-chained, so an edit or a deletion made around the application shows.
import { asc, desc, sql } from 'drizzle-orm';
import type { Database } from '../database';
import { advisoryLocks } from '../locks';
import { auditLog } from '../schema';

export interface AuditEntry {
  actorUserId: number | null;
  actorRole: (typeof auditLog.$inferSelect)['actorRole'];
  action: string;
  entity: string;
  entityId: string | number | null;
  /** What changed: { before, after } or the step's payload. */
  detail: Record<string, unknown>;
}

/** Appends one entry; call it inside the transaction of the change it records. */
export async function appendAudit(db: Database, entry: AuditEntry, at: Date): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${advisoryLocks.audit})`);
  const [last] = await db
    .select({ hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.id))
    .limit(1);
  const prevHash = last?.hash ?? null;
  const row = {
    at,
    actorUserId: entry.actorUserId,
    actorRole: entry.actorRole,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId === null ? null : String(entry.entityId),
    detail: entry.detail,
  };
  await db.insert(auditLog).values({ ...row, prevHash, hash: await chainHash(prevHash, row) });
}

/** Checks the whole chain; the first row whose hash or link does not hold, or null when all do. */
export async function verifyAudit(
  db: Database,
): Promise<{ rows: number; brokenAt: number | null }> {
  const rows = await db.select().from(auditLog).orderBy(asc(auditLog.id));
  let prev: string | null = null;
  for (const row of rows) {
    const expected = await chainHash(prev, row);
    if (row.prevHash !== prev || row.hash !== expected)
      return { rows: rows.length, brokenAt: row.id };
    prev = row.hash;
  }
  return { rows: rows.length, brokenAt: null };
}

async function chainHash(
  prevHash: string | null,
  row: Pick<
    typeof auditLog.$inferSelect,
    'at' | 'actorUserId' | 'actorRole' | 'action' | 'entity' | 'entityId' | 'detail'
  >,
): Promise<string> {
  const canonical = JSON.stringify([
    prevHash,
    // Milliseconds survive both drivers' timestamp round trip; microseconds do not exist here.
    new Date(row.at).toISOString(),
    row.actorUserId,
    row.actorRole,
    row.action,
    row.entity,
    row.entityId,
    sortKeys(row.detail),
  ]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** JSON with object keys sorted, so jsonb's own key order cannot change a hash. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
