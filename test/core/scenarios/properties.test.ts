// Properties of whole evaluations over random histories of facts (check-ins, leave, diary,
// inspections, reviews, surveys), with some confirms and dismissals.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../core/calendar/local-date';
import { evaluateScenario, validateScenario, type Scenario } from '../../../core/scenarios';

const start = '2026-03-01';
const day = (n: number) => addDays(start, n);
const span = 120; // days of history
const asOf = day(span);

const fact = fc.oneof(
  fc.record({ type: fc.constant('checkins'), a: fc.nat(span), n: fc.nat(20) }).map(({ a, n }) => ({
    type: 'checkins',
    from: day(a),
    to: day(Math.min(span, a + n)),
  })),
  fc
    .record({ type: fc.constant('checkin'), a: fc.nat(span), inside: fc.boolean() })
    .map(({ a, inside }) => ({
      type: 'checkin',
      date: day(a),
      inside,
    })),
  fc.nat(span).map((a) => ({ type: 'attendance', date: day(a) })),
  fc.nat(span).map((a) => ({ type: 'diary', date: day(a) })),
  fc
    .record({
      a: fc.nat(span),
      n: fc.nat(10),
      approvedAt: fc.option(fc.nat(span)),
      back: fc.option(fc.nat(15)),
    })
    .map(({ a, n, approvedAt, back }) => ({
      type: 'leave',
      from: day(a),
      to: day(a + n),
      approved: approvedAt === null ? null : day(approvedAt),
      returned: back === null || a + back > span ? null : day(a + back),
    })),
  fc.record({ a: fc.nat(span), present: fc.boolean() }).map(({ a, present }) => ({
    type: 'inspection',
    date: day(a),
    present,
  })),
  fc
    .record({ a: fc.nat(span), rating: fc.constantFrom('competent', 'incompetent', 'unqualified') })
    .map(({ a, rating }) => ({ type: 'review', date: day(a), period: '2026H1', rating })),
  fc
    .record({ a: fc.nat(span), s: fc.nat(10), b: fc.nat(10), d: fc.nat(10) })
    .map(({ a, s, b, d }) => ({
      type: 'survey',
      closed: day(a),
      satisfied: s,
      basicallySatisfied: b,
      dissatisfied: d,
    })),
);

const decision = fc
  .record({
    kind: fc.constantFrom('confirm', 'dismiss'),
    flag: fc.integer({ min: 1, max: 6 }),
    a: fc.nat(span),
  })
  .map(({ kind, flag, a }) =>
    kind === 'confirm'
      ? { type: 'confirm', flag, date: day(a) }
      : { type: 'dismiss', flag, date: day(a), reason: 'heard the cadre' },
  );

function scenario(events: unknown[]): Scenario {
  const r = validateScenario({
    title: 'A random history from 1 March 2026',
    asOf,
    assignment: { start, end: null },
    events,
  });
  if (!r.ok) throw new Error(`${r.path}: ${r.message}`);
  return r.scenario;
}

describe('scenario evaluation: properties', () => {
  it('never raises a flag for a clause while a flag or case for it is open', () => {
    fc.assert(
      fc.property(
        fc.array(fact, { maxLength: 25 }),
        fc.array(decision, { maxLength: 4 }),
        (facts, decisions) => {
          const out = evaluateScenario(scenario([...facts, ...decisions]));
          // Replay the flags in order: an open flag must be the only open matter of its clause when
          // it is raised. Flags here are never decided after the next one of their clause is raised.
          const open = new Map<string, number>();
          out.flags.forEach((f, i) => {
            if (f.state === 'open') {
              expect(open.has(f.clause), `two open ${f.clause} flags`).toBe(false);
              open.set(f.clause, i);
            }
          });
          for (let i = 1; i < out.flags.length; i++) {
            const [a, b] = [out.flags[i - 1]!, out.flags[i]!];
            expect(a.date < b.date || (a.date === b.date && a.clause !== b.clause)).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the order of the facts in the file changes nothing (but the order of surveys closed the same day)', () => {
    // The README orders surveys by date only: two closed on one day keep the file's order, so they
    // are compared as a set.
    const canonical = (out: ReturnType<typeof evaluateScenario>) => ({
      ...out,
      surveys: [...out.surveys].sort((a, b) =>
        a.closed === b.closed
          ? JSON.stringify(a).localeCompare(JSON.stringify(b))
          : a.closed.localeCompare(b.closed),
      ),
    });
    fc.assert(
      fc.property(
        fc
          .array(fact, { maxLength: 25 })
          .chain((f) => fc.tuple(fc.constant(f), fc.shuffledSubarray(f, { minLength: f.length }))),
        ([facts, shuffled]) => {
          expect(canonical(evaluateScenario(scenario(shuffled)))).toEqual(
            canonical(evaluateScenario(scenario(facts))),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it('every month stays within its assigned days, and a check-in never adds a §2.4 flag', () => {
    fc.assert(
      fc.property(fc.array(fact, { maxLength: 25 }), fc.nat(span), (facts, a) => {
        const before = evaluateScenario(scenario(facts));
        const after = evaluateScenario(scenario([...facts, { type: 'checkin', date: day(a) }]));
        for (const m of Object.values(before.months)) {
          expect(m.inVillage + m.justifiedAbsence).toBeLessThanOrEqual(31);
          expect(m.required).toBeLessThanOrEqual(20);
        }
        const count = (o: typeof before) => o.flags.filter((f) => f.clause === '2.4').length;
        expect(count(after)).toBeLessThanOrEqual(count(before));
        for (const [month, m] of Object.entries(before.months)) {
          if (m.compliant === true) expect(after.months[month]!.compliant).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('refused events change nothing: dropping them gives the same flags and cases', () => {
    fc.assert(
      fc.property(
        fc.array(fact, { maxLength: 20 }),
        fc.array(decision, { maxLength: 5 }),
        (facts, decisions) => {
          const events = [...facts, ...decisions];
          const out = evaluateScenario(scenario(events));
          const refused = new Set(out.refused.map((r) => r.event));
          const kept = evaluateScenario(scenario(events.filter((_, i) => !refused.has(i))));
          expect(kept.flags).toEqual(out.flags);
          expect(kept.cases).toEqual(out.cases);
        },
      ),
      { numRuns: 150 },
    );
  });
});
