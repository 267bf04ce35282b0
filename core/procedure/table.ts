// The case procedure of §3 as a table: one row per step a case may take, from a stage to a stage,
// with the clause that allows it and the bodies that may record it. Tracks A (§3.1), B (§3.2) and
// C (§3.3) lead to the written notice; after it every track runs the same steps (§3.5–§3.8).

import type { DispatchLevel, Party } from './parties';
import type { Track } from './tracks';

/** Stages before the notice: each names the step just taken. */
export type PreNoticeStage =
  | 'opened'
  | 'opinionMade'
  | 'requested'
  | 'reviewed'
  | 'filed'
  | 'investigated'
  | 'decided'
  | 'transferred';

/** Stages after the notice (§3.5–§3.7). */
export type PostNoticeStage = 'noticed' | 'recalled' | 'changed' | 'unchanged' | 'redeployApproved';

/** The case's main line; `closed` ends both regions. */
export type MainStage = PreNoticeStage | PostNoticeStage | 'closed';

/** The appeal of §3.8, which runs beside the main line once the notice is received. */
export type AppealStage = 'noAppeal' | 'appealFiled' | 'appealAnswered';

export type Stage = MainStage | AppealStage;

/** Events that move a case along the table. */
export type StepEventType =
  | 'opinion'
  | 'request'
  | 'caseReview'
  | 'filing'
  | 'investigation'
  | 'decision'
  | 'transfer'
  | 'notice'
  | 'appeal'
  | 'appealAnswered'
  | 'recalled'
  | 'outcome'
  | 'redeployApproved'
  | 'closed';

/** Events that add to a case's record without moving it (see `recordRows`). */
export type RecordEventType = 'evidence' | 'talk';

/** What the opinions and the statement heard before a decision are (§3.4). */
export type EvidenceKind =
  'townshipOpinion' | 'villagePartyOpinion' | 'membersOpinion' | 'statement';

// 要充分征求乡(镇、街道)党(工)委、村党组织、党员群众的意见,同时听取本人陈述 — §3.4
export const requiredEvidence: readonly EvidenceKind[] = [
  'townshipOpinion',
  'villagePartyOpinion',
  'membersOpinion',
  'statement',
];

export interface ProcedureRow {
  /** Tracks the row belongs to; `any` for the steps after the notice. */
  track: Track | 'any';
  /** The main line, or the appeal beside it (§3.8). */
  region: 'main' | 'appeal';
  from: Stage;
  event: StepEventType;
  /** For events with a finding: the outcome's `changed`, the appeal answer's `upheld`. */
  when?: 'changed' | 'unchanged' | 'upheld' | 'notUpheld';
  /** `closed` closes the whole case. */
  to: Stage;
  clause: string;
  /** Who may record the step; any one of them, or all of them when `jointly`. */
  actors: readonly Party[];
  /** The row applies only to cadres sent at these levels. */
  levels?: readonly DispatchLevel[];
  /** Every party in `actors` must agree before the step is taken. */
  jointly?: true;
  /** The decision step: the opinions and the statement of §3.4 must be on record first. */
  evidence?: true;
}

const belowProvince: readonly DispatchLevel[] = ['city', 'county', 'township'];
const province: readonly DispatchLevel[] = ['province'];

// [decision: the notice's date is the day the dispatching unit receives it (接到教育整改通知日, §3.5,
//  §3.8); the county, which sends it, or the unit may record it]
const noticeActors: readonly Party[] = ['county', 'dispatchingUnit'];
// [decision: before the notice, the office that decides (the county; in track C also discipline
//  inspection) may close a case without rectification, with the case's record as its reason]
const closeA: readonly Party[] = ['county'];
const closeC: readonly Party[] = ['county', 'discipline'];
// [decision: after the outcome, the county (which runs the case) or the same-level department that
//  agreed the redeployment or reviewed the replacement (for a province-level cadre also the work
//  committees) closes the case; closing records that the return or the replacement is done]
const closeAfter: readonly Party[] = ['county', 'sameLevelDepartment', 'provincialWorkCommittees'];

// One row per line, so the table reads as a table.
// prettier-ignore
export const procedureTable: readonly ProcedureRow[] = [
  // ── Track A ────────────────────────────────────────────────────────────────────────────────
  // 由县级组织部门提出教育整改的初步意见 — §3.1
  { track: 'A', region: 'main', from: 'opened', event: 'opinion', to: 'opinionMade', clause: '§3.1', actors: ['county'] },
  // 按分级负责的原则,书面通知派出单位进行组织谈话、教育整改 — §3.1 (and §3.4 before it)
  { track: 'A', region: 'main', from: 'opinionMade', event: 'notice', to: 'noticed', clause: '§3.1', actors: noticeActors, evidence: true },
  { track: 'A', region: 'main', from: 'opened', event: 'closed', to: 'closed', clause: '§3.1', actors: closeA },
  { track: 'A', region: 'main', from: 'opinionMade', event: 'closed', to: 'closed', clause: '§3.1', actors: closeA },

  // ── Track B ────────────────────────────────────────────────────────────────────────────────
  // ①由乡(镇、街道)党(工)委向县级组织部门书面提交实施教育整改的请示 — §3.2
  // [decision: the county may open a track-B case itself (tracks.ts); it then records the request]
  { track: 'B', region: 'main', from: 'opened', event: 'request', to: 'requested', clause: '§3.2', actors: ['township', 'county'] },
  // ②县级组织部门联合派出单位进行复核审定 — §3.2 (and §3.4 before it)
  // [decision: the joint review is recorded once, by either of the two, for both]
  { track: 'B', region: 'main', from: 'requested', event: 'caseReview', to: 'reviewed', clause: '§3.2', actors: ['county', 'dispatchingUnit'], evidence: true },
  // ③按照干部管理权限,报市(州)、省直有关工(党)委、省委组织部备案 — §3.2 (see filedWith)
  { track: 'B', region: 'main', from: 'reviewed', event: 'filing', to: 'filed', clause: '§3.2', actors: ['county'] },
  // ④书面通知派出单位进行组织谈话、教育整改 — §3.2
  { track: 'B', region: 'main', from: 'filed', event: 'notice', to: 'noticed', clause: '§3.2', actors: noticeActors },
  { track: 'B', region: 'main', from: 'opened', event: 'closed', to: 'closed', clause: '§3.2', actors: closeA },
  { track: 'B', region: 'main', from: 'requested', event: 'closed', to: 'closed', clause: '§3.2', actors: closeA },
  { track: 'B', region: 'main', from: 'reviewed', event: 'closed', to: 'closed', clause: '§3.2', actors: closeA },
  { track: 'B', region: 'main', from: 'filed', event: 'closed', to: 'closed', clause: '§3.2', actors: closeA },

  // ── Track C ────────────────────────────────────────────────────────────────────────────────
  // 由县级组织部门会同纪检部门、派出单位、乡(镇、街道)联合调查核实 — §3.3
  { track: 'C', region: 'main', from: 'opened', event: 'investigation', to: 'investigated', clause: '§3.3', actors: ['county', 'discipline', 'dispatchingUnit', 'township'] },
  // 严格按规定处理 — §3.3 (and §3.4 before it)
  { track: 'C', region: 'main', from: 'investigated', event: 'decision', to: 'decided', clause: '§3.3', actors: ['county', 'discipline'], evidence: true },
  // 涉及违法违纪的,按程序移交纪检司法机关处理 — §3.3
  { track: 'C', region: 'main', from: 'decided', event: 'transfer', to: 'transferred', clause: '§3.3', actors: ['county', 'discipline'] },
  // [decision: a track-C decision leads to the written notice of rectification like the other tracks,
  //  also after a transfer (因违法违纪等问题……不能继续安排驻村的, §3.6)]
  { track: 'C', region: 'main', from: 'decided', event: 'notice', to: 'noticed', clause: '§3.3', actors: noticeActors },
  { track: 'C', region: 'main', from: 'transferred', event: 'notice', to: 'noticed', clause: '§3.3', actors: noticeActors },
  { track: 'C', region: 'main', from: 'opened', event: 'closed', to: 'closed', clause: '§3.3', actors: closeC },
  { track: 'C', region: 'main', from: 'investigated', event: 'closed', to: 'closed', clause: '§3.3', actors: closeC },
  { track: 'C', region: 'main', from: 'decided', event: 'closed', to: 'closed', clause: '§3.3', actors: closeC },
  { track: 'C', region: 'main', from: 'transferred', event: 'closed', to: 'closed', clause: '§3.3', actors: closeC },

  // ── After the notice, every track ──────────────────────────────────────────────────────────
  // 派出单位接到教育整改通知后,要在7个工作日内将选派干部请回单位进行教育整改 — §3.5
  { track: 'any', region: 'main', from: 'noticed', event: 'recalled', to: 'recalled', clause: '§3.5', actors: ['dispatchingUnit'] },
  // 通过组织谈话和教育整改,思想认识确有转变、并愿意继续参与驻村工作的,经派出单位提出意见 — §3.6
  { track: 'any', region: 'main', from: 'recalled', event: 'outcome', when: 'changed', to: 'changed', clause: '§3.6', actors: ['dispatchingUnit'] },
  // 经教育整改思想认识仍没有明显转变的 — §3.7
  { track: 'any', region: 'main', from: 'recalled', event: 'outcome', when: 'unchanged', to: 'unchanged', clause: '§3.7', actors: ['dispatchingUnit'] },
  // 报同级组织部门(省级选派的同时报省直四个工<党>委)同意之后,在7个工作日内重新派回驻村 — §3.6
  { track: 'any', region: 'main', from: 'changed', event: 'redeployApproved', to: 'redeployApproved', clause: '§3.6', actors: ['sameLevelDepartment'], levels: belowProvince },
  { track: 'any', region: 'main', from: 'changed', event: 'redeployApproved', to: 'redeployApproved', clause: '§3.6', actors: ['sameLevelDepartment', 'provincialWorkCommittees'], levels: province, jointly: true },
  // 因违法违纪等问题或其他原因进行组织处理、不能继续安排驻村的,由选派单位另行选派驻村人员 — §3.6
  { track: 'any', region: 'main', from: 'changed', event: 'closed', to: 'closed', clause: '§3.6', actors: closeAfter },
  { track: 'any', region: 'main', from: 'redeployApproved', event: 'closed', to: 'closed', clause: '§3.6', actors: closeAfter },
  // 并报同级组织部门审核后(省级选派的报省直四个工<党>委同意后报省委组织部备案),重新选派干部到村帮扶 — §3.7
  { track: 'any', region: 'main', from: 'unchanged', event: 'closed', to: 'closed', clause: '§3.7', actors: closeAfter },

  // ── The appeal, beside the main line ───────────────────────────────────────────────────────
  // 可在接到教育整改通知日起2个工作日内,向同级组织部门提出复核申请 — §3.8
  { track: 'any', region: 'appeal', from: 'noAppeal', event: 'appeal', to: 'appealFiled', clause: '§3.8', actors: ['cadre'] },
  // 有关部门在5个工作日内予以复核并答复 — §3.8; (省级选派的由省直四个工<党>委负责)
  { track: 'any', region: 'appeal', from: 'appealFiled', event: 'appealAnswered', when: 'upheld', to: 'appealAnswered', clause: '§3.8', actors: ['sameLevelDepartment'], levels: belowProvince },
  { track: 'any', region: 'appeal', from: 'appealFiled', event: 'appealAnswered', when: 'upheld', to: 'appealAnswered', clause: '§3.8', actors: ['provincialWorkCommittees'], levels: province },
  // [decision: an answer that does not uphold the notice withdraws it: the case closes and its
  //  sanctions lapse — scenarios/README.md]
  { track: 'any', region: 'appeal', from: 'appealFiled', event: 'appealAnswered', when: 'notUpheld', to: 'closed', clause: '§3.8', actors: ['sameLevelDepartment'], levels: belowProvince },
  { track: 'any', region: 'appeal', from: 'appealFiled', event: 'appealAnswered', when: 'notUpheld', to: 'closed', clause: '§3.8', actors: ['provincialWorkCommittees'], levels: province },
];

/** Records that do not move the case: who may add them, and when. */
export interface RecordRow {
  event: RecordEventType;
  clause: string;
  actors: readonly Party[];
  /** For `evidence`: the kinds these actors may record. */
  kinds?: readonly EvidenceKind[];
  /** The case must be at least this far: `open` any time before closing, `recalled` after the recall. */
  after: 'open' | 'recalled';
}

// One row per line, so the table reads as a table.
// prettier-ignore
export const recordRows: readonly RecordRow[] = [
  // 要充分征求……意见,同时听取本人陈述,并做好工作记录 — §3.4
  // [decision: the offices that investigate or decide record what they heard; the cadre may hand in
  //  the statement themselves; a statement may record that the cadre declined to make one]
  { event: 'evidence', clause: '§3.4', actors: ['county', 'township', 'dispatchingUnit', 'discipline'], kinds: requiredEvidence, after: 'open' },
  { event: 'evidence', clause: '§3.4', actors: ['cadre'], kinds: ['statement'], after: 'open' },
  // 由派出单位主要领导对其进行组织谈话,并做好谈话记录 — §3.5
  { event: 'talk', clause: '§3.5', actors: ['dispatchingUnit'], after: 'recalled' },
];

/** Rows of `track` for a cadre sent at `level`. */
export function rowsOf(track: Track, level: DispatchLevel): readonly ProcedureRow[] {
  return procedureTable.filter(
    (r) => (r.track === 'any' || r.track === track) && (!r.levels || r.levels.includes(level)),
  );
}

/** The row that takes `event` (with its finding) from `from`, if the table has one. */
export function findRow(
  track: Track,
  level: DispatchLevel,
  from: Stage,
  event: StepEventType,
  when?: ProcedureRow['when'],
): ProcedureRow | undefined {
  return rowsOf(track, level).find(
    (r) => r.from === from && r.event === event && (r.when === undefined || r.when === when),
  );
}
