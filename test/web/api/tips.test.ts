// The tips inbox (§2.12): only discipline and the county in scope read tips, every reading is
// audited, replies reach the tipster's follow-up, and "verified" opens a §2.12 case.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../../db/queries/audit';
import { createTip, findTipByReceipt, tipMessages } from '../../../db/queries/tips';
import { seedDemo } from '../../../db/seed/demo';
import * as t from '../../../db/schema';
import { type TipKeyring, tipKeyring } from '../../../db/tip-crypto';
import { createApp } from '../../../web/app';
import { parseConfig } from '../../../web/config';
import { signIn } from '../../support/api';
import { drivers, openTestDatabase, type TestDatabase } from '../../support/databases';

const NOW = new Date('2026-11-26T01:30:00Z');
const content = {
  subject: '羊排村驻村干部',
  situation: '2.10' as const,
  when: '2026年11月',
  where: '羊排村',
  details: '收了合作社的“辛苦费”',
  files: [],
};

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`API tips inbox on ${title}`, () => {
    let test: TestDatabase;
    let app: ReturnType<typeof createApp>;
    let keyring: TipKeyring;
    let placed: { id: string; receiptCode: string };
    let unplaced: { id: string; receiptCode: string };
    let cadreId: number;

    beforeAll(async () => {
      test = await openTestDatabase(driver);
      const db = test.handle.db;
      await seedDemo(db, { today: '2026-11-26', password: 'zhucun-demo' });
      keyring = await tipKeyring(new Uint8Array(32).fill(9));
      const [village] = await db.select().from(t.orgUnits).where(eq(t.orgUnits.name, '羊排村'));
      placed = await createTip(db, keyring, {
        content,
        orgUnitId: village!.id,
        receivedOn: '2026-11-20',
      });
      unplaced = await createTip(db, keyring, {
        content: { ...content, subject: '某村' },
        orgUnitId: null,
        receivedOn: '2026-11-21',
      });
      const [assignment] = await db
        .select()
        .from(t.assignments)
        .where(eq(t.assignments.villageId, village!.id))
        .limit(1);
      cadreId = assignment!.cadreId;
      app = createApp({
        db,
        config: parseConfig({}),
        driver,
        clock: () => NOW,
        tipKeyring: keyring,
      });
    });
    afterAll(async () => test?.dispose());

    it('shows demo-discipline the tips placed in 雷山县 without their content, and opens one with an audit entry', async () => {
      const discipline = await signIn(app, 'demo-discipline');
      const list = await (await discipline.get('/api/tips')).json();
      expect(list).toEqual([
        {
          id: placed.id,
          status: 'received',
          receivedOn: '2026-11-20',
          place: '羊排村',
          messages: 0,
        },
      ]);
      const res = await discipline.get(`/api/tips/${placed.id}`);
      expect(res.status).toBe(200);
      expect((await res.json()).content).toEqual(content);
      const reads = await test.handle.db
        .select()
        .from(t.auditLog)
        .where(and(eq(t.auditLog.action, 'tip.read'), eq(t.auditLog.entityId, placed.id)));
      expect(reads).toHaveLength(1);
      expect(await verifyAudit(test.handle.db)).toMatchObject({ brokenAt: null });
    });

    it.each(['demo-unit', 'demo-township', 'demo-inspector', 'demo-admin'])(
      'refuses %s the inbox with 403',
      async (username) => {
        const user = await signIn(app, username);
        expect((await user.get('/api/tips')).status).toBe(403);
        expect((await user.get(`/api/tips/${placed.id}`)).status).toBe(403);
      },
    );

    it('keeps a tip no place was found for out of a county’s inbox (404)', async () => {
      const county = await signIn(app, 'demo-county');
      expect((await county.get(`/api/tips/${unplaced.id}`)).status).toBe(404);
    });

    it('sends a reply the tipster reads with the receipt code', async () => {
      const county = await signIn(app, 'demo-county');
      const res = await county.post(`/api/tips/${placed.id}/messages`, {
        text: '已收到，正在核查。',
      });
      expect(res.status).toBe(201);
      const tip = await findTipByReceipt(test.handle.db, keyring, placed.receiptCode);
      expect(tip?.status).toBe('inProgress');
      const messages = await tipMessages(test.handle.db, keyring, placed.id);
      expect(messages.map((m) => [m.author, m.content.text])).toEqual([
        ['handler', '已收到，正在核查。'],
      ]);
    });

    it('opens a §2.12 case on Thu 2026-11-26 when the tip is verified, once', async () => {
      const discipline = await signIn(app, 'demo-discipline');
      const res = await discipline.post(`/api/tips/${placed.id}/verify`, {
        cadreId,
        date: '2026-11-26',
        findings: '经核查属实',
      });
      expect(res.status).toBe(201);
      const { caseId } = await res.json();
      const [opened] = await test.handle.db.select().from(t.cases).where(eq(t.cases.id, caseId));
      expect(opened).toMatchObject({
        clause: '2.12',
        track: 'C',
        origin: 'tip',
        tipId: placed.id,
        state: 'open',
      });
      const again = await discipline.post(`/api/tips/${placed.id}/verify`, {
        cadreId,
        date: '2026-11-26',
        findings: '再次',
      });
      expect(again.status).toBe(409);
    });

    it('names the bad field when a reply is empty', async () => {
      const county = await signIn(app, 'demo-county');
      const res = await county.post(`/api/tips/${placed.id}/messages`, { text: '  ' });
      expect(res.status).toBe(400);
      expect((await res.json()).field).toBe('text');
    });
  });
}
