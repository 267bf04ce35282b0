// §2.2: findings of absence by inspection (督查) that no justified absence covers are counted over the
// assignment; every `inspectionStrikes`-th one raises a flag.
import { isJustifiedAbsence, type LeaveRecord } from '../attendance/monthly-presence';
import type { LocalDate } from '../calendar/local-date';
import type { Parameters } from '../parameters';
import type { Detection } from './detection';

export interface Inspection {
  date: LocalDate;
  present: boolean;
}

/** A finding of absence that counts towards §2.2, with its running number in the assignment. */
export interface InspectionStrike {
  date: LocalDate;
  count: number;
}

// 在各级督查中累计被发现三次不在岗、且没有按规定程序履行请销假手续的 — §2.2
// [decision: a finding counts only when the cadre had no justified absence that day, judged on what
//  was known on the inspection day (a leave approved later does not excuse it); counted over the
//  current assignment; inspectionStrikes = 3 — clauses.md §2.2, scenarios README]
// [decision: two findings of absence on the same day are one strike: the cadre was away once]
export function inspectionStrikes(
  inspections: readonly Inspection[],
  leaves: readonly LeaveRecord[],
  assignment: { start: LocalDate; end: LocalDate | null },
  parameters: Pick<Parameters, 'inspectionStrikes'>,
): { strikes: InspectionStrike[]; detections: Detection[] } {
  const sorted = [...inspections].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const strikes: InspectionStrike[] = [];
  const detections: Detection[] = [];
  for (const inspection of sorted) {
    if (inspection.present) continue;
    if (inspection.date < assignment.start) continue;
    if (assignment.end != null && inspection.date > assignment.end) continue;
    if (strikes.length > 0 && strikes[strikes.length - 1]!.date === inspection.date) continue;
    if (isJustifiedAbsence(leaves, inspection.date, inspection.date)) continue;
    const count = strikes.length + 1;
    strikes.push({ date: inspection.date, count });
    if (count % parameters.inspectionStrikes === 0) {
      detections.push({
        clause: '2.2',
        date: inspection.date,
        source: 'inspection',
        detail: `finding of absence no. ${count} in the assignment without justified absence`,
      });
    }
  }
  return { strikes, detections };
}
