// Runs a validated scenario through core/: the months of §1.2/§2.4/§2.5, the flags of §2.1–§2.5, the
// cases of §2/§3 driven by core/procedure, the sanctions of §4.4 and the surveys of §2.3, in the
// order the scenarios README sets.
import {
  assignedMonths,
  evaluateMonth,
  monthFacts,
  type LeaveRecord,
} from '../attendance/monthly-presence';
import { createCalendar } from '../calendar';
import { eachDay, type LocalDate } from '../calendar/local-date';
import { defaultParameters, withOverrides, type Parameters } from '../parameters';
import {
  applyPostNotice,
  openCase,
  type CaseState,
  type PostNoticeEvent,
} from '../procedure/post-notice';
import { trackOf } from '../procedure/tracks';
import { caseSanctions, reviewSanction } from '../responsibilities/sanctions';
import { checkIntake, compareClauses, type SituationId } from '../situations/catalogue';
import type { Detection } from '../situations/detection';
import { decideFlag, openMatterFor, raiseFlag, type Flag } from '../situations/flags';
import { inspectionStrikes } from '../situations/inspections';
import { detectMonthClose } from '../situations/month-close';
import { detectReview, type Review } from '../situations/reviews';
import { detectSurvey, evaluateSurvey, roundRate } from '../situations/surveys';
import type {
  CaseEvent,
  DeadlineOutput,
  MonthOutput,
  RefusedOutput,
  SanctionOutput,
  Scenario,
  ScenarioEvent,
  ScenarioOutput,
} from './types';

/** The working state of one evaluation: flags and cases as they stand after each step. */
interface Run {
  readonly parameters: Parameters;
  readonly calendar: ReturnType<typeof createCalendar>;
  readonly flags: Flag[];
  readonly cases: { state: CaseState; evidence: Detection[] }[];
  readonly deadlines: DeadlineOutput[];
  readonly refused: RefusedOutput[];
}

/** Something that happens on a day: a detection of the system, or an event a person records. */
type Step =
  | { kind: 'detection'; date: LocalDate; detection: Detection; seq: number }
  | { kind: 'event'; date: LocalDate; index: number; event: PersonEvent };

export function evaluateScenario(scenario: Scenario): ScenarioOutput {
  const overrides = withOverrides(defaultParameters, scenario.policy);
  // validateScenario has refused unknown or out-of-range parameters; reaching here is a bug.
  if (!overrides.ok) throw new TypeError(`unvalidated scenario policy: ${overrides.name}`);
  const run: Run = {
    parameters: overrides.parameters,
    calendar: createCalendar({ local: scenario.calendar }),
    flags: [],
    cases: [],
    deadlines: [],
    refused: [],
  };
  const { asOf, assignment, events } = scenario;

  // ——— The records the detectors read ———
  const inVillageDays = new Set<LocalDate>();
  const diaryDates: LocalDate[] = [];
  const leaves: LeaveRecord[] = [];
  const inspections: { date: LocalDate; present: boolean }[] = [];
  const reviews: { review: Review; index: number }[] = [];
  const surveys: { event: Extract<ScenarioEvent, { type: 'survey' }>; index: number }[] = [];
  events.forEach((e, index) => {
    switch (e.type) {
      case 'checkin':
        // 真蹲实驻 — §1.1: only a check-in inside the geofence makes a day in the village.
        if (e.inside) inVillageDays.add(e.date);
        break;
      case 'checkins': {
        const except = new Set(e.except);
        for (const d of eachDay(e.from, e.to)) if (!except.has(d)) inVillageDays.add(d);
        break;
      }
      case 'attendance':
        // [decision: township-verified attendance counts like an inside check-in — clauses.md §1.1]
        inVillageDays.add(e.date);
        break;
      case 'diary':
        diaryDates.push(e.date);
        break;
      case 'leave':
        leaves.push({ from: e.from, to: e.to, approved: e.approved, returned: e.returned });
        break;
      case 'inspection':
        inspections.push({ date: e.date, present: e.present });
        break;
      case 'review':
        reviews.push({ review: { date: e.date, period: e.period, rating: e.rating }, index });
        break;
      case 'survey':
        surveys.push({ event: e, index });
        break;
      default:
        break;
    }
  });

  // ——— Months (§1.2, §2.4, §2.5) and what the system detects ———
  const detections: Detection[] = [];
  const months: Record<string, MonthOutput> = {};
  for (const month of assignedMonths(assignment, asOf)) {
    const presence = evaluateMonth(
      monthFacts({ month, assignment, inVillageDays, diaryDates, leaves, asOf }),
      run.parameters,
    );
    const { required, inVillage, justifiedAbsence, diaryEntries, compliant } = presence;
    months[month] = { required, inVillage, justifiedAbsence, diaryEntries, compliant };
    detections.push(...detectMonthClose(month, presence));
  }
  for (const { review } of reviews) {
    const d = detectReview(review);
    if (d) detections.push(d);
  }
  detections.push(...inspectionStrikes(inspections, leaves, assignment, run.parameters).detections);
  for (const { event } of surveys) {
    const d = detectSurvey(event.closed, event, run.parameters);
    if (d) detections.push(d);
  }

  // ——— One timeline: on one date, detections come before the events people record that day ———
  const steps: Step[] = [
    ...detections.map((detection, seq): Step => ({
      kind: 'detection',
      date: detection.date,
      detection,
      seq,
    })),
    ...events.flatMap((event, index): Step[] =>
      'date' in event && isPersonEvent(event)
        ? [{ kind: 'event', date: event.date, index, event }]
        : [],
    ),
  ];
  steps.sort(byTimeline);
  for (const step of steps) {
    if (step.kind === 'detection') detect(run, step.detection);
    else record(run, step.index, step.event);
  }

  return {
    months,
    flags: run.flags.map(({ clause, date, state }) => ({ clause, date, state })),
    cases: run.cases.map(({ state: c }) => ({
      clause: c.clause,
      track: c.track,
      opened: c.opened,
      state: c.state,
    })),
    deadlines: [...run.deadlines].sort(
      (a, b) => cmp(a.due, b.due) || a.case - b.case || cmp(a.step, b.step),
    ),
    sanctions: sanctionsOf(run, reviews),
    surveys: surveys
      .map(({ event, index }) => {
        const result = evaluateSurvey(event, run.parameters);
        return {
          index,
          out: {
            closed: event.closed,
            rate: roundRate(result.satisfactionRate),
            valid: result.valid,
          },
        };
      })
      .sort((a, b) => cmp(a.out.closed, b.out.closed) || a.index - b.index)
      .map((s) => s.out),
    refused: [...run.refused].sort((a, b) => a.event - b.event),
  };
}

type PersonEvent = Extract<
  ScenarioEvent,
  { type: 'intake' | 'tipVerified' | 'confirm' | 'dismiss' } | CaseEvent
>;

function isPersonEvent(e: ScenarioEvent): e is PersonEvent {
  switch (e.type) {
    case 'intake':
    case 'tipVerified':
    case 'confirm':
    case 'dismiss':
    case 'notice':
    case 'appeal':
    case 'appealAnswered':
    case 'recalled':
    case 'outcome':
    case 'redeployApproved':
    case 'closed':
      return true;
    default:
      return false;
  }
}

function byTimeline(a: Step, b: Step): number {
  if (a.date !== b.date) return cmp(a.date, b.date);
  if (a.kind !== b.kind) return a.kind === 'detection' ? -1 : 1;
  if (a.kind === 'detection' && b.kind === 'detection') {
    return compareClauses(a.detection.clause, b.detection.clause) || a.seq - b.seq;
  }
  return (a as { index: number }).index - (b as { index: number }).index;
}

// ——— Detections: a flag, or evidence on what is open for the clause ———

function detect(run: Run, detection: Detection): void {
  const open = openMatterFor(
    detection.clause,
    run.flags,
    run.cases.map((c) => c.state),
  );
  // [decision: while a flag or a case for the same clause is open, a detection is evidence on it,
  //  not a new flag — clauses.md §2]
  if (open?.kind === 'flag') run.flags[open.index]!.evidence.push(detection);
  else if (open?.kind === 'case') run.cases[open.index]!.evidence.push(detection);
  else run.flags.push(raiseFlag(detection));
}

// ——— Events people record ———

function record(run: Run, index: number, e: PersonEvent): void {
  const refuse = (reason: string, clause?: string): void => {
    run.refused.push(
      clause === undefined ? { event: index, reason } : { event: index, reason, clause },
    );
  };

  switch (e.type) {
    case 'intake': {
      // Intake: a supervisor files the situation with evidence and the case opens at once (the
      // system checks who may file it) — clauses.md §2
      const allowed = checkIntake(e.clause, e.filedBy);
      if (!allowed.ok) return refuse(allowed.reason, allowed.clause);
      return open(run, e.clause as SituationId, e.date, refuse);
    }
    case 'tipVerified':
      // 组织及纪检部门收到……举报,反映问题经核查属实的 — §2.12
      return open(run, '2.12', e.date, refuse);
    case 'confirm':
    case 'dismiss': {
      const decided = decideFlag(
        run.flags[e.flag - 1],
        e.type === 'confirm'
          ? { kind: 'confirm', date: e.date }
          : { kind: 'dismiss', date: e.date, reason: e.reason },
      );
      if (!decided.ok) return refuse(decided.reason, decided.clause);
      run.flags[e.flag - 1] = decided.flag;
      if (e.type === 'confirm') run.cases.push(newCase(decided.flag.clause, e.date));
      return;
    }
    default:
      return caseEvent(run, e, refuse);
  }
}

/** Opens a case for an intake or a verified tip, keeping one open matter per clause. */
function open(
  run: Run,
  clause: SituationId,
  date: LocalDate,
  refuse: (reason: string, clause?: string) => void,
): void {
  const matter = openMatterFor(
    clause,
    run.flags,
    run.cases.map((c) => c.state),
  );
  // [decision: a second intake or tip for a clause whose case is still open opens no second case;
  //  it belongs to the open case as evidence — clauses.md §2, one open matter per clause]
  if (matter?.kind === 'case') return refuse('case-already-open', `§${clause}`);
  const c = newCase(clause, date);
  if (matter?.kind === 'flag') {
    // [decision: a supervisor filing the clause of an open flag acts on that flag: the flag is
    //  confirmed into the case the intake opens, with its evidence]
    const flag = run.flags[matter.index]!;
    run.flags[matter.index] = { ...flag, state: 'confirmed', decided: date };
    c.evidence.push(...flag.evidence);
  }
  run.cases.push(c);
}

function newCase(clause: SituationId, opened: LocalDate): Run['cases'][number] {
  // Every situation of §2 has a track (core/procedure/tracks.ts); validation admits no other clause.
  const track = trackOf(clause)!;
  return { state: openCase({ clause, track, opened }), evidence: [] };
}

function caseEvent(
  run: Run,
  e: CaseEvent,
  refuse: (reason: string, clause?: string) => void,
): void {
  const entry = run.cases[e.case - 1];
  // [decision: an event for a case that has not opened by then (cases open in date order, then
  //  input order) is refused like any other impossible step]
  if (!entry) return refuse('case-not-opened');
  const event: PostNoticeEvent =
    e.type === 'appealAnswered'
      ? { type: e.type, date: e.date, upheld: e.upheld }
      : e.type === 'outcome'
        ? { type: e.type, date: e.date, changed: e.changed }
        : { type: e.type, date: e.date };
  const result = applyPostNotice(entry.state, event, {
    calendar: run.calendar,
    parameters: run.parameters,
  });
  if (!result.ok) return refuse(result.reason, result.clause);
  entry.state = result.case;
  for (const d of result.deadlines) {
    run.deadlines.push({ case: e.case, step: d.step, due: d.due, provisional: d.provisional });
  }
}

// ——— Sanctions of §4.4 ———

function sanctionsOf(run: Run, reviews: { review: Review; index: number }[]): SanctionOutput[] {
  const dated: { date: LocalDate; order: number; sanction: SanctionOutput }[] = [];
  run.cases.forEach(({ state }, i) => {
    // Sanctions start with the notice; a notice withdrawn on appeal takes them away (§3.8).
    const s = caseSanctions(state);
    if (!s) return;
    dated.push({
      date: s.notice,
      order: i,
      sanction: {
        case: i + 1,
        noAwardsYear: s.noAwardsYear,
        noPromotionUntil: s.noPromotionUntil,
        bonusWithheldMin: s.bonusWithheldMin,
      },
    });
  });
  for (const { review, index } of reviews) {
    const s = reviewSanction(review);
    if (s) dated.push({ date: review.date, order: run.cases.length + index, sanction: { ...s } });
  }
  return dated.sort((a, b) => cmp(a.date, b.date) || a.order - b.order).map((d) => d.sanction);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
