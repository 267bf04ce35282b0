// The post-notice machine (§3.5–§3.8): deadlines, the appeal window, a withdrawn notice, orderings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWorkday, workdaysBetween } from '../../../core/calendar';
import { addDays } from '../../../core/calendar/local-date';
import { withOverrides } from '../../../core/parameters';
import {
  appealStage,
  applyPostNotice,
  mainStage,
  openCase,
  type CaseState,
  type PostNoticeEvent,
} from '../../../core/procedure';
import { caseSanctions } from '../../../core/responsibilities';
import { ctx, postNotice } from './fixtures';

const notice = (date: string): PostNoticeEvent => ({ type: 'notice', date });

describe('§3.5, §3.8: deadlines from the notice', () => {
  it('§3.5, §3.8: a notice received on Wed 2026-09-30 can be appealed until Fri 2026-10-09 and the cadre must be recalled by Thu 2026-10-15, across the National Day holiday and its make-up Saturday', () => {
    const c = openCase({ clause: '2.6', track: 'B', opened: '2026-09-21' });
    const r = applyPostNotice(c, notice('2026-09-30'), ctx);
    expect(r.ok && r.deadlines).toEqual([
      {
        step: 'appeal',
        startsOn: '2026-09-30',
        due: '2026-10-09',
        provisional: false,
        clause: '§3.8',
      },
      {
        step: 'recall',
        startsOn: '2026-09-30',
        due: '2026-10-15',
        provisional: false,
        clause: '§3.5',
      },
    ]);
  });

  it('§3.5: a notice received on Mon 2026-12-28 has a provisional recall due Thu 2027-01-07, 2027 having no published schedule; its appeal window ends firmly on Wed 2026-12-30', () => {
    const r = applyPostNotice(
      openCase({ clause: '2.1', track: 'A', opened: '2026-12-21' }),
      notice('2026-12-28'),
      ctx,
    );
    expect(r.ok && r.deadlines.map((d) => [d.step, d.due, d.provisional])).toEqual([
      ['appeal', '2026-12-30', false],
      ['recall', '2027-01-07', true],
    ]);
  });

  it('§3.8: an appeal filed on Fri 2026-10-09 must be answered by Thu 2026-10-15, counting the make-up Saturday 2026-10-10', () => {
    const c = postNotice([notice('2026-09-30')]);
    const r = applyPostNotice(c, { type: 'appeal', date: '2026-10-09' }, ctx);
    expect(r.ok && r.deadlines).toEqual([
      {
        step: 'appealAnswer',
        startsOn: '2026-10-09',
        due: '2026-10-15',
        provisional: false,
        clause: '§3.8',
      },
    ]);
  });

  it('§3.7: a finding on Mon 2026-11-02 that the cadre has not changed starts the replacement period, due Wed 2026-11-11', () => {
    const c = postNotice([notice('2026-09-30'), { type: 'recalled', date: '2026-10-12' }]);
    const r = applyPostNotice(c, { type: 'outcome', date: '2026-11-02', changed: false }, ctx);
    expect(r.ok && r.deadlines).toEqual([
      {
        step: 'replacement',
        startsOn: '2026-11-02',
        due: '2026-11-11',
        provisional: false,
        clause: '§3.7',
      },
    ]);
  });

  it('§3.6: a redeployment approved on Mon 2026-11-02 starts the return period, due Wed 2026-11-11; a finding of change starts none', () => {
    const c = postNotice([notice('2026-09-30'), { type: 'recalled', date: '2026-10-12' }]);
    const changed = applyPostNotice(c, { type: 'outcome', date: '2026-10-30', changed: true }, ctx);
    expect(changed.ok && changed.deadlines).toEqual([]);
    const r = applyPostNotice(
      postNotice([{ type: 'outcome', date: '2026-10-30', changed: true }], undefined, c),
      { type: 'redeployApproved', date: '2026-11-02' },
      ctx,
    );
    expect(r.ok && r.deadlines).toEqual([
      {
        step: 'return',
        startsOn: '2026-11-02',
        due: '2026-11-11',
        provisional: false,
        clause: '§3.6',
      },
    ]);
  });

  it('§3.8: a county that sets appealWorkdays = 3 gives a notice of Wed 2026-09-30 an appeal window to the make-up Sat 2026-10-10', () => {
    const p = withOverrides(ctx.parameters, { appealWorkdays: 3 });
    if (!p.ok) throw new Error('override refused');
    const r = applyPostNotice(
      openCase({ clause: '2.6', track: 'B', opened: '2026-09-21' }),
      notice('2026-09-30'),
      {
        ...ctx,
        parameters: p.parameters,
      },
    );
    expect(r.ok && r.deadlines[0]?.due).toBe('2026-10-10');
  });

  it('every deadline that arose stays on the case, met or not: notice, appeal, outcome and approval give five', () => {
    const c = postNotice([
      notice('2026-09-30'),
      { type: 'appeal', date: '2026-10-08' },
      { type: 'recalled', date: '2026-10-09' },
      { type: 'appealAnswered', date: '2026-10-12', upheld: true },
      { type: 'outcome', date: '2026-11-02', changed: true },
      { type: 'redeployApproved', date: '2026-11-03' },
    ]);
    expect(c.deadlines.map((d) => d.step)).toEqual(['appeal', 'recall', 'appealAnswer', 'return']);
    expect(mainStage(c)).toBe('redeployApproved');
    expect(appealStage(c)).toBe('appealAnswered');
  });
});

describe('§3.8: the appeal window', () => {
  const noticed = postNotice([notice('2026-09-30')]);

  it('§3.8: an appeal on Fri 2026-10-09, the last day of the window, is accepted', () => {
    const r = applyPostNotice(noticed, { type: 'appeal', date: '2026-10-09' }, ctx);
    expect(r.ok).toBe(true);
  });

  it('§3.8: an appeal on Sat 2026-10-10, a make-up working day one day after the window, is refused and changes nothing', () => {
    const r = applyPostNotice(noticed, { type: 'appeal', date: '2026-10-10' }, ctx);
    expect(r).toEqual({ ok: false, reason: 'appeal-window-closed', clause: '§3.8' });
  });

  it('§3.8: an appeal during the holiday, on Sat 2026-10-03, is in time', () => {
    expect(applyPostNotice(noticed, { type: 'appeal', date: '2026-10-03' }, ctx).ok).toBe(true);
  });
});

describe('§3.8: the answer to the appeal', () => {
  const appealed = postNotice([notice('2026-09-30'), { type: 'appeal', date: '2026-10-08' }]);

  it('§3.8: an answer of Mon 2026-10-12 that does not uphold the notice of Wed 2026-09-30 closes the case and lapses its sanctions', () => {
    const before = postNotice([notice('2026-09-30')]);
    expect(caseSanctions(before)).toMatchObject({
      noAwardsYear: 2026,
      noPromotionUntil: '2027-09-30',
    });
    const r = applyPostNotice(
      appealed,
      { type: 'appealAnswered', date: '2026-10-12', upheld: false },
      ctx,
    );
    if (!r.ok) throw new Error(r.reason);
    expect(r.case).toMatchObject({ state: 'closed', closedOn: '2026-10-12', lapsed: true });
    expect(caseSanctions(r.case)).toBeNull();
    expect(r.deadlines).toEqual([]);
    const after = applyPostNotice(r.case, { type: 'recalled', date: '2026-10-13' }, ctx);
    expect(after).toEqual({ ok: false, reason: 'case-closed', clause: '§3.5' });
  });

  it('§3.8: an answer of Mon 2026-10-12 upholding the notice keeps the case open and its sanctions in force', () => {
    const r = applyPostNotice(
      appealed,
      { type: 'appealAnswered', date: '2026-10-12', upheld: true },
      ctx,
    );
    if (!r.ok) throw new Error(r.reason);
    expect(r.case).toMatchObject({ state: 'open', lapsed: false });
    expect(caseSanctions(r.case)).not.toBeNull();
  });
});

describe('orderings the README leaves open', () => {
  it('§3.5: a case closed on Fri 2026-09-25, before any notice, needs no outcome (no rectification was decided)', () => {
    const r = applyPostNotice(
      openCase({ clause: '2.6', track: 'B', opened: '2026-09-21' }),
      { type: 'closed', date: '2026-09-25' },
      ctx,
    );
    expect(r.ok && r.case.state).toBe('closed');
    expect(r.ok && r.case.sanctions).toBeNull();
  });

  it('§3.5: the recall of Thu 2026-10-08 may come while the appeal of the same day awaits its answer', () => {
    const c = postNotice([notice('2026-09-30'), { type: 'appeal', date: '2026-10-08' }]);
    expect(applyPostNotice(c, { type: 'recalled', date: '2026-10-08' }, ctx).ok).toBe(true);
  });

  it('§3.6, §3.7: a case closed on Mon 2026-11-09 after a finding of no change of Mon 2026-11-02 is accepted', () => {
    const c = postNotice([
      notice('2026-09-30'),
      { type: 'recalled', date: '2026-10-12' },
      { type: 'outcome', date: '2026-11-02', changed: false },
    ]);
    expect(applyPostNotice(c, { type: 'closed', date: '2026-11-09' }, ctx).ok).toBe(true);
  });
});

describe('properties', () => {
  const dates = fc.integer({ min: 0, max: 4 * 365 }).map((n) => addDays('2025-01-01', n));
  const event: fc.Arbitrary<(date: string) => PostNoticeEvent> = fc.oneof(
    fc.constant((date: string): PostNoticeEvent => ({ type: 'notice', date })),
    fc.constant((date: string): PostNoticeEvent => ({ type: 'appeal', date })),
    fc.boolean().map((upheld) => (date: string): PostNoticeEvent => ({
      type: 'appealAnswered',
      date,
      upheld,
    })),
    fc.constant((date: string): PostNoticeEvent => ({ type: 'recalled', date })),
    fc
      .boolean()
      .map((changed) => (date: string): PostNoticeEvent => ({ type: 'outcome', date, changed })),
    fc.constant((date: string): PostNoticeEvent => ({ type: 'redeployApproved', date })),
    fc.constant((date: string): PostNoticeEvent => ({ type: 'closed', date })),
  );
  const history = fc.tuple(
    dates,
    fc.array(fc.tuple(event, fc.integer({ min: -2, max: 12 })), { maxLength: 14 }),
  );

  /** Runs a random history; calls `check` with each event's before, event and result. */
  function run(
    [start, list]: [string, [(date: string) => PostNoticeEvent, number][]],
    check: (before: CaseState, e: PostNoticeEvent, r: ReturnType<typeof applyPostNotice>) => void,
  ): void {
    let c = openCase({ clause: '2.6', track: 'B', opened: start });
    let date = start;
    for (const [make, step] of list) {
      date = addDays(date, step);
      const e = make(date);
      const before = structuredClone(c);
      const r = applyPostNotice(c, e, ctx);
      check(before, e, r);
      if (r.ok) c = r.case;
      else expect(c).toEqual(before);
    }
  }

  it('a refused event never changes the case and starts no deadline', () => {
    fc.assert(
      fc.property(history, (h) =>
        run(h, (before, _e, r) => {
          if (!r.ok) expect(Object.keys(r).sort()).toEqual(['clause', 'ok', 'reason']);
          else expect(r.case.deadlines.length).toBe(before.deadlines.length + r.deadlines.length);
        }),
      ),
    );
  });

  it("a deadline's due date is a working day, exactly n working days after its start", () => {
    const n = { appeal: 2, appealAnswer: 5, recall: 7, return: 7, replacement: 7 } as const;
    fc.assert(
      fc.property(history, (h) =>
        run(h, (_before, _e, r) => {
          if (!r.ok) return;
          for (const d of r.deadlines) {
            expect(isWorkday(ctx.calendar, d.due).workday).toBe(true);
            expect(workdaysBetween(ctx.calendar, d.startsOn, d.due)).toBe(n[d.step]);
          }
        }),
      ),
    );
  });

  it('a closed case refuses every event, and an accepted appeal always lies in its window', () => {
    fc.assert(
      fc.property(history, (h) =>
        run(h, (before, e, r) => {
          if (before.state === 'closed') expect(r.ok ? null : r.reason).toBe('case-closed');
          if (r.ok && e.type === 'appeal') {
            const window = before.deadlines.find((d) => d.step === 'appeal')!;
            expect(e.date <= window.due).toBe(true);
          }
        }),
      ),
    );
  });
});
