// The recognition criteria of §4.7–§4.8 shown for one cadre — attendance, villagers' satisfaction,
// the field diary, and whether any case reached a notice — as facts for the people who select.
// No points and no ranking: State Council rules on government apps (design/architecture.md).

import type { LocalDate } from '../calendar/local-date';
import type { Parameters } from '../parameters';
import type { CaseState } from '../procedure/post-notice';

/** A month as the attendance evaluation reports it (scenarios/README.md, `months`). */
export interface RecognitionMonth {
  month: string;
  diaryEntries: number;
  /** null while the month has not ended. */
  compliant: boolean | null;
  /** Every assigned day was justified absence: no diary was due (clauses.md §2.5). */
  diaryExempt?: boolean;
}

export interface RecognitionSurvey {
  closed: LocalDate;
  rate: number | null;
  valid: boolean;
}

export interface RecognitionCriteria {
  cadre: string;
  period: { from: LocalDate; to: LocalDate };
  clause: '§4.7';
  /** 真蹲实驻 (§1.2): months ended in the period, and those that met the days required. */
  attendance: { monthsEnded: number; monthsCompliant: number; monthsShort: string[] };
  /** 群众认可度 (§1.3): the valid surveys closed in the period, oldest first. */
  satisfaction: { surveys: { closed: LocalDate; rate: number }[] };
  /** 民情日记 (§2.5): months ended in the period with at least the minimum of entries. */
  diary: { monthsEnded: number; monthsMeetingMinimum: number; monthsShort: string[] };
  /** Cases whose notice fell in the period and was not withdrawn; open cases still without one. */
  cases: { noticed: number; pending: number };
}

// 对驻村工作表现突出、帮扶成效明显、群众认可度高的干部,要在评奖评优上优先考虑 — §4.7
// 在每轮驻村中评选表彰一批优秀个人和先进集体 — §4.8
// [decision: the system shows each criterion as facts for one cadre and leaves the judgement (表现
//  突出, 认可度高) to the people who select; it computes no score, no overall verdict and no ranking —
//  design/architecture.md]
export function recognitionCriteria(args: {
  cadre: string;
  period: { from: LocalDate; to: LocalDate };
  months: readonly RecognitionMonth[];
  surveys: readonly RecognitionSurvey[];
  cases: readonly CaseState[];
  parameters: Parameters;
}): RecognitionCriteria {
  const { from, to } = args.period;
  const inPeriod = (date: LocalDate) => date >= from && date <= to;
  const ended = args.months.filter(
    (m) => m.compliant !== null && m.month >= from.slice(0, 7) && m.month <= to.slice(0, 7),
  );
  const short = ended.filter((m) => m.compliant === false).map((m) => m.month);
  const diaryShort = ended
    .filter((m) => !m.diaryExempt && m.diaryEntries < args.parameters.minDiaryEntriesPerMonth)
    .map((m) => m.month);
  const surveys = args.surveys
    .filter((s) => s.valid && s.rate !== null && inPeriod(s.closed))
    .map((s) => ({ closed: s.closed, rate: s.rate! }))
    .sort((a, b) => (a.closed < b.closed ? -1 : a.closed > b.closed ? 1 : 0));
  return {
    cadre: args.cadre,
    period: args.period,
    clause: '§4.7',
    attendance: {
      monthsEnded: ended.length,
      monthsCompliant: ended.length - short.length,
      monthsShort: short,
    },
    satisfaction: { surveys },
    diary: {
      monthsEnded: ended.length,
      monthsMeetingMinimum: ended.length - diaryShort.length,
      monthsShort: diaryShort,
    },
    cases: {
      // [decision: a notice withdrawn on appeal (§3.8) does not count against the cadre]
      noticed: args.cases.filter((c) => c.notice !== null && !c.lapsed && inPeriod(c.notice))
        .length,
      pending: args.cases.filter((c) => c.state === 'open' && c.notice === null).length,
    },
  };
}
