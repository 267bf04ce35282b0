// §2.1: a half-year review (述职述评) or an annual assessment rated 不称职 or 不合格 raises a flag.
import type { LocalDate } from '../calendar/local-date';
import type { Detection } from './detection';

/** Ratings of 述职述评 and the annual assessment, on both of their scales. */
export type Rating =
  | 'excellent'
  | 'competent'
  | 'basically_competent'
  | 'incompetent'
  | 'qualified'
  | 'basically_qualified'
  | 'unqualified';

export const ratings: readonly Rating[] = [
  'excellent',
  'competent',
  'basically_competent',
  'incompetent',
  'qualified',
  'basically_qualified',
  'unqualified',
];

export const ratingZh: Readonly<Record<Rating, string>> = {
  excellent: '优秀',
  competent: '称职',
  basically_competent: '基本称职',
  incompetent: '不称职',
  qualified: '合格',
  basically_qualified: '基本合格',
  unqualified: '不合格',
};

export interface Review {
  date: LocalDate;
  /** 'YYYYH1' for the half-year review, 'YYYY' for the annual assessment. */
  period: string;
  rating: Rating;
}

const PERIOD = /^\d{4}(H1)?$/;

export function isReviewPeriod(period: unknown): period is string {
  return typeof period === 'string' && PERIOD.test(period);
}

/** The annual assessment (年度考核), as opposed to the half-year review. */
export function isAnnualPeriod(period: string): boolean {
  return /^\d{4}$/.test(period);
}

// 被评定为“不称职”或“不合格”的 — §2.1
export function isFailingRating(rating: Rating): boolean {
  return rating === 'incompetent' || rating === 'unqualified';
}

// 在半年述职述评、年度考核中被评定为“不称职”或“不合格”的 — §2.1
export function detectReview(review: Review): Detection | null {
  if (!isFailingRating(review.rating)) return null;
  return {
    clause: '2.1',
    date: review.date,
    source: 'review',
    detail: `${isAnnualPeriod(review.period) ? 'annual assessment' : 'half-year review'} ${review.period} rated ${review.rating} (${ratingZh[review.rating]})`,
  };
}
