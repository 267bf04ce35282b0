// Why the procedure of §3 refuses a step: refusals are values with the clause that refuses, never
// exceptions (design/style.md).

import type { EvidenceKind } from './table';

export const refusalReasons = [
  // After the notice (§3.5–§3.8): post-notice.ts
  'case-closed',
  'date-out-of-order',
  'notice-already-received',
  'no-notice',
  'appeal-already-filed',
  'appeal-window-closed',
  'no-appeal',
  'appeal-already-answered',
  'appeal-pending',
  'already-recalled',
  'not-recalled',
  'outcome-already-recorded',
  'no-outcome',
  'outcome-not-changed',
  'redeploy-already-approved',
  // The whole procedure (§3.1–§3.8): transition.ts
  'event-after-as-of',
  'actor-not-allowed',
  'not-in-track',
  'evidence-missing',
  'no-opinion',
  'no-request',
  'no-case-review',
  'no-filing',
  'no-investigation',
  'no-decision',
  'step-already-done',
  'no-talk',
  'already-approved',
  // Opening a case (§2, §3.1–§3.3): transition.ts
  'unknown-situation',
  'not-opened-this-way',
] as const;

export type RefusalReason = (typeof refusalReasons)[number];

export interface Refusal {
  ok: false;
  reason: RefusalReason;
  /** The clause that refuses, e.g. '§3.8'. */
  clause: string;
  /** With `evidence-missing`: what §3.4 still needs on record. */
  missing?: readonly EvidenceKind[];
}

export function refuse(reason: RefusalReason, clause: string): Refusal {
  return { ok: false, reason, clause };
}
