// §2.3: a closed villager survey (群众满意度测评) with enough valid responses and a satisfaction rate
// strictly below the threshold raises a flag.
import type { LocalDate } from '../calendar/local-date';
import type { Parameters } from '../parameters';
import type { Detection } from './detection';

export interface SurveyCounts {
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
}

export interface SurveyResult {
  /** Valid responses. */
  responses: number;
  /** (满意 + 基本满意) ÷ valid responses, unrounded; null when there are too few responses. */
  satisfactionRate: number | null;
  /** False when there are fewer responses than minSurveyResponses ("too few responses"). */
  valid: boolean;
  /** Whether the survey triggers §2.3. */
  belowThreshold: boolean;
}

// 群众意见较大,满意度测评低于50%的 — §2.3
// [decision: rate = (满意 + 基本满意) ÷ valid responses; strictly below satisfactionThreshold = 0.5
//  triggers; fewer than minSurveyResponses = 10 valid responses trigger nothing — clauses.md §2.3]
export function evaluateSurvey(
  counts: SurveyCounts,
  parameters: Pick<Parameters, 'satisfactionThreshold' | 'minSurveyResponses'>,
): SurveyResult {
  const favourable = counts.satisfied + counts.basicallySatisfied;
  const responses = favourable + counts.dissatisfied;
  if (responses < parameters.minSurveyResponses || responses === 0) {
    return { responses, satisfactionRate: null, valid: false, belowThreshold: false };
  }
  const satisfactionRate = favourable / responses;
  // Compared without division, so 5 of 10 is exactly 50 % and never a rounding error below it.
  const belowThreshold = favourable < parameters.satisfactionThreshold * responses;
  return { responses, satisfactionRate, valid: true, belowThreshold };
}

/** The rate as shown: rounded to 4 decimals. */
export function roundRate(rate: number | null): number | null {
  return rate === null ? null : Math.round(rate * 10_000) / 10_000;
}

export function detectSurvey(
  closed: LocalDate,
  counts: SurveyCounts,
  parameters: Pick<Parameters, 'satisfactionThreshold' | 'minSurveyResponses'>,
): Detection | null {
  const result = evaluateSurvey(counts, parameters);
  if (!result.belowThreshold) return null;
  return {
    clause: '2.3',
    date: closed,
    source: 'survey',
    detail: `survey closed with satisfaction ${roundRate(result.satisfactionRate)} of ${result.responses} responses`,
  };
}
