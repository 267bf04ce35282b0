// An embedded PGlite directory is opened by one process at a time: a second opener is refused with a
// clear reason, and a lock left by a process that is gone is taken over.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { DatabaseUnreachableError } from '../../db/errors';

describe('PGlite data directory lock', () => {
  it('refuses a second opener while the first holds the directory, and lets it in after close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhucun-lock-'));
    const first = await openDatabase({ dataDir: dir });
    // Another process's lock: the test runner's parent is alive and is not us.
    writeFileSync(join(dir, 'zhucun.lock'), String(process.ppid));
    const second = openDatabase({ dataDir: dir });
    await expect(second).rejects.toBeInstanceOf(DatabaseUnreachableError);
    await expect(second).rejects.toThrow(/in use by process \d+/);
    writeFileSync(join(dir, 'zhucun.lock'), String(process.pid));
    await first.close();
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhucun-lock-'));
    writeFileSync(join(dir, 'zhucun.lock'), '999999999');
    const handle = await openDatabase({ dataDir: dir });
    await handle.close();
  });
});
