// Findings against the offices that share the responsibility (§4.1–§4.3) — a dispatching unit that
// lets its cadre 两头跑, a department or a township that fails its duty — and the dispatching unit's
// scorecard: its findings, its cadres' rectifications (§4.4) and support gaps (§4.6). No points.

import type { LocalDate } from '../calendar/local-date';
import { levelAbove } from '../procedure/parties';
import type { DispatchLevel } from '../procedure/parties';
import type { CaseState } from '../procedure/post-notice';
import { caseSanctions } from './sanctions';
import type { SupportGap } from './support';

/** Who holds the `accountabilityTalk` (约谈). */
export type TalkHolder =
  | 'provincialWorkCommittees'
  | 'sameLevelDepartment'
  | 'countyDepartment'
  | 'cityDepartment'
  | 'provincialDepartment';

export interface AccountabilityFinding {
  clause: '§4.1' | '§4.2' | '§4.3';
  date: LocalDate;
  subject: {
    kind: 'dispatchingUnit' | 'organizationDepartment' | 'township';
    id: string;
    level: DispatchLevel;
  };
  ground: 'twoWayRunning' | 'managementDutyNotMet' | 'coverUp';
  /** 约谈其主要负责人: the talk with the head, and who holds it. */
  accountabilityTalk: { with: 'principalLeader'; heldBy: TalkHolder };
  /** 责令进行整改 */
  rectificationOrdered: boolean;
  /** 在单位年度目标考核中进行相应扣分: a deduction is due; its size is the assessment's, not ours. */
  assessmentDeduction: boolean;
  /** What the finding rests on, in the finder's words. */
  note: string;
}

// 对没有落实“全脱钩”要求、擅自安排第一书记和驻村干部“两头跑”,造成帮扶成效不好的单位,由省直工(党)委或
// 同级组织部门对其主要负责人进行约谈,责令进行整改,并在单位年度目标考核中进行相应扣分 — §4.1
// not formalised: whether the support results are poor (帮扶成效不好) needs a person's judgement,
// recorded in `note`.
export function twoWayRunningFinding(args: {
  unit: string;
  unitLevel: DispatchLevel;
  date: LocalDate;
  note: string;
}): AccountabilityFinding {
  return {
    clause: '§4.1',
    date: args.date,
    subject: { kind: 'dispatchingUnit', id: args.unit, level: args.unitLevel },
    ground: 'twoWayRunning',
    accountabilityTalk: {
      with: 'principalLeader',
      // [decision: a provincial unit's talk is held by the provincial work committees (省直工(党)委),
      //  any other unit's by the organization department of its level]
      heldBy: args.unitLevel === 'province' ? 'provincialWorkCommittees' : 'sameLevelDepartment',
    },
    rectificationOrdered: true,
    assessmentDeduction: true,
    note: args.note,
  };
}

// 对第一书记和驻村干部从严管理责任落实不到位的,由上级组织部门约谈其主要领导 — §4.2
export function departmentDutyFinding(args: {
  department: string;
  level: 'city' | 'county';
  date: LocalDate;
  note: string;
}): AccountabilityFinding {
  const above = levelAbove(args.level);
  return {
    clause: '§4.2',
    date: args.date,
    subject: { kind: 'organizationDepartment', id: args.department, level: args.level },
    ground: 'managementDutyNotMet',
    accountabilityTalk: {
      with: 'principalLeader',
      heldBy: above === 'province' ? 'provincialDepartment' : 'cityDepartment',
    },
    // [decision: §4.2 names only the talk; the failure counts in the department's 党建述职考评,
    //  which is outside this system]
    rectificationOrdered: false,
    assessmentDeduction: false,
    note: args.note,
  };
}

// 对存在“包庇”“打掩护”、履行监管责任不到位的,由县级组织部门约谈乡(镇、街道)主要负责人 — §4.3
export function townshipCoverUpFinding(args: {
  township: string;
  date: LocalDate;
  note: string;
}): AccountabilityFinding {
  return {
    clause: '§4.3',
    date: args.date,
    subject: { kind: 'township', id: args.township, level: 'township' },
    ground: 'coverUp',
    accountabilityTalk: { with: 'principalLeader', heldBy: 'countyDepartment' },
    rectificationOrdered: false,
    assessmentDeduction: false,
    note: args.note,
  };
}

/** A dispatching unit's year: what its annual assessment must take into account. No points. */
export interface UnitScorecard {
  unit: string;
  year: number;
  /** §4.1 findings against the unit dated in the year. */
  findings: AccountabilityFinding[];
  /** Its cadres rectified by a notice of the year, not withdrawn: each a deduction due (§4.4). */
  rectifications: { cadre: string; case: number; situation: string; notice: LocalDate }[];
  /** Its cadres' support gaps of the year (§4.6). */
  supportGaps: { cadre: string; gaps: readonly SupportGap[] }[];
  /** Every deduction due in the unit's annual assessment, by its ground; the size is not ours. */
  deductionsDue: { clause: '§4.1' | '§4.4'; date: LocalDate; ground: string }[];
}

// [decision: the scorecard lists findings and what each brings, never a score or a rank — State
//  Council rules on government apps, design/architecture.md]
export function unitScorecard(args: {
  unit: string;
  year: number;
  findings: readonly AccountabilityFinding[];
  cadres: readonly {
    cadre: string;
    cases: readonly CaseState[];
    supportGaps?: readonly SupportGap[];
  }[];
}): UnitScorecard {
  const inYear = (date: LocalDate) => date.startsWith(`${args.year}-`);
  const findings = args.findings.filter(
    (f) => f.subject.kind === 'dispatchingUnit' && f.subject.id === args.unit && inYear(f.date),
  );
  const rectifications: UnitScorecard['rectifications'] = [];
  for (const { cadre, cases } of args.cadres) {
    cases.forEach((c, i) => {
      const s = caseSanctions(c);
      if (s && s.noAwardsYear === args.year) {
        rectifications.push({ cadre, case: i + 1, situation: `§${c.clause}`, notice: s.notice });
      }
    });
  }
  const supportGaps = args.cadres
    .filter((c) => (c.supportGaps?.length ?? 0) > 0)
    .map((c) => ({ cadre: c.cadre, gaps: c.supportGaps ?? [] }));
  const deductionsDue: UnitScorecard['deductionsDue'] = [
    ...findings
      .filter((f) => f.assessmentDeduction)
      .map((f) => ({ clause: '§4.1' as const, date: f.date, ground: f.ground })),
    ...rectifications.map((r) => ({
      clause: '§4.4' as const,
      date: r.notice,
      ground: `rectification of ${r.cadre} (${r.situation})`,
    })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { unit: args.unit, year: args.year, findings, rectifications, supportGaps, deductionsDue };
}
