// Cases (教育整改) through §3, and the flags (预警) that become them. The `case_events` table is the
// source of truth: core replays it into the case's state (openProcedure, then transition for each
// event), and the `cases` row's step, state, noticeOn and closedOn, its `deadlines` and its
// `sanctions` are derived from that state in the same transaction as the event. Every change appends
// to the audit log (who, when, what, before and after) in that transaction too.
import { and, asc, eq, inArray, max } from 'drizzle-orm';
import { countWorkdaysBetween, type Calendar } from '../../core/calendar';
import { shanghaiDate } from '../../core/calendar/local-date';
import type { LocalDate } from '../../core/calendar/local-date';
import type { Parameters } from '../../core/parameters';
import {
  appealStage,
  dispatchLevels,
  mainStage,
  metOn,
  openProcedure,
  openers,
  overdueSteps,
  requiredEvidence,
  transition,
} from '../../core/procedure';
import type {
  Actor,
  Case,
  Deadline,
  EvidenceKind,
  HistoryEntry,
  OpenedVia,
  OverdueStep,
  ProcedureEvent,
  Refusal,
  Role,
} from '../../core/procedure';
import { caseSanctions, deadlineStatus, type LedgerRow } from '../../core/responsibilities';
import { decideFlag, isSituationId } from '../../core/situations';
import type { Database } from '../database';
import {
  assignments,
  caseEvents,
  cases,
  deadlines,
  flags,
  orgUnits,
  sanctions,
  users,
} from '../schema';
import { assignmentOn } from './attendance';
import { appendAudit } from './audit';
import { calendarFor, calendarsFor } from './calendar';
import { parametersFor, parametersForPaths } from './parameters';

/** Who records a step: a signed-in supervisor or cadre (web/api's SessionUser fits). */
export interface CaseActor {
  /** The user's id; null for the system. */
  id: number | null;
  role: Role;
  /** The level of the user's org unit: a `county` user at a city unit is the city department. */
  scopeLevel?: 'province' | 'city' | 'county' | 'township' | 'village' | null;
}

/** One stored event as core replayed it: the history entries it added and the deadlines it started. */
export interface ReplayedEvent {
  row: typeof caseEvents.$inferSelect & { actorName: string | null };
  history: HistoryEntry[];
  deadlines: Deadline[];
  /**
   * Set when core refuses an event it once accepted (a holiday schedule imported since moved a
   * window): the event stays in the timeline and is left out of the state.
   */
  refused?: Refusal;
}

export interface LoadedCase {
  row: typeof cases.$inferSelect;
  village: { id: number; name: string; path: string };
  calendar: Calendar;
  parameters: Parameters;
  /** core's state after replaying every event. */
  state: Case;
  events: ReplayedEvent[];
}

/** Failures that are not core's refusals: the database already says no. */
export type CaseConflict =
  | { ok: false; reason: 'case-not-found'; clause?: undefined }
  | { ok: false; reason: 'case-already-open'; clause: string; caseId: number }
  | { ok: false; reason: 'idempotency-key-reused'; clause?: undefined }
  | { ok: false; reason: 'no-assignment'; clause: string };

export type OpenCaseResult =
  { ok: true; replayed: boolean; caseId: number; case: LoadedCase } | Refusal | CaseConflict;

export type StepResult =
  | {
      ok: true;
      replayed: boolean;
      event: ReplayedEvent;
      /** The deadlines this step started (the first result, for a replayed step). */
      deadlines: Deadline[];
      case: LoadedCase;
    }
  | Refusal
  | CaseConflict;

/** The actor as core's procedure sees it: the role, and the level of an organization department. */
export function coreActor(actor: Pick<CaseActor, 'role' | 'scopeLevel'>): Actor {
  const level = dispatchLevels.find((l) => l === actor.scopeLevel);
  return level ? { role: actor.role, level } : { role: actor.role };
}

// ——— Loading: replaying the events through core ———

/** A case with its events, replayed through core; null when there is no such case. */
export async function loadCase(
  db: Database,
  caseId: number,
  options: { lock?: boolean } = {},
): Promise<LoadedCase | null> {
  const query = db.select().from(cases).where(eq(cases.id, caseId));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) return null;
  const [loaded] = await loadCases(db, [row]);
  return loaded ?? null;
}

/** Several cases at once (a ledger): one query for their events, one calendar per village. */
export async function loadCases(
  db: Database,
  rows: readonly (typeof cases.$inferSelect)[],
): Promise<LoadedCase[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [events, villages] = await Promise.all([
    db
      .select({ event: caseEvents, actorName: users.displayName })
      .from(caseEvents)
      .leftJoin(users, eq(users.id, caseEvents.actorUserId))
      .where(inArray(caseEvents.caseId, ids))
      .orderBy(asc(caseEvents.caseId), asc(caseEvents.seq)),
    db
      .select({ id: orgUnits.id, name: orgUnits.name, path: orgUnits.path })
      .from(orgUnits)
      .where(inArray(orgUnits.id, [...new Set(rows.map((r) => r.villageId))])),
  ]);
  // Each village's calendar and parameters, all in two queries (a county has hundreds of villages).
  const paths = [...new Set(villages.map((v) => v.path))];
  const [calendars, parameterSets] = await Promise.all([
    calendarsFor(db, paths),
    parametersForPaths(db, paths),
  ]);
  const villageById = new Map(villages.map((v) => [v.id, v]));
  const eventsByCase = new Map<number, ReplayedEvent['row'][]>();
  for (const e of events) {
    const list = eventsByCase.get(e.event.caseId) ?? [];
    list.push({ ...e.event, actorName: e.actorName });
    eventsByCase.set(e.event.caseId, list);
  }
  const loaded: LoadedCase[] = [];
  for (const row of rows) {
    const village = villageById.get(row.villageId)!;
    const calendar = calendars.get(village.path)!;
    const parameters = parameterSets.get(village.path)!;
    const own = eventsByCase.get(row.id) ?? [];
    const { state, replayed } = replay(row, own, calendar, parameters);
    loaded.push({ row, village, calendar, parameters, state, events: replayed });
  }
  return loaded;
}

/** Rebuilds core's state from the stored events, in their order. */
export function replay(
  row: Pick<typeof cases.$inferSelect, 'clause' | 'dispatchLevel' | 'openedOn'>,
  events: readonly ReplayedEvent['row'][],
  calendar: Calendar,
  parameters: Parameters,
): { state: Case; replayed: ReplayedEvent[] } {
  const [first, ...rest] = events;
  if (!first || first.event !== 'opened') {
    throw new CaseHistoryError(`case of ${row.openedOn} has no opening event`);
  }
  const context = (e: ReplayedEvent['row']) => ({
    // A stored event is replayed as of its own date: it was not dated after the day it was recorded.
    asOf: e.occurredOn,
    // An event without a recorded role (written around the application) replays as an admin's,
    // whom core's table lets take no step: it is refused rather than trusted.
    actor: coreActor({ role: e.actorRole ?? 'admin', scopeLevel: actorLevel(e.payload) }),
    calendar,
    parameters,
  });
  const opened = openProcedure(
    {
      clause: row.clause,
      dispatchLevel: row.dispatchLevel,
      date: first.occurredOn,
      via: openedVia(first.payload),
    },
    context(first),
  );
  if (!opened.ok) {
    throw new CaseHistoryError(`case of ${row.openedOn} does not open: ${opened.reason}`);
  }
  let state = opened.case;
  const replayed: ReplayedEvent[] = [
    { row: first, history: [...opened.case.history], deadlines: opened.deadlines },
  ];
  for (const e of rest) {
    const event = procedureEvent(e.event, e.occurredOn, payloadOf(e.payload));
    const result = event
      ? transition(state, event, context(e))
      : ({ ok: false, reason: 'not-in-track', clause: '§3' } as const);
    if (!result.ok) {
      replayed.push({ row: e, history: [], deadlines: [], refused: result });
      continue;
    }
    replayed.push({
      row: e,
      history: result.case.history.slice(state.history.length),
      deadlines: result.deadlines,
    });
    state = result.case;
  }
  return { state, replayed };
}

/** The stored history does not replay at all: a bug or a hand edit, never a user's doing. */
export class CaseHistoryError extends Error {
  override name = 'CaseHistoryError';
}

/** A stored event type and payload as core's event. */
export function procedureEvent(
  type: string,
  date: LocalDate,
  payload: Record<string, unknown>,
): ProcedureEvent | null {
  switch (type) {
    case 'evidence': {
      const kind = requiredEvidence.find((k) => k === payload.kind);
      return kind ? { type, date, kind } : null;
    }
    case 'transfer':
      return { type, date, to: payload.to === 'judicial' ? 'judicial' : 'discipline' };
    case 'outcome':
      return { type, date, changed: payload.changed === true };
    case 'appealAnswered':
      return { type, date, upheld: payload.upheld === true };
    case 'talk':
    case 'opinion':
    case 'request':
    case 'caseReview':
    case 'filing':
    case 'investigation':
    case 'decision':
    case 'notice':
    case 'appeal':
    case 'recalled':
    case 'redeployApproved':
    case 'closed':
      return { type, date };
    default:
      return null;
  }
}

/** The fields of core's event beyond its type and date, as stored in the payload. */
function eventFields(e: ProcedureEvent): Record<string, unknown> {
  switch (e.type) {
    case 'evidence':
      return { kind: e.kind };
    case 'transfer':
      return { to: e.to };
    case 'outcome':
      return { changed: e.changed };
    case 'appealAnswered':
      return { upheld: e.upheld };
    default:
      return {};
  }
}

function payloadOf(payload: unknown): Record<string, unknown> {
  return payload && typeof payload === 'object' ? (payload as Record<string, unknown>) : {};
}

function actorLevel(payload: unknown): CaseActor['scopeLevel'] {
  const level = payloadOf(payload).actorLevel;
  return typeof level === 'string' ? (level as CaseActor['scopeLevel']) : null;
}

function openedVia(payload: unknown): OpenedVia {
  const via = payloadOf(payload).via;
  return via === 'flag' || via === 'tip' ? via : 'intake';
}

// ——— Writing: opening a case, taking a step ———

export interface OpenCaseArgs {
  cadreId: number;
  /** The situation of §2: '2.1' … '2.13'. */
  clause: string;
  via: OpenedVia;
  openedOn: LocalDate;
  actor: CaseActor;
  /** The confirmed flag (via 'flag'). */
  flagId?: number;
  /** The tip recorded as verified (via 'tip', §2.12). */
  tipId?: string;
  /** The assignment the case is about; by default the one in force on `openedOn`. */
  assignmentId?: number;
  /** What the opener wrote: description, evidence references, the flag's detections. */
  payload?: Record<string, unknown>;
  /** Chosen by the client: a retried opening is recorded once. */
  idempotencyKey?: string;
  /** When it is recorded (the audit entry's time); the real clock by default. */
  now?: Date;
}

/**
 * Opens a case (§3.1–§3.3) when core's track table lets the actor open it this way: by confirming
 * a flag, by intake, or by recording a tip verified (§2.12). A track-B case opens with its request
 * (§3.2①). While a case for the same cadre and clause is open, another is not opened.
 */
export async function openCase(db: Database, args: OpenCaseArgs): Promise<OpenCaseResult> {
  const now = args.now ?? new Date();
  if (args.idempotencyKey) {
    const prior = await eventByKey(db, args.idempotencyKey);
    if (prior) {
      if (prior.event !== 'opened') return { ok: false, reason: 'idempotency-key-reused' };
      const loaded = await loadCase(db, prior.caseId);
      return { ok: true, replayed: true, caseId: prior.caseId, case: loaded! };
    }
  }
  const assignment = args.assignmentId
    ? (await db.select().from(assignments).where(eq(assignments.id, args.assignmentId)))[0]
    : await assignmentOn(db, args.cadreId, args.openedOn);
  if (!assignment || assignment.cadreId !== args.cadreId) {
    return { ok: false, reason: 'no-assignment', clause: '§1.5' };
  }
  const [village] = await db
    .select({ id: orgUnits.id, name: orgUnits.name, path: orgUnits.path })
    .from(orgUnits)
    .where(eq(orgUnits.id, assignment.villageId));
  const [calendar, parameters] = await Promise.all([
    calendarFor(db, village!.path),
    parametersFor(db, village!.path),
  ]);
  const opened = openProcedure(
    {
      clause: args.clause,
      dispatchLevel: assignment.dispatchLevel,
      date: args.openedOn,
      via: args.via,
    },
    { asOf: shanghaiDate(now), actor: coreActor(args.actor), calendar, parameters },
  );
  if (!opened.ok) return opened;
  // [decision: one open case per cadre and situation, as one open flag (clauses.md §2): a second
  //  opening while one is open is refused; new facts go into the open case as evidence]
  const [open] = await db
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(eq(cases.cadreId, args.cadreId), eq(cases.clause, args.clause), eq(cases.state, 'open')),
    )
    .limit(1);
  if (open) {
    return { ok: false, reason: 'case-already-open', clause: `§${args.clause}`, caseId: open.id };
  }
  const state = opened.case;
  const [row] = await db
    .insert(cases)
    .values({
      cadreId: args.cadreId,
      assignmentId: assignment.id,
      villageId: village!.id,
      scopePath: village!.path,
      clause: args.clause,
      track: state.track,
      dispatchLevel: assignment.dispatchLevel,
      origin: args.via,
      flagId: args.flagId ?? null,
      tipId: args.tipId ?? null,
      step: mainStage(state),
      state: state.state,
      openedOn: args.openedOn,
      openedByUserId: args.actor.id,
      noticeOn: state.notice,
      closedOn: state.closedOn,
    })
    .returning();
  const payload = {
    ...args.payload,
    via: args.via,
    ...(args.flagId !== undefined ? { flagId: args.flagId } : {}),
    ...(args.tipId !== undefined ? { tipId: args.tipId } : {}),
    actorLevel: args.actor.scopeLevel ?? null,
  };
  const [event] = await db
    .insert(caseEvents)
    .values({
      caseId: row!.id,
      seq: 1,
      event: 'opened',
      occurredOn: args.openedOn,
      recordedAt: now,
      actorUserId: args.actor.id,
      actorRole: args.actor.role,
      payload,
      idempotencyKey: args.idempotencyKey ?? null,
    })
    .returning();
  await syncDerived(db, row!, state);
  await appendAudit(
    db,
    {
      actorUserId: args.actor.id,
      actorRole: args.actor.role,
      action: 'case.open',
      entity: 'case',
      entityId: row!.id,
      detail: {
        before: null,
        after: snapshot(state),
        event: { seq: event!.seq, type: 'opened', date: args.openedOn, payload },
      },
    },
    now,
  );
  const loaded = await loadCase(db, row!.id);
  return { ok: true, replayed: false, caseId: row!.id, case: loaded! };
}

/**
 * Takes one step of the case (any event of core's table, or a record of §3.4/§3.5), or returns
 * core's refusal. With an idempotency key a retried step is recorded once: the retry gets the first
 * result back.
 */
export async function applyStep(
  db: Database,
  caseId: number,
  event: ProcedureEvent,
  actor: CaseActor,
  now: Date,
  options: { payload?: Record<string, unknown>; idempotencyKey?: string } = {},
): Promise<StepResult> {
  // The row lock serialises steps on one case, so a retry waits for the first attempt to commit.
  const loaded = await loadCase(db, caseId, { lock: true });
  if (!loaded) return { ok: false, reason: 'case-not-found' };
  if (options.idempotencyKey) {
    const prior = await eventByKey(db, options.idempotencyKey);
    if (prior) {
      const first = loaded.events.find((e) => e.row.id === prior.id);
      if (prior.caseId !== caseId || prior.event !== event.type || !first) {
        return { ok: false, reason: 'idempotency-key-reused' };
      }
      return { ok: true, replayed: true, event: first, deadlines: first.deadlines, case: loaded };
    }
  }
  const result = transition(loaded.state, event, {
    asOf: shanghaiDate(now),
    actor: coreActor(actor),
    calendar: loaded.calendar,
    parameters: loaded.parameters,
  });
  if (!result.ok) return result;
  const payload = {
    ...options.payload,
    ...eventFields(event),
    actorLevel: actor.scopeLevel ?? null,
  };
  const [last] = await db
    .select({ seq: max(caseEvents.seq) })
    .from(caseEvents)
    .where(eq(caseEvents.caseId, caseId));
  const [inserted] = await db
    .insert(caseEvents)
    .values({
      caseId,
      seq: (last?.seq ?? 0) + 1,
      event: event.type,
      occurredOn: event.date,
      recordedAt: now,
      actorUserId: actor.id,
      actorRole: actor.role,
      payload,
      idempotencyKey: options.idempotencyKey ?? null,
    })
    .returning();
  await syncDerived(db, loaded.row, result.case);
  await appendAudit(
    db,
    {
      actorUserId: actor.id,
      actorRole: actor.role,
      action: `case.${event.type}`,
      entity: 'case',
      entityId: caseId,
      detail: {
        before: snapshot(loaded.state),
        after: snapshot(result.case),
        event: { seq: inserted!.seq, type: event.type, date: event.date, payload },
      },
    },
    now,
  );
  const reloaded = (await loadCase(db, caseId))!;
  const mine = reloaded.events.find((e) => e.row.id === inserted!.id)!;
  return { ok: true, replayed: false, event: mine, deadlines: result.deadlines, case: reloaded };
}

async function eventByKey(db: Database, key: string) {
  const [row] = await db
    .select({ id: caseEvents.id, caseId: caseEvents.caseId, event: caseEvents.event })
    .from(caseEvents)
    .where(eq(caseEvents.idempotencyKey, key));
  return row;
}

/** Writes what is derived from core's state: the case row, its deadlines, its sanctions. */
async function syncDerived(
  db: Database,
  row: Pick<typeof cases.$inferSelect, 'id' | 'cadreId'>,
  state: Case,
): Promise<void> {
  await db
    .update(cases)
    .set({
      step: mainStage(state),
      state: state.state,
      noticeOn: state.notice,
      closedOn: state.closedOn,
    })
    .where(eq(cases.id, row.id));
  for (const d of state.deadlines) {
    const values = {
      clause: d.clause,
      startsOn: d.startsOn,
      due: d.due,
      provisional: d.provisional,
      metOn: metOn(state, d),
    };
    await db
      .insert(deadlines)
      .values({ caseId: row.id, step: d.step, ...values })
      .onConflictDoUpdate({ target: [deadlines.caseId, deadlines.step], set: values });
  }
  const s = state.sanctions;
  if (s) {
    const values = {
      cadreId: row.cadreId,
      startsOn: s.notice,
      noAwardsYear: s.noAwardsYear,
      noPromotionUntil: s.noPromotionUntil,
      bonusWithheldMin: String(s.bonusWithheldMin),
      admonitionTalk: false,
      // [decision: sanctions lapse on the day the answer withdraws the notice — §3.8, core]
      lapsedOn: state.lapsed ? state.closedOn : null,
    };
    await db
      .insert(sanctions)
      .values({ caseId: row.id, ...values })
      .onConflictDoUpdate({ target: sanctions.caseId, set: values });
  }
}

/** What the audit log keeps of a case before and after a change. */
export function snapshot(state: Case) {
  const inForce = caseSanctions(state);
  return {
    stage: mainStage(state),
    appeal: appealStage(state),
    state: state.state,
    notice: state.notice,
    closedOn: state.closedOn,
    deadlines: state.deadlines.map((d) => ({
      step: d.step,
      due: d.due,
      provisional: d.provisional,
      met: metOn(state, d),
    })),
    sanctions: inForce ? { ...inForce } : null,
    lapsed: state.lapsed,
  };
}

// ——— Flags (预警) becoming cases, or dismissed ———

export type FlagDecision =
  | { ok: true; flag: typeof flags.$inferSelect; case?: LoadedCase; replayed?: boolean }
  | Refusal
  | CaseConflict
  | { ok: false; reason: 'flag-not-raised' | 'flag-not-open'; clause: string }
  | { ok: false; reason: 'flag-not-found'; clause?: undefined };

/**
 * Confirms a flag after hearing the cadre (§3.4): the case opens (its track from core), the flag is
 * confirmed, and what the cadre said is recorded as the statement of §3.4 on the new case.
 */
export async function confirmFlag(
  db: Database,
  flagId: number,
  args: {
    date: LocalDate;
    /** The cadre's statement as heard, or that they declined to make one. */
    statement: string;
    actor: CaseActor;
    now: Date;
    idempotencyKey?: string;
  },
): Promise<FlagDecision> {
  if (args.idempotencyKey) {
    const prior = await eventByKey(db, args.idempotencyKey);
    if (prior) {
      const loaded = await loadCase(db, prior.caseId);
      if (prior.event !== 'opened' || loaded?.row.flagId !== flagId) {
        return { ok: false, reason: 'idempotency-key-reused' };
      }
      const [flag] = await db.select().from(flags).where(eq(flags.id, flagId));
      return { ok: true, flag: flag!, case: loaded, replayed: true };
    }
  }
  const [flag] = await db.select().from(flags).where(eq(flags.id, flagId)).for('update');
  if (!flag) return { ok: false, reason: 'flag-not-found' };
  const decided = decideCoreFlag(flag, { kind: 'confirm', date: args.date });
  if (!decided.ok) return decided;
  // 由县级组织部门提出 — §3.1; 由乡(镇、街道)党(工)委……请示 — §3.2: who confirms is core's track table.
  if (!openers(flag.clause, 'flag').includes(args.actor.role)) {
    return { ok: false, reason: 'actor-not-allowed', clause: `§${flag.clause}` };
  }
  const opened = await openCase(db, {
    cadreId: flag.cadreId,
    clause: flag.clause,
    via: 'flag',
    openedOn: args.date,
    actor: args.actor,
    flagId: flag.id,
    assignmentId: flag.assignmentId,
    payload: { detections: flag.evidence },
    idempotencyKey: args.idempotencyKey,
    now: args.now,
  });
  if (!opened.ok) return opened;
  const [after] = await db
    .update(flags)
    .set({ state: 'confirmed', decidedByUserId: args.actor.id, decidedAt: args.now })
    .where(and(eq(flags.id, flag.id), eq(flags.state, 'open')))
    .returning();
  await appendAudit(
    db,
    {
      actorUserId: args.actor.id,
      actorRole: args.actor.role,
      action: 'flag.confirm',
      entity: 'flag',
      entityId: flag.id,
      detail: {
        before: flagSnapshot(flag),
        after: flagSnapshot(after!),
        caseId: opened.caseId,
        date: args.date,
      },
    },
    args.now,
  );
  // 同时听取本人陈述,并做好工作记录 — §3.4
  const statement = await applyStep(
    db,
    opened.caseId,
    { type: 'evidence', date: args.date, kind: 'statement' },
    args.actor,
    args.now,
    { payload: { text: args.statement, heardWhenConfirming: true } },
  );
  if (!statement.ok) return statement;
  return { ok: true, flag: after!, case: statement.case };
}

/**
 * Dismisses a flag with a written reason, which the level above sees (§4.2, §4.3).
 * [decision: the offices that may confirm a flag (core's track table) are the ones that may
 *  dismiss it]
 */
export async function dismissFlag(
  db: Database,
  flagId: number,
  args: { reason: string; actor: CaseActor; now: Date },
): Promise<FlagDecision> {
  const [flag] = await db.select().from(flags).where(eq(flags.id, flagId)).for('update');
  if (!flag) return { ok: false, reason: 'flag-not-found' };
  const decided = decideCoreFlag(flag, {
    kind: 'dismiss',
    date: shanghaiDate(args.now),
    reason: args.reason,
  });
  if (!decided.ok) return decided;
  if (!openers(flag.clause, 'flag').includes(args.actor.role)) {
    return { ok: false, reason: 'actor-not-allowed', clause: `§${flag.clause}` };
  }
  const [after] = await db
    .update(flags)
    .set({
      state: 'dismissed',
      decidedByUserId: args.actor.id,
      decidedAt: args.now,
      dismissReason: args.reason,
    })
    .where(and(eq(flags.id, flag.id), eq(flags.state, 'open')))
    .returning();
  await appendAudit(
    db,
    {
      actorUserId: args.actor.id,
      actorRole: args.actor.role,
      action: 'flag.dismiss',
      entity: 'flag',
      entityId: flag.id,
      detail: { before: flagSnapshot(flag), after: flagSnapshot(after!) },
    },
    args.now,
  );
  return { ok: true, flag: after! };
}

function decideCoreFlag(
  flag: typeof flags.$inferSelect,
  decision:
    { kind: 'confirm'; date: LocalDate } | { kind: 'dismiss'; date: LocalDate; reason: string },
) {
  if (!isSituationId(flag.clause)) {
    return { ok: false as const, reason: 'flag-not-raised' as const, clause: '§2' };
  }
  return decideFlag(
    { clause: flag.clause, date: flag.raisedOn, state: flag.state, evidence: [] },
    decision,
  );
}

function flagSnapshot(flag: typeof flags.$inferSelect) {
  return {
    state: flag.state,
    clause: flag.clause,
    cadreId: flag.cadreId,
    raisedOn: flag.raisedOn,
    decidedByUserId: flag.decidedByUserId,
    dismissReason: flag.dismissReason,
  };
}

/** The kinds of §3.4 evidence a case has on record, in core's order. */
export function evidenceOnRecord(state: Case): EvidenceKind[] {
  const heard = new Set(state.history.filter((h) => h.event === 'evidence').map((h) => h.detail));
  return requiredEvidence.filter((k) => heard.has(k));
}

// ——— Deadlines as of a day ———

/** One deadline of a case as of a day: what GET /cases/:id and GET /deadlines both show. */
export interface DeadlineOn {
  deadline: Deadline;
  /** core's status of the deadline (the ledger's, §4.5): met, metLate, open, overdue or ended. */
  status: LedgerRow['status'];
  /**
   * While the step is owed (open or overdue): working days from the day to the due date by the
   * calendar of the case's place, negative once past, and whether the count crosses a year whose
   * holiday schedule is not published. Null once met or ended.
   */
  left: { workdays: number; provisional: boolean } | null;
  /** The escalation of an overdue step (§4.2); null when the step is not overdue. */
  overdue: OverdueStep | null;
}

/** The case's deadlines as of `asOf`, in core's order, counted with the case's own calendar. */
export function deadlinesOn(
  loaded: Pick<LoadedCase, 'state' | 'calendar' | 'parameters'>,
  asOf: LocalDate,
): DeadlineOn[] {
  const { state, calendar, parameters } = loaded;
  const overdue = new Map(
    overdueSteps(state, asOf, calendar, parameters).map((o) => [o.deadline.step, o]),
  );
  return state.deadlines.map((deadline) => {
    const status = deadlineStatus(state, deadline, asOf);
    const owed = status === 'open' || status === 'overdue';
    return {
      deadline,
      status,
      left: owed ? countWorkdaysBetween(calendar, asOf, deadline.due) : null,
      overdue: overdue.get(deadline.step) ?? null,
    };
  });
}
