// What a detector reports: a situation of §2 seen in the system's own records on a given day. It
// becomes a flag (预警), or evidence on an open flag or case for the same clause (see flags.ts). §2.
import type { LocalDate } from '../calendar/local-date';
import type { DetectionSource, SituationId } from './catalogue';

export interface Detection {
  clause: SituationId;
  /** The day of what raised it: the review's date, the survey's close, the inspection, or the first
   * day after the month. */
  date: LocalDate;
  source: DetectionSource;
  /** What was seen, in a line, for the evidence record. */
  detail: string;
}
