// A year's holiday schedule as the State Council publishes it (国务院办公厅关于XXXX年部分节假日安排的通知),
// and the validators that admit a schedule or a set of local days as data — clauses.md §3.

import { isoWeekday, parseLocalDate } from './local-date';
import type { LocalDate } from './local-date';

/** Where a schedule's days come from: one State Council notice. */
export interface ScheduleSource {
  /** The notice's number, e.g. '国办发明电〔2025〕7号'. */
  notice: string;
  /** The day the notice was made public. */
  published: LocalDate;
  /** The notice's title, e.g. '国务院办公厅关于2026年部分节假日安排的通知'. */
  title?: string;
  /** The date the notice bears (成文日期), when it differs from `published`. */
  signed?: LocalDate;
}

/** A later notice that changed some of a year's days, or set some of them from the next year's notice. */
export interface ScheduleAmendment extends ScheduleSource {
  /** What it changed, in the notice's words. */
  note?: string;
}

export interface ScheduleHoliday {
  /** The holiday's name as the notice writes it: '春节', '国庆节、中秋节'. */
  name: string;
  /** Every day off of the holiday in this year, weekend days included. */
  days: LocalDate[];
  /** The notice that set these days, when it is not `source` (one of `amendments`). */
  notice?: string;
}

/**
 * One year of the national schedule. Every listed day lies in `year`: when a notice reaches into the
 * year before (the 2019 notice made 2018-12-29 a working day and 2018-12-30/31 days off), those days
 * are carried in that year's schedule with the notice named in `amendments`.
 */
export interface Schedule {
  year: number;
  source: ScheduleSource;
  amendments?: ScheduleAmendment[];
  holidays: ScheduleHoliday[];
  /** The make-up working days (调休上班日): Saturdays or Sundays on which people work. */
  workdays: LocalDate[];
}

/** Days an org unit adds on top of the national schedule (an autonomous prefecture's 苗年, 姊妹节). */
export interface LocalDays {
  holidays: LocalDate[];
  workdays: LocalDate[];
}

export type ScheduleErrorCode =
  | 'wrong-type'
  | 'missing'
  | 'unknown-field'
  | 'empty'
  | 'invalid-year'
  | 'invalid-date'
  | 'outside-year'
  | 'published-after-year'
  | 'duplicate-day'
  | 'holiday-and-workday'
  | 'not-weekend';

/** A refusal, never an exception: `path` points into the input, e.g. '$.workdays[2]'. */
export type ScheduleError = { ok: false; path: string; message: string; code: ScheduleErrorCode };

export type ParseScheduleResult = { ok: true; schedule: Schedule } | ScheduleError;
export type ParseLocalDaysResult = { ok: true; local: LocalDays } | ScheduleError;

/** Years a schedule may be for: four-digit years, as LocalDate writes them. */
export const minScheduleYear = 1000;
export const maxScheduleYear = 9999;

/**
 * Checks a year's schedule as uploaded JSON and returns a fresh copy of it. Refused: unknown fields,
 * impossible dates (2027-02-30), days outside the year, a day listed twice, a day that is both a
 * holiday and a working day, a make-up working day that is not a Saturday or Sunday, a notice
 * published after the year it is for.
 */
export function parseSchedule(json: unknown): ParseScheduleResult {
  try {
    return { ok: true, schedule: readSchedule(json) };
  } catch (error) {
    if (error instanceof Invalid) return error.toValue();
    throw error;
  }
}

/** Checks an org unit's local days: valid dates, none listed twice, none both holiday and workday. */
export function parseLocalDays(json: unknown): ParseLocalDaysResult {
  try {
    const o = object(json, '$', ['holidays', 'workdays']);
    const seen = new Map<LocalDate, string>();
    const holidays = optionalDates(o.holidays, '$.holidays', seen, null);
    const workdays = optionalDates(o.workdays, '$.workdays', seen, null);
    return { ok: true, local: { holidays, workdays } };
  } catch (error) {
    if (error instanceof Invalid) return error.toValue();
    throw error;
  }
}

class Invalid {
  constructor(
    readonly path: string,
    readonly code: ScheduleErrorCode,
    readonly message: string,
  ) {}
  toValue(): ScheduleError {
    return { ok: false, path: this.path, message: this.message, code: this.code };
  }
}

function readSchedule(json: unknown): Schedule {
  const o = object(json, '$', ['year', 'source', 'amendments', 'holidays', 'workdays']);
  const year = o.year;
  if (year === undefined) throw new Invalid('$.year', 'missing', 'year is required');
  if (typeof year !== 'number' || !Number.isInteger(year)) {
    throw new Invalid('$.year', 'invalid-year', 'year must be a whole number such as 2027');
  }
  if (year < minScheduleYear || year > maxScheduleYear) {
    throw new Invalid(
      '$.year',
      'invalid-year',
      `year must be from ${minScheduleYear} to ${maxScheduleYear}`,
    );
  }
  const source = readSource(o.source, '$.source', year);
  let amendments: ScheduleAmendment[] | undefined;
  if (o.amendments !== undefined) {
    amendments = array(o.amendments, '$.amendments').map((a, i) =>
      readSource(a, `$.amendments[${i}]`, year, true),
    );
  }

  // A day listed twice, or both a holiday and a working day, is refused: `seen` remembers where.
  const seen = new Map<LocalDate, string>();
  const holidays = array(o.holidays, '$.holidays', true).map((h, i): ScheduleHoliday => {
    const path = `$.holidays[${i}]`;
    const ho = object(h, path, ['name', 'days', 'notice']);
    const name = text(ho.name, `${path}.name`);
    const days = dates(ho.days, `${path}.days`, seen, year, true);
    if (ho.notice === undefined) return { name, days };
    return { name, days, notice: text(ho.notice, `${path}.notice`) };
  });
  const workdays = dates(o.workdays, '$.workdays', seen, year, false);
  // 调休上班日: a make-up working day is a weekend day on which people work; a weekday needs no listing.
  workdays.forEach((day, i) => {
    if (isoWeekday(day) < 6) {
      throw new Invalid(
        `$.workdays[${i}]`,
        'not-weekend',
        `${day} is a Monday to Friday: only a Saturday or Sunday can be a make-up working day`,
      );
    }
  });
  const schedule: Schedule = { year, source, holidays, workdays };
  if (amendments) schedule.amendments = amendments;
  return schedule;
}

function readSource(
  json: unknown,
  path: string,
  year: number,
  amendment = false,
): ScheduleAmendment {
  const fields = ['notice', 'published', 'title', 'signed'];
  const o = object(json, path, amendment ? [...fields, 'note'] : fields);
  const source: ScheduleAmendment = {
    notice: text(o.notice, `${path}.notice`),
    published: date(o.published, `${path}.published`),
  };
  if (source.published > `${year}-12-31`) {
    throw new Invalid(
      `${path}.published`,
      'published-after-year',
      `a notice for ${year} cannot be published on ${source.published}, after the year`,
    );
  }
  if (o.title !== undefined) source.title = text(o.title, `${path}.title`);
  if (o.signed !== undefined) source.signed = date(o.signed, `${path}.signed`);
  if (o.note !== undefined) source.note = text(o.note, `${path}.note`);
  return source;
}

function object(json: unknown, path: string, fields: string[]): Record<string, unknown> {
  if (json === undefined) throw new Invalid(path, 'missing', 'is required');
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Invalid(path, 'wrong-type', 'must be an object');
  }
  for (const key of Object.keys(json)) {
    if (!fields.includes(key)) {
      throw new Invalid(
        `${path}.${key}`,
        'unknown-field',
        `unknown field; expected ${fields.join(', ')}`,
      );
    }
  }
  return json as Record<string, unknown>;
}

function array(json: unknown, path: string, nonEmpty = false): unknown[] {
  if (json === undefined) throw new Invalid(path, 'missing', 'is required');
  if (!Array.isArray(json)) throw new Invalid(path, 'wrong-type', 'must be a list');
  if (nonEmpty && json.length === 0) throw new Invalid(path, 'empty', 'must list at least one');
  return json;
}

function text(json: unknown, path: string): string {
  if (json === undefined) throw new Invalid(path, 'missing', 'is required');
  if (typeof json !== 'string' || json.trim() === '') {
    throw new Invalid(path, 'wrong-type', 'must be a non-empty text');
  }
  return json;
}

function date(json: unknown, path: string): LocalDate {
  if (json === undefined) throw new Invalid(path, 'missing', 'is required');
  if (typeof json !== 'string') {
    throw new Invalid(path, 'wrong-type', "must be a date 'YYYY-MM-DD'");
  }
  const parsed = parseLocalDate(json);
  if (!parsed.ok) {
    throw new Invalid(path, 'invalid-date', `${JSON.stringify(json)} is not a valid date`);
  }
  return parsed.date;
}

/** A list of days; `seen` maps each day already listed to its path; `year` null = any year. */
function dates(
  json: unknown,
  path: string,
  seen: Map<LocalDate, string>,
  year: number | null,
  nonEmpty: boolean,
): LocalDate[] {
  return array(json, path, nonEmpty).map((d, i) => {
    const here = `${path}[${i}]`;
    const day = date(d, here);
    if (year !== null && Number(day.slice(0, 4)) !== year) {
      throw new Invalid(here, 'outside-year', `${day} is outside ${year}`);
    }
    const before = seen.get(day);
    if (before !== undefined) {
      const both = before.includes('holidays') !== here.includes('holidays');
      throw both
        ? new Invalid(
            here,
            'holiday-and-workday',
            `${day} is both a holiday (${before}) and a working day`,
          )
        : new Invalid(here, 'duplicate-day', `${day} is already listed at ${before}`);
    }
    seen.set(day, here);
    return day;
  });
}

function optionalDates(
  json: unknown,
  path: string,
  seen: Map<LocalDate, string>,
  year: number | null,
): LocalDate[] {
  return json === undefined ? [] : dates(json, path, seen, year, false);
}
