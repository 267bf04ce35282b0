// §2.4 and §2.5 at month close: a month short of its required days, or without enough diary entries,
// raises a flag dated the first day after the month.
import { firstOfMonth, nextMonth } from '../calendar/local-date';
import type { MonthPresence } from '../attendance/monthly-presence';
import type { Detection } from './detection';

/** Detections for a month that has ended; none for an open month (its verdicts are null). */
export function detectMonthClose(month: string, presence: MonthPresence): Detection[] {
  // [decision: evaluated, and flagged, on the first day after the month — clauses.md §2.4]
  const date = firstOfMonth(nextMonth(month));
  const detections: Detection[] = [];
  // 无正当理由、且没有履行相关请假手续,每月驻村时间没有达到20天的 — §2.4
  if (presence.compliant === false) {
    detections.push({
      clause: '2.4',
      date,
      source: 'monthClose',
      detail: `${month}: ${presence.inVillage} days in village + ${presence.justifiedAbsence} justified absence < ${presence.required} required`,
    });
  }
  // 没有民情日记 — §2.5  [decision: fewer than minDiaryEntriesPerMonth entries; a month of
  //  justified absence only is exempt — clauses.md §2.5]
  if (presence.diaryCompliant === false) {
    detections.push({
      clause: '2.5',
      date,
      source: 'monthClose',
      detail: `${month}: ${presence.diaryEntries} diary entries`,
    });
  }
  return detections;
}
