// The outbox: writes that must survive a weak signal (survey answers, inspection findings) go to
// IndexedDB first and are posted from there — by the page when it opens or comes back online, and by
// the service worker on a Background Sync where the browser has it. Each entry carries its own id,
// which the server takes as the idempotency key, so a post repeated after a lost reply records
// nothing twice. An entry leaves the outbox only when the server has confirmed it; one the server
// refuses for good (a used survey code) stays, marked, so the person is told rather than left guessing.
// Used by the pages and by sw.ts alike: Web APIs only.
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

export type OutboxKind = 'survey' | 'inspection';

export interface OutboxEntry {
  /** The response's or finding's own id: the idempotency key the server checks. */
  id: string;
  kind: OutboxKind;
  url: string;
  body: unknown;
  /** Extra headers, e.g. the CSRF token of the session that queued an inspection. */
  headers?: Record<string, string>;
  /** A short human label (the survey's title, the cadre's name) for the pending list. */
  label: string;
  queuedAt: string;
  attempts: number;
  /** 'pending' until sent; 'refused' when the server said no for good (with its message). */
  state: 'pending' | 'refused' | 'needs-sign-in';
  error?: { status: number; code?: string; message?: string; field?: string };
}

interface OutboxSchema extends DBSchema {
  entries: { key: string; value: OutboxEntry; indexes: { kind: OutboxKind } };
}

export const SYNC_TAG = 'zhucun-outbox';
/** Set by the service worker on an API response served from its cache (no network). */
export const STALE_HEADER = 'x-zhucun-from-cache';
const DB_NAME = 'zhucun-outbox';

let opened: Promise<IDBPDatabase<OutboxSchema>> | undefined;
function database() {
  opened ??= openDB<OutboxSchema>(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('entries', { keyPath: 'id' }).createIndex('kind', 'kind');
    },
  });
  return opened;
}

/** Puts a write in the outbox; queuing the same id again keeps the first (a double tap). */
export async function enqueue(
  entry: Omit<OutboxEntry, 'queuedAt' | 'attempts' | 'state'>,
): Promise<void> {
  const db = await database();
  const tx = db.transaction('entries', 'readwrite');
  if (!(await tx.store.get(entry.id))) {
    await tx.store.put({
      ...entry,
      queuedAt: new Date().toISOString(),
      attempts: 0,
      state: 'pending',
    });
  }
  await tx.done;
}

export async function entries(kind?: OutboxKind): Promise<OutboxEntry[]> {
  const db = await database();
  return kind ? db.getAllFromIndex('entries', 'kind', kind) : db.getAll('entries');
}

export async function remove(id: string): Promise<void> {
  await (await database()).delete('entries', id);
}

export interface FlushResult {
  sent: string[];
  refused: OutboxEntry[];
  /** Still waiting: no network, the server busy or down. */
  waiting: number;
}

// Only one flush at a time per context, so the page's 'online' handler and its opening do not
// post the same entry twice at once (the server would take it once anyway).
let running: Promise<FlushResult> | undefined;

/**
 * Posts every pending entry; stops at the first network failure (the rest would fail too).
 * `headers` override the queued ones: the page passes the current session's CSRF token, so an
 * inspection queued before a new sign-in still goes through.
 */
export function flush(
  fetcher: typeof fetch = fetch,
  headers: Record<string, string> = {},
): Promise<FlushResult> {
  running ??= flushOnce(fetcher, headers).finally(() => (running = undefined));
  return running;
}

async function flushOnce(
  fetcher: typeof fetch,
  headers: Record<string, string>,
): Promise<FlushResult> {
  const db = await database();
  const result: FlushResult = { sent: [], refused: [], waiting: 0 };
  const pending = (await db.getAll('entries')).filter((e) => e.state !== 'refused');
  for (const [i, entry] of pending.entries()) {
    let response: Response;
    try {
      response = await fetcher(entry.url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', ...entry.headers, ...headers },
        body: JSON.stringify(entry.body),
      });
    } catch {
      result.waiting = pending.length - i;
      return result;
    }
    if (response.ok) {
      await db.delete('entries', entry.id);
      result.sent.push(entry.id);
      continue;
    }
    const error = await response
      .json()
      .catch(() => ({}) as { error?: string; message?: string; field?: string });
    const transient = response.status >= 500 || response.status === 429 || response.status === 408;
    const state = transient ? 'pending' : response.status === 401 ? 'needs-sign-in' : 'refused';
    const updated: OutboxEntry = {
      ...entry,
      attempts: entry.attempts + 1,
      state,
      error: {
        status: response.status,
        code: error.error,
        message: error.message,
        field: error.field,
      },
    };
    await db.put('entries', updated);
    if (state === 'refused') result.refused.push(updated);
    else result.waiting++;
  }
  return result;
}
