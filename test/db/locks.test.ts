// Advisory locks: each use has its own key. The scheduler's leader holds its lock for the life of
// the process; an audit append elsewhere must not wait on it (they once shared a key, and every
// audited write stalled on PostgreSQL while `npm start` ran).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../db/client';
import { advisoryLocks } from '../../db/locks';
import { appendAudit } from '../../db/queries/audit';
import { openTestDatabase, postgresUrl, type TestDatabase } from '../support/databases';

describe('advisory locks', () => {
  it('have a key each', () => {
    const keys = Object.values(advisoryLocks);
    expect(new Set(keys).size).toBe(keys.length);
  });

  describe.skipIf(!postgresUrl)('on PostgreSQL', () => {
    let test: TestDatabase;
    let server: DatabaseHandle;
    beforeAll(async () => {
      test = await openTestDatabase('postgres');
      server = await openDatabase({ url: test.url!, maxConnections: 2 });
    });
    afterAll(async () => {
      await server?.close();
      await test?.dispose();
    });

    it("let another process append to the audit log while one holds the scheduler's leadership", async () => {
      const leadership = await server.tryLeadership();
      expect(leadership).toBeDefined();
      try {
        // PostgreSQL itself gives up after 2 s instead of waiting for good.
        await test.handle.db.transaction(async (tx) => {
          await tx.execute(sql`set local lock_timeout = '2s'`);
          await appendAudit(
            tx,
            {
              actorUserId: null,
              actorRole: null,
              action: 'test.lock',
              entity: 'test',
              entityId: null,
              detail: {},
            },
            new Date('2026-11-27T00:00:00Z'),
          );
        });
      } finally {
        await leadership!.release();
      }
    });
  });
});
