// The demo behind the API for the suites of a cadre's records (leave, inspections, reviews,
// surveys): every demo role signed in, and cadres placed so that each role has one in scope and one
// out of it — A, in 东引村 (西江镇) sent by 雷山县财政局, is in everyone's scope; T in 白岩村 (丹江镇),
// also 财政局's, is outside the township's; U in 东引村, 教育局's, is outside the unit's; X in 红阳村
// of 台江县 (a county beside 雷山县) is outside everyone's in 雷山县.
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../db/database';
import { seedDemo } from '../../../db/seed/demo';
import * as t from '../../../db/schema';
import { createApp } from '../../../web/app';
import { parseConfig } from '../../../web/config';
import { type Client, signIn } from '../../support/api';
import { openTestDatabase, type TestDatabase } from '../../support/databases';

export const NOW = new Date('2026-11-26T01:30:00Z');
export const TODAY = '2026-11-26';

export const roles = [
  'demo-county',
  'demo-township',
  'demo-unit',
  'demo-discipline',
  'demo-inspector',
  'demo-admin',
] as const;
export type DemoRole = (typeof roles)[number];

export interface Placed {
  cadreId: number;
  assignmentId: number;
  villageId: number;
}

export interface Fixture {
  test: TestDatabase;
  db: Database;
  app: ReturnType<typeof createApp>;
  as: Record<DemoRole, Client>;
  userId: Record<DemoRole, number>;
  A: Placed;
  T: Placed;
  U: Placed;
  X: Placed;
  /** Each role's cadre outside their scope. */
  outside: Record<DemoRole, Placed>;
  place(name: string, village: string, unit: string, startsOn?: string): Promise<Placed>;
  addVillage(name: string, township: string): Promise<number>;
}

export async function openFixture(driver: 'pglite' | 'postgres'): Promise<Fixture> {
  const test = await openTestDatabase(driver);
  const db = test.handle.db;
  await seedDemo(db, { today: TODAY, password: 'zhucun-demo' });
  await addNeighbourCounty(db);
  const app = createApp({ db, config: parseConfig({}), driver, clock: () => NOW });
  const clients = await Promise.all(roles.map((r) => signIn(app, r)));
  const as = Object.fromEntries(roles.map((r, i) => [r, clients[i]!])) as Record<DemoRole, Client>;
  const users = await db.select({ id: t.users.id, username: t.users.username }).from(t.users);
  const userId = Object.fromEntries(
    roles.map((r) => [r, users.find((u) => u.username === r)!.id]),
  ) as Record<DemoRole, number>;

  const place = (name: string, village: string, unit: string, startsOn = '2026-09-01') =>
    placeCadre(db, name, village, unit, startsOn);
  const A = await place('安远', '东引村', '雷山县财政局');
  const T = await place('田甜', '白岩村', '雷山县财政局');
  const U = await place('欧阳雨', '东引村', '雷山县教育局');
  const X = await place('谢晓', '红阳村', '台江县民政局');
  return {
    test,
    db,
    app,
    as,
    userId,
    A,
    T,
    U,
    X,
    outside: {
      'demo-county': X,
      'demo-township': T,
      'demo-unit': U,
      'demo-discipline': X,
      'demo-inspector': X,
      'demo-admin': X,
    },
    place,
    addVillage: async (name, township) => {
      const [parent] = await db.select().from(t.orgUnits).where(eq(t.orgUnits.name, township));
      return (await orgUnit(db, { level: 'village', name, ...geofence }, parent!)).id;
    },
  };
}

const geofence = { latitude: 26.5, longitude: 108.17, geofenceMetres: 1000 };

async function orgUnit(
  db: Database,
  values: Omit<typeof t.orgUnits.$inferInsert, 'path' | 'parentId'>,
  parent: { id: number; path: string },
) {
  const [row] = await db
    .insert(t.orgUnits)
    .values({ ...values, parentId: parent.id, path: `${parent.path}new-${values.name}/` })
    .returning();
  const path = `${parent.path}${row!.id}/`;
  await db.update(t.orgUnits).set({ path }).where(eq(t.orgUnits.id, row!.id));
  return { id: row!.id, path };
}

/** 台江县 beside 雷山县 in 黔东南州, with 台拱镇, 红阳村 and 台江县民政局. */
async function addNeighbourCounty(db: Database): Promise<void> {
  const [city] = await db.select().from(t.orgUnits).where(eq(t.orgUnits.level, 'city'));
  const county = await orgUnit(db, { level: 'county', name: '台江县' }, city!);
  const town = await orgUnit(db, { level: 'township', name: '台拱镇' }, county);
  await orgUnit(db, { level: 'village', name: '红阳村', ...geofence }, town);
  await db
    .insert(t.dispatchingUnits)
    .values({ name: '台江县民政局', level: 'county', orgUnitId: county.id });
}

async function placeCadre(
  db: Database,
  name: string,
  villageName: string,
  unitName: string,
  startsOn: string,
): Promise<Placed> {
  const [village] = await db
    .select()
    .from(t.orgUnits)
    .where(and(eq(t.orgUnits.name, villageName), eq(t.orgUnits.level, 'village')));
  const [unit] = await db
    .select()
    .from(t.dispatchingUnits)
    .where(eq(t.dispatchingUnits.name, unitName));
  const [cadre] = await db
    .insert(t.cadres)
    .values({ name, dispatchingUnitId: unit!.id })
    .returning({ id: t.cadres.id });
  const [assignment] = await db
    .insert(t.assignments)
    .values({
      cadreId: cadre!.id,
      villageId: village!.id,
      role: 'teamMember',
      dispatchLevel: unit!.level,
      dispatchingUnitId: unit!.id,
      startsOn,
    })
    .returning({ id: t.assignments.id });
  return { cadreId: cadre!.id, assignmentId: assignment!.id, villageId: village!.id };
}

/** A leave filed through the bot (its conversation is the bot's): pending, or with steps decided. */
export async function fileLeave(
  f: Pick<Fixture, 'db' | 'userId'>,
  who: Placed,
  leave: {
    from: string;
    to: string;
    chain: ('township' | 'dispatchingUnit' | 'county')[];
    /** Steps approved already, in chain order, by the demo account of each role. */
    approvedSteps?: number;
    state?: 'pending' | 'approved';
    approvedOn?: string;
  },
): Promise<number> {
  const state = leave.state ?? 'pending';
  const [row] = await f.db
    .insert(t.leaveRequests)
    .values({
      cadreId: who.cadreId,
      assignmentId: who.assignmentId,
      kind: 'personal',
      startsOn: leave.from,
      endsOn: leave.to,
      reason: '家中有事 / family matters',
      state,
      approvalChain: leave.chain,
      approvedOn: state === 'approved' ? (leave.approvedOn ?? leave.from) : null,
      requestedAt: NOW,
    })
    .returning({ id: t.leaveRequests.id });
  const account = {
    township: 'demo-township',
    dispatchingUnit: 'demo-unit',
    county: 'demo-county',
  } as const;
  const steps = state === 'approved' ? leave.chain.length : (leave.approvedSteps ?? 0);
  for (let step = 0; step < steps; step++) {
    const role = leave.chain[step]!;
    await f.db.insert(t.leaveApprovals).values({
      leaveId: row!.id,
      step,
      role,
      decision: 'approved',
      userId: f.userId[account[role]],
      decidedAt: NOW,
    });
  }
  return row!.id;
}
