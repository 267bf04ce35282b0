// The shapes the daily-work pages read from the API (web/api/flags.ts, leave.ts, cases.ts,
// deadlines.ts), written out here so the pages stay typed without importing server code.
import type { Role } from '../../session';

export type Level = 'province' | 'city' | 'county' | 'township';

/** One detection behind a flag: `source` says where it came from, the rest are its figures. */
export interface FlagEvidence {
  source: string;
  date: string;
  detail?: string;
  required?: number;
  inVillage?: number;
  justifiedAbsence?: number;
  diaryEntries?: number;
  strike?: number;
  findings?: string[];
  responses?: number;
  satisfactionRate?: number | null;
  period?: string;
  rating?: string;
  [key: string]: unknown;
}

export interface Flag {
  id: number;
  clause: string;
  situation: string;
  state: 'open' | 'confirmed' | 'dismissed';
  raisedOn: string;
  evidence: FlagEvidence[];
  cadre: { id: number; name: string };
  village: { id: number; name: string };
  township: { id: number; name: string } | null;
  dispatchingUnit: { id: number; name: string };
  decidedBy: { userId: number; name: string | null; role: Role | null } | null;
  decidedAt: string | null;
  dismissReason: string | null;
  caseId: number | null;
  mayDecide: boolean;
}

export interface LeaveApproval {
  step: number;
  role: Role;
  decision: 'approved' | 'rejected';
  comment: string | null;
  decidedAt: string;
  by: string;
}

export interface Leave {
  id: number;
  cadreId: number;
  cadreName: string;
  villageId: number;
  village: string;
  kind: 'personal' | 'sick' | 'official' | 'other';
  startsOn: string;
  endsOn: string;
  reason: string | null;
  state: 'pending' | 'approved' | 'rejected' | 'withdrawn';
  approvalChain: Role[];
  requestedAt: string;
  approvedOn: string | null;
  decidedAt: string | null;
  returnedOn: string | null;
  days: number;
  approvals: LeaveApproval[];
  waitingFor: Role | null;
}

export interface LeaveDecision {
  id: number;
  decision: 'approved' | 'rejected';
  step: number;
  state: Leave['state'];
  next: Role | null;
  approvedOn: string | null;
}

/** A deadline across cases, from GET /deadlines. */
export interface DueItem {
  caseId: number;
  cadre: { id: number; name: string };
  village: { id: number; name: string };
  step: string;
  name: string;
  clause: string;
  due: string;
  workdaysLeft: number;
  provisional: boolean;
  overdue: boolean;
  escalate: boolean;
  escalateTo: Level | null;
}

export interface CaseSummary {
  id: number;
  clause: string;
  situation: string;
  track: 'A' | 'B' | 'C';
  origin: 'flag' | 'intake' | 'tip';
  state: 'open' | 'closed';
  stage: string;
  openedOn: string;
  noticeOn: string | null;
  closedOn: string | null;
  cadre: { id: number; name: string };
  village: { id: number; name: string };
  township: string | null;
  dispatchingUnit: { id: number; name: string };
}

export type EvidenceKind =
  'townshipOpinion' | 'villagePartyOpinion' | 'membersOpinion' | 'statement';

export interface TimelineEvent {
  seq: number;
  type: string;
  name: string;
  date: string;
  recordedAt: string;
  by: { userId: number | null; name: string | null; role: Role | null };
  clause: string | null;
  steps: { event: string; name: string; date: string; clause: string; detail: string | null }[];
  payload: Record<string, unknown>;
  refused?: { reason: string; clause: string };
}

export interface CaseDeadline {
  step: string;
  name: string;
  clause: string;
  startsOn: string;
  due: string;
  provisional: boolean;
  status: 'met' | 'metLate' | 'open' | 'overdue' | 'ended' | null;
  workdaysLeft: number | null;
  overdueWorkdays: number | null;
  escalate: boolean;
  escalateTo: Level | null;
}

/** A step core lets the signed-in user take now; outcome and answers come once per finding. */
export interface AllowedEvent {
  type: string;
  clause: string;
  when?: 'changed' | 'unchanged' | 'upheld' | 'notUpheld';
  kinds?: EvidenceKind[];
}

export interface CaseDetail {
  id: number;
  clause: string;
  situation: string;
  track: 'A' | 'B' | 'C';
  trackClause: string;
  origin: 'flag' | 'intake' | 'tip';
  flagId: number | null;
  tipId: number | null;
  state: 'open' | 'closed';
  stage: string;
  appeal: { filed: string; answered: { date: string; upheld: boolean } | null } | null;
  openedOn: string;
  noticeOn: string | null;
  closedOn: string | null;
  dispatchLevel: Level;
  cadre: { id: number; name: string; title: string | null };
  village: { id: number; name: string };
  dispatchingUnit: { id: number; name: string } | null;
  asOf: string;
  timeline: TimelineEvent[];
  deadlines: CaseDeadline[];
  evidence: { onRecord: EvidenceKind[]; missing: EvidenceKind[] };
  sanctions: {
    notice: string;
    noAwardsYear: number;
    noPromotionUntil: string;
    bonusWithheldMin: number;
    dispatchingUnitDeduction: true;
    inForce: boolean;
    lapsed: boolean;
  } | null;
  allowedEvents: AllowedEvent[];
}
