// The sanctions of §4.4: on a rectified cadre from the notice of the case, and on an annual
// assessment rated 不称职/不合格; a notice withdrawn on appeal (§3.8) lapses its case's sanctions.

import { daysInMonth, parts } from '../calendar/local-date';
import type { LocalDate } from '../calendar/local-date';
import type { Parameters } from '../parameters';
import { isAnnualPeriod, isFailingRating } from '../situations/reviews';
import type { Review } from '../situations/reviews';

/** What a rectification notice brings on the cadre and the dispatching unit (§4.4). */
export interface RectificationSanctions {
  /** The day the notice was received: the sanctions start then. */
  notice: LocalDate;
  /** 不得参加当年评先选优: no awards in this calendar year. */
  noAwardsYear: number;
  /** 一年内不得提拔使用: no promotion before this date. */
  noPromotionUntil: LocalDate;
  /** 扣发不低于20%的当年年度目标绩效奖: at least this share of the `annualBonus` of `noAwardsYear`. */
  bonusWithheldMin: number;
  /** 对派出单位在年度目标考核中进行相应扣分: the unit's annual assessment takes a deduction. */
  dispatchingUnitDeduction: true;
}

/** What an annual assessment rated 不称职/不合格 brings (§4.4). */
export interface ReviewSanction {
  review: string;
  /** 扣发年度目标绩效奖励: the whole `annualBonus` of the year. */
  bonusWithheld: 1;
  /** 按照干部管理权限由有关部门进行诫勉谈话 */
  admonitionTalk: true;
}

// 一年内不得提拔使用 — §4.4
// [decision: the bar ends on the same month and day one year after the notice; a notice of
//  29 February ends it on 28 February — clauses.md §4.4, scenarios/README.md]
export function oneYearAfter(date: LocalDate): LocalDate {
  const { year, month, day } = parts(date);
  const next = year + 1;
  const d = Math.min(day, daysInMonth(next, month));
  return `${String(next).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

// 凡被采取教育整改的干部不得参加当年评先选优,一年内不得提拔使用,扣发不低于20%的当年年度目标绩效奖,
// 对派出单位在年度目标考核中进行相应扣分 — §4.4
// [decision: "当年" is the calendar year of the rectification notice — clauses.md §4.4]
export function rectificationSanctions(
  notice: LocalDate,
  parameters: Parameters,
): RectificationSanctions {
  const year = parts(notice).year;
  return {
    notice,
    noAwardsYear: year,
    noPromotionUntil: oneYearAfter(notice),
    bonusWithheldMin: parameters.bonusWithholdMin,
    dispatchingUnitDeduction: true,
  };
}

/** Whether the sanctions bar a promotion on `date`: from the notice until the day before the end. */
export function promotionBarred(s: RectificationSanctions, date: LocalDate): boolean {
  return date >= s.notice && date < s.noPromotionUntil;
}

/** Whether the sanctions bar an award given for `year`. */
export function awardsBarred(s: RectificationSanctions, year: number): boolean {
  return year === s.noAwardsYear;
}

// 在年度考核中被评为“不称职”或“不合格”等次的,扣发年度目标绩效奖励,按照干部管理权限由有关部门进行诫勉谈话 — §4.4
// [decision: only the annual assessment ('YYYY') brings this; a half-year review ('YYYYH1') opens
//  a §2.1 case but is not 年度考核]
export function reviewSanction(review: Pick<Review, 'period' | 'rating'>): ReviewSanction | null {
  if (!isAnnualPeriod(review.period) || !isFailingRating(review.rating)) return null;
  return { review: review.period, bonusWithheld: 1, admonitionTalk: true };
}

/** A case's sanctions in force: none before its notice, none once the notice is withdrawn (§3.8). */
export function caseSanctions(c: {
  sanctions: RectificationSanctions | null;
  lapsed: boolean;
}): RectificationSanctions | null {
  return c.lapsed ? null : c.sanctions;
}
