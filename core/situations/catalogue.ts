// The negative list (负面清单): the thirteen situations of §2 that call for education and
// rectification, how each arises (detected by the system, filed by a supervisor, or a verified tip)
// and who may file it. §2.1–§2.13, with the tracks of §3.1–§3.3.

/** A situation of §2, by its clause id ('2.1'…'2.13'). */
export type SituationId =
  | '2.1'
  | '2.2'
  | '2.3'
  | '2.4'
  | '2.5'
  | '2.6'
  | '2.7'
  | '2.8'
  | '2.9'
  | '2.10'
  | '2.11'
  | '2.12'
  | '2.13';

/** Offices that file situations (glossary: `township`, `county`, `discipline`, `dispatchingUnit`). */
export type FilerRole = 'township' | 'county' | 'discipline' | 'dispatchingUnit';
export const filerRoles: readonly FilerRole[] = [
  'township',
  'county',
  'discipline',
  'dispatchingUnit',
];

/** What the system watches to detect a situation by itself. */
export type DetectionSource = 'review' | 'inspection' | 'survey' | 'monthClose';

export interface Situation {
  id: SituationId;
  /** A fragment of the clause's own words. */
  zh: string;
  en: string;
  /** The procedure of §3 the situation follows: A §3.1, B §3.2, C §3.3. */
  track: 'A' | 'B' | 'C';
  /** Set when the system detects the situation by itself and raises a flag. */
  detectedFrom: DetectionSource | null;
  /** Who may file the situation by intake; empty when it cannot be filed by intake. */
  filedBy: readonly FilerRole[];
  /** Whether a tip (举报) verified as true opens it. */
  fromVerifiedTip: boolean;
}

// 属于上述教育整改情形中第1条、第2条的,由县级组织部门提出教育整改的初步意见 — §3.1 (track A)
// 属于上述教育整改情形中第3-8条的……由乡(镇、街道)党(工)委向县级组织部门书面提交……请示 — §3.2 (track B)
// 属于上述教育整改情形中第9-12条情形的,由县级组织部门会同纪检部门……联合调查核实 — §3.3 (track C)
// [decision: intake is open to the offices that start the situation's track: the township, which
//  requests, and the county, which reviews, for track B (§3.2 ①②); the county organization department
//  and discipline inspection, which lead the joint investigation, for track C (§3.3); §2.3's other
//  grounds and §2.6 only the township — clauses.md §2.3, §2.6]
const trackB: readonly FilerRole[] = ['township', 'county'];
const trackC: readonly FilerRole[] = ['county', 'discipline'];
const townshipOnly: readonly FilerRole[] = ['township'];

export const situations: readonly Situation[] = [
  {
    id: '2.1',
    zh: '在半年述职述评、年度考核中被评定为“不称职”或“不合格”的',
    en: 'Rated incompetent or unqualified in the half-year review or the annual assessment.',
    track: 'A',
    detectedFrom: 'review',
    filedBy: [],
    fromVerifiedTip: false,
  },
  {
    id: '2.2',
    zh: '在各级督查中累计被发现三次不在岗、且没有按规定程序履行请销假手续的',
    en: 'Found not at post three times in total by inspections, without leave procedures.',
    track: 'A',
    detectedFrom: 'inspection',
    filedBy: [],
    fromVerifiedTip: false,
  },
  {
    id: '2.3',
    zh: '工作履职不到位……群众意见较大,满意度测评低于50%的',
    en: 'Weak performance, large villager complaints, satisfaction below 50 %.',
    track: 'B',
    // Detected for a closed survey below the threshold; the other grounds are filed by the township.
    detectedFrom: 'survey',
    filedBy: townshipOnly,
    fromVerifiedTip: false,
  },
  {
    id: '2.4',
    zh: '无正当理由、且没有履行相关请假手续,每月驻村时间没有达到20天的',
    en: 'Without good reason or leave procedures, fewer than 20 days in the village in a month.',
    track: 'B',
    detectedFrom: 'monthClose',
    filedBy: [],
    fromVerifiedTip: false,
  },
  {
    id: '2.5',
    zh: '没有民情日记或民情日记弄虚作假的,以及没有考勤记录或记录不真实的',
    en: 'No field diary or a falsified one; no attendance record or an untrue one.',
    track: 'B',
    // Detected for a month without enough diary entries; falsified diaries and missing or untrue
    // attendance records are filed.
    detectedFrom: 'monthClose',
    filedBy: trackB,
    fromVerifiedTip: false,
  },
  {
    id: '2.6',
    zh: '不遵守纪律、不服从管理……所在乡(镇、街道)党(工)委提出意见要求对其进行教育整改的',
    en: 'Breaks discipline or refuses management, when the township Party committee asks for rectification.',
    track: 'B',
    detectedFrom: null,
    filedBy: townshipOnly,
    fromVerifiedTip: false,
  },
  {
    id: '2.7',
    zh: '发现村干部有违法违纪行为不予以纠正,不及时上报上级主管部门,造成严重后果的',
    en: 'Neither corrects nor reports illegal acts of village cadres, with serious consequences.',
    track: 'B',
    // not formalised: whether consequences are serious needs a person's judgement; filed by intake
    detectedFrom: null,
    filedBy: trackB,
    fromVerifiedTip: false,
  },
  {
    id: '2.8',
    zh: '对所驻村群众矛盾纠纷化解不及时,造成越级上访、群访等严重后果的',
    en: 'Villager disputes left unresolved, leading to petitions past the proper level.',
    track: 'B',
    detectedFrom: null,
    filedBy: trackB,
    fromVerifiedTip: false,
  },
  {
    id: '2.9',
    zh: '重大安全事故或群体性事件没有及时报告,同时没有坚守岗位参与处置的',
    en: 'A major accident or mass incident not reported in time, and not at post to deal with it.',
    track: 'C',
    detectedFrom: null,
    filedBy: trackC,
    fromVerifiedTip: false,
  },
  {
    id: '2.10',
    zh: '违规收受基层单位、群众或利益相关人财物……谋取私利,或照顾特殊关系人',
    en: 'Takes money or goods, seeks private gain in projects, favours connections.',
    track: 'C',
    detectedFrom: null,
    filedBy: trackC,
    fromVerifiedTip: true,
  },
  {
    id: '2.11',
    zh: '违反中央“八项规定”和省委“十项规定”精神、以及所驻地作风纪律规定的',
    en: 'Breaks the central eight rules, the provincial ten rules or local discipline.',
    track: 'C',
    detectedFrom: null,
    filedBy: trackC,
    fromVerifiedTip: true,
  },
  {
    id: '2.12',
    zh: '组织及纪检部门收到……违法违纪的信函及电话举报,反映问题经核查属实的',
    en: 'Letters or phone tips to organization or discipline departments, verified as true.',
    track: 'C',
    // Opened by the tip's handler recording it verified, never filed by intake.
    detectedFrom: null,
    filedBy: [],
    fromVerifiedTip: true,
  },
  {
    id: '2.13',
    zh: '其他需要进行教育整改的情形',
    en: 'Other situations needing rectification.',
    // [decision: follows the §3.2 track — clauses.md §2.13]
    track: 'B',
    detectedFrom: null,
    filedBy: trackB,
    fromVerifiedTip: false,
  },
];

const byId = new Map<string, Situation>(situations.map((s) => [s.id, s]));

export function isSituationId(id: unknown): id is SituationId {
  return typeof id === 'string' && byId.has(id);
}

export function situation(id: SituationId): Situation {
  return byId.get(id)!;
}

/** Reasons named as core/procedure/refusals.ts names them, so the bot shows one text for each. */
export type IntakeRefusal = {
  ok: false;
  reason: 'unknown-situation' | 'not-opened-this-way' | 'actor-not-allowed';
  clause: string;
};

/** Whether `role` may file situation `clause` by intake, or why not (a value, never an exception). */
export function checkIntake(clause: string, role: string): { ok: true } | IntakeRefusal {
  const s = byId.get(clause);
  if (!s) return { ok: false, reason: 'unknown-situation', clause: `§${clause}` };
  if (s.filedBy.length === 0)
    return { ok: false, reason: 'not-opened-this-way', clause: `§${clause}` };
  if (!(s.filedBy as readonly string[]).includes(role)) {
    return { ok: false, reason: 'actor-not-allowed', clause: `§${clause}` };
  }
  return { ok: true };
}

/** Whether `role` may file situation `clause` by intake. */
export function canFile(clause: string, role: string): boolean {
  return checkIntake(clause, role).ok;
}

/** Orders clause ids as the regulation does: '2.2' before '2.10'. */
export function compareClauses(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}
