// What the flag, case, ledger and audit suites share: the seeded demo behind the API, demo cadres
// picked by township and dispatching unit, extra accounts the demo lacks (a cadre, a province
// officer, the unit of a 西江镇 cadre), and a §2.1 flag raised as the review feature raises it.
import { and, asc, eq, notInArray } from 'drizzle-orm';
import { expect } from 'vitest';
import { detectReview } from '../../../core/situations';
import type { Database } from '../../../db/database';
import { raiseFlag } from '../../../db/queries/flags';
import { hashPassword } from '../../../db/password';
import * as t from '../../../db/schema';
import { seedDemo } from '../../../db/seed/demo';
import { createApp } from '../../../web/app';
import { parseConfig } from '../../../web/config';
import { signIn, type Client } from '../../support/api';
import { openTestDatabase, type TestDatabase } from '../../support/databases';

/** 09:30 on Thu 2026-11-26 in Asia/Shanghai: the demo's today. */
export const TODAY = '2026-11-26';
export const NOW = new Date('2026-11-26T01:30:00Z');

export type App = ReturnType<typeof createApp>;

export interface Demo {
  test: TestDatabase;
  db: Database;
  app: App;
  /** Signs in once per user name and keeps the client. */
  as(username: string): Promise<Client>;
}

export async function openDemo(driver: 'pglite' | 'postgres', now = NOW): Promise<Demo> {
  const test = await openTestDatabase(driver);
  const db = test.handle.db;
  await seedDemo(db, { today: TODAY, password: 'zhucun-demo' });
  const app = createApp({ db, config: parseConfig({}), driver, clock: () => now });
  const clients = new Map<string, Promise<Client>>();
  return {
    test,
    db,
    app,
    as(username) {
      let client = clients.get(username);
      if (!client) {
        client = signIn(app, username);
        clients.set(username, client);
      }
      return client;
    },
  };
}

export interface DemoCadre {
  cadreId: number;
  assignmentId: number;
  name: string;
  villageId: number;
  villagePath: string;
  unitId: number;
  unitName: string;
  dispatchLevel: string;
}

/** The first cadre (by id) of a township and a dispatching unit, leaving out some cadres. */
export async function demoCadre(
  db: Database,
  where: { township: string; unit?: string; unitLevel?: string; except?: number[] },
): Promise<DemoCadre> {
  const [township] = await db.select().from(t.orgUnits).where(eq(t.orgUnits.name, where.township));
  const rows = await db
    .select({
      cadreId: t.cadres.id,
      assignmentId: t.assignments.id,
      name: t.cadres.name,
      villageId: t.orgUnits.id,
      villagePath: t.orgUnits.path,
      unitId: t.dispatchingUnits.id,
      unitName: t.dispatchingUnits.name,
      unitLevel: t.dispatchingUnits.level,
      dispatchLevel: t.assignments.dispatchLevel,
    })
    .from(t.assignments)
    .innerJoin(t.cadres, eq(t.cadres.id, t.assignments.cadreId))
    .innerJoin(t.orgUnits, eq(t.orgUnits.id, t.assignments.villageId))
    .innerJoin(t.dispatchingUnits, eq(t.dispatchingUnits.id, t.assignments.dispatchingUnitId))
    .where(
      and(
        eq(t.orgUnits.parentId, township!.id),
        where.unit ? eq(t.dispatchingUnits.name, where.unit) : undefined,
        where.unitLevel ? eq(t.dispatchingUnits.level, where.unitLevel as 'county') : undefined,
        where.except?.length ? notInArray(t.cadres.id, where.except) : undefined,
      ),
    )
    .orderBy(asc(t.cadres.id));
  const row = rows[0];
  if (!row)
    throw new Error(`no demo cadre in ${where.township} for ${where.unit ?? where.unitLevel}`);
  return row;
}

/** A user the demo lacks, with the demo password (hashed cheaply: tests sign in often). */
export async function addUser(
  db: Database,
  values: {
    username: string;
    role: (typeof t.users.$inferInsert)['role'];
    orgUnitId: number;
    dispatchingUnitId?: number;
    cadreId?: number;
  },
): Promise<number> {
  const [user] = await db
    .insert(t.users)
    .values({
      username: values.username,
      displayName: `${values.username}（测试）`,
      role: values.role,
      orgUnitId: values.orgUnitId,
      dispatchingUnitId: values.dispatchingUnitId ?? null,
      cadreId: values.cadreId ?? null,
      passwordHash: await hashPassword('zhucun-demo', 1_000),
    })
    .returning({ id: t.users.id });
  return user!.id;
}

export async function orgUnitId(db: Database, name: string): Promise<number> {
  const [unit] = await db.select().from(t.orgUnits).where(eq(t.orgUnits.name, name));
  return unit!.id;
}

/**
 * A half-year review rated 不称职 and the §2.1 flag it raises, as the review feature does: core's
 * detectReview, then raiseFlag once per source.
 */
export async function reviewFlag(db: Database, cadre: DemoCadre, recordedOn: string) {
  const [review] = await db
    .insert(t.reviews)
    .values({ cadreId: cadre.cadreId, period: '2026H1', rating: 'incompetent', recordedOn })
    .returning();
  const detection = detectReview({ date: recordedOn, period: '2026H1', rating: 'incompetent' });
  const raised = await raiseFlag(db, {
    cadreId: cadre.cadreId,
    assignmentId: cadre.assignmentId,
    clause: detection!.clause,
    raisedOn: detection!.date,
    sourceKey: `review:${review!.id}`,
    evidence: { detail: detection!.detail },
  });
  if (!raised.raised) throw new Error('the review flag was not raised');
  return raised.flagId;
}

/** Posts a step and expects it accepted; returns the response body. */
export async function step(client: Client, caseId: number, body: Record<string, unknown>) {
  const res = await client.post(`/api/cases/${caseId}/events`, body);
  const json = await res.json();
  expect(res.status, JSON.stringify(json)).toBe(201);
  return json;
}

/** The opinions and the statement §3.4 asks for before the decision, all on one day. */
export async function hearEveryone(client: Client, caseId: number, date: string) {
  for (const kind of ['townshipOpinion', 'villagePartyOpinion', 'membersOpinion', 'statement']) {
    await step(client, caseId, { type: 'evidence', date, kind, text: `${kind} 记录` });
  }
}

/**
 * Three cases whose deadlines fall around Thu 2026-11-26: H on track B (§3.2: 西江镇 files §2.6 on
 * 2026-09-14, the county reviews, files and sends the notice on 09-16), O and W on track C (§3.3:
 * discipline files §2.9 and decides; the county sends the notices on 11-13 and 11-26).
 */
export async function casesWithDeadlines(
  as: { township: Client; county: Client; discipline: Client },
  who: { H: { cadreId: number }; O: { cadreId: number }; W: { cadreId: number } },
): Promise<Record<'H' | 'O' | 'W', number>> {
  const { township, county, discipline } = as;
  const filed = await township.post('/api/cases', {
    cadreId: who.H.cadreId,
    clause: '2.6',
    date: '2026-09-14',
    description: '多次不参加村两委会议。',
  });
  expect(filed.status).toBe(201);
  const H = (await filed.json()).id as number;
  await hearEveryone(township, H, '2026-09-14');
  await step(county, H, { type: 'caseReview', date: '2026-09-15' });
  await step(county, H, { type: 'filing', date: '2026-09-15' });
  await step(county, H, { type: 'notice', date: '2026-09-16' });
  const trackC = async (cadreId: number, [opened, heard, decided, noticed]: string[]) => {
    const res = await discipline.post('/api/cases', {
      cadreId,
      clause: '2.9',
      date: opened,
      description: '汛期不在岗。',
    });
    expect(res.status).toBe(201);
    const id = (await res.json()).id as number;
    await step(discipline, id, { type: 'investigation', date: heard });
    await hearEveryone(discipline, id, heard!);
    await step(discipline, id, { type: 'decision', date: decided });
    await step(county, id, { type: 'notice', date: noticed });
    return id;
  };
  const O = await trackC(who.O.cadreId, ['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-13']);
  const W = await trackC(who.W.cadreId, ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-26']);
  return { H, O, W };
}
