// Cases (教育整改) through §3: intake, the list and one case with its timeline, deadlines (working
// days, provisional mark), the steps the signed-in user may take now and its sanctions; one endpoint
// for every step. Every rule is core's (db/queries/cases.ts replays the events through it); this
// file holds scope, input and the words a refusal is said in.
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { Hono } from 'hono';
import { describeRoute, validator } from 'hono-openapi';
import { z } from 'zod';
import { shanghaiDate, type LocalDate } from '../../core/calendar/local-date';
import { allowedEvents, missingEvidence, trackClause } from '../../core/procedure';
import type { EvidenceKind } from '../../core/procedure';
import { caseSanctions } from '../../core/responsibilities';
import { isSituationId, situation } from '../../core/situations';
import {
  applyStep,
  coreActor,
  deadlinesOn,
  evidenceOnRecord,
  loadCase,
  openCase,
  procedureEvent,
  type LoadedCase,
} from '../../db/queries/cases';
import { assignments, cadres, cases, dispatchingUnits, orgUnits } from '../../db/schema';
import type { ApiEnv, Language, SessionUser } from './env';
import { ApiError, notFound } from './errors';
import { inSubtree } from './scope';
import { requireRole } from './session';
import { invalidInput } from './validate';

/** Who reads cases: the offices in the procedure, the province, and a cadre their own. */
export const caseReaders: readonly SessionUser['role'][] = [
  'township',
  'county',
  'dispatchingUnit',
  'discipline',
  'province',
  'cadre',
];

/**
 * Conditions on `cases` joined with `assignments`: the case's village lies in the user's subtree;
 * a dispatching unit sees only its own cadres' cases, a cadre only their own.
 */
export function caseScope(user: SessionUser): SQL {
  if (user.role === 'cadre') return eq(cases.cadreId, user.cadreId ?? -1);
  const conditions = [inSubtree(cases.scopePath, user)];
  if (user.role === 'dispatchingUnit') {
    conditions.push(eq(assignments.dispatchingUnitId, user.dispatchingUnitId ?? -1));
  }
  return and(...conditions)!;
}

/** The case, replayed through core, if the user may see it; else 404. */
export async function caseInScope(
  c: { var: ApiEnv['Variables'] },
  user: SessionUser,
  caseId: number,
): Promise<LoadedCase> {
  const [row] = await c.var.db
    .select({ id: cases.id })
    .from(cases)
    .innerJoin(assignments, eq(assignments.id, cases.assignmentId))
    .where(and(eq(cases.id, caseId), caseScope(user)));
  const loaded = row ? await loadCase(c.var.db, row.id) : null;
  if (!loaded) throw notFound();
  return loaded;
}

// ——— Words ———

type Words = Readonly<Record<string, readonly [zh: string, en: string]>>;

/** The steps and records of a case, as the timeline and the ledger name them. */
export const stepWords: Words = {
  opened: ['立案', 'opened'],
  opinion: ['县级组织部门初步意见', 'preliminary opinion'],
  request: ['乡镇党委书面请示', 'written request'],
  caseReview: ['复核审定', 'review'],
  filing: ['备案', 'filing'],
  investigation: ['联合调查核实', 'joint investigation'],
  decision: ['处理决定', 'decision'],
  transfer: ['移交纪检司法机关', 'transfer'],
  notice: ['书面通知', 'written notice'],
  appeal: ['复核申请', 'appeal'],
  appealAnswered: ['复核答复', 'appeal answered'],
  recalled: ['请回单位', 'recalled'],
  talk: ['组织谈话', 'talk'],
  outcome: ['教育整改结论', 'outcome'],
  redeployApproval: ['同意重新派回（一方）', 'redeployment agreed (one party)'],
  redeployApproved: ['同意重新派回', 'redeployment approved'],
  closed: ['结案', 'closed'],
  evidence: ['意见及本人陈述记录', 'opinions and statement'],
};

export const deadlineWords: Words = {
  appeal: ['复核申请期限', 'appeal window'],
  appealAnswer: ['复核答复期限', 'appeal answer'],
  recall: ['请回期限', 'recall'],
  return: ['重新派回期限', 'return to the village'],
  replacement: ['另行选派期限', 'replacement'],
};

export const evidenceWords: Readonly<Record<EvidenceKind, readonly [string, string]>> = {
  townshipOpinion: ['乡（镇、街道）党（工）委意见', 'township Party committee’s opinion'],
  villagePartyOpinion: ['村党组织意见', 'village Party organization’s opinion'],
  membersOpinion: ['党员群众意见', 'Party members’ and villagers’ opinion'],
  statement: ['本人陈述', 'the cadre’s statement'],
};

export function say(words: Words, key: string, lang: Language): string {
  const w = words[key];
  return w ? (lang === 'en' ? w[1] : w[0]) : key;
}

const refusalWords: Words = {
  'case-closed': ['案件已结案。', 'The case is closed.'],
  'date-out-of-order': ['日期早于本案上一步骤的日期。', 'The date is before the case’s last step.'],
  'notice-already-received': ['书面通知已经送达。', 'The notice has already been received.'],
  'no-notice': ['尚未送达书面通知。', 'The written notice has not been received yet.'],
  'appeal-already-filed': ['已经提出过复核申请。', 'An appeal has already been filed.'],
  'appeal-window-closed': [
    '已超过接到通知之日起2个工作日的复核申请期限。',
    'The appeal window (2 working days from the notice) has closed.',
  ],
  'no-appeal': ['没有待答复的复核申请。', 'There is no appeal to answer.'],
  'appeal-already-answered': ['复核申请已经答复。', 'The appeal has already been answered.'],
  'appeal-pending': ['复核申请尚待答复。', 'An appeal awaits its answer.'],
  'already-recalled': ['已经请回单位。', 'The cadre has already been recalled.'],
  'not-recalled': ['尚未将干部请回单位。', 'The cadre has not been recalled yet.'],
  'outcome-already-recorded': ['整改结论已经记录。', 'The outcome is already on record.'],
  'no-outcome': ['尚无教育整改结论。', 'There is no outcome yet.'],
  'outcome-not-changed': [
    '整改结论为思想认识没有明显转变，不能重新派回。',
    'The outcome found no change: the cadre cannot be sent back.',
  ],
  'redeploy-already-approved': ['已经同意重新派回。', 'The redeployment is already approved.'],
  'event-after-as-of': ['日期不能晚于今天。', 'The date cannot be after today.'],
  'actor-not-allowed': ['您的单位不能进行这一步骤。', 'Your office may not take this step.'],
  'not-in-track': ['这一步骤不属于本案的程序。', 'This step is not part of the case’s track.'],
  'evidence-missing': [
    '认定前须充分征求意见并听取本人陈述：',
    'Before deciding, the opinions and the statement must be on record: ',
  ],
  'no-opinion': ['尚无初步意见。', 'There is no preliminary opinion yet.'],
  'no-request': ['尚无书面请示。', 'There is no written request yet.'],
  'no-case-review': ['尚未复核审定。', 'The case has not been reviewed yet.'],
  'no-filing': ['尚未备案。', 'The case has not been filed yet.'],
  'no-investigation': ['尚未联合调查核实。', 'There has been no joint investigation yet.'],
  'no-decision': ['尚无处理决定。', 'There is no decision yet.'],
  'step-already-done': ['这一步骤已经完成。', 'This step has already been taken.'],
  'no-talk': ['尚未进行组织谈话。', 'The talk has not been held yet.'],
  'already-approved': ['您已经同意过。', 'You have already agreed.'],
  'unknown-situation': ['没有这一情形。', 'No such situation.'],
  'not-opened-this-way': [
    '这一情形不能以这种方式立案。',
    'This situation cannot be opened this way.',
  ],
  'flag-not-raised': ['预警在这一天还没有产生。', 'The flag was not raised by that day.'],
  'flag-not-open': ['预警已经处理。', 'The flag has already been decided.'],
  'case-already-open': [
    '该干部同一情形已有未结案件。',
    'The cadre already has an open case for this situation.',
  ],
  'idempotency-key-reused': [
    '这个幂等键已用于另一个操作。',
    'This idempotency key was used for another step.',
  ],
  'no-assignment': ['该干部在这一天没有驻村任职。', 'The cadre had no assignment on that day.'],
};

/** A refusal from core (or from the database) as the HTTP error that says why and which clause. */
export function refusalError(r: {
  reason: string;
  clause?: string;
  missing?: readonly EvidenceKind[];
}): ApiError {
  if (r.reason === 'case-not-found' || r.reason === 'flag-not-found') return notFound();
  // [decision: a step the actor's office may not take is 403, with core's reason and clause; any
  //  other refusal of core's table is 422; a clash with what is already stored is 409]
  const status =
    r.reason === 'actor-not-allowed'
      ? 403
      : r.reason === 'case-already-open' || r.reason === 'idempotency-key-reused'
        ? 409
        : 422;
  let [zh, en] = refusalWords[r.reason] ?? ['这一步骤被拒绝。', 'The step is refused.'];
  if (r.missing && r.missing.length > 0) {
    zh += r.missing.map((k) => evidenceWords[k][0]).join('、') + '。';
    en += r.missing.map((k) => evidenceWords[k][1]).join(', ') + '.';
  }
  return new ApiError(status, r.reason, zh, en, undefined, r.clause);
}

// ——— Views ———

/** A situation's text in the request's language. */
export function situationText(clause: string, lang: Language): string {
  if (!isSituationId(clause)) return '';
  const s = situation(clause);
  return lang === 'en' ? s.en : s.zh;
}

/** What the signed-in user sees of one case. */
export async function caseView(
  c: { var: ApiEnv['Variables'] },
  user: SessionUser,
  loaded: LoadedCase,
) {
  const { row, state } = loaded;
  const lang = c.var.lang;
  const today = shanghaiDate(c.var.now);
  const [people] = await c.var.db
    .select({
      cadreName: cadres.name,
      cadreTitle: cadres.title,
      unitId: dispatchingUnits.id,
      unitName: dispatchingUnits.name,
    })
    .from(assignments)
    .innerJoin(cadres, eq(cadres.id, assignments.cadreId))
    .innerJoin(dispatchingUnits, eq(dispatchingUnits.id, assignments.dispatchingUnitId))
    .where(eq(assignments.id, row.assignmentId));
  // 举报 — a tip about a cadre is never shown to that cadre's own dispatching unit (architecture.md)
  const hidesTip = user.role === 'dispatchingUnit' || user.role === 'cadre';
  const sanctionsInForce = caseSanctions(state);
  return {
    id: row.id,
    clause: `§${row.clause}`,
    situation: situationText(row.clause, lang),
    track: row.track,
    trackClause: trackClause[row.track],
    origin: row.origin,
    flagId: row.flagId,
    tipId: hidesTip ? null : row.tipId,
    state: state.state,
    stage: row.step,
    appeal: state.appeal,
    openedOn: row.openedOn,
    noticeOn: state.notice,
    closedOn: state.closedOn,
    dispatchLevel: row.dispatchLevel,
    cadre: { id: row.cadreId, name: people?.cadreName ?? '', title: people?.cadreTitle ?? null },
    village: { id: loaded.village.id, name: loaded.village.name },
    dispatchingUnit: people ? { id: people.unitId, name: people.unitName } : null,
    asOf: today,
    timeline: loaded.events.map((e) => {
      const { actorLevel: _, ...payload } = e.row.payload as Record<string, unknown>;
      if (hidesTip) delete payload.tipId;
      // What a verified tip was found to say opened the case: not for the unit or the cadre.
      const redacted = hidesTip && row.origin === 'tip' && e.row.event === 'opened';
      return {
        seq: e.row.seq,
        type: e.row.event,
        name: say(stepWords, e.row.event, lang),
        date: e.row.occurredOn,
        recordedAt: e.row.recordedAt,
        by: { userId: e.row.actorUserId, name: e.row.actorName, role: e.row.actorRole },
        clause: e.history[0]?.clause ?? e.refused?.clause ?? null,
        steps: e.history.map((h) => ({
          event: h.event,
          name: say(stepWords, h.event, lang),
          date: h.date,
          clause: h.clause,
          detail: h.detail,
        })),
        payload: redacted ? { via: 'tip' } : payload,
        ...(e.refused ? { refused: { reason: e.refused.reason, clause: e.refused.clause } } : {}),
      };
    }),
    deadlines: deadlinesOn(loaded, today).map(({ deadline: d, status, left: owed, overdue }) => {
      // The days left while the deadline is open; an overdue one says by how much in overdueWorkdays.
      const left = status === 'open' ? owed : null;
      return {
        step: d.step,
        name: say(deadlineWords, d.step, lang),
        clause: d.clause,
        startsOn: d.startsOn,
        due: d.due,
        provisional: d.provisional || (left?.provisional ?? false),
        status,
        workdaysLeft: left?.workdays ?? null,
        overdueWorkdays: overdue?.overdueWorkdays ?? null,
        escalate: overdue?.escalate ?? false,
        escalateTo: overdue?.escalateTo ?? null,
      };
    }),
    evidence: { onRecord: evidenceOnRecord(state), missing: missingEvidence(state) },
    sanctions: state.sanctions
      ? { ...state.sanctions, inForce: sanctionsInForce !== null, lapsed: state.lapsed }
      : null,
    allowedEvents: allowedEvents(state, coreActor(user), today),
  };
}

// ——— Input ———

const idempotencyKey = z.string().trim().min(8).max(100);
const text = z.string().trim().min(1).max(10_000);
const refs = z.array(z.string().trim().min(1).max(500)).max(50);
const clauseId = z
  .string()
  .regex(/^§?2\.(1[0-3]|[1-9])$/, '须为第二条所列情形 2.1 … 2.13 / a situation of §2: 2.1 … 2.13')
  .transform((s) => s.replace('§', ''));

export const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

const intake = z.object({
  cadreId: z.number().int().positive(),
  clause: clauseId,
  date: z.iso.date(),
  description: text,
  refs: refs.optional(),
  idempotencyKey: idempotencyKey.optional(),
});

const eventTypes = [
  'opinion',
  'request',
  'caseReview',
  'filing',
  'investigation',
  'decision',
  'transfer',
  'notice',
  'appeal',
  'appealAnswered',
  'recalled',
  'talk',
  'outcome',
  'redeployApproved',
  'closed',
  'evidence',
] as const;

// [decision: what §3.4 and §3.5 call 工作记录 and 谈话记录 — the opinions heard, the statement, the
//  preliminary opinion, the talk — must carry their text; other steps may carry a comment]
const needsText = new Set<string>(['evidence', 'talk', 'opinion']);

const stepBody = z
  .object({
    type: z.enum(eventTypes),
    date: z.iso.date(),
    text: text.optional(),
    refs: refs.optional(),
    kind: z
      .enum(['townshipOpinion', 'villagePartyOpinion', 'membersOpinion', 'statement'])
      .optional(),
    to: z.enum(['discipline', 'judicial']).optional(),
    changed: z.boolean().optional(),
    upheld: z.boolean().optional(),
    idempotencyKey: idempotencyKey.optional(),
  })
  .superRefine((b, ctx) => {
    const need = (field: string, ok: boolean, message: string) => {
      if (!ok) ctx.addIssue({ code: 'custom', path: [field], message });
    };
    if (needsText.has(b.type))
      need('text', b.text !== undefined, '这一步必须填写 / required for this step');
    if (b.type === 'evidence')
      need('kind', b.kind !== undefined, '记录证据时必须填写 / required for evidence');
    if (b.type === 'transfer')
      need('to', b.to !== undefined, '移交时必须填写 / required for a transfer');
    if (b.type === 'outcome')
      need('changed', b.changed !== undefined, '记录结果时必须填写 / required for an outcome');
    if (b.type === 'appealAnswered')
      need('upheld', b.upheld !== undefined, '答复时必须填写 / required for an answer');
  });

const listQuery = z.object({
  state: z.enum(['open', 'closed']).optional(),
  clause: clauseId.optional(),
  cadreId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

const township = alias(orgUnits, 'township');

export const caseRoutes = new Hono<ApiEnv>()
  .get(
    '/cases',
    describeRoute({
      tags: ['cases'],
      summary: 'Cases in my scope (教育整改), newest first; ?state=open|closed',
    }),
    validator('query', listQuery, invalidInput),
    async (c) => {
      const user = requireRole(c, caseReaders);
      const q = c.req.valid('query');
      const rows = await c.var.db
        .select({
          case: cases,
          cadreName: cadres.name,
          villageName: orgUnits.name,
          townshipName: township.name,
          unitId: dispatchingUnits.id,
          unitName: dispatchingUnits.name,
        })
        .from(cases)
        .innerJoin(assignments, eq(assignments.id, cases.assignmentId))
        .innerJoin(cadres, eq(cadres.id, cases.cadreId))
        .innerJoin(orgUnits, eq(orgUnits.id, cases.villageId))
        .leftJoin(township, eq(township.id, orgUnits.parentId))
        .innerJoin(dispatchingUnits, eq(dispatchingUnits.id, assignments.dispatchingUnitId))
        .where(
          and(
            caseScope(user),
            q.state ? eq(cases.state, q.state) : undefined,
            q.clause ? eq(cases.clause, q.clause) : undefined,
            q.cadreId ? eq(cases.cadreId, q.cadreId) : undefined,
          ),
        )
        .orderBy(desc(cases.openedOn), desc(cases.id))
        .limit(q.limit);
      return c.json({
        cases: rows.map((r) => ({
          id: r.case.id,
          clause: `§${r.case.clause}`,
          situation: situationText(r.case.clause, c.var.lang),
          track: r.case.track,
          origin: r.case.origin,
          state: r.case.state,
          stage: r.case.step,
          openedOn: r.case.openedOn,
          noticeOn: r.case.noticeOn,
          closedOn: r.case.closedOn,
          cadre: { id: r.case.cadreId, name: r.cadreName },
          village: { id: r.case.villageId, name: r.villageName },
          township: r.townshipName,
          dispatchingUnit: { id: r.unitId, name: r.unitName },
        })),
      });
    },
  )
  .post(
    '/cases',
    describeRoute({
      tags: ['cases'],
      summary: 'Intake: file a situation of §2 with evidence; who may file what is core’s',
    }),
    validator('json', intake, invalidInput),
    async (c) => {
      const user = requireRole(c, ['township', 'county', 'dispatchingUnit', 'discipline']);
      const body = c.req.valid('json');
      // The cadre must be in the filer's scope (404 otherwise, so nothing leaks).
      const [inScope] = await c.var.db
        .select({ id: assignments.id })
        .from(assignments)
        .innerJoin(orgUnits, eq(orgUnits.id, assignments.villageId))
        .where(
          and(
            eq(assignments.cadreId, body.cadreId),
            inSubtree(orgUnits.path, user),
            user.role === 'dispatchingUnit'
              ? eq(assignments.dispatchingUnitId, user.dispatchingUnitId ?? -1)
              : undefined,
          ),
        )
        .limit(1);
      if (!inScope) throw notFound();
      const result = await openCase(c.var.db, {
        cadreId: body.cadreId,
        clause: body.clause,
        via: 'intake',
        openedOn: body.date,
        actor: user,
        payload: { description: body.description, ...(body.refs ? { refs: body.refs } : {}) },
        idempotencyKey: body.idempotencyKey,
        now: c.var.now,
      });
      if (!result.ok) throw refusalError(result);
      return c.json(await caseView(c, user, result.case), result.replayed ? 200 : 201);
    },
  )
  .get(
    '/cases/:id',
    describeRoute({
      tags: ['cases'],
      summary:
        'One case: timeline, deadlines in working days (provisional mark), allowed steps, sanctions',
    }),
    validator('param', idParam, invalidInput),
    async (c) => {
      const user = requireRole(c, caseReaders);
      const loaded = await caseInScope(c, user, c.req.valid('param').id);
      return c.json(await caseView(c, user, loaded));
    },
  )
  .post(
    '/cases/:id/events',
    describeRoute({
      tags: ['cases'],
      summary:
        'Record one step of the case (§3.1–§3.8): allowed or refused by core, 422 with reason and clause',
    }),
    validator('param', idParam, invalidInput),
    validator('json', stepBody, invalidInput),
    async (c) => {
      const user = requireRole(c, caseReaders);
      const loaded = await caseInScope(c, user, c.req.valid('param').id);
      const body = c.req.valid('json');
      const event = procedureEvent(body.type, body.date as LocalDate, body);
      if (!event) throw refusalError({ reason: 'not-in-track', clause: '§3' });
      const payload: Record<string, unknown> = {};
      if (body.text !== undefined) payload.text = body.text;
      if (body.refs !== undefined) payload.refs = body.refs;
      const result = await applyStep(c.var.db, loaded.row.id, event, user, c.var.now, {
        payload,
        idempotencyKey: body.idempotencyKey,
      });
      if (!result.ok) throw refusalError(result);
      return c.json(
        {
          replayed: result.replayed,
          event: { seq: result.event.row.seq, type: result.event.row.event },
          deadlines: result.deadlines,
          case: await caseView(c, user, result.case),
        },
        result.replayed ? 200 : 201,
      );
    },
  );
