// The fixed statutory holidays of 全国年节及纪念日放假办法 (as revised in force from 2025-01-01): the
// days off assumed for a year whose State Council schedule is not published yet — clauses.md §3,
// scenarios/README.md ('provisional').

import { lunarDates, lunarTableFirstYear, lunarTableLastYear } from './lunar-dates';
import type { LocalDate } from './local-date';
import { addDays } from './local-date';

/** The revision of 全国年节及纪念日放假办法 whose list this module applies, and its first year. */
export const statutoryHolidaysSource = {
  title: '国务院关于修改《全国年节及纪念日放假办法》的决定',
  published: '2024-11-12',
  inForce: '2025-01-01',
} as const;
const firstYearOfRevision = 2025;
const firstYear = Math.max(firstYearOfRevision, lunarTableFirstYear);

// [decision: no 补假 (第六条) and no 调休 are guessed for an unpublished year: its provisional count is
//  weekends plus these days — scenarios/README.md]
/** Whether statutoryHolidays(year) has a list (cheap: no allocation). */
export function hasStatutoryHolidays(year: number): boolean {
  return year >= firstYear && year <= lunarTableLastYear && lunarDates[year] !== undefined;
}

/**
 * The statutory holidays of `year`, or null when this module cannot say: years before the 2025
 * revision, and years past the lunar table (lunar-dates.ts). Without them a year is weekends only.
 */
export function statutoryHolidays(year: number): { name: string; days: LocalDate[] }[] | null {
  const row = hasStatutoryHolidays(year) ? lunarDates[year] : undefined;
  if (!row) return null;
  const [chuxi, qingming, duanwu, zhongqiu] = row.map((md) => `${year}-${md}`) as [
    LocalDate,
    LocalDate,
    LocalDate,
    LocalDate,
  ];
  const y = String(year);
  return [
    // 新年，放假1天（1月1日）— 第二条(一)
    { name: '元旦', days: [`${y}-01-01`] },
    // 春节，放假4天（农历除夕、正月初一至初三）— 第二条(二)
    { name: '春节', days: [0, 1, 2, 3].map((n) => addDays(chuxi, n)) },
    // 清明节，放假1天（农历清明当日）— 第二条(三)
    { name: '清明节', days: [qingming] },
    // 劳动节，放假2天（5月1日、2日）— 第二条(四)
    { name: '劳动节', days: [`${y}-05-01`, `${y}-05-02`] },
    // 端午节，放假1天（农历端午当日）— 第二条(五)
    { name: '端午节', days: [duanwu] },
    // 中秋节，放假1天（农历中秋当日）— 第二条(六)
    { name: '中秋节', days: [zhongqiu] },
    // 国庆节，放假3天（10月1日、2日、3日）— 第二条(七)
    { name: '国庆节', days: [`${y}-10-01`, `${y}-10-02`, `${y}-10-03`] },
  ];
}
