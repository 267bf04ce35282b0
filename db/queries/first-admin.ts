// The first account of a database without the demo (SEED_DEMO=false, and always on Workers): the
// province at the root of the org tree and one admin scoped to it, so someone can sign in and create
// everything else in the app. Once any admin exists it refuses and changes nothing.
import { asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../database';
import { advisoryLocks } from '../locks';
import { orgUnits, users } from '../schema';
import { appendAudit } from './audit';

export interface FirstAdminInput {
  username: string;
  displayName: string;
  /** The root org unit's name (贵州省); an existing root unit is used instead of a new one. */
  province: string;
  /** From hashPassword (db/password.ts). */
  passwordHash: string;
}

export type FirstAdminResult =
  | {
      ok: true;
      user: { id: number; username: string; displayName: string };
      orgUnit: { id: number; name: string; path: string };
      /** False when the province unit already existed and the admin was scoped to it. */
      orgUnitCreated: boolean;
    }
  /** An admin exists: further accounts are created by an admin on the app's 用户 page. */
  | { ok: false; reason: 'admin-exists'; admins: string[] }
  /** More than one root unit: which province the admin governs is not for this tool to guess. */
  | { ok: false; reason: 'several-provinces'; provinces: { id: number; name: string }[] }
  /** A non-admin account already has the user name. */
  | { ok: false; reason: 'username-taken' };

/** Creates the province (unless there is one) and the first admin in one transaction. */
export async function createFirstAdmin(
  db: Database,
  input: FirstAdminInput,
  now: Date = new Date(),
): Promise<FirstAdminResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${advisoryLocks.firstAdmin})`);
    // Disabled admins count too: whoever can enable them is the one to create accounts.
    const admins = await tx
      .select({ username: users.username })
      .from(users)
      .where(eq(users.role, 'admin'))
      .orderBy(asc(users.id));
    if (admins.length > 0)
      return { ok: false, reason: 'admin-exists', admins: admins.map((a) => a.username) };

    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, input.username));
    if (taken) return { ok: false, reason: 'username-taken' };

    // The schema makes every root a province and every province a root (org_units_root_is_province).
    const roots = await tx
      .select({ id: orgUnits.id, name: orgUnits.name, path: orgUnits.path })
      .from(orgUnits)
      .where(isNull(orgUnits.parentId))
      .orderBy(asc(orgUnits.id));
    if (roots.length > 1) return { ok: false, reason: 'several-provinces', provinces: roots };

    let orgUnit = roots[0];
    const orgUnitCreated = orgUnit === undefined;
    if (!orgUnit) {
      // The path holds the row's own id, known only after the insert (as db/seed/demo.ts does).
      const [row] = await tx
        .insert(orgUnits)
        .values({ level: 'province', name: input.province, parentId: null, path: '/pending/' })
        .returning({ id: orgUnits.id });
      orgUnit = { id: row!.id, name: input.province, path: `/${row!.id}/` };
      await tx.update(orgUnits).set({ path: orgUnit.path }).where(eq(orgUnits.id, orgUnit.id));
      await appendAudit(
        tx,
        {
          // Nobody is signed in: the system acts, as the scheduled jobs do (no user, no role).
          actorUserId: null,
          actorRole: null,
          action: 'orgUnit.create',
          entity: 'org_unit',
          entityId: orgUnit.id,
          detail: { after: { ...orgUnit, level: 'province', parentId: null }, via: 'first-admin' },
        },
        now,
      );
    }

    const [user] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        passwordHash: input.passwordHash,
        role: 'admin',
        orgUnitId: orgUnit.id,
      })
      .returning({ id: users.id, username: users.username, displayName: users.displayName });
    await appendAudit(
      tx,
      {
        actorUserId: null,
        actorRole: null,
        action: 'user.create',
        entity: 'user',
        entityId: user!.id,
        // The shape of POST /api/users's entry, without the hash.
        detail: {
          after: {
            ...user!,
            role: 'admin',
            orgUnit: { id: orgUnit.id, name: orgUnit.name, level: 'province' },
            disabled: false,
            hasPassword: true,
          },
          via: 'first-admin',
        },
      },
      now,
    );
    return { ok: true, user: user!, orgUnit, orgUnitCreated };
  });
}
