// The scenario format of ../../../shared/policy/scenarios/README.md: one cadre's history and what the
// regulation says follows from it. Types only; see validate.ts, evaluate.ts, compare.ts.
import type { LocalDate } from '../calendar/local-date';
import type { Rating } from '../situations/reviews';

export type FiledBy = 'township' | 'county' | 'discipline' | 'dispatchingUnit';

export type ScenarioEvent =
  | { type: 'checkin'; date: LocalDate; inside: boolean }
  | { type: 'checkins'; from: LocalDate; to: LocalDate; except: LocalDate[] }
  | { type: 'attendance'; date: LocalDate }
  | { type: 'diary'; date: LocalDate }
  | {
      type: 'leave';
      from: LocalDate;
      to: LocalDate;
      approved: LocalDate | null;
      returned: LocalDate | null;
    }
  | { type: 'inspection'; date: LocalDate; present: boolean }
  | { type: 'review'; date: LocalDate; period: string; rating: Rating }
  | {
      type: 'survey';
      closed: LocalDate;
      satisfied: number;
      basicallySatisfied: number;
      dissatisfied: number;
    }
  | { type: 'intake'; date: LocalDate; clause: string; filedBy: FiledBy }
  | { type: 'tipVerified'; date: LocalDate }
  | { type: 'confirm'; flag: number; date: LocalDate }
  | { type: 'dismiss'; flag: number; date: LocalDate; reason: string }
  | { type: 'notice'; case: number; date: LocalDate }
  | { type: 'appeal'; case: number; date: LocalDate }
  | { type: 'appealAnswered'; case: number; date: LocalDate; upheld: boolean }
  | { type: 'recalled'; case: number; date: LocalDate }
  | { type: 'outcome'; case: number; date: LocalDate; changed: boolean }
  | { type: 'redeployApproved'; case: number; date: LocalDate }
  | { type: 'closed'; case: number; date: LocalDate };

export type EventType = ScenarioEvent['type'];

/** Events that act on a case, by its 1-based position in the output's `cases`. */
export type CaseEvent = Extract<ScenarioEvent, { case: number }>;

/** A scenario after validation: defaults filled in (`inside: true`, `except: []`, `returned: null`). */
export interface Scenario {
  title: string;
  asOf: LocalDate;
  policy: Record<string, number>;
  calendar: { holidays: LocalDate[]; workdays: LocalDate[] };
  assignment: { start: LocalDate; end: LocalDate | null };
  events: ScenarioEvent[];
  expect?: Expectation;
}

export interface MonthOutput {
  required: number;
  inVillage: number;
  justifiedAbsence: number;
  diaryEntries: number;
  /** null while the month has not ended by asOf. */
  compliant: boolean | null;
}

export interface FlagOutput {
  clause: string;
  date: LocalDate;
  state: 'open' | 'confirmed' | 'dismissed';
}

export interface CaseOutput {
  clause: string;
  track: 'A' | 'B' | 'C';
  opened: LocalDate;
  state: 'open' | 'closed';
}

export interface DeadlineOutput {
  case: number;
  step: 'appeal' | 'appealAnswer' | 'recall' | 'return' | 'replacement';
  due: LocalDate;
  provisional: boolean;
}

export type SanctionOutput =
  | { case: number; noAwardsYear: number; noPromotionUntil: LocalDate; bonusWithheldMin: number }
  | { review: string; bonusWithheld: number; admonitionTalk: boolean };

export interface SurveyOutput {
  closed: LocalDate;
  rate: number | null;
  valid: boolean;
}

export interface RefusedOutput {
  /** 0-based position in `events`. */
  event: number;
  reason: string;
  /** The clause that refuses it, e.g. '§3.8'. */
  clause?: string;
}

export interface ScenarioOutput {
  months: Record<string, MonthOutput>;
  flags: FlagOutput[];
  cases: CaseOutput[];
  deadlines: DeadlineOutput[];
  sanctions: SanctionOutput[];
  surveys: SurveyOutput[];
  refused: RefusedOutput[];
}

/** The parts of the output a scenario expects: compared as a subset (see compare.ts). */
export interface Expectation {
  months?: Record<string, Partial<MonthOutput>>;
  flags?: Partial<FlagOutput>[];
  cases?: Partial<CaseOutput>[];
  deadlines?: Partial<DeadlineOutput>[];
  sanctions?: Record<string, unknown>[];
  surveys?: Partial<SurveyOutput>[];
  refused?: Partial<RefusedOutput>[];
}
