// The post-notice machine, common to tracks A, B and C (§3.5–§3.8): from the written rectification
// notice to the recall, the outcome, the redeployment or the replacement, and the appeal beside them,
// with the working-day deadlines each step starts. The scenario runner drives cases through it alone.

import { workdaysAfter } from '../calendar';
import type { Calendar } from '../calendar';
import type { LocalDate } from '../calendar/local-date';
import type { Parameters } from '../parameters';
import { rectificationSanctions } from '../responsibilities/sanctions';
import type { RectificationSanctions } from '../responsibilities/sanctions';
import type { DispatchLevel, Role } from './parties';
import { refuse } from './refusals';
import type { Refusal } from './refusals';
import type {
  AppealStage,
  MainStage,
  PreNoticeStage,
  RecordEventType,
  StepEventType,
} from './table';
import { trackClause } from './tracks';
import type { Track } from './tracks';

export type PostNoticeEvent =
  | { type: 'notice'; date: LocalDate }
  | { type: 'appeal'; date: LocalDate }
  | { type: 'appealAnswered'; date: LocalDate; upheld: boolean }
  | { type: 'recalled'; date: LocalDate }
  | { type: 'outcome'; date: LocalDate; changed: boolean }
  | { type: 'redeployApproved'; date: LocalDate }
  | { type: 'closed'; date: LocalDate };

export type DeadlineStep = 'appeal' | 'appealAnswer' | 'recall' | 'return' | 'replacement';

/** A working-day period a step started: it ends on `due`, the n-th working day after `startsOn`. */
export interface Deadline {
  step: DeadlineStep;
  startsOn: LocalDate;
  due: LocalDate;
  /** A day it depends on lies in a year whose State Council schedule is not published. */
  provisional: boolean;
  clause: string;
}

/** One accepted event, in the order accepted: the case's history (the ledger's steps, §4.5). */
export interface HistoryEntry {
  event: 'opened' | StepEventType | RecordEventType | 'redeployApproval';
  date: LocalDate;
  clause: string;
  /** The role that recorded it; null when the caller did not say (the scenario runner). */
  by: Role | null;
  /** What the step found or named: 'changed', 'not upheld', an evidence kind, a filing body… */
  detail: string | null;
}

export interface AppealRecord {
  filed: LocalDate;
  answered: { date: LocalDate; upheld: boolean } | null;
}

/** A case, as an immutable value: every transition returns a new one. */
export interface CaseState {
  /** The situation of §2 that opened it: '2.1'…'2.13'. */
  readonly clause: string;
  readonly track: Track;
  readonly opened: LocalDate;
  /** The level that sent the cadre; null when the caller does not know it (escalation then has no target). */
  readonly dispatchLevel: DispatchLevel | null;
  /** Where the case stands before its notice (transition.ts moves it; the post-notice machine does not). */
  readonly preNotice: PreNoticeStage;
  readonly state: 'open' | 'closed';
  readonly closedOn: LocalDate | null;
  /** The day the dispatching unit received the written notice. */
  readonly notice: LocalDate | null;
  readonly appeal: AppealRecord | null;
  readonly recalled: LocalDate | null;
  readonly outcome: { date: LocalDate; changed: boolean } | null;
  readonly redeployApproved: LocalDate | null;
  /** Every deadline that arose, met or not, in the order they arose. */
  readonly deadlines: readonly Deadline[];
  /** The §4.4 sanctions, from the notice on. */
  readonly sanctions: RectificationSanctions | null;
  /** The notice was withdrawn on appeal: the case is closed and its sanctions no longer apply. */
  readonly lapsed: boolean;
  readonly history: readonly HistoryEntry[];
}

export interface PostNoticeContext {
  calendar: Calendar;
  parameters: Parameters;
}

export type PostNoticeResult<C extends CaseState = CaseState> =
  { ok: true; case: C; deadlines: Deadline[] } | Refusal;

export function openCase(args: {
  clause: string;
  track: Track;
  opened: LocalDate;
  dispatchLevel?: DispatchLevel;
}): CaseState {
  return {
    clause: args.clause,
    track: args.track,
    opened: args.opened,
    dispatchLevel: args.dispatchLevel ?? null,
    preNotice: 'opened',
    state: 'open',
    closedOn: null,
    notice: null,
    appeal: null,
    recalled: null,
    outcome: null,
    redeployApproved: null,
    deadlines: [],
    sanctions: null,
    lapsed: false,
    history: [
      { event: 'opened', date: args.opened, clause: `§${args.clause}`, by: null, detail: null },
    ],
  };
}

/**
 * Applies one event after (or, for `notice` and `closed`, before) the notice. A refusal leaves the
 * case as it was and starts no deadline. Extra fields of `c` (transition.ts's Case) are kept.
 */
export function applyPostNotice<C extends CaseState>(
  c: C,
  e: PostNoticeEvent,
  ctx: PostNoticeContext,
): PostNoticeResult<C> {
  return applyPostNoticeBy(c, e, ctx, null);
}

/** applyPostNotice, recording who took the step (transition.ts). */
export function applyPostNoticeBy<C extends CaseState>(
  c: C,
  e: PostNoticeEvent,
  ctx: PostNoticeContext,
  by: Role | null,
): PostNoticeResult<C> {
  const refusal = checkPostNotice(c, e);
  if (refusal) return refusal;
  const { calendar, parameters } = ctx;
  const deadline = (step: DeadlineStep, n: number, clause: string): Deadline => {
    const { date, provisional } = workdaysAfter(calendar, e.date, n);
    return { step, startsOn: e.date, due: date, provisional, clause };
  };
  const clause = eventClause(c, e);
  let next: C;
  let started: Deadline[] = [];
  let detail: string | null = null;
  switch (e.type) {
    case 'notice':
      started = [
        // 可在接到教育整改通知日起2个工作日内……提出复核申请 — §3.8
        deadline('appeal', parameters.appealWorkdays, '§3.8'),
        // 派出单位接到教育整改通知后,要在7个工作日内将选派干部请回单位 — §3.5
        deadline('recall', parameters.recallWorkdays, '§3.5'),
      ];
      // 凡被采取教育整改的干部不得参加当年评先选优,一年内不得提拔使用…… — §4.4
      // [decision: the sanctions start with the notice — scenarios/README.md]
      next = { ...c, notice: e.date, sanctions: rectificationSanctions(e.date, parameters) };
      break;
    case 'appeal':
      // 有关部门在5个工作日内予以复核并答复 — §3.8
      started = [deadline('appealAnswer', parameters.appealAnswerWorkdays, '§3.8')];
      next = { ...c, appeal: { filed: e.date, answered: null } };
      break;
    case 'appealAnswered': {
      const appeal: AppealRecord = {
        filed: c.appeal!.filed,
        answered: { date: e.date, upheld: e.upheld },
      };
      detail = e.upheld ? 'upheld' : 'not upheld';
      // [decision: an answer that does not uphold the notice withdraws it: the case closes and its
      //  sanctions lapse — scenarios/README.md]
      next = e.upheld
        ? { ...c, appeal }
        : { ...c, appeal, state: 'closed', closedOn: e.date, lapsed: true };
      break;
    }
    case 'recalled':
      next = { ...c, recalled: e.date };
      break;
    case 'outcome':
      detail = e.changed ? 'changed' : 'unchanged';
      // 由派出单位在7个工作日内从本单位干部中另行择优选派 — §3.7
      // [decision: the replacement period starts on the day of the finding that the cadre has not
      //  changed — clauses.md §3.7]
      if (!e.changed) started = [deadline('replacement', parameters.replacementWorkdays, '§3.7')];
      next = { ...c, outcome: { date: e.date, changed: e.changed } };
      break;
    case 'redeployApproved':
      // 报同级组织部门……同意之后,在7个工作日内重新派回驻村 — §3.6
      started = [deadline('return', parameters.redeployReturnWorkdays, '§3.6')];
      next = { ...c, redeployApproved: e.date };
      break;
    case 'closed':
      next = { ...c, state: 'closed', closedOn: e.date };
      break;
  }
  const entry: HistoryEntry = { event: e.type, date: e.date, clause, by, detail };
  return {
    ok: true,
    case: { ...next, deadlines: [...c.deadlines, ...started], history: [...c.history, entry] },
    deadlines: started,
  };
}

/** Why the event is refused, or null when it may be applied. Needs no calendar. */
export function checkPostNotice(c: CaseState, e: PostNoticeEvent): Refusal | null {
  const clause = eventClause(c, e);
  if (c.state === 'closed') return refuse('case-closed', clause);
  // [decision: a case's events come in date order; one dated before the case's last accepted event
  //  (or before it opened) is refused rather than rewriting what followed]
  if (e.date < lastDate(c)) return refuse('date-out-of-order', clause);
  const pending = c.appeal !== null && c.appeal.answered === null;
  switch (e.type) {
    case 'notice':
      return c.notice !== null ? refuse('notice-already-received', clause) : null;
    case 'appeal': {
      if (c.notice === null) return refuse('no-notice', clause);
      if (c.appeal !== null) return refuse('appeal-already-filed', clause);
      // 可在接到教育整改通知日起2个工作日内 — §3.8: an appeal on the due date is in time.
      const window = appealWindow(c);
      return window && e.date > window.due ? refuse('appeal-window-closed', clause) : null;
    }
    case 'appealAnswered':
      if (c.appeal === null) return refuse('no-appeal', clause);
      return c.appeal.answered !== null ? refuse('appeal-already-answered', clause) : null;
    case 'recalled':
      // [decision: an appeal does not suspend the recall: §3.8 says nothing of it, and the recall
      //  deadline runs from the notice — scenarios/README.md]
      if (c.notice === null) return refuse('no-notice', clause);
      return c.recalled !== null ? refuse('already-recalled', clause) : null;
    case 'outcome':
      // 通过组织谈话和教育整改 — §3.6: the finding comes after the recall of §3.5.
      if (c.notice === null) return refuse('no-notice', clause);
      if (c.recalled === null) return refuse('not-recalled', clause);
      if (c.outcome !== null) return refuse('outcome-already-recorded', clause);
      // [decision: no finding while an appeal awaits its answer, which may withdraw the notice — §3.8]
      return pending ? refuse('appeal-pending', '§3.8') : null;
    case 'redeployApproved':
      // 思想认识确有转变、并愿意继续参与驻村工作的……同意之后 — §3.6
      if (c.notice === null) return refuse('no-notice', clause);
      if (c.outcome === null) return refuse('no-outcome', clause);
      if (!c.outcome.changed) return refuse('outcome-not-changed', clause);
      if (c.redeployApproved !== null) return refuse('redeploy-already-approved', clause);
      return pending ? refuse('appeal-pending', '§3.8') : null;
    case 'closed':
      // [decision: a case without a notice may be closed (no rectification was decided); after the
      //  notice only once the outcome of §3.6/§3.7 is on record and no appeal awaits its answer]
      if (c.notice === null) return null;
      if (pending) return refuse('appeal-pending', '§3.8');
      return c.outcome === null ? refuse('no-outcome', '§3.6') : null;
  }
}

/** The clause an event acts under in this case. */
function eventClause(c: CaseState, e: PostNoticeEvent): string {
  switch (e.type) {
    case 'notice':
      return trackClause[c.track];
    case 'appeal':
    case 'appealAnswered':
      return '§3.8';
    case 'recalled':
      return '§3.5';
    case 'outcome':
      return e.changed ? '§3.6' : '§3.7';
    case 'redeployApproved':
      return '§3.6';
    case 'closed':
      if (c.notice === null) return trackClause[c.track];
      return c.outcome && !c.outcome.changed ? '§3.7' : '§3.6';
  }
}

/** The date of the case's last accepted event (its opening at first). */
export function lastDate(c: CaseState): LocalDate {
  return c.history[c.history.length - 1]?.date ?? c.opened;
}

/** 复核申请期限: the appeal deadline, once the notice is received. */
export function appealWindow(c: CaseState): Deadline | undefined {
  return c.deadlines.find((d) => d.step === 'appeal');
}

/** Where the case's main line stands. */
export function mainStage(c: CaseState): MainStage {
  if (c.state === 'closed') return 'closed';
  if (c.notice === null) return c.preNotice;
  if (c.redeployApproved !== null) return 'redeployApproved';
  if (c.outcome !== null) return c.outcome.changed ? 'changed' : 'unchanged';
  return c.recalled !== null ? 'recalled' : 'noticed';
}

/** Where the appeal beside it stands. */
export function appealStage(c: CaseState): AppealStage {
  if (c.appeal === null) return 'noAppeal';
  return c.appeal.answered === null ? 'appealFiled' : 'appealAnswered';
}
