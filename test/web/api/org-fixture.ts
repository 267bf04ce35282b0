// The seeded demo behind the API, signed in as every demo role, plus one county outside 雷山县
// (台江县, with a village, a dispatching unit and a cadre) so that "out of scope" exists for the
// county-wide accounts too.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Database } from '../../../db/database';
import { seedDemo } from '../../../db/seed/demo';
import * as t from '../../../db/schema';
import { createApp } from '../../../web/app';
import { createApi } from '../../../web/api';
import { parseConfig } from '../../../web/config';
import { type Client, signIn } from '../../support/api';
import { openTestDatabase, type TestDatabase } from '../../support/databases';

export const NOW = new Date('2026-11-26T01:30:00Z');
export const TODAY = '2026-11-26';

export const accounts = [
  'demo-county',
  'demo-township',
  'demo-unit',
  'demo-discipline',
  'demo-inspector',
  'demo-admin',
] as const;
export type Account = (typeof accounts)[number];

export interface DemoApi {
  test: TestDatabase;
  db: Database;
  app: ReturnType<typeof createApp>;
  as: Record<Account, Client>;
  ids: Awaited<ReturnType<typeof demoIds>>;
  /** The API alone, told the bot's username (createApp does not know it). */
  withBot(username: string): Hono;
}

export async function openDemoApi(driver: 'pglite' | 'postgres'): Promise<DemoApi> {
  const test = await openTestDatabase(driver);
  const db = test.handle.db;
  await seedDemo(db, { today: TODAY, password: 'zhucun-demo' });
  await addOtherCounty(db);
  const app = createApp({ db, config: parseConfig({}), driver, clock: () => NOW });
  const clients = await Promise.all(accounts.map((a) => signIn(app, a)));
  const as = Object.fromEntries(accounts.map((a, i) => [a, clients[i]!])) as Record<
    Account,
    Client
  >;
  return {
    test,
    db,
    app,
    as,
    ids: await demoIds(db),
    withBot(username) {
      const deps = { db, config: parseConfig({}), clock: () => NOW, botUsername: username };
      return new Hono().route('/api', createApi(deps));
    },
  };
}

/** 台江县 beside 雷山县 in 黔东南州: 台拱镇, 红阳村, 台江县民政局 and one cadre in post there. */
async function addOtherCounty(db: Database): Promise<void> {
  const [city] = await db.select().from(t.orgUnits).where(eq(t.orgUnits.level, 'city'));
  const unit = async (values: Omit<typeof t.orgUnits.$inferInsert, 'path'>, parentPath: string) => {
    const [row] = await db
      .insert(t.orgUnits)
      .values({ ...values, path: `${parentPath}new-${values.name}/` })
      .returning();
    const path = `${parentPath}${row!.id}/`;
    await db.update(t.orgUnits).set({ path }).where(eq(t.orgUnits.id, row!.id));
    return { id: row!.id, path };
  };
  const county = await unit({ level: 'county', parentId: city!.id, name: '台江县' }, city!.path);
  const town = await unit({ level: 'township', parentId: county.id, name: '台拱镇' }, county.path);
  const village = await unit(
    {
      level: 'village',
      parentId: town.id,
      name: '红阳村',
      latitude: 26.67,
      longitude: 108.32,
      geofenceMetres: 1000,
    },
    town.path,
  );
  const [du] = await db
    .insert(t.dispatchingUnits)
    .values({ name: '台江县民政局', level: 'county', orgUnitId: county.id })
    .returning();
  const [cadre] = await db
    .insert(t.cadres)
    .values({ name: '台江干部', dispatchingUnitId: du!.id })
    .returning();
  await db.insert(t.assignments).values({
    cadreId: cadre!.id,
    villageId: village.id,
    role: 'firstSecretary',
    dispatchLevel: 'county',
    dispatchingUnitId: du!.id,
    startsOn: '2026-09-26',
  });
}

async function demoIds(db: Database) {
  const units = await db.select().from(t.orgUnits);
  const unit = (name: string) => {
    const u = units.find((x) => x.name === name);
    if (!u) throw new Error(`no org unit ${name}`);
    return u;
  };
  const dus = await db.select().from(t.dispatchingUnits);
  const du = (name: string) => dus.find((x) => x.name === name)!;
  const inPost = await db
    .select({
      cadreId: t.cadres.id,
      name: t.cadres.name,
      assignmentId: t.assignments.id,
      dispatchingUnitId: t.assignments.dispatchingUnitId,
      villageId: t.orgUnits.id,
      villagePath: t.orgUnits.path,
      townshipId: t.orgUnits.parentId,
    })
    .from(t.cadres)
    .innerJoin(
      t.assignments,
      and(eq(t.assignments.cadreId, t.cadres.id), isNull(t.assignments.endsOn)),
    )
    .innerJoin(t.orgUnits, eq(t.orgUnits.id, t.assignments.villageId))
    .orderBy(sql`${t.cadres.id}`);
  const xijiang = unit('西江镇');
  const danjiang = unit('丹江镇');
  const finance = du('雷山县财政局');
  const cadresOf = (townshipId: number) => inPost.filter((c) => c.townshipId === townshipId);
  return {
    province: unit('贵州省'),
    leishan: unit('雷山县'),
    xijiang,
    danjiang,
    yangpai: unit('羊排村'),
    wudong: unit('乌东村'),
    taijiang: unit('台江县'),
    hongyang: unit('红阳村'),
    finance,
    minzheng: du('台江县民政局'),
    inPost,
    xijiangCadres: cadresOf(xijiang.id),
    danjiangCadres: cadresOf(danjiang.id),
    /** A 西江镇 cadre not sent by 雷山县财政局. */
    xijiangCadre: cadresOf(xijiang.id).find((c) => c.dispatchingUnitId !== finance.id)!,
    /** A 丹江镇 cadre not sent by 雷山县财政局. */
    danjiangCadre: cadresOf(danjiang.id).find((c) => c.dispatchingUnitId !== finance.id)!,
    financeCadres: inPost.filter((c) => c.dispatchingUnitId === finance.id),
    taijiangCadre: inPost.find((c) => c.villageId === unit('红阳村').id)!,
  };
}

export async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
