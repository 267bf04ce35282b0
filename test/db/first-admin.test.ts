// The first admin of a database without the demo, on both drivers: the province and the admin in
// one transaction, signed in through the app; refused, changing nothing, once an admin exists (a
// second run, the demo's demo-admin); an existing province reused, several refused. Then
// `npm run first-admin` spawned the way an operator runs it, on PGlite in a temporary DATA_DIR.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { verifyAudit } from '../../db/queries/audit';
import { createFirstAdmin } from '../../db/queries/first-admin';
import { hashPassword } from '../../db/password';
import { seedDemo } from '../../db/seed/demo';
import * as t from '../../db/schema';
import { createApp } from '../../web/app';
import { parseConfig } from '../../web/config';
import { signIn } from '../support/api';
import { drivers, openTestDatabase, type TestDatabase } from '../support/databases';

const PASSWORD = 'first-admin-password';

/** Rows of every table the bootstrap may write. */
async function counts(db: Database) {
  const [row] = await db
    .select({
      orgUnits: sql<number>`(select count(*)::int from org_units)`,
      users: sql<number>`(select count(*)::int from users)`,
      audit: sql<number>`(select count(*)::int from audit_log)`,
    })
    .from(sql`(select 1) as one`);
  return row!;
}

const input = async (username = 'gz-admin') => ({
  username,
  displayName: '贵州省系统管理员',
  province: '贵州省',
  passwordHash: await hashPassword(PASSWORD, 1_000),
});

/** A root unit as an import or an earlier tool might have left it: path from its own id. */
async function addProvince(db: Database, name: string): Promise<number> {
  const [row] = await db
    .insert(t.orgUnits)
    .values({ level: 'province', name, path: `/new-${name}/` })
    .returning({ id: t.orgUnits.id });
  await db
    .update(t.orgUnits)
    .set({ path: `/${row!.id}/` })
    .where(eq(t.orgUnits.id, row!.id));
  return row!.id;
}

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`first admin on ${title}`, () => {
    describe('on an empty database', () => {
      let test: TestDatabase;
      let db: Database;
      beforeAll(async () => {
        test = await openTestDatabase(driver);
        db = test.handle.db;
      });
      afterAll(async () => test?.dispose());

      it('creates the province at the root and an admin scoped to it, both audited as the system', async () => {
        const result = await createFirstAdmin(db, await input());
        expect(result).toMatchObject({
          ok: true,
          user: { username: 'gz-admin', displayName: '贵州省系统管理员' },
          orgUnit: { name: '贵州省' },
          orgUnitCreated: true,
        });
        if (!result.ok) return;
        const [unit] = await db.select().from(t.orgUnits);
        expect(unit).toMatchObject({
          id: result.orgUnit.id,
          level: 'province',
          name: '贵州省',
          parentId: null,
          path: `/${result.orgUnit.id}/`,
        });
        const [user] = await db.select().from(t.users);
        expect(user).toMatchObject({
          username: 'gz-admin',
          role: 'admin',
          orgUnitId: unit!.id,
          disabled: false,
        });
        const entries = await db.select().from(t.auditLog).orderBy(asc(t.auditLog.id));
        expect(entries.map((e) => [e.action, e.entity, e.entityId])).toEqual([
          ['orgUnit.create', 'org_unit', String(unit!.id)],
          ['user.create', 'user', String(user!.id)],
        ]);
        for (const e of entries) expect([e.actorUserId, e.actorRole]).toEqual([null, null]);
        expect(JSON.stringify(entries)).not.toContain(user!.passwordHash!);
        expect(await verifyAudit(db)).toEqual({ rows: 2, brokenAt: null });
      });

      it('lets the admin sign in through the app and see the org tree and the accounts', async () => {
        const app = createApp({ db, config: parseConfig({}), driver });
        const admin = await signIn(app, 'gz-admin', PASSWORD);
        const tree = await admin.get('/api/org-units');
        expect(tree.status).toBe(200);
        expect(await tree.json()).toMatchObject({
          level: 'province',
          name: '贵州省',
          parentId: null,
          children: [],
        });
        const accounts = await admin.get('/api/users');
        expect(accounts.status).toBe(200);
        expect(await accounts.json()).toEqual([
          expect.objectContaining({ username: 'gz-admin', role: 'admin', hasPassword: true }),
        ]);
      });

      it('refuses a second run, under any user name, and changes nothing', async () => {
        const before = await counts(db);
        expect(before).toEqual({ orgUnits: 1, users: 1, audit: 2 });
        for (const username of ['gz-admin', 'gz-admin-2']) {
          expect(await createFirstAdmin(db, await input(username))).toEqual({
            ok: false,
            reason: 'admin-exists',
            admins: ['gz-admin'],
          });
        }
        expect(await counts(db)).toEqual(before);
      });
    });

    describe('on a database that already has a province', () => {
      let test: TestDatabase;
      let db: Database;
      let province: number;
      beforeAll(async () => {
        test = await openTestDatabase(driver);
        db = test.handle.db;
        province = await addProvince(db, '贵州省');
      });
      afterAll(async () => test?.dispose());

      it('refuses when there are several roots, changing nothing', async () => {
        const other = await addProvince(db, '云南省');
        const before = await counts(db);
        expect(await createFirstAdmin(db, await input())).toEqual({
          ok: false,
          reason: 'several-provinces',
          provinces: [
            { id: province, name: '贵州省', path: `/${province}/` },
            { id: other, name: '云南省', path: `/${other}/` },
          ],
        });
        expect(await counts(db)).toEqual(before);
        await db.delete(t.orgUnits).where(eq(t.orgUnits.id, other));
      });

      it('refuses a user name a non-admin account holds', async () => {
        await db.insert(t.users).values({
          username: 'gz-province',
          displayName: '省委组织部',
          role: 'province',
          orgUnitId: province,
        });
        const before = await counts(db);
        expect(await createFirstAdmin(db, await input('gz-province'))).toEqual({
          ok: false,
          reason: 'username-taken',
        });
        expect(await counts(db)).toEqual(before);
      });

      it('scopes the admin to the existing province and creates no second root', async () => {
        const result = await createFirstAdmin(db, await input());
        expect(result).toMatchObject({
          ok: true,
          orgUnit: { id: province, name: '贵州省', path: `/${province}/` },
          orgUnitCreated: false,
        });
        expect(await counts(db)).toEqual({ orgUnits: 1, users: 2, audit: 1 });
        const [admin] = await db.select().from(t.users).where(eq(t.users.username, 'gz-admin'));
        expect(admin).toMatchObject({ role: 'admin', orgUnitId: province });
      });
    });

    describe('on a database with the demo', () => {
      let test: TestDatabase;
      let db: Database;
      beforeAll(async () => {
        test = await openTestDatabase(driver);
        db = test.handle.db;
        await seedDemo(db, { today: '2026-11-26', password: 'zhucun-demo' });
      });
      afterAll(async () => test?.dispose());

      it('refuses because demo-admin exists, changing nothing', async () => {
        const before = await counts(db);
        expect(await createFirstAdmin(db, await input())).toEqual({
          ok: false,
          reason: 'admin-exists',
          admins: ['demo-admin'],
        });
        expect(await counts(db)).toEqual(before);
      });
    });
  });
}

describe('npm run first-admin', () => {
  const root = join(import.meta.dirname, '..', '..');
  const dataDir = mkdtempSync(join(tmpdir(), 'zhucun-first-admin-'));

  /** Runs `npm run first-admin -- …args` on PGlite in the temporary DATA_DIR. */
  function firstAdmin(
    args: string[],
    password = 'cli-first-admin-password',
  ): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn('npm', ['run', '--silent', 'first-admin', '--', ...args], {
        cwd: root,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DATA_DIR: dataDir,
          FIRST_ADMIN_PASSWORD: password,
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  const args = ['--username', 'gz-admin', '--province', '贵州省'];

  it('refuses a FIRST_ADMIN_PASSWORD shorter than 10 characters with exit code 2', async () => {
    const { code, stdout, stderr } = await firstAdmin(args, 'too-short');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd()).toBe(
      '错误：FIRST_ADMIN_PASSWORD 须为 10–200 个字符（当前 9 个） / Error: FIRST_ADMIN_PASSWORD must be 10–200 characters (it has 9)',
    );
  });

  it('creates the first admin once; a second run refuses with one line and exit code 1', async () => {
    const first = await firstAdmin(args);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(
      '已创建第一个管理员 gz-admin（贵州省），请在 http://localhost:8787 登录 / first admin gz-admin created for 贵州省: sign in at http://localhost:8787\n',
    );
    const second = await firstAdmin(args);
    expect(second.code).toBe(1);
    expect(second.stdout).toBe('');
    expect(second.stderr).toBe(
      '错误：已有管理员账号（gz-admin），不再创建第一个管理员：请用管理员账号登录，在“用户”页面创建账号 / Error: an admin account exists already (gz-admin), so there is no first admin to create: sign in as an admin and create accounts on the 用户 (Users) page\n',
    );
  });
});
