// The working-day calendar of the product: the State Council's yearly holiday schedules as data, the
// statutory fallback for unpublished years, and local days — clauses.md §3 (every working-day period).

export type { LocalDate } from './local-date';
export type {
  LocalDays,
  ParseLocalDaysResult,
  ParseScheduleResult,
  Schedule,
  ScheduleAmendment,
  ScheduleError,
  ScheduleErrorCode,
  ScheduleHoliday,
  ScheduleSource,
} from './schedule';
export { parseLocalDays, parseSchedule } from './schedule';
export { builtInSchedules, builtInYears } from './schedules';
export {
  hasStatutoryHolidays,
  statutoryHolidays,
  statutoryHolidaysSource,
} from './statutory-holidays';
export { lunarTableFirstYear, lunarTableLastYear } from './lunar-dates';
export type { Calendar, CalendarOptions, DayInfo } from './working-days';
export {
  countWorkdaysBetween,
  createCalendar,
  dayInfo,
  isPublishedYear,
  isWorkday,
  nationalCalendar,
  workdaysAfter,
  workdaysBetween,
} from './working-days';
export { CalendarConfigError, CalendarInputError } from './errors';
export { parseUserDate, type UserDateResult } from './user-date';
