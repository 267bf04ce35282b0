// The validator's refusals: each names the JSON path of the first problem, in a sentence.
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../../core/scenarios';

const base = () => ({
  title: 'A township files §2.6 on 21 September 2026',
  asOf: '2026-10-20',
  assignment: { start: '2026-09-01', end: null },
  events: [
    { type: 'intake', date: '2026-09-21', clause: '2.6', filedBy: 'township' },
    { type: 'notice', case: 1, date: '2026-09-30' },
  ] as Record<string, unknown>[],
});

type Mutation = [
  name: string,
  change: (s: ReturnType<typeof base> & Record<string, unknown>) => unknown,
  path: string,
  message: RegExp,
];

const cases: Mutation[] = [
  ['not an object', () => [], '$', /must be an object/],
  [
    'an unknown top-level field',
    (s) => ({ ...s, asof: '2026-10-20' }),
    '$.asof',
    /unknown field "asof"/,
  ],
  ['a missing title', (s) => ({ ...s, title: undefined }), '$.title', /missing field "title"/],
  ['an empty title', (s) => ({ ...s, title: ' ' }), '$.title', /non-empty text/],
  [
    'an impossible asOf',
    (s) => ({ ...s, asOf: '2026-02-30' }),
    '$.asOf',
    /"2026-02-30" is not a date/,
  ],
  ['a date in another format', (s) => ({ ...s, asOf: '2026/10/20' }), '$.asOf', /not a date/],
  ['a number for a date', (s) => ({ ...s, asOf: 20261020 }), '$.asOf', /must be a date/],
  [
    'an unknown parameter',
    (s) => ({ ...s, policy: { minDays: 15 } }),
    '$.policy.minDays',
    /unknown parameter "minDays"/,
  ],
  [
    'a parameter out of range',
    (s) => ({ ...s, policy: { satisfactionThreshold: 1.5 } }),
    '$.policy.satisfactionThreshold',
    /not an allowed value/,
  ],
  [
    'a policy that is not an object',
    (s) => ({ ...s, policy: [1] }),
    '$.policy',
    /must be an object/,
  ],
  [
    'a calendar day twice',
    (s) => ({ ...s, calendar: { holidays: ['2026-10-12'], workdays: ['2026-10-12'] } }),
    '$.calendar.workdays[0]',
    /also listed as a holiday/,
  ],
  [
    'a bad calendar date',
    (s) => ({ ...s, calendar: { holidays: ['2026-13-01'] } }),
    '$.calendar.holidays[0]',
    /not a date/,
  ],
  [
    'an unknown calendar field',
    (s) => ({ ...s, calendar: { holiday: [] } }),
    '$.calendar.holiday',
    /unknown field/,
  ],
  [
    'an assignment without end',
    (s) => ({ ...s, assignment: { start: '2026-09-01' } }),
    '$.assignment.end',
    /missing field "end"/,
  ],
  [
    'an assignment ending before it starts',
    (s) => ({ ...s, assignment: { start: '2026-09-01', end: '2026-08-01' } }),
    '$.assignment.end',
    /before the start/,
  ],
  ['events not a list', (s) => ({ ...s, events: {} }), '$.events', /list of events/],
  [
    'an unknown event type',
    (s) => {
      s.events.push({ type: 'checkout', date: '2026-10-01' });
      return s;
    },
    '$.events[2].type',
    /unknown event type "checkout"/,
  ],
  [
    'an event without type',
    (s) => {
      s.events.push({ date: '2026-10-01' });
      return s;
    },
    '$.events[2].type',
    /missing field "type"/,
  ],
  [
    'a missing event field',
    (s) => {
      s.events.push({ type: 'inspection', date: '2026-10-01' });
      return s;
    },
    '$.events[2].present',
    /missing field "present"/,
  ],
  [
    'an unknown event field',
    (s) => {
      s.events.push({ type: 'diary', date: '2026-10-01', text: 'x' });
      return s;
    },
    '$.events[2].text',
    /unknown field "text"/,
  ],
  [
    'an event after asOf',
    (s) => {
      s.events.push({ type: 'diary', date: '2026-10-21' });
      return s;
    },
    '$.events[2].date',
    /after asOf 2026-10-20/,
  ],
  [
    'an impossible event date',
    (s) => {
      s.events.push({ type: 'diary', date: '2026-09-31' });
      return s;
    },
    '$.events[2].date',
    /not a date/,
  ],
  [
    'check-ins reaching past asOf',
    (s) => {
      s.events.push({ type: 'checkins', from: '2026-10-01', to: '2026-10-25' });
      return s;
    },
    '$.events[2].to',
    /after asOf/,
  ],
  [
    'check-ins ending before they start',
    (s) => {
      s.events.push({ type: 'checkins', from: '2026-10-05', to: '2026-10-01' });
      return s;
    },
    '$.events[2].to',
    /before from/,
  ],
  [
    'an exception outside the check-ins',
    (s) => {
      s.events.push({
        type: 'checkins',
        from: '2026-10-01',
        to: '2026-10-05',
        except: ['2026-10-09'],
      });
      return s;
    },
    '$.events[2].except[0]',
    /outside/,
  ],
  [
    'a leave approved after asOf',
    (s) => {
      s.events.push({
        type: 'leave',
        from: '2026-10-25',
        to: '2026-10-26',
        approved: '2026-10-22',
      });
      return s;
    },
    '$.events[2].approved',
    /after asOf/,
  ],
  [
    'a leave without approved',
    (s) => {
      s.events.push({ type: 'leave', from: '2026-10-05', to: '2026-10-06' });
      return s;
    },
    '$.events[2].approved',
    /missing field "approved"/,
  ],
  [
    'a return before the leave',
    (s) => {
      s.events.push({
        type: 'leave',
        from: '2026-10-05',
        to: '2026-10-06',
        approved: null,
        returned: '2026-10-01',
      });
      return s;
    },
    '$.events[2].returned',
    /before the leave starts/,
  ],
  [
    'a string for a boolean',
    (s) => {
      s.events.push({ type: 'inspection', date: '2026-10-01', present: 'no' });
      return s;
    },
    '$.events[2].present',
    /true or false/,
  ],
  [
    'a negative count',
    (s) => {
      s.events.push({
        type: 'survey',
        closed: '2026-10-01',
        satisfied: -1,
        basicallySatisfied: 0,
        dissatisfied: 3,
      });
      return s;
    },
    '$.events[2].satisfied',
    /whole number/,
  ],
  [
    'a fractional count',
    (s) => {
      s.events.push({
        type: 'survey',
        closed: '2026-10-01',
        satisfied: 1.5,
        basicallySatisfied: 0,
        dissatisfied: 3,
      });
      return s;
    },
    '$.events[2].satisfied',
    /whole number/,
  ],
  [
    'an unknown rating',
    (s) => {
      s.events.push({ type: 'review', date: '2026-07-01', period: '2026H1', rating: 'bad' });
      return s;
    },
    '$.events[2].rating',
    /must be one of excellent/,
  ],
  [
    'a second-half period',
    (s) => {
      s.events.push({ type: 'review', date: '2026-07-01', period: '2026H2', rating: 'competent' });
      return s;
    },
    '$.events[2].period',
    /half year like "2026H1"/,
  ],
  [
    'a review before its period',
    (s) => {
      s.events.push({ type: 'review', date: '2025-12-01', period: '2026', rating: 'competent' });
      return s;
    },
    '$.events[2].date',
    /before the period 2026 begins/,
  ],
  [
    'an intake of §2.1',
    (s) => {
      s.events.push({ type: 'intake', date: '2026-10-01', clause: '2.1', filedBy: 'county' });
      return s;
    },
    '$.events[2].clause',
    /from "2.3" to "2.13"/,
  ],
  [
    'an intake clause as a number',
    (s) => {
      s.events.push({ type: 'intake', date: '2026-10-01', clause: 2.6, filedBy: 'county' });
      return s;
    },
    '$.events[2].clause',
    /from "2.3" to "2.13"/,
  ],
  [
    'an unknown filer',
    (s) => {
      s.events.push({ type: 'intake', date: '2026-10-01', clause: '2.6', filedBy: 'village' });
      return s;
    },
    '$.events[2].filedBy',
    /township, county, discipline, dispatchingUnit/,
  ],
  [
    'a 0-based flag reference',
    (s) => {
      s.events.push({ type: 'confirm', flag: 0, date: '2026-10-01' });
      return s;
    },
    '$.events[2].flag',
    /1-based position/,
  ],
  [
    'a case reference as text',
    (s) => {
      s.events.push({ type: 'appeal', case: '1', date: '2026-10-01' });
      return s;
    },
    '$.events[2].case',
    /1-based position/,
  ],
  [
    'a case that can never open',
    (s) => {
      s.events.push({ type: 'appeal', case: 2, date: '2026-10-01' });
      return s;
    },
    '$.events[2].case',
    /refers to case 2, but the events open at most 1 case$/,
  ],
  [
    'a dismissal without reason',
    (s) => {
      s.events.push({ type: 'dismiss', flag: 1, date: '2026-10-01' });
      return s;
    },
    '$.events[2].reason',
    /missing field "reason"/,
  ],
  [
    'an unknown expect field',
    (s) => ({ ...s, expect: { flag: [] } }),
    '$.expect.flag',
    /unknown field "flag"/,
  ],
  [
    'an expected month that is not one',
    (s) => ({ ...s, expect: { months: { '2026-13': {} } } }),
    '$.expect.months["2026-13"]',
    /not a month/,
  ],
  [
    'a misspelt expected month field',
    (s) => ({ ...s, expect: { months: { '2026-10': { inVilage: 3 } } } }),
    '$.expect.months["2026-10"].inVilage',
    /unknown field/,
  ],
  [
    'an expected list that is not one',
    (s) => ({ ...s, expect: { cases: {} } }),
    '$.expect.cases',
    /must be a list/,
  ],
  [
    'a misspelt expected item field',
    (s) => ({ ...s, expect: { cases: [{ opend: '2026-09-21' }] } }),
    '$.expect.cases[0].opend',
    /unknown field "opend"/,
  ],
];

describe('validateScenario refuses with the JSON path of the first problem', () => {
  it('accepts the base scenario and fills in defaults', () => {
    const s = base();
    s.events.push(
      { type: 'checkin', date: '2026-10-01' },
      { type: 'checkins', from: '2026-10-02', to: '2026-10-03' },
      { type: 'leave', from: '2026-10-05', to: '2026-10-06', approved: null },
    );
    const r = validateScenario(s);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.events[2]).toEqual({ type: 'checkin', date: '2026-10-01', inside: true });
    expect(r.scenario.events[3]).toMatchObject({ except: [] });
    expect(r.scenario.events[4]).toMatchObject({ returned: null });
    expect(r.scenario.calendar).toEqual({ holidays: [], workdays: [] });
    expect(r.scenario.policy).toEqual({});
  });

  it.each(cases)('%s', (_name, change, path, message) => {
    const r = validateScenario(change(base() as ReturnType<typeof base> & Record<string, unknown>));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.path).toBe(path);
    expect(r.message).toMatch(message);
  });

  it('never throws, whatever JSON it gets', () => {
    for (const input of [
      null,
      1,
      'x',
      true,
      [],
      {},
      { events: null },
      { title: 't', asOf: null },
    ]) {
      expect(() => validateScenario(input)).not.toThrow();
      expect(validateScenario(input).ok).toBe(false);
    }
  });
});
