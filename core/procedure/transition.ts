// The whole case procedure of §3: opening a case (§3.1–§3.3), the steps of its track up to the
// notice, the evidence of §3.4 before the decision, then the post-notice machine (§3.5–§3.8) — each
// step checked against the table (table.ts) and the actor's role and level.

import type { Calendar } from '../calendar';
import type { LocalDate } from '../calendar/local-date';
import type { Parameters } from '../parameters';
import { filedWith, partiesOf } from './parties';
import type { Actor, DispatchLevel, Party } from './parties';
import {
  appealStage,
  applyPostNoticeBy,
  checkPostNotice,
  lastDate,
  mainStage,
  openCase,
} from './post-notice';
import type { CaseState, Deadline, HistoryEntry, PostNoticeEvent } from './post-notice';
import { refuse } from './refusals';
import type { Refusal, RefusalReason } from './refusals';
import { findRow, recordRows, requiredEvidence, rowsOf } from './table';
import type {
  EvidenceKind,
  PreNoticeStage,
  ProcedureRow,
  RecordEventType,
  RecordRow,
  StepEventType,
} from './table';
import { openers, trackClause, trackRow } from './tracks';
import type { OpenedVia, Track } from './tracks';

/** A case the whole procedure runs: a post-notice case whose dispatch level is known. */
export interface Case extends CaseState {
  readonly dispatchLevel: DispatchLevel;
}

/** The steps of tracks A, B and C before the notice (§3.1–§3.3). */
export type PreNoticeEvent =
  | { type: 'opinion'; date: LocalDate }
  | { type: 'request'; date: LocalDate }
  | { type: 'caseReview'; date: LocalDate }
  | { type: 'filing'; date: LocalDate }
  | { type: 'investigation'; date: LocalDate }
  | { type: 'decision'; date: LocalDate }
  | { type: 'transfer'; date: LocalDate; to: 'discipline' | 'judicial' };

/** Records that do not move the case: what was heard (§3.4), the talk (§3.5). */
export type RecordEvent =
  { type: 'evidence'; date: LocalDate; kind: EvidenceKind } | { type: 'talk'; date: LocalDate };

export type ProcedureEvent = PreNoticeEvent | RecordEvent | PostNoticeEvent;

export interface TransitionContext {
  /** Today, in Asia/Shanghai: events dated later are refused. */
  asOf: LocalDate;
  actor: Actor;
  calendar: Calendar;
  parameters: Parameters;
}

export type TransitionResult = { ok: true; case: Case; deadlines: Deadline[] } | Refusal;

/** The table and the post-notice checks disagree: a bug in this folder, never a user's doing. */
export class ProcedureTableError extends Error {
  override name = 'ProcedureTableError';
}

/**
 * Opens a case for situation `clause`: by confirming the system's flag, by intake, or by a verified
 * tip, when the actor's role may (tracks.ts). A track-B case opens with the request of §3.2①.
 */
export function openProcedure(
  args: { clause: string; dispatchLevel: DispatchLevel; date: LocalDate; via: OpenedVia },
  ctx: TransitionContext,
): TransitionResult {
  if (args.date > ctx.asOf) return refuse('event-after-as-of', '§3');
  const row = trackRow(args.clause);
  if (!row) return refuse('unknown-situation', '§2');
  const allowed = openers(args.clause, args.via);
  if (allowed.length === 0) return refuse('not-opened-this-way', `§${args.clause}`);
  if (!allowed.includes(ctx.actor.role)) return refuse('actor-not-allowed', `§${args.clause}`);
  const opened = openCase({
    clause: args.clause,
    track: row.track,
    opened: args.date,
    dispatchLevel: args.dispatchLevel,
  });
  const first: HistoryEntry = { ...opened.history[0]!, by: ctx.actor.role, detail: args.via };
  const c: Case = { ...opened, dispatchLevel: args.dispatchLevel, history: [first] };
  if (row.track === 'B') return transition(c, { type: 'request', date: args.date }, ctx);
  return { ok: true, case: c, deadlines: [] };
}

/** Takes one step of the procedure, or says why not; a refusal changes nothing. */
export function transition(c: Case, e: ProcedureEvent, ctx: TransitionContext): TransitionResult {
  const plan = check(c, e, ctx.actor, ctx.asOf);
  if (!plan.ok) return plan;
  const by = ctx.actor.role;
  switch (plan.kind) {
    case 'record': {
      const detail = e.type === 'evidence' ? e.kind : null;
      return appended(c, {
        event: e.type as RecordEventType,
        date: e.date,
        clause: plan.clause,
        by,
        detail,
      });
    }
    case 'pre': {
      const detail =
        e.type === 'filing'
          ? filedWith(c.dispatchLevel).join(', ')
          : e.type === 'transfer'
            ? e.to
            : null;
      const entry: HistoryEntry = {
        event: e.type as StepEventType,
        date: e.date,
        clause: plan.clause,
        by,
        detail,
      };
      return {
        ok: true,
        case: { ...c, preNotice: plan.to as PreNoticeStage, history: [...c.history, entry] },
        deadlines: [],
      };
    }
    case 'post': {
      let base = c;
      if (plan.approval) {
        // One agreement of several (§3.6 for a province-level cadre): recorded until all have agreed.
        const entry: HistoryEntry = {
          event: 'redeployApproval',
          date: e.date,
          clause: plan.clause,
          by,
          detail: plan.approval,
        };
        base = { ...c, history: [...c.history, entry] };
        if (!plan.completes) return { ok: true, case: base, deadlines: [] };
      }
      const result = applyPostNoticeBy(base, e as PostNoticeEvent, ctx, by);
      if (!result.ok) throw new ProcedureTableError(`checked step refused: ${result.reason}`);
      return result;
    }
  }
}

/** An event the actor may record now, with its clause (for outcome and answers: per finding). */
export interface AllowedEvent {
  type: ProcedureEvent['type'];
  clause: string;
  when?: ProcedureRow['when'];
  /** For `evidence`: the kinds the actor may record. */
  kinds?: readonly EvidenceKind[];
}

/**
 * What the UI may offer `actor` on this case now (as of `asOf`, by default the case's last date):
 * exactly the events `transition` would accept, dates aside.
 */
export function allowedEvents(
  c: Case,
  actor: Actor,
  asOf: LocalDate = lastDate(c),
): AllowedEvent[] {
  const date = asOf;
  const probes: { event: ProcedureEvent; when?: ProcedureRow['when'] }[] = [
    { event: { type: 'opinion', date } },
    { event: { type: 'request', date } },
    { event: { type: 'caseReview', date } },
    { event: { type: 'filing', date } },
    { event: { type: 'investigation', date } },
    { event: { type: 'decision', date } },
    { event: { type: 'transfer', date, to: 'discipline' } },
    { event: { type: 'notice', date } },
    { event: { type: 'appeal', date } },
    { event: { type: 'appealAnswered', date, upheld: true }, when: 'upheld' },
    { event: { type: 'appealAnswered', date, upheld: false }, when: 'notUpheld' },
    { event: { type: 'recalled', date } },
    { event: { type: 'talk', date } },
    { event: { type: 'outcome', date, changed: true }, when: 'changed' },
    { event: { type: 'outcome', date, changed: false }, when: 'unchanged' },
    { event: { type: 'redeployApproved', date } },
    { event: { type: 'closed', date } },
  ];
  const allowed: AllowedEvent[] = [];
  for (const { event, when } of probes) {
    const plan = check(c, event, actor, asOf);
    if (!plan.ok) continue;
    allowed.push(
      when
        ? { type: event.type, clause: plan.clause, when }
        : { type: event.type, clause: plan.clause },
    );
  }
  const kinds = requiredEvidence.filter(
    (kind) => check(c, { type: 'evidence', date, kind }, actor, asOf).ok,
  );
  if (kinds.length > 0) allowed.push({ type: 'evidence', clause: '§3.4', kinds });
  return allowed;
}

/** What §3.4 still needs on record before the decision step. */
export function missingEvidence(c: CaseState): EvidenceKind[] {
  const heard = new Set(c.history.filter((h) => h.event === 'evidence').map((h) => h.detail));
  return requiredEvidence.filter((kind) => !heard.has(kind));
}

type Plan =
  | { ok: true; kind: 'record'; clause: string }
  | { ok: true; kind: 'pre'; clause: string; to: ProcedureRow['to'] }
  | {
      ok: true;
      kind: 'post';
      clause: string;
      /** For a joint approval: the party agreeing now, and whether every party has then agreed. */
      approval?: Party;
      completes?: boolean;
    }
  | Refusal;

const postNoticeTypes = new Set<ProcedureEvent['type']>([
  'notice',
  'appeal',
  'appealAnswered',
  'recalled',
  'outcome',
  'redeployApproved',
  'closed',
]);

function isPostNotice(e: ProcedureEvent): e is PostNoticeEvent {
  return postNoticeTypes.has(e.type);
}

/** Everything transition checks, without a calendar: shared with allowedEvents. */
function check(c: Case, e: ProcedureEvent, actor: Actor, asOf: LocalDate): Plan {
  if (e.date > asOf) return refuse('event-after-as-of', '§3');
  const parties = partiesOf(actor, c.dispatchLevel);
  const may = (actors: readonly Party[]) => actors.some((p) => parties.includes(p));
  if (e.type === 'evidence' || e.type === 'talk') return checkRecord(c, e, parties);

  const rows = rowsOf(c.track, c.dispatchLevel).filter((r) => r.event === e.type);
  if (rows.length === 0) return refuse('not-in-track', trackClause[c.track]);
  if (!rows.some((r) => may(r.actors))) return refuse('actor-not-allowed', rows[0]!.clause);

  if (!isPostNotice(e)) {
    if (c.state === 'closed') return refuse('case-closed', rows[0]!.clause);
    if (e.date < lastDate(c)) return refuse('date-out-of-order', rows[0]!.clause);
    if (c.notice !== null) return refuse('step-already-done', rows[0]!.clause);
    const row = findRow(c.track, c.dispatchLevel, c.preNotice, e.type);
    if (!row) return refuse(stepMissing(c.track, c.preNotice, rows), rows[0]!.clause);
    return stepPlan(c, row, may, 'pre');
  }

  const refusal = checkPostNotice(c, e);
  if (refusal) return refusal;
  if (c.notice === null) {
    // The notice, or closing without one: the track's own rows decide (§3.1–§3.3).
    const row = findRow(c.track, c.dispatchLevel, c.preNotice, e.type);
    if (!row) return refuse(stepMissing(c.track, c.preNotice, rows), rows[0]!.clause);
    return stepPlan(c, row, may, 'post');
  }
  const region = e.type === 'appeal' || e.type === 'appealAnswered' ? appealStage(c) : mainStage(c);
  const when =
    e.type === 'outcome'
      ? e.changed
        ? 'changed'
        : 'unchanged'
      : e.type === 'appealAnswered'
        ? e.upheld
          ? 'upheld'
          : 'notUpheld'
        : undefined;
  const row = findRow(c.track, c.dispatchLevel, region, e.type, when);
  if (!row)
    throw new ProcedureTableError(`no row for ${e.type} from ${region} in track ${c.track}`);
  if (!may(row.actors)) return refuse('actor-not-allowed', row.clause);
  // 通过组织谈话和教育整改 — §3.6: the finding comes after the talk of §3.5.
  if (e.type === 'outcome' && !c.history.some((h) => h.event === 'talk')) {
    return refuse('no-talk', '§3.5');
  }
  if (row.jointly) {
    // 报同级组织部门(省级选派的同时报省直四个工<党>委)同意 — §3.6: each of them agrees.
    const agreed = new Set(
      c.history.filter((h) => h.event === 'redeployApproval').map((h) => h.detail),
    );
    const party = row.actors.find((p) => parties.includes(p) && !agreed.has(p));
    if (!party) return refuse('already-approved', row.clause);
    const completes = row.actors.every((p) => p === party || agreed.has(p));
    return { ok: true, kind: 'post', clause: row.clause, approval: party, completes };
  }
  return { ok: true, kind: 'post', clause: row.clause };
}

function stepPlan(
  c: Case,
  row: ProcedureRow,
  may: (actors: readonly Party[]) => boolean,
  kind: 'pre' | 'post',
): Plan {
  if (!may(row.actors)) return refuse('actor-not-allowed', row.clause);
  // 对第一书记和驻村干部教育整改进行认定时,要充分征求乡(镇、街道)党(工)委、村党组织、党员群众的意见,
  // 同时听取本人陈述,并做好工作记录 — §3.4
  if (row.evidence) {
    const missing = missingEvidence(c);
    if (missing.length > 0) return { ...refuse('evidence-missing', '§3.4'), missing };
  }
  return kind === 'pre'
    ? { ok: true, kind, clause: row.clause, to: row.to }
    : { ok: true, kind, clause: row.clause };
}

function checkRecord(c: Case, e: RecordEvent, parties: readonly Party[]): Plan {
  const rows = recordRows.filter(
    (r: RecordRow) => r.event === e.type && (e.type !== 'evidence' || r.kinds?.includes(e.kind)),
  );
  const clause = rows[0]?.clause ?? '§3.4';
  const row = rows.find((r) => r.actors.some((p) => parties.includes(p)));
  if (!row) return refuse('actor-not-allowed', clause);
  if (c.state === 'closed') return refuse('case-closed', clause);
  if (e.date < lastDate(c)) return refuse('date-out-of-order', clause);
  // 将选派干部请回单位进行教育整改,由派出单位主要领导对其进行组织谈话 — §3.5
  if (row.after === 'recalled' && c.recalled === null) return refuse('not-recalled', row.clause);
  return { ok: true, kind: 'record', clause: row.clause };
}

/** Why a pre-notice step cannot be taken from `stage`: done already, or its predecessor missing. */
function stepMissing(
  track: Track,
  stage: PreNoticeStage,
  rows: readonly ProcedureRow[],
): RefusalReason {
  const line: readonly string[] = trackLine[track];
  const here = line.indexOf(stage);
  const done = rows.some((r) => line.includes(r.to) && line.indexOf(r.to) <= here);
  const from = rows[0]!.from;
  return done || from === 'opened' ? 'step-already-done' : missingReason[from as StepStage];
}

/** Each track's stages before the notice, in order. */
const trackLine: Readonly<Record<Track, readonly PreNoticeStage[]>> = {
  A: ['opened', 'opinionMade'],
  B: ['opened', 'requested', 'reviewed', 'filed'],
  C: ['opened', 'investigated', 'decided', 'transferred'],
};

type StepStage = Exclude<PreNoticeStage, 'opened'>;

/** A later step comes early: the refusal names the step that leads to the stage it needs. */
const missingReason: Readonly<Record<StepStage, RefusalReason>> = {
  opinionMade: 'no-opinion',
  requested: 'no-request',
  reviewed: 'no-case-review',
  filed: 'no-filing',
  investigated: 'no-investigation',
  decided: 'no-decision',
  transferred: 'no-decision',
};

function appended(c: Case, entry: HistoryEntry): TransitionResult {
  return { ok: true, case: { ...c, history: [...c.history, entry] }, deadlines: [] };
}
