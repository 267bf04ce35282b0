// Checks a parsed JSON value against the scenario format (shared/policy/scenarios/README.md) and
// returns the scenario with its defaults, or the first problem with its JSON path. A refusal value,
// never an exception: a policy officer's typo is not a crash.
import { parseLocalDate, type LocalDate } from '../calendar/local-date';
import { defaultParameters, withOverrides } from '../parameters';
import { isReviewPeriod, ratings } from '../situations/reviews';
import type { EventType, Expectation, Scenario, ScenarioEvent } from './types';

export type ValidationResult =
  { ok: true; scenario: Scenario } | { ok: false; path: string; message: string };

class Invalid {
  constructor(
    readonly path: string,
    readonly message: string,
  ) {}
}

type Json = Record<string, unknown>;

const intakeClauses = [
  '2.3',
  '2.4',
  '2.5',
  '2.6',
  '2.7',
  '2.8',
  '2.9',
  '2.10',
  '2.11',
  '2.12',
  '2.13',
];
const filers = ['township', 'county', 'discipline', 'dispatchingUnit'];

/** For each event type: its fields, whether required, and their kind. */
type Kind =
  | 'date'
  | 'date|null'
  | 'bool'
  | 'count'
  | 'ref'
  | 'text'
  | 'dates'
  | 'period'
  | 'rating'
  | 'clause'
  | 'filer';
const eventFields: Record<EventType, Record<string, { kind: Kind; optional?: true }>> = {
  checkin: { date: { kind: 'date' }, inside: { kind: 'bool', optional: true } },
  checkins: {
    from: { kind: 'date' },
    to: { kind: 'date' },
    except: { kind: 'dates', optional: true },
  },
  attendance: { date: { kind: 'date' } },
  diary: { date: { kind: 'date' } },
  leave: {
    from: { kind: 'date' },
    to: { kind: 'date' },
    approved: { kind: 'date|null' },
    returned: { kind: 'date|null', optional: true },
  },
  inspection: { date: { kind: 'date' }, present: { kind: 'bool' } },
  review: { date: { kind: 'date' }, period: { kind: 'period' }, rating: { kind: 'rating' } },
  survey: {
    closed: { kind: 'date' },
    satisfied: { kind: 'count' },
    basicallySatisfied: { kind: 'count' },
    dissatisfied: { kind: 'count' },
  },
  intake: { date: { kind: 'date' }, clause: { kind: 'clause' }, filedBy: { kind: 'filer' } },
  tipVerified: { date: { kind: 'date' } },
  confirm: { flag: { kind: 'ref' }, date: { kind: 'date' } },
  dismiss: { flag: { kind: 'ref' }, date: { kind: 'date' }, reason: { kind: 'text' } },
  notice: { case: { kind: 'ref' }, date: { kind: 'date' } },
  appeal: { case: { kind: 'ref' }, date: { kind: 'date' } },
  appealAnswered: { case: { kind: 'ref' }, date: { kind: 'date' }, upheld: { kind: 'bool' } },
  recalled: { case: { kind: 'ref' }, date: { kind: 'date' } },
  outcome: { case: { kind: 'ref' }, date: { kind: 'date' }, changed: { kind: 'bool' } },
  redeployApproved: { case: { kind: 'ref' }, date: { kind: 'date' } },
  closed: { case: { kind: 'ref' }, date: { kind: 'date' } },
};

/** Fields of a dated fact that cannot lie after asOf (a leave's from/to may: leave can be planned). */
const happenedFields = ['date', 'closed', 'approved', 'returned'];

/** The fields `expect` may name, per list (compare.ts compares only these). */
const expectItemFields: Record<string, readonly string[]> = {
  months: ['required', 'inVillage', 'justifiedAbsence', 'diaryEntries', 'compliant'],
  flags: ['clause', 'date', 'state'],
  cases: ['clause', 'track', 'opened', 'state'],
  deadlines: ['case', 'step', 'due', 'provisional'],
  sanctions: [
    'case',
    'noAwardsYear',
    'noPromotionUntil',
    'bonusWithheldMin',
    'review',
    'bonusWithheld',
    'admonitionTalk',
  ],
  surveys: ['closed', 'rate', 'valid'],
  refused: ['event', 'reason', 'clause'],
};

export function validateScenario(input: unknown): ValidationResult {
  try {
    return { ok: true, scenario: scenario(input) };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, path: e.path, message: e.message };
    throw e;
  }
}

function scenario(input: unknown): Scenario {
  const root = object(input, '$');
  only(root, '$', ['title', 'asOf', 'policy', 'calendar', 'assignment', 'events', 'expect']);
  const title = text(required(root, '$', 'title'), '$.title');
  const asOf = date(required(root, '$', 'asOf'), '$.asOf');

  let policy: Record<string, number> = {};
  if (root.policy !== undefined) {
    const p = object(root.policy, '$.policy');
    const applied = withOverrides(defaultParameters, p);
    if (!applied.ok) {
      throw new Invalid(
        `$.policy.${applied.name}`,
        applied.reason === 'unknown-parameter'
          ? `unknown parameter "${applied.name}" (see core/parameters.ts)`
          : `${JSON.stringify(applied.value)} is not an allowed value for ${applied.name}`,
      );
    }
    policy = p as Record<string, number>;
  }

  const calendar = { holidays: [] as LocalDate[], workdays: [] as LocalDate[] };
  if (root.calendar !== undefined) {
    const c = object(root.calendar, '$.calendar');
    only(c, '$.calendar', ['holidays', 'workdays']);
    if (c.holidays !== undefined) calendar.holidays = dates(c.holidays, '$.calendar.holidays');
    if (c.workdays !== undefined) calendar.workdays = dates(c.workdays, '$.calendar.workdays');
    calendar.workdays.forEach((d, i) => {
      if (calendar.holidays.includes(d)) {
        throw new Invalid(`$.calendar.workdays[${i}]`, `${d} is also listed as a holiday`);
      }
    });
  }

  const a = object(required(root, '$', 'assignment'), '$.assignment');
  only(a, '$.assignment', ['start', 'end']);
  const start = date(required(a, '$.assignment', 'start'), '$.assignment.start');
  const endValue = required(a, '$.assignment', 'end');
  const end = endValue === null ? null : date(endValue, '$.assignment.end');
  if (end !== null && end < start) {
    throw new Invalid('$.assignment.end', `${end} is before the start ${start}`);
  }

  const list = required(root, '$', 'events');
  if (!Array.isArray(list)) throw new Invalid('$.events', 'must be a list of events');
  const events = list.map((e, i) => event(e, `$.events[${i}]`, asOf));

  // A case is opened only by an intake, a verified tip or a confirmed flag: a reference past the
  // number of those can never name a case.
  const openers = events.filter((e) =>
    ['intake', 'tipVerified', 'confirm'].includes(e.type),
  ).length;
  events.forEach((e, i) => {
    if ('case' in e && e.case > openers) {
      throw new Invalid(
        `$.events[${i}].case`,
        `refers to case ${e.case}, but the events open at most ${openers} case${openers === 1 ? '' : 's'}`,
      );
    }
  });

  const result: Scenario = { title, asOf, policy, calendar, assignment: { start, end }, events };
  if (root.expect !== undefined) result.expect = expectation(root.expect);
  return result;
}

function event(input: unknown, path: string, asOf: LocalDate): ScenarioEvent {
  const e = object(input, path);
  const type = required(e, path, 'type');
  if (typeof type !== 'string' || !(type in eventFields)) {
    throw new Invalid(
      `${path}.type`,
      `unknown event type ${JSON.stringify(type)}; expected one of ${Object.keys(eventFields).join(', ')}`,
    );
  }
  const fields = eventFields[type as EventType];
  only(e, path, ['type', ...Object.keys(fields)]);
  const out: Record<string, unknown> = { type };
  for (const [name, spec] of Object.entries(fields)) {
    const at = `${path}.${name}`;
    if (e[name] === undefined) {
      if (spec.optional) continue;
      throw new Invalid(
        at,
        `missing field "${name}" (a ${type} event needs ${Object.keys(fields).join(', ')})`,
      );
    }
    out[name] = field(e[name], spec.kind, at);
  }
  if (type === 'checkin' && out.inside === undefined) out.inside = true;
  if (type === 'checkins' && out.except === undefined) out.except = [];
  if (type === 'leave' && out.returned === undefined) out.returned = null;

  for (const name of happenedFields) {
    const d = out[name];
    if (typeof d === 'string' && d > asOf) {
      throw new Invalid(
        `${path}.${name}`,
        `${d} is after asOf ${asOf}: a scenario records only what has happened`,
      );
    }
  }
  if (type === 'checkins' || type === 'leave') {
    const from = out.from as LocalDate;
    const to = out.to as LocalDate;
    if (to < from) throw new Invalid(`${path}.to`, `${to} is before from ${from}`);
    if (type === 'checkins') {
      if (to > asOf)
        throw new Invalid(`${path}.to`, `${to} is after asOf ${asOf}: check-ins cannot lie ahead`);
      (out.except as LocalDate[]).forEach((d, i) => {
        if (d < from || d > to) {
          throw new Invalid(`${path}.except[${i}]`, `${d} is outside ${from}…${to}`);
        }
      });
    }
    if (type === 'leave' && typeof out.returned === 'string' && out.returned < from) {
      throw new Invalid(
        `${path}.returned`,
        `${out.returned} is before the leave starts on ${from}`,
      );
    }
  }
  if (type === 'review') {
    const year = (out.period as string).slice(0, 4);
    if ((out.date as string) < `${year}-01-01`) {
      throw new Invalid(`${path}.date`, `${out.date} is before the period ${out.period} begins`);
    }
  }
  return out as ScenarioEvent;
}

function field(value: unknown, kind: Kind, path: string): unknown {
  switch (kind) {
    case 'date':
      return date(value, path);
    case 'date|null':
      return value === null ? null : date(value, path);
    case 'dates':
      return dates(value, path);
    case 'bool':
      if (typeof value !== 'boolean')
        throw new Invalid(path, `must be true or false, not ${show(value)}`);
      return value;
    case 'count':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw new Invalid(path, `must be a whole number ≥ 0, not ${show(value)}`);
      }
      return value;
    case 'ref':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
        throw new Invalid(path, `must be a 1-based position (1, 2, …), not ${show(value)}`);
      }
      return value;
    case 'text':
      return text(value, path);
    case 'period':
      if (!isReviewPeriod(value)) {
        throw new Invalid(
          path,
          `must be a half year like "2026H1" or a year like "2026", not ${show(value)}`,
        );
      }
      return value;
    case 'rating':
      if (typeof value !== 'string' || !(ratings as readonly string[]).includes(value)) {
        throw new Invalid(path, `must be one of ${ratings.join(', ')}, not ${show(value)}`);
      }
      return value;
    case 'clause':
      if (typeof value !== 'string' || !intakeClauses.includes(value)) {
        throw new Invalid(path, `must be a clause from "2.3" to "2.13", not ${show(value)}`);
      }
      return value;
    case 'filer':
      if (typeof value !== 'string' || !filers.includes(value)) {
        throw new Invalid(path, `must be one of ${filers.join(', ')}, not ${show(value)}`);
      }
      return value;
  }
}

function expectation(input: unknown): Expectation {
  const e = object(input, '$.expect');
  only(e, '$.expect', Object.keys(expectItemFields));
  if (e.months !== undefined) {
    const months = object(e.months, '$.expect.months');
    for (const [month, value] of Object.entries(months)) {
      const at = `$.expect.months["${month}"]`;
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
        throw new Invalid(at, `"${month}" is not a month (YYYY-MM)`);
      only(object(value, at), at, expectItemFields.months!);
    }
  }
  for (const name of ['flags', 'cases', 'deadlines', 'sanctions', 'surveys', 'refused']) {
    const list = e[name];
    if (list === undefined) continue;
    const at = `$.expect.${name}`;
    if (!Array.isArray(list)) throw new Invalid(at, 'must be a list');
    list.forEach((item, i) =>
      only(object(item, `${at}[${i}]`), `${at}[${i}]`, expectItemFields[name]!),
    );
  }
  return e as Expectation;
}

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Invalid(path, `must be an object, not ${show(value)}`);
  }
  return value as Json;
}

function only(value: Json, path: string, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new Invalid(
        `${path}.${key}`,
        `unknown field "${key}"; allowed here: ${allowed.join(', ')}`,
      );
    }
  }
}

function required(value: Json, path: string, name: string): unknown {
  if (value[name] === undefined) throw new Invalid(`${path}.${name}`, `missing field "${name}"`);
  return value[name];
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Invalid(path, `must be a non-empty text, not ${show(value)}`);
  }
  return value;
}

function date(value: unknown, path: string): LocalDate {
  if (typeof value !== 'string')
    throw new Invalid(path, `must be a date "YYYY-MM-DD", not ${show(value)}`);
  const parsed = parseLocalDate(value);
  if (!parsed.ok) throw new Invalid(path, `"${value}" is not a date on the calendar (YYYY-MM-DD)`);
  return parsed.date;
}

function dates(value: unknown, path: string): LocalDate[] {
  if (!Array.isArray(value)) throw new Invalid(path, `must be a list of dates, not ${show(value)}`);
  return value.map((d, i) => date(d, `${path}[${i}]`));
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const s = JSON.stringify(value);
  return s.length > 40 ? `${s.slice(0, 37)}…` : s;
}
