// The ledger (工作台账, §4.5) per cadre and per dispatching unit: every case in my scope with its
// steps, deadlines and sanctions (§3, §4.4), and the sanctions of annual assessments rated
// 不称职/不合格 — the rows core's ledgerRows makes — as JSON, CSV (UTF-8 with BOM, for Excel) or XLSX.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { describeRoute, validator } from 'hono-openapi';
import { z } from 'zod';
import { shanghaiDate, type LocalDate } from '../../core/calendar/local-date';
import { ledgerColumns, ledgerRows, type LedgerRow } from '../../core/responsibilities';
import type { Rating, Review } from '../../core/situations';
import { loadCases } from '../../db/queries/cases';
import { assignments, cadres, cases, dispatchingUnits, orgUnits, reviews } from '../../db/schema';
import { caseScope, deadlineWords, evidenceWords, idParam, say, stepWords } from './cases';
import type { ApiEnv, Language, SessionUser } from './env';
import { notFound } from './errors';
import { cadreScope } from './scope';
import { requireRole } from './session';
import { invalidInput } from './validate';
import { xlsx, type Cell } from './xlsx';

// [decision: the ledger serves assessment, posting and promotion (§4.5): the offices that run cases,
//  the province, and a cadre their own; inspectors and admins do not read it]
const ledgerReaders: readonly SessionUser['role'][] = [
  'township',
  'county',
  'dispatchingUnit',
  'discipline',
  'province',
  'cadre',
];

const query = z.object({
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  /** The day the statuses are judged on; today by default. */
  asOf: z.iso.date().optional(),
});

type Row = LedgerRow & { cadreId: number };

/** The ledger rows of these cadres, with only the cases the user may see. */
async function rowsFor(
  c: { var: ApiEnv['Variables'] },
  user: SessionUser,
  people: readonly { id: number; name: string }[],
  asOf: LocalDate,
  unitId?: number,
): Promise<Row[]> {
  const ids = people.map((p) => p.id);
  if (ids.length === 0) return [];
  const [caseRows, reviewRows] = await Promise.all([
    c.var.db
      .select({ case: cases })
      .from(cases)
      .innerJoin(assignments, eq(assignments.id, cases.assignmentId))
      .where(
        and(
          inArray(cases.cadreId, ids),
          caseScope(user),
          // A unit's ledger holds the cases of the cadres' stays for that unit.
          unitId === undefined ? undefined : eq(assignments.dispatchingUnitId, unitId),
        ),
      )
      .orderBy(asc(cases.openedOn), asc(cases.id)),
    c.var.db
      .select({
        cadreId: reviews.cadreId,
        date: reviews.recordedOn,
        period: reviews.period,
        rating: reviews.rating,
      })
      .from(reviews)
      .where(inArray(reviews.cadreId, ids)),
  ]);
  const loaded = await loadCases(
    c.var.db,
    caseRows.map((r) => r.case),
  );
  return people.flatMap((person) =>
    ledgerRows({
      cadre: person.name,
      cases: loaded.filter((l) => l.row.cadreId === person.id).map((l) => l.state),
      reviews: reviewRows
        .filter((r) => r.cadreId === person.id)
        .map((r): Review => ({ date: r.date, period: r.period, rating: r.rating as Rating })),
      asOf,
    }).map((row) => ({ cadreId: person.id, ...row })),
  );
}

const columns = ['cadreId', ...ledgerColumns] as const;

const headers: Readonly<Record<(typeof columns)[number], readonly [string, string]>> = {
  cadreId: ['干部编号', 'cadre id'],
  cadre: ['干部', 'cadre'],
  case: ['案件序号', 'case'],
  situation: ['情形', 'situation'],
  review: ['年度考核', 'annual assessment'],
  track: ['程序', 'track'],
  kind: ['类别', 'kind'],
  item: ['事项', 'item'],
  date: ['日期', 'date'],
  until: ['截止日期', 'until'],
  value: ['内容', 'value'],
  status: ['状态', 'status'],
  by: ['记录单位', 'recorded by'],
  clause: ['依据条款', 'clause'],
};

type Words = Readonly<Record<string, readonly [string, string]>>;

const kindWords: Words = {
  step: ['步骤', 'step'],
  deadline: ['期限', 'deadline'],
  sanction: ['处理措施', 'sanction'],
};
const sanctionWords: Words = {
  noAwards: ['不得参加当年评先选优', 'no awards that year'],
  noPromotion: ['一年内不得提拔使用', 'no promotion for a year'],
  bonusWithheldMin: ['扣发当年年度目标绩效奖（不低于）', 'annual bonus withheld (at least)'],
  dispatchingUnitDeduction: ['派出单位年度目标考核扣分', 'deduction for the dispatching unit'],
  bonusWithheld: ['扣发年度目标绩效奖励', 'annual bonus withheld'],
  admonitionTalk: ['诫勉谈话', 'admonishment talk'],
};
const statusWords: Words = {
  met: ['按期完成', 'met'],
  metLate: ['逾期完成', 'met late'],
  open: ['期限内', 'open'],
  overdue: ['已逾期', 'overdue'],
  ended: ['已结束', 'ended'],
  inForce: ['执行中', 'in force'],
  lapsed: ['已撤销', 'lapsed'],
};
const roleWords: Words = {
  cadre: ['本人', 'the cadre'],
  township: ['乡镇党委', 'township'],
  county: ['县级组织部门', 'county department'],
  dispatchingUnit: ['派出单位', 'dispatching unit'],
  discipline: ['纪检部门', 'discipline inspection'],
  province: ['省级组织部门', 'province'],
};
const valueWords: Words = {
  flag: ['预警确认', 'flag confirmed'],
  intake: ['受理', 'intake'],
  tip: ['举报核实', 'verified tip'],
  changed: ['思想认识确有转变', 'changed'],
  unchanged: ['思想认识没有明显转变', 'not changed'],
  upheld: ['维持', 'upheld'],
  'not upheld': ['撤销', 'not upheld'],
  discipline: ['纪检机关', 'discipline organs'],
  judicial: ['司法机关', 'judicial organs'],
  ...Object.fromEntries(Object.entries(evidenceWords)),
};

/** One ledger row as the cells of an export, in the request's language. */
function cells(row: Row, lang: Language): Cell[] {
  const item =
    row.kind === 'step'
      ? say(stepWords, row.item, lang)
      : row.kind === 'deadline'
        ? say(deadlineWords, row.item, lang)
        : say(sanctionWords, row.item, lang);
  const value =
    typeof row.value === 'boolean'
      ? lang === 'en'
        ? row.value
          ? 'yes'
          : 'no'
        : row.value
          ? '是'
          : '否'
      : typeof row.value === 'string'
        ? say(valueWords, row.value, lang)
        : row.value;
  return [
    row.cadreId,
    row.cadre,
    row.case,
    row.situation,
    row.review,
    row.track,
    say(kindWords, row.kind, lang),
    item,
    row.date,
    row.until,
    value,
    row.status ? say(statusWords, row.status, lang) : null,
    row.by ? say(roleWords, row.by, lang) : null,
    row.clause,
  ];
}

function csvField(value: Cell): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The ledger in the format asked for. */
function respond(
  c: Context<ApiEnv>,
  format: 'json' | 'csv' | 'xlsx',
  name: string,
  json: Record<string, unknown>,
  rows: Row[],
) {
  const lang = c.var.lang;
  if (format === 'json') return c.json({ ...json, columns, rows });
  const table: Cell[][] = [
    columns.map((k) => (lang === 'en' ? headers[k][1] : headers[k][0])),
    ...rows.map((r) => cells(r, lang)),
  ];
  if (format === 'csv') {
    // The byte-order mark makes Excel read the file as UTF-8, so the Chinese shows.
    const csv = '\uFEFF' + table.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}.csv"`,
    });
  }
  const bytes = xlsx(lang === 'en' ? 'Ledger' : '工作台账', table);
  return c.body(bytes.buffer as ArrayBuffer, 200, {
    'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'Content-Disposition': `attachment; filename="${name}.xlsx"`,
  });
}

export const ledgerRoutes = new Hono<ApiEnv>()
  .get(
    '/ledger/cadres/:id',
    describeRoute({
      tags: ['ledger'],
      summary:
        'A cadre’s ledger (工作台账, §4.5): cases, deadlines, sanctions; ?format=json|csv|xlsx',
    }),
    validator('param', idParam, invalidInput),
    validator('query', query, invalidInput),
    async (c) => {
      const user = requireRole(c, ledgerReaders);
      const id = c.req.valid('param').id;
      const q = c.req.valid('query');
      const [cadre] = await c.var.db
        .select({ id: cadres.id, name: cadres.name, title: cadres.title })
        .from(cadres)
        .innerJoin(assignments, eq(assignments.cadreId, cadres.id))
        .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
        .where(
          and(
            eq(cadres.id, id),
            user.role === 'cadre' ? eq(cadres.id, user.cadreId ?? -1) : cadreScope(user),
          ),
        )
        .limit(1);
      if (!cadre) throw notFound();
      const asOf = q.asOf ?? shanghaiDate(c.var.now);
      const rows = await rowsFor(c, user, [cadre], asOf);
      return respond(c, q.format, `ledger-cadre-${cadre.id}-${asOf}`, { cadre, asOf }, rows);
    },
  )
  .get(
    '/ledger/units/:id',
    describeRoute({
      tags: ['ledger'],
      summary: 'A dispatching unit’s ledger (§4.5): its cadres in my scope; ?format=json|csv|xlsx',
    }),
    validator('param', idParam, invalidInput),
    validator('query', query, invalidInput),
    async (c) => {
      const user = requireRole(
        c,
        ledgerReaders.filter((r) => r !== 'cadre'),
      );
      const id = c.req.valid('param').id;
      const q = c.req.valid('query');
      if (user.role === 'dispatchingUnit' && user.dispatchingUnitId !== id) throw notFound();
      const [unit] = await c.var.db
        .select({
          id: dispatchingUnits.id,
          name: dispatchingUnits.name,
          level: dispatchingUnits.level,
        })
        .from(dispatchingUnits)
        .where(eq(dispatchingUnits.id, id));
      if (!unit) throw notFound();
      const people = await c.var.db
        .selectDistinct({ id: cadres.id, name: cadres.name })
        .from(assignments)
        .innerJoin(cadres, eq(cadres.id, assignments.cadreId))
        .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
        .where(and(eq(assignments.dispatchingUnitId, id), cadreScope(user)))
        .orderBy(asc(cadres.id));
      const asOf = q.asOf ?? shanghaiDate(c.var.now);
      const rows = await rowsFor(c, user, people, asOf, unit.id);
      return respond(
        c,
        q.format,
        `ledger-unit-${unit.id}-${asOf}`,
        { unit, asOf, cadres: people },
        rows,
      );
    },
  );
