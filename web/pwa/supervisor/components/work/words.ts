// The names the daily-work pages give to the procedure's stages and steps, the kinds of evidence
// (§3.4), leave and flag states: the glossary's words, in Chinese first. Words the API already
// sends in the request's language (situations, deadline and timeline names) are not repeated here.
import { defineTexts } from '../../../shared/i18n';

/** A case's current stage (core's table: cases.step). */
export const stageTexts = defineTexts(
  {
    opened: '已立案',
    opinionMade: '已提出初步意见',
    requested: '已书面请示',
    reviewed: '已复核审定',
    filed: '已备案',
    investigated: '已联合调查核实',
    decided: '已作出处理决定',
    transferred: '已移交纪检司法机关',
    noticed: '已书面通知',
    recalled: '已请回单位',
    changed: '思想认识确有转变',
    unchanged: '思想认识没有明显转变',
    redeployApproved: '已同意重新派回',
    closed: '已结案',
  },
  {
    opened: 'Opened',
    opinionMade: 'Preliminary opinion made',
    requested: 'Written request made',
    reviewed: 'Reviewed',
    filed: 'Filed',
    investigated: 'Jointly investigated',
    decided: 'Decision made',
    transferred: 'Transferred',
    noticed: 'Written notice received',
    recalled: 'Recalled to the unit',
    changed: 'Outcome: changed',
    unchanged: 'Outcome: no change',
    redeployApproved: 'Redeployment approved',
    closed: 'Closed',
  },
);

/**
 * What each step's button says: `type`, or `type.when` for the steps core offers once per finding
 * (the outcome of §3.6/§3.7, the answer to an appeal of §3.8).
 */
export const actionTexts = defineTexts(
  {
    opinion: '提出初步意见',
    request: '提交书面请示',
    caseReview: '记录复核审定',
    filing: '记录备案',
    investigation: '记录联合调查核实',
    decision: '作出处理决定',
    transfer: '移交纪检司法机关',
    notice: '书面通知派出单位',
    appeal: '提出复核申请',
    'appealAnswered.upheld': '复核答复：维持教育整改',
    'appealAnswered.notUpheld': '复核答复：撤销教育整改',
    recalled: '记录已请回单位',
    talk: '记录组织谈话',
    'outcome.changed': '整改结论：思想认识确有转变',
    'outcome.unchanged': '整改结论：思想认识没有明显转变',
    redeployApproved: '同意重新派回',
    closed: '结案',
    evidence: '记录意见或本人陈述',
  },
  {
    opinion: 'Make the preliminary opinion',
    request: 'Record the written request',
    caseReview: 'Record the review',
    filing: 'Record the filing',
    investigation: 'Record the joint investigation',
    decision: 'Record the decision',
    transfer: 'Transfer the case',
    notice: 'Send the written notice',
    appeal: 'File an appeal',
    'appealAnswered.upheld': 'Answer the appeal: upheld',
    'appealAnswered.notUpheld': 'Answer the appeal: withdrawn',
    recalled: 'Record the recall',
    talk: 'Record the talk',
    'outcome.changed': 'Outcome: the cadre has changed',
    'outcome.unchanged': 'Outcome: no clear change',
    redeployApproved: 'Agree to the redeployment',
    closed: 'Close the case',
    evidence: 'Record an opinion or the statement',
  },
);

export type ActionKey = keyof (typeof actionTexts)['zh-CN'];

/** The key of an allowed step in actionTexts, or undefined for a step this app does not know. */
export function actionKey(event: { type: string; when?: string }): ActionKey | undefined {
  const key = event.when ? `${event.type}.${event.when}` : event.type;
  return key in actionTexts['zh-CN'] ? (key as ActionKey) : undefined;
}

/** The opinions and the statement §3.4 asks for before the decision. */
export const evidenceTexts = defineTexts(
  {
    townshipOpinion: '乡（镇、街道）党（工）委意见',
    villagePartyOpinion: '村党组织意见',
    membersOpinion: '党员群众意见',
    statement: '本人陈述',
  },
  {
    townshipOpinion: 'Township Party committee’s opinion',
    villagePartyOpinion: 'Village Party organization’s opinion',
    membersOpinion: 'Party members’ and villagers’ opinion',
    statement: 'The cadre’s statement',
  },
);

/** What each track of §3 goes through before the written notice. */
export const trackTexts = defineTexts(
  {
    A: '县级组织部门提出初步意见后书面通知',
    B: '乡镇书面请示、复核审定、备案后书面通知',
    C: '联合调查核实、作出处理决定后书面通知',
  },
  {
    A: 'the county’s preliminary opinion, then the notice',
    B: 'the township’s request, review and filing, then the notice',
    C: 'joint investigation and decision, then the notice',
  },
);

export const levelTexts = defineTexts(
  { township: '乡镇', county: '县级', city: '市（州）级', province: '省级' },
  { township: 'township', county: 'county', city: 'city', province: 'province' },
);

export const flagStateTexts = defineTexts(
  { open: '待处理', confirmed: '已确认', dismissed: '已排除' },
  { open: 'Open', confirmed: 'Confirmed', dismissed: 'Dismissed' },
);

export const caseStateTexts = defineTexts(
  { open: '办理中', closed: '已结案' },
  { open: 'Open', closed: 'Closed' },
);

export const leaveKindTexts = defineTexts(
  { personal: '事假', sick: '病假', official: '公假', other: '其他' },
  { personal: 'Personal leave', sick: 'Sick leave', official: 'Official leave', other: 'Other' },
);

export const leaveStateTexts = defineTexts(
  { pending: '审批中', approved: '已批准', rejected: '未批准', withdrawn: '已撤回' },
  { pending: 'Pending', approved: 'Approved', rejected: 'Rejected', withdrawn: 'Withdrawn' },
);

export const ratingTexts = defineTexts(
  {
    excellent: '优秀',
    competent: '称职',
    basically_competent: '基本称职',
    incompetent: '不称职',
    qualified: '合格',
    basically_qualified: '基本合格',
    unqualified: '不合格',
  },
  {
    excellent: 'excellent',
    competent: 'competent',
    basically_competent: 'basically competent',
    incompetent: 'incompetent',
    qualified: 'qualified',
    basically_qualified: 'basically qualified',
    unqualified: 'unqualified',
  },
);

/** Reads `key` of a text table when it has it, else shows the key itself (a new value of the API). */
export function known<K extends string>(
  texts: Record<string, Record<K, string>>,
  lang: string,
  key: string,
): string {
  const table = texts[lang] as Record<string, string> | undefined;
  return table?.[key] ?? key;
}
