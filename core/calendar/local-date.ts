// Local calendar dates ('YYYY-MM-DD', Asia/Shanghai) as plain strings, with arithmetic that never
// touches the process time zone: weekdays and day counts come from the date's own numbers.

/** A local date in the product's time zone (Asia/Shanghai), written 'YYYY-MM-DD'. */
export type LocalDate = string;

/** A refusal, never an exception: an impossible date is a value the caller must handle. */
export type DateError = { ok: false; reason: 'invalid-date'; input: string };

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The inverse of dayNumber. */
export function fromDayNumber(days: number): LocalDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Checks a 'YYYY-MM-DD' string: '2026-02-30' is an error value, never rolled over to March. */
export function parseLocalDate(input: string): { ok: true; date: LocalDate } | DateError {
  const m = PATTERN.exec(input);
  if (!m) return { ok: false, reason: 'invalid-date', input };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: 'invalid-date', input };
  }
  return { ok: true, date: input };
}

export function isLocalDate(input: unknown): input is LocalDate {
  return typeof input === 'string' && parseLocalDate(input).ok;
}

/** Parts of a date already known to be valid. */
export function parts(date: LocalDate): { year: number; month: number; day: number } {
  return {
    year: Number(date.slice(0, 4)),
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8, 10)),
  };
}

export function toDayNumber(date: LocalDate): number {
  const { year, month, day } = parts(date);
  return dayNumber(year, month, day);
}

export function addDays(date: LocalDate, n: number): LocalDate {
  return fromDayNumber(toDayNumber(date) + n);
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** ISO weekday: 1 = Monday … 7 = Sunday, from the date alone. */
export function isoWeekday(date: LocalDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(date: LocalDate): boolean {
  return isoWeekday(date) >= 6;
}

/** 'YYYY-MM' of a date. */
export function monthOf(date: LocalDate): string {
  return date.slice(0, 7);
}

export function firstOfMonth(month: string): LocalDate {
  return `${month}-01`;
}

export function lastOfMonth(month: string): LocalDate {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return `${month}-${pad(daysInMonth(year, m))}`;
}

export function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${year + 1}-01` : `${year}-${pad(m + 1)}`;
}

export function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return a <= b ? a : b;
}

export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}

/** Every date from `from` to `to`, both included. */
export function* eachDay(from: LocalDate, to: LocalDate): Generator<LocalDate> {
  for (let d = toDayNumber(from), end = toDayNumber(to); d <= end; d++) yield fromDayNumber(d);
}

/**
 * The local date in Asia/Shanghai of an instant. The instant is an argument: core/ never reads the
 * clock. Shanghai has had no daylight saving time since 1991, so a fixed +08:00 offset is exact.
 */
export function shanghaiDate(instant: Date): LocalDate {
  return fromDayNumber(Math.floor((instant.getTime() + 8 * 3_600_000) / 86_400_000));
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
