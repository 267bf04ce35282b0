// Anonymous tips from the web: anyone sends one and gets a receipt code, follows it up and adds to
// it; a wrong code is answered the same whether or not it exists; the handlers' inbox receives it.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTipByReceipt, tipMessages } from '../../../db/queries/tips';
import { seedDemo } from '../../../db/seed/demo';
import * as t from '../../../db/schema';
import { type TipKeyring, tipKeyring } from '../../../db/tip-crypto';
import { createApp } from '../../../web/app';
import { parseConfig } from '../../../web/config';
import { signIn } from '../../support/api';
import { drivers, openTestDatabase, type TestDatabase } from '../../support/databases';

const NOW = new Date('2026-11-26T01:30:00Z');

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`public tips on ${title}`, () => {
    let test: TestDatabase;
    let app: ReturnType<typeof createApp>;
    let keyring: TipKeyring;
    let address = 0;

    beforeAll(async () => {
      test = await openTestDatabase(driver);
      await seedDemo(test.handle.db, { today: '2026-11-26', password: 'zhucun-demo' });
      keyring = await tipKeyring(new Uint8Array(32).fill(4));
      app = createApp({
        db: test.handle.db,
        config: parseConfig({}),
        driver,
        clock: () => NOW,
        tipKeyring: keyring,
      });
    });
    afterAll(async () => test?.dispose());

    /** Each test from its own address, so the in-memory limits of one do not reach another. */
    const from = () => `198.51.100.${++address}`;
    const send = (body: unknown, ip = from()) =>
      app.request('/api/public/tips', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify(body),
      });
    const tip = {
      subject: '羊排村的驻村干部',
      situation: '2.11',
      when: '上周五晚上',
      where: '镇上的饭店',
      details: '用公款请客吃饭，喝了不少酒',
    };

    it('takes a tip about 羊排村 on Thu 2026-11-26, gives a grouped receipt code, and files it to 羊排村', async () => {
      const res = await send(tip);
      expect(res.status).toBe(201);
      const { receiptCode } = await res.json();
      expect(receiptCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
      const [village] = await test.handle.db
        .select()
        .from(t.orgUnits)
        .where(eq(t.orgUnits.name, '羊排村'));
      const rows = await test.handle.db
        .select()
        .from(t.tips)
        .where(eq(t.tips.orgUnitId, village!.id));
      expect(rows).toHaveLength(1);
      expect(rows[0]!.receivedOn).toBe('2026-11-26');
      expect(JSON.stringify(rows[0])).not.toContain('公款');
      expect(JSON.stringify(rows[0])).not.toContain('198.51.100');
    });

    it('follows a tip up with its code — lower case and without dashes too — shows a handler’s reply, and takes an addition', async () => {
      const { receiptCode } = await (await send(tip)).json();
      const county = await signIn(app, 'demo-county');
      const id = (await findTipByReceipt(test.handle.db, keyring, receiptCode))!.id;
      await county.post(`/api/tips/${id}/messages`, { text: '已收到，正在核查。' });
      const code = receiptCode.replace(/-/g, '').toLowerCase();
      const res = await app.request(`/api/public/tips/${code}`, {
        headers: { 'x-forwarded-for': from() },
      });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.status).toBe('inProgress');
      expect(body.messages).toEqual([
        { author: 'handler', sentOn: '2026-11-26', text: '已收到，正在核查。' },
      ]);
      const added = await app.request(`/api/public/tips/${receiptCode}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from() },
        body: JSON.stringify({ text: '补充：当晚还有村干部在场' }),
      });
      expect(added.status).toBe(201);
      const messages = await tipMessages(test.handle.db, keyring, id);
      expect(messages.map((m) => m.author)).toEqual(['handler', 'tipster']);
    });

    it('answers a wrong code and a malformed one the same way', async () => {
      const wrong = await app.request('/api/public/tips/ABCD-EFGH-JKMN-PQRS-TVWX', {
        headers: { 'x-forwarded-for': from() },
      });
      const malformed = await app.request('/api/public/tips/hello', {
        headers: { 'x-forwarded-for': from() },
      });
      expect(wrong.status).toBe(404);
      expect(malformed.status).toBe(404);
      expect(await wrong.json()).toEqual(await malformed.json());
    });

    it('names the field when details are too short, and limits one address to five tips an hour', async () => {
      const short = await send({ ...tip, details: '太差' });
      expect(short.status).toBe(400);
      expect((await short.json()).field).toBe('details');
      const ip = from();
      for (let i = 0; i < 5; i++) expect((await send(tip, ip)).status).toBe(201);
      expect((await send(tip, ip)).status).toBe(429);
    });
  });
}
