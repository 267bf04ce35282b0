// The ledger (工作台账) of §4.5: what a cadre's record shows — every case with its steps, deadlines
// and sanctions (§3, §4.4), and the sanctions of failed annual assessments — as plain rows to export.

import { addDays } from '../calendar/local-date';
import type { LocalDate } from '../calendar/local-date';
import { metOn } from '../procedure/escalation';
import type { CaseState, Deadline } from '../procedure/post-notice';
import type { Track } from '../procedure/tracks';
import type { Review } from '../situations/reviews';
import { reviewSanction } from './sanctions';

/** One row of the ledger: every field a string, number, boolean or null, ready for CSV or a sheet. */
export interface LedgerRow {
  cadre: string;
  /** 1-based position of the case among the cadre's cases; null for a review's sanctions. */
  case: number | null;
  /** The situation of §2: '§2.6'; null for a review's sanctions. */
  situation: string | null;
  /** The annual assessment ('2026') whose rating brought the sanction; null for a case's rows. */
  review: string | null;
  track: Track | null;
  kind: 'step' | 'deadline' | 'sanction';
  /** The step ('notice', 'appeal'…), the deadline step ('recall'…) or the sanction ('noAwards'…). */
  item: string;
  date: LocalDate;
  /** A deadline's due date; the last day a sanction holds. */
  until: LocalDate | null;
  /** What the step found, a deadline's `provisional`, a sanction's figure. */
  value: string | number | boolean | null;
  /** Deadlines: met, met late, open, overdue, ended; sanctions: in force, lapsed, ended. */
  status: 'met' | 'metLate' | 'open' | 'overdue' | 'ended' | 'inForce' | 'lapsed' | null;
  /** The role that recorded a step. */
  by: string | null;
  clause: string;
}

export const ledgerColumns: readonly (keyof LedgerRow)[] = [
  'cadre',
  'case',
  'situation',
  'review',
  'track',
  'kind',
  'item',
  'date',
  'until',
  'value',
  'status',
  'by',
  'clause',
];

// 要加强对被教育整改干部的跟踪管理和动态考察,建立工作台账,作为年度考核、职务(岗位)变动、轮岗交流、
// 职级晋升、干部任用等方面的参考依据 — §4.5
/**
 * The cadre's ledger as of `asOf`: each case (in the order given) with its steps, its deadlines and
 * its sanctions, then the sanctions of annual assessments rated 不称职/不合格, by date.
 */
export function ledgerRows(args: {
  cadre: string;
  cases: readonly CaseState[];
  reviews?: readonly Review[];
  asOf: LocalDate;
}): LedgerRow[] {
  const { cadre, asOf } = args;
  const rows: LedgerRow[] = [];
  args.cases.forEach((c, i) => {
    const base = { cadre, case: i + 1, situation: `§${c.clause}`, review: null, track: c.track };
    for (const h of c.history) {
      rows.push({
        ...base,
        kind: 'step',
        item: h.event,
        date: h.date,
        until: null,
        value: h.detail,
        status: null,
        by: h.by,
        clause: h.clause,
      });
    }
    for (const d of c.deadlines) {
      rows.push({
        ...base,
        kind: 'deadline',
        item: d.step,
        date: d.startsOn,
        until: d.due,
        value: d.provisional,
        status: deadlineStatus(c, d, asOf),
        by: null,
        clause: d.clause,
      });
    }
    const s = c.sanctions;
    if (s) {
      const status = (until: LocalDate): LedgerRow['status'] =>
        c.lapsed ? 'lapsed' : asOf > until ? 'ended' : 'inForce';
      const yearEnd = `${s.noAwardsYear}-12-31`;
      const dayBefore = addDays(s.noPromotionUntil, -1);
      const sanction = (item: string, until: LocalDate, value: LedgerRow['value']): LedgerRow => ({
        ...base,
        kind: 'sanction',
        item,
        date: s.notice,
        until,
        value,
        status: status(until),
        by: null,
        clause: '§4.4',
      });
      rows.push(
        sanction('noAwards', yearEnd, s.noAwardsYear),
        sanction('noPromotion', dayBefore, s.noPromotionUntil),
        sanction('bonusWithheldMin', yearEnd, s.bonusWithheldMin),
        sanction('dispatchingUnitDeduction', yearEnd, true),
      );
    }
  });
  const reviews = [...(args.reviews ?? [])].sort((a, b) => compare(a.date, b.date));
  for (const review of reviews) {
    const s = reviewSanction(review);
    if (!s) continue;
    const base = {
      cadre,
      case: null,
      situation: null,
      review: s.review,
      track: null,
      kind: 'sanction' as const,
      date: review.date,
      until: null,
      status: 'inForce' as const,
      by: null,
      clause: '§4.4',
    };
    rows.push(
      { ...base, item: 'bonusWithheld', value: s.bonusWithheld },
      { ...base, item: 'admonitionTalk', value: s.admonitionTalk },
    );
  }
  return rows;
}

/** A deadline's status as of a day: the ledger's, and GET /cases/:id's (deadlinesOn). */
export function deadlineStatus(c: CaseState, d: Deadline, asOf: LocalDate): LedgerRow['status'] {
  const met = metOn(c, d);
  // The appeal window is the cadre's right: unused, it ends rather than falls overdue.
  if (d.step === 'appeal') return met !== null ? 'met' : asOf > d.due ? 'ended' : 'open';
  if (met !== null && met <= asOf) return met <= d.due ? 'met' : 'metLate';
  if (c.state === 'closed' && c.closedOn !== null && c.closedOn <= asOf) return 'ended';
  return asOf > d.due ? 'overdue' : 'open';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
