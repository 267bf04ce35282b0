// Working days by the State Council's yearly schedules, with an org unit's local days on top: the
// arithmetic of every 'within N working days' deadline of §3 (§3.5–§3.8) and of 'overdue by' (§4.2).

import { CalendarConfigError, CalendarInputError } from './errors';
import { dayNumber, daysInMonth, fromDayNumber, isLeapYear } from './local-date';
import type { LocalDate } from './local-date';
import { parseLocalDays, parseSchedule } from './schedule';
import type { Schedule } from './schedule';
import { builtInSchedules } from './schedules';
import { hasStatutoryHolidays, statutoryHolidays } from './statutory-holidays';

declare const opaque: unique symbol;

/** A working-day calendar. Opaque: build one with createCalendar, ask it with the functions below. */
export interface Calendar {
  readonly [opaque]: 'Calendar';
}

export interface CalendarOptions {
  /** Published schedules; each replaces the built-in schedule of its year. At most one per year. */
  schedules?: readonly Schedule[];
  /** The org unit's own days off and working days (苗年, 姊妹节 and their make-up days). */
  local?: { holidays?: readonly LocalDate[]; workdays?: readonly LocalDate[] };
}

/** What a calendar says about one day, for display ('closed for 春节', 'make-up working day'). */
export interface DayInfo {
  date: LocalDate;
  workday: boolean;
  /** The day lies in a year whose State Council schedule is not published. */
  provisional: boolean;
  weekend: boolean;
  /** The national holiday the day belongs to, from the schedule or, provisionally, the statutory list. */
  holiday: string | null;
  /** 调休上班日: a Saturday or Sunday on which the schedule says people work. */
  makeUpWorkday: boolean;
  /** The org unit's own day, which overrides the national one. */
  local: 'holiday' | 'workday' | null;
  /** What the day's year is counted on. */
  basis: 'schedule' | 'statutory' | 'weekends';
}

// Per-day status bits.
const OFF = 1;
const HOLIDAY = 2;
const MAKE_UP = 4;
const LOCAL = 8;

/** One year of a calendar, computed once: a status byte per day and running counts of working days. */
interface YearTable {
  readonly year: number;
  /** Day number (local-date.ts) of 1 January. */
  readonly start: number;
  readonly length: number;
  readonly published: boolean;
  readonly basis: DayInfo['basis'];
  readonly status: Uint8Array;
  /** before[i] = working days among the year's days 0 … i-1; before[length] = the year's total. */
  readonly before: Uint16Array;
  readonly names: ReadonlyMap<number, string>;
}

interface CalendarState {
  readonly schedules: ReadonlyMap<number, Schedule>;
  readonly localHolidays: ReadonlyMap<number, readonly number[]>;
  readonly localWorkdays: ReadonlyMap<number, readonly number[]>;
  /** Year tables built so far (lazily: a calendar costs nothing for years nobody asks about). */
  readonly years: Map<number, YearTable>;
}

const lastYear = 9999;

/**
 * A calendar of working days. Schedules default to the built-in ones (2017–2026, schedules/); passed
 * schedules replace built-ins of the same year. Throws CalendarConfigError when a schedule or a local
 * day does not validate (parseSchedule, parseLocalDays say why, with its path).
 */
export function createCalendar(options: CalendarOptions = {}): Calendar {
  const schedules = new Map<number, Schedule>();
  for (const schedule of builtInSchedules) schedules.set(schedule.year, schedule);
  const passed = new Set<number>();
  (options.schedules ?? []).forEach((json, i) => {
    const parsed = parseSchedule(json);
    if (!parsed.ok) {
      throw new CalendarConfigError(parsed.message, `schedules[${i}]${parsed.path.slice(1)}`);
    }
    const { year } = parsed.schedule;
    if (passed.has(year)) {
      throw new CalendarConfigError(`a second schedule for ${year}`, `schedules[${i}].year`);
    }
    passed.add(year);
    schedules.set(year, parsed.schedule);
  });

  // 少数民族习惯的节日，由各少数民族聚居地区的地方人民政府……规定放假日期 — 全国年节及纪念日放假办法 第四条
  // [decision: an org unit's local days override the national schedule for it: a local holiday is off
  //  even on a make-up working day; a local working day is worked even on a national holiday]
  const local = parseLocalDays(options.local ?? {});
  if (!local.ok) throw new CalendarConfigError(local.message, `local${local.path.slice(1)}`);
  const state: CalendarState = {
    schedules,
    localHolidays: byYear(local.local.holidays),
    localWorkdays: byYear(local.local.workdays),
    years: new Map(),
  };
  return state as unknown as Calendar;
}

/** The national calendar: the built-in schedules, no local days. */
export const nationalCalendar: Calendar = createCalendar();

/** Whether the State Council's schedule for `year` is known to this calendar. */
export function isPublishedYear(cal: Calendar, year: number): boolean {
  return stateOf(cal).schedules.has(year);
}

/** Whether `date` is a working day; provisional when its year's schedule is not published. */
export function isWorkday(
  cal: Calendar,
  date: LocalDate,
): { workday: boolean; provisional: boolean } {
  const { year, day } = parseDay(date, 'date');
  const table = yearTable(stateOf(cal), year);
  return { workday: (table.status[day - table.start]! & OFF) === 0, provisional: !table.published };
}

/** Everything the calendar knows about one day. */
export function dayInfo(cal: Calendar, date: LocalDate): DayInfo {
  const { year, day } = parseDay(date, 'date');
  const table = yearTable(stateOf(cal), year);
  const i = day - table.start;
  const status = table.status[i]!;
  const weekday = isoWeekdayOf(day);
  return {
    date,
    workday: (status & OFF) === 0,
    provisional: !table.published,
    weekend: weekday >= 6,
    holiday: status & HOLIDAY ? (table.names.get(i) ?? null) : null,
    makeUpWorkday: (status & MAKE_UP) !== 0,
    local: status & LOCAL ? (status & OFF ? 'holiday' : 'workday') : null,
    basis: table.basis,
  };
}

// 在7个工作日内将选派干部请回单位 — §3.5; 可在接到教育整改通知日起2个工作日内 — §3.8
// A period "within N working days" after an event ends on the N-th working day *after* the event's
// date (the day of the event itself is not counted — the rule of Civil Code art. 201) — clauses.md §3
/**
 * The n-th working day strictly after `date` (n ≥ 1): the end of a period 'within n working days'
 * after an event on `date`. Provisional when any day from date+1 to the result lies in a year whose
 * schedule is not published.
 */
export function workdaysAfter(
  cal: Calendar,
  date: LocalDate,
  n: number,
): { date: LocalDate; provisional: boolean } {
  if (!Number.isInteger(n) || n < 1) {
    throw new CalendarInputError(`workdaysAfter needs a whole number n ≥ 1, got ${n}`);
  }
  const state = stateOf(cal);
  const start = parseDay(date, 'date');
  let year = start.year;
  let index = start.day - yearStart(year) + 1; // the first day counted: the day after `date`
  let remaining = n;
  let provisional = false;
  for (;;) {
    const length = isLeapYear(year) ? 366 : 365;
    if (index >= length) {
      year = nextYear(year);
      index = 0;
      continue;
    }
    // A year that only weekends shape is skipped whole without building its table.
    if (index === 0 && isPlainYear(state, year)) {
      const total = weekdaysInYear(year);
      if (total < remaining) {
        remaining -= total;
        provisional = true;
        year = nextYear(year);
        continue;
      }
    }
    const table = yearTable(state, year);
    if (!table.published) provisional = true;
    const available = table.before[length]! - table.before[index]!;
    if (available >= remaining) {
      // The smallest j with before[j] - before[index] = remaining: day j-1 is the n-th working day.
      const target = table.before[index]! + remaining;
      let lo = index + 1;
      let hi = length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (table.before[mid]! >= target) hi = mid;
        else lo = mid + 1;
      }
      return { date: fromDayNumber(table.start + lo - 1), provisional };
    }
    remaining -= available;
    year = nextYear(year);
    index = 0;
  }
}

/**
 * Working days d with from < d ≤ to: 'working days left' until a due date (from = today, to = due),
 * or 'overdue by' (from = due, to = today). When to is before from the count is negative:
 * workdaysBetween(a, b) = −workdaysBetween(b, a); 0 when they are the same day. So
 * workdaysBetween(d, workdaysAfter(d, n).date) = n, and counts add up: (a, b) + (b, c) = (a, c).
 */
export function workdaysBetween(cal: Calendar, from: LocalDate, to: LocalDate): number {
  return countWorkdaysBetween(cal, from, to).workdays;
}

/** workdaysBetween, and whether any day counted (or skipped) lies in an unpublished year. */
export function countWorkdaysBetween(
  cal: Calendar,
  from: LocalDate,
  to: LocalDate,
): { workdays: number; provisional: boolean } {
  const a = parseDay(from, 'from');
  const b = parseDay(to, 'to');
  if (a.day === b.day) return { workdays: 0, provisional: false };
  const state = stateOf(cal);
  if (b.day < a.day) {
    const back = countForward(state, b, a);
    // 0 - x, not -x: no -0 when nothing is counted.
    return { workdays: 0 - back.workdays, provisional: back.provisional };
  }
  return countForward(state, a, b);
}

type Day = { year: number; day: number };

/** Working days d with a < d ≤ b, for a before b. */
function countForward(
  state: CalendarState,
  a: Day,
  b: Day,
): { workdays: number; provisional: boolean } {
  const first = yearTable(state, a.year);
  const ia = a.day - first.start;
  if (a.year === b.year) {
    const ib = b.day - first.start;
    return {
      workdays: first.before[ib + 1]! - first.before[ia + 1]!,
      provisional: !first.published,
    };
  }
  let workdays = first.before[first.length]! - first.before[ia + 1]!;
  let provisional = ia + 1 < first.length && !first.published;
  for (let year = a.year + 1; year < b.year; year++) {
    if (isPlainYear(state, year)) {
      workdays += weekdaysInYear(year);
      provisional = true;
    } else {
      const table = yearTable(state, year);
      workdays += table.before[table.length]!;
      if (!table.published) provisional = true;
    }
  }
  const last = yearTable(state, b.year);
  workdays += last.before[b.day - last.start + 1]!;
  if (!last.published) provisional = true;
  return { workdays, provisional };
}

function stateOf(cal: Calendar): CalendarState {
  return cal as unknown as CalendarState;
}

function yearTable(state: CalendarState, year: number): YearTable {
  const cached = state.years.get(year);
  if (cached) return cached;
  const table = buildYear(state, year);
  // [decision: years far from today are not kept, so a sweep over centuries holds no memory]
  if ((year >= 1900 && year <= 2200) || !isPlainYear(state, year)) state.years.set(year, table);
  return table;
}

function buildYear(state: CalendarState, year: number): YearTable {
  const start = yearStart(year);
  const length = isLeapYear(year) ? 366 : 365;
  const status = new Uint8Array(length);
  const names = new Map<number, string>();
  // Weekdays from the date's own numbers, never from the process time zone (architecture.md).
  const jan1 = isoWeekdayOf(start);
  for (let i = 0; i < length; i++) {
    if ((jan1 - 1 + i) % 7 >= 5) status[i] = OFF;
  }
  const name = (i: number, holiday: string) => {
    const before = names.get(i);
    names.set(i, before && before !== holiday ? `${before}、${holiday}` : holiday);
  };

  // Working days follow the State Council's yearly holiday schedule, with its make-up working days
  // (调休) — clauses.md §3
  const schedule = state.schedules.get(year);
  const statutory = schedule ? null : statutoryHolidays(year);
  if (schedule) {
    for (const holiday of schedule.holidays) {
      for (const d of holiday.days) {
        const i = dayIndex(d, start);
        status[i] = OFF | HOLIDAY;
        name(i, holiday.name);
      }
    }
    for (const d of schedule.workdays) status[dayIndex(d, start)] = MAKE_UP;
  } else if (statutory) {
    // it is then counted on weekends plus the fixed statutory holidays of that year — scenarios/README.md
    for (const holiday of statutory) {
      for (const d of holiday.days) {
        const i = dayIndex(d, start);
        status[i] = OFF | HOLIDAY;
        name(i, holiday.name);
      }
    }
  }
  for (const d of state.localHolidays.get(year) ?? [])
    status[d - start] = status[d - start]! | OFF | LOCAL;
  for (const d of state.localWorkdays.get(year) ?? [])
    status[d - start] = (status[d - start]! & ~OFF) | LOCAL;

  const before = new Uint16Array(length + 1);
  for (let i = 0; i < length; i++) before[i + 1] = before[i]! + (status[i]! & OFF ? 0 : 1);
  return {
    year,
    start,
    length,
    published: schedule !== undefined,
    basis: schedule ? 'schedule' : statutory ? 'statutory' : 'weekends',
    status,
    before,
    names,
  };
}

/** A year with nothing but weekends: no schedule, no statutory list, no local days. */
function isPlainYear(state: CalendarState, year: number): boolean {
  return (
    !state.schedules.has(year) &&
    !hasStatutoryHolidays(year) &&
    !state.localHolidays.has(year) &&
    !state.localWorkdays.has(year)
  );
}

/** Monday–Friday days of a year: 52 whole weeks, plus 1 January (and 2 January in a leap year). */
function weekdaysInYear(year: number): number {
  const jan1 = isoWeekdayOf(yearStart(year));
  const jan2 = (jan1 % 7) + 1;
  return 260 + (jan1 <= 5 ? 1 : 0) + (isLeapYear(year) && jan2 <= 5 ? 1 : 0);
}

function nextYear(year: number): number {
  if (year >= lastYear) {
    throw new CalendarInputError(`the result would fall after ${lastYear}-12-31`);
  }
  return year + 1;
}

function yearStart(year: number): number {
  return dayNumber(year, 1, 1);
}

function isoWeekdayOf(day: number): number {
  // 1970-01-01 (day 0) was a Thursday (4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

function dayIndex(date: LocalDate, start: number): number {
  return parseDay(date, 'schedule day').day - start;
}

function byYear(dates: readonly LocalDate[]): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const date of dates) {
    const { year, day } = parseDay(date, 'local day');
    const list = map.get(year);
    if (list) list.push(day);
    else map.set(year, [day]);
  }
  return map;
}

/** 'YYYY-MM-DD' to its year and day number, without a regular expression; throws when invalid. */
function parseDay(date: LocalDate, what: string): Day {
  if (typeof date !== 'string' || date.length !== 10 || date[4] !== '-' || date[7] !== '-') {
    throw new CalendarInputError(
      `${what} must be a date 'YYYY-MM-DD', got ${JSON.stringify(date)}`,
    );
  }
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 2);
  const day = digits(date, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new CalendarInputError(`${what} ${JSON.stringify(date)} is not a valid date`);
  }
  return { year, day: dayNumber(year, month, day) };
}

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}
