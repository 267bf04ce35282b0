// The ledger (工作台账, §4.5) through the API on both drivers: per cadre and per dispatching unit, the
// rows core's ledgerRows makes from the replayed cases and the annual assessments, as JSON, CSV
// (UTF-8 with a byte-order mark) and XLSX; and who may read whose ledger.
import { crc32 } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerRows } from '../../../core/responsibilities';
import { loadCase } from '../../../db/queries/cases';
import * as t from '../../../db/schema';
import { drivers } from '../../support/databases';
import {
  addUser,
  demoCadre,
  hearEveryone,
  openDemo,
  reviewFlag,
  step,
  type Demo,
  type DemoCadre,
} from './case-fixtures';

/** The files of a ZIP archive, each checked against its CRC-32 (node:zlib's, not ours). */
function unzip(bytes: Uint8Array): Map<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const files = new Map<string, string>();
  let at = 0;
  while (view.getUint32(at, true) === 0x04034b50) {
    const method = view.getUint16(at + 8, true);
    const crc = view.getUint32(at + 14, true);
    const size = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const extra = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLength));
    const data = bytes.subarray(at + 30 + nameLength + extra, at + 30 + nameLength + extra + size);
    expect(method, name).toBe(0);
    expect(crc32(data) >>> 0, name).toBe(crc);
    files.set(name, new TextDecoder().decode(data));
    at += 30 + nameLength + extra + size;
  }
  // The central directory follows, and the end record says how many files it lists.
  expect(view.getUint32(at, true)).toBe(0x02014b50);
  const end = bytes.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  expect(view.getUint16(end + 10, true)).toBe(files.size);
  expect(view.getUint32(end + 16, true)).toBe(at);
  return files;
}

for (const { driver, enabled, title } of drivers) {
  describe.skipIf(!enabled)(`ledger on ${title}`, () => {
    let demo: Demo;
    let finance: DemoCadre;
    let xijiang: DemoCadre;
    let caseId = 0;

    beforeAll(async () => {
      demo = await openDemo(driver);
      finance = await demoCadre(demo.db, { township: '丹江镇', unit: '雷山县财政局' });
      xijiang = await demoCadre(demo.db, { township: '西江镇', unitLevel: 'county' });
      await addUser(demo.db, {
        username: 'test-cadre',
        role: 'cadre',
        orgUnitId: finance.villageId,
        cadreId: finance.cadreId,
      });
      // A §2.1 case for the 雷山县财政局 cadre: confirmed, to its notice of Mon 2026-11-09, recalled.
      const county = await demo.as('demo-county');
      const flagId = await reviewFlag(demo.db, finance, '2026-11-02');
      const res = await county.post(`/api/flags/${flagId}/confirm`, {
        date: '2026-11-03',
        statement: '本人陈述记录',
      });
      caseId = (await res.json()).case.id;
      await step(county, caseId, { type: 'opinion', date: '2026-11-04', text: '初步意见' });
      await hearEveryone(county, caseId, '2026-11-05');
      await step(county, caseId, { type: 'notice', date: '2026-11-09' });
      await step(await demo.as('demo-unit'), caseId, { type: 'recalled', date: '2026-11-20' });
      // The 2025 annual assessment rated 不合格: §4.4's sanctions of a failed assessment.
      await demo.db.insert(t.reviews).values({
        cadreId: finance.cadreId,
        period: '2025',
        rating: 'unqualified',
        recordedOn: '2026-01-15',
      });
    });
    afterAll(async () => demo?.test.dispose());

    it('gives a cadre’s ledger on Thu 2026-11-26 as core’s ledgerRows of the replayed case and the 2025 assessment', async () => {
      const res = await (await demo.as('demo-county')).get(`/api/ledger/cadres/${finance.cadreId}`);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.cadre).toMatchObject({ id: finance.cadreId, name: finance.name });
      const loaded = await loadCase(demo.db, caseId);
      const expected = ledgerRows({
        cadre: finance.name,
        cases: [loaded!.state],
        reviews: [{ date: '2026-01-15', period: '2025', rating: 'unqualified' }],
        asOf: '2026-11-26',
      }).map((row) => ({ cadreId: finance.cadreId, ...row }));
      expect(body.rows).toEqual(expected);
      const recall = body.rows.find((r: { item: string }) => r.item === 'recall');
      // Recalled on Fri 2026-11-20, two days after the due date of Wed 2026-11-18.
      expect(recall).toMatchObject({ until: '2026-11-18', status: 'metLate', clause: '§3.5' });
      expect(body.rows.filter((r: { kind: string }) => r.kind === 'sanction')).toHaveLength(6);
    });

    it('judges the statuses as of another day: on Tue 2026-11-10 the recall was still open', async () => {
      const res = await (
        await demo.as('demo-county')
      ).get(`/api/ledger/cadres/${finance.cadreId}?asOf=2026-11-10`);
      const body = await res.json();
      expect(body.asOf).toBe('2026-11-10');
      expect(body.rows.find((r: { item: string }) => r.item === 'recall').status).toBe('open');
    });

    it('exports the ledger as CSV in UTF-8 with a byte-order mark, headed in Chinese (or English when asked)', async () => {
      const county = await demo.as('demo-county');
      const res = await county.get(`/api/ledger/cadres/${finance.cadreId}?format=csv`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="ledger-cadre-${finance.cadreId}-2026-11-26.csv"`,
      );
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(bytes.subarray(3));
      const lines = text.split('\r\n');
      expect(lines[0]).toBe(
        '干部编号,干部,案件序号,情形,年度考核,程序,类别,事项,日期,截止日期,内容,状态,记录单位,依据条款',
      );
      expect(lines).toContain(
        `${finance.cadreId},${finance.name},1,§2.1,,A,步骤,书面通知,2026-11-09,,,,县级组织部门,§3.1`,
      );
      expect(lines).toContain(
        `${finance.cadreId},${finance.name},1,§2.1,,A,期限,请回期限,2026-11-09,2026-11-18,否,逾期完成,,§3.5`,
      );
      expect(lines).toContain(
        `${finance.cadreId},${finance.name},,,2025,,处理措施,诫勉谈话,2026-01-15,,是,执行中,,§4.4`,
      );
      const en = await county.get(`/api/ledger/cadres/${finance.cadreId}?format=csv&lang=en`);
      // Response.text() decodes UTF-8 and drops the byte-order mark.
      expect((await en.text()).split('\r\n')[0]).toBe(
        'cadre id,cadre,case,situation,annual assessment,track,kind,item,date,until,value,status,recorded by,clause',
      );
    });

    it('exports the ledger as an XLSX workbook: a valid ZIP of the SpreadsheetML parts with the same rows', async () => {
      const res = await (
        await demo.as('demo-county')
      ).get(`/api/ledger/cadres/${finance.cadreId}?format=xlsx`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      const files = unzip(new Uint8Array(await res.arrayBuffer()));
      expect([...files.keys()]).toEqual([
        '[Content_Types].xml',
        '_rels/.rels',
        'xl/workbook.xml',
        'xl/_rels/workbook.xml.rels',
        'xl/styles.xml',
        'xl/worksheets/sheet1.xml',
      ]);
      expect(files.get('xl/workbook.xml')).toContain(
        '<sheet name="工作台账" sheetId="1" r:id="rId1"/>',
      );
      const sheet = files.get('xl/worksheets/sheet1.xml')!;
      const json = await (
        await (await demo.as('demo-county')).get(`/api/ledger/cadres/${finance.cadreId}`)
      ).json();
      // A header row and one row per ledger row.
      expect(sheet.match(/<row r="/g)).toHaveLength(json.rows.length + 1);
      expect(sheet).toContain(
        '<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">干部编号</t></is></c>',
      );
      expect(sheet).toContain(`<c r="A2"><v>${finance.cadreId}</v></c>`);
      expect(sheet).toContain(`<t xml:space="preserve">${finance.name}</t>`);
      expect(sheet).toContain('<t xml:space="preserve">书面通知</t>');
      expect(sheet).toContain('<t xml:space="preserve">一年内不得提拔使用</t>');
    });

    it('gives a dispatching unit’s ledger: demo-unit its own cadres, demo-county any unit, demo-township only the unit’s cadres in 西江镇', async () => {
      const path = `/api/ledger/units/${finance.unitId}`;
      const own = await (await (await demo.as('demo-unit')).get(path)).json();
      expect(own.unit).toMatchObject({ id: finance.unitId, name: '雷山县财政局', level: 'county' });
      expect(own.cadres.map((c: { id: number }) => c.id)).toContain(finance.cadreId);
      expect(new Set(own.rows.map((r: { cadreId: number }) => r.cadreId))).toEqual(
        new Set([finance.cadreId]),
      );
      const county = await (await (await demo.as('demo-county')).get(path)).json();
      expect(county.rows).toEqual(own.rows);
      const township = await (await (await demo.as('demo-township')).get(path)).json();
      expect(township).toMatchObject({ cadres: [], rows: [] });
      const csv = await (await demo.as('demo-unit')).get(`${path}?format=csv`);
      expect(csv.headers.get('content-disposition')).toContain(`ledger-unit-${finance.unitId}-`);
    });

    it('keeps ledgers in scope: the permission matrix of the cadre and unit ledgers', async () => {
      const cadrePath = `/api/ledger/cadres/${finance.cadreId}`;
      const otherCadre = `/api/ledger/cadres/${xijiang.cadreId}`;
      const unitPath = `/api/ledger/units/${finance.unitId}`;
      const otherUnit = `/api/ledger/units/${xijiang.unitId}`;
      // [user, the 丹江镇 cadre of 雷山县财政局, a 西江镇 cadre of another unit, 财政局, the other unit]
      const matrix: [string, number, number, number, number][] = [
        ['demo-county', 200, 200, 200, 200],
        ['demo-township', 404, 200, 200, 200],
        ['demo-unit', 200, 404, 200, 404],
        ['demo-discipline', 200, 200, 200, 200],
        ['test-cadre', 200, 404, 403, 403],
        ['demo-inspector', 403, 403, 403, 403],
        ['demo-admin', 403, 403, 403, 403],
      ];
      for (const [username, ...expected] of matrix) {
        const client = await demo.as(username);
        const statuses = [];
        for (const path of [cadrePath, otherCadre, unitPath, otherUnit]) {
          statuses.push((await client.get(path)).status);
        }
        expect(statuses, username).toEqual(expected);
      }
      expect((await demo.app.request(cadrePath)).status).toBe(401);
      expect((await (await demo.as('demo-county')).get('/api/ledger/units/99999')).status).toBe(
        404,
      );
    });

    it('shows a cadre their own ledger, without the cases of other cadres', async () => {
      const body = await (
        await (await demo.as('test-cadre')).get(`/api/ledger/cadres/${finance.cadreId}`)
      ).json();
      expect(new Set(body.rows.map((r: { cadreId: number }) => r.cadreId))).toEqual(
        new Set([finance.cadreId]),
      );
      const [row] = await demo.db.select().from(t.cases).where(eq(t.cases.id, caseId));
      expect(row!.cadreId).toBe(finance.cadreId);
    });
  });
}
