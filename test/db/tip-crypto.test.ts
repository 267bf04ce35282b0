// Tips at rest: AES-256-GCM sealing with key ids for rotation, receipt codes (100 bits, Crockford
// base32, only an HMAC stored), and the tip queries on PGlite and PostgreSQL.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addHandlerMessage,
  addTipsterMessage,
  createTip,
  findTipByReceipt,
  matchOrgUnit,
  readTip,
  type TipContent,
  tipMessages,
} from '../../db/queries/tips';
import { seedDemo } from '../../db/seed/demo';
import * as t from '../../db/schema';
import {
  formatReceiptCode,
  newReceiptCode,
  normaliseReceiptCode,
  openJson,
  receiptHash,
  sealJson,
  TipDecryptionError,
  tipKeyring,
  UnknownTipKeyError,
} from '../../db/tip-crypto';
import { drivers, openTestDatabase, type TestDatabase } from '../support/databases';

const rawKey = (fill: number) => new Uint8Array(32).fill(fill);
const content: TipContent = {
  subject: '羊排村第一书记',
  situation: '2.10',
  when: '2026年10月',
  where: null,
  details: '收了修路工程老板的红包',
  files: [{ kind: 'photo', fileId: 'AgACAgUAAxkBAAIB' }],
};

describe('sealing tip content (AES-256-GCM through WebCrypto)', () => {
  it('names a key by the first 8 hex digits of the SHA-256 of the raw key', async () => {
    const ring = await tipKeyring(rawKey(7));
    const expected = createHash('sha256').update(rawKey(7)).digest('hex').slice(0, 8);
    expect(ring.current.id).toBe(expected);
    expect([...ring.byId.keys()]).toEqual([expected]);
  });

  it('opens what it sealed, with a fresh random iv each time, stored in front of the ciphertext', async () => {
    const ring = await tipKeyring(rawKey(1));
    const a = await sealJson(ring, content, 'tip:1');
    const b = await sealJson(ring, content, 'tip:1');
    expect(a.keyId).toBe(ring.current.id);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(Buffer.from(a.ciphertext, 'base64').subarray(0, 12)).not.toEqual(
      Buffer.from(b.ciphertext, 'base64').subarray(0, 12),
    );
    expect(Buffer.from(a.ciphertext, 'base64')).toHaveLength(
      12 + Buffer.byteLength(JSON.stringify(content)) + 16,
    );
    expect(a.ciphertext).not.toContain(Buffer.from('红包').toString('base64'));
    expect(await openJson(ring, a, 'tip:1')).toEqual(content);
  });

  it('refuses another context, a tampered ciphertext, a wrong key and an unknown key id', async () => {
    const ring = await tipKeyring(rawKey(1));
    const sealed = await sealJson(ring, content, 'tip:1');
    await expect(openJson(ring, sealed, 'tip:2')).rejects.toThrow(TipDecryptionError);
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    bytes[20] = bytes[20]! ^ 1;
    await expect(
      openJson(ring, { ...sealed, ciphertext: bytes.toString('base64') }, 'tip:1'),
    ).rejects.toThrow(TipDecryptionError);
    await expect(openJson(ring, { ...sealed, ciphertext: 'not base64!' }, 'tip:1')).rejects.toThrow(
      TipDecryptionError,
    );
    const other = await tipKeyring(rawKey(2));
    await expect(openJson(other, sealed, 'tip:1')).rejects.toThrow(UnknownTipKeyError);
  });

  it('after a rotation, seals with the new key and still opens what the old one sealed', async () => {
    const old = await tipKeyring(rawKey(1));
    const sealedBefore = await sealJson(old, content, 'tip:1');
    const rotated = await tipKeyring(rawKey(3), [rawKey(1)]);
    expect(rotated.current.id).not.toBe(old.current.id);
    expect(await openJson(rotated, sealedBefore, 'tip:1')).toEqual(content);
    expect((await sealJson(rotated, content, 'tip:1')).keyId).toBe(rotated.current.id);
  });

  it('refuses a key that is not 32 bytes', async () => {
    await expect(tipKeyring(new Uint8Array(16))).rejects.toThrow(RangeError);
  });
});

describe('receipt codes', () => {
  it('are 20 Crockford base32 characters (100 random bits), shown in five groups of four', () => {
    const codes = new Set(Array.from({ length: 2000 }, newReceiptCode));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{20}$/);
    // Every character of the alphabet turns up: the low five bits of a byte are uniform.
    expect(new Set([...codes].join('')).size).toBe(32);
    expect(formatReceiptCode('ABCDEFGHJKMNPQRSTVWX')).toBe('ABCD-EFGH-JKMN-PQRS-TVWX');
  });

  it('are read back from what a person types: any case, with or without dashes or spaces', () => {
    const alphabet = [...'0123456789ABCDEFGHJKMNPQRSTVWXYZ'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...alphabet), { minLength: 20, maxLength: 20 }),
        fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
        fc.constantFrom('-', ' ', '', ' - ', '—'),
        (chars, lower, separator) => {
          const typed = chars.map((c, i) => (lower[i] ? c.toLowerCase() : c)).join('');
          const code = chars.join('');
          expect(normaliseReceiptCode(typed.match(/.{4}/g)!.join(separator))).toBe(code);
          expect(normaliseReceiptCode(formatReceiptCode(code))).toBe(code);
        },
      ),
    );
  });

  it('read the letters people confuse with digits as those digits, and refuse what cannot be a code', () => {
    expect(normaliseReceiptCode('abcd-efgh-jkmn-pqrs-tvwo')).toBe('ABCDEFGHJKMNPQRSTVW0');
    expect(normaliseReceiptCode('IIII-LLLL-OOOO-iiii-llll')).toBe('11111111000011111111');
    expect(normaliseReceiptCode('ABCD-EFGH-JKMN-PQRS-TVWU')).toBeNull(); // U is not in the alphabet
    expect(normaliseReceiptCode('ABCD-EFGH-JKMN-PQRS')).toBeNull();
    expect(normaliseReceiptCode('你好')).toBeNull();
  });

  it('are stored as an HMAC under a key derived from the tip key, not as a plain hash', async () => {
    const ring = await tipKeyring(rawKey(1));
    const other = await tipKeyring(rawKey(2));
    const code = newReceiptCode();
    const hash = await receiptHash(ring.current, code);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(await receiptHash(ring.current, code));
    expect(hash).not.toBe(await receiptHash(other.current, code));
    expect(hash).not.toBe(createHash('sha256').update(code).digest('hex'));
  });
});

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`tip queries on ${title}`, () => {
    let test: TestDatabase;
    beforeAll(async () => {
      test = await openTestDatabase(driver);
      await seedDemo(test.handle.db, { today: '2026-11-26', password: 'zhucun-demo' });
    });
    afterAll(async () => test?.dispose());

    it('stores a tip sealed, with its key id and only the HMAC of its receipt code', async () => {
      const db = test.handle.db;
      const ring = await tipKeyring(rawKey(1));
      const { id, receiptCode } = await createTip(db, ring, {
        content,
        orgUnitId: null,
        receivedOn: '2026-11-26',
      });
      const [row] = await db.select().from(t.tips).where(eq(t.tips.id, id));
      expect(row).toMatchObject({
        keyId: ring.current.id,
        status: 'received',
        receivedOn: '2026-11-26',
        receiptHash: await receiptHash(ring.current, receiptCode),
      });
      expect(JSON.stringify(row)).not.toContain(receiptCode);
      expect(JSON.stringify(row)).not.toContain('红包');
      expect((await readTip(db, ring, id))!.content).toEqual(content);
    });

    it('finds a tip by its receipt code however it is typed, and nothing for a wrong or malformed one', async () => {
      const db = test.handle.db;
      const ring = await tipKeyring(rawKey(1));
      const { id, receiptCode } = await createTip(db, ring, {
        content,
        orgUnitId: null,
        receivedOn: '2026-11-26',
      });
      const typed = formatReceiptCode(receiptCode).toLowerCase().replace(/0/g, 'o');
      expect(await findTipByReceipt(db, ring, typed)).toMatchObject({ id, status: 'received' });
      expect(await findTipByReceipt(db, ring, newReceiptCode())).toBeNull();
      expect(await findTipByReceipt(db, ring, 'hello')).toBeNull();
      expect(await findTipByReceipt(db, ring, '')).toBeNull();
    });

    it('after a key rotation, still finds old receipt codes and opens old content and messages', async () => {
      const db = test.handle.db;
      const old = await tipKeyring(rawKey(4));
      const { id, receiptCode } = await createTip(db, old, {
        content,
        orgUnitId: null,
        receivedOn: '2026-11-26',
      });
      await addTipsterMessage(db, old, id, { text: '补充：还有一次', files: [] }, '2026-11-27');
      const rotated = await tipKeyring(rawKey(5), [rawKey(4)]);
      expect(await findTipByReceipt(db, rotated, receiptCode)).toMatchObject({ id });
      expect((await readTip(db, rotated, id))!.content).toEqual(content);
      await addHandlerMessage(
        db,
        rotated,
        id,
        1,
        { text: '已收到，正在核实', files: [] },
        '2026-11-28',
      );
      const messages = await tipMessages(db, rotated, id);
      expect(messages.map((m) => [m.author, m.sentOn, m.content.text])).toEqual([
        ['tipster', '2026-11-27', '补充：还有一次'],
        ['handler', '2026-11-28', '已收到，正在核实'],
      ]);
      const rows = await db.select().from(t.tipMessages).where(eq(t.tipMessages.tipId, id));
      expect(rows.map((r) => r.keyId)).toEqual([old.current.id, rotated.current.id]);
    });

    it('binds a message to its tip and author: moved to another tip, it no longer opens', async () => {
      const db = test.handle.db;
      const ring = await tipKeyring(rawKey(1));
      const input = { content, orgUnitId: null, receivedOn: '2026-11-26' };
      const a = await createTip(db, ring, input);
      const b = await createTip(db, ring, input);
      await addHandlerMessage(
        db,
        ring,
        a.id,
        1,
        { text: '只给 A 的回复', files: [] },
        '2026-11-26',
      );
      await db.update(t.tipMessages).set({ tipId: b.id }).where(eq(t.tipMessages.tipId, a.id));
      await expect(tipMessages(db, ring, b.id)).rejects.toThrow(TipDecryptionError);
    });

    it('matches the village or township a tipster names, and nothing when it is unclear', async () => {
      const db = test.handle.db;
      const unit = async (name: string) =>
        (await db.select().from(t.orgUnits).where(eq(t.orgUnits.name, name)))[0]!.id;
      expect(await matchOrgUnit(db, '羊排村的第一书记')).toMatchObject({
        id: await unit('羊排村'),
        level: 'village',
      });
      expect((await matchOrgUnit(db, '羊排那个驻村干部'))?.id).toBe(await unit('羊排村'));
      expect((await matchOrgUnit(db, '上郎德村'))?.id).toBe(await unit('上郎德村'));
      expect(await matchOrgUnit(db, '西江镇的干部')).toMatchObject({
        id: await unit('西江镇'),
        level: 'township',
      });
      expect(await matchOrgUnit(db, '羊排村和东引村')).toBeNull();
      expect(await matchOrgUnit(db, '张三')).toBeNull();
    });
  });
}
