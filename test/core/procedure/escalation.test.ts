// §4.2, §4.3: overdue steps of a case, by working days, and their escalation to the level above.
import { describe, expect, it } from 'vitest';
import { withOverrides } from '../../../core/parameters';
import {
  escalation,
  levelAbove,
  openCase,
  overdueSteps,
  type DispatchLevel,
  type PostNoticeEvent,
} from '../../../core/procedure';
import { ctx, postNotice } from './fixtures';

const notice: PostNoticeEvent = { type: 'notice', date: '2026-09-30' };
const noticed = (level: DispatchLevel) =>
  postNotice(
    [notice],
    '2026-09-21',
    openCase({ clause: '2.6', track: 'B', opened: '2026-09-21', dispatchLevel: level }),
  );

describe('§4.2: overdue steps', () => {
  it('§4.2: a recall due Thu 2026-10-15 still undone on Tue 2026-10-20 is overdue by 3 working days and, for a county-level cadre, goes to the city', () => {
    expect(overdueSteps(noticed('county'), '2026-10-20', ctx.calendar, ctx.parameters)).toEqual([
      {
        deadline: {
          step: 'recall',
          startsOn: '2026-09-30',
          due: '2026-10-15',
          provisional: false,
          clause: '§3.5',
        },
        responsible: 'dispatchingUnit',
        level: 'county',
        clause: '§4.2',
        overdueWorkdays: 3,
        escalate: true,
        escalateTo: 'city',
      },
    ]);
  });

  it('§4.2: on Mon 2026-10-19 the same recall is overdue by 2 working days, not yet escalated', () => {
    const [step] = overdueSteps(noticed('county'), '2026-10-19', ctx.calendar, ctx.parameters);
    expect(step && [step.overdueWorkdays, step.escalate]).toEqual([2, false]);
  });

  it('§4.2: on Thu 2026-10-15, the due date itself, nothing is overdue; the unused appeal window of Fri 2026-10-09 never is', () => {
    expect(overdueSteps(noticed('county'), '2026-10-15', ctx.calendar, ctx.parameters)).toEqual([]);
  });

  it('§4.2: a recall made late, on Fri 2026-10-16, is no longer overdue on Tue 2026-10-20', () => {
    const c = postNotice([{ type: 'recalled', date: '2026-10-16' }], undefined, noticed('county'));
    expect(overdueSteps(c, '2026-10-20', ctx.calendar, ctx.parameters)).toEqual([]);
  });

  it('§4.2: with escalateAfterWorkdays = 0 a recall is escalated on Fri 2026-10-16, its first day overdue', () => {
    const p = withOverrides(ctx.parameters, { escalateAfterWorkdays: 0 });
    if (!p.ok) throw new Error(p.reason);
    const [step] = overdueSteps(noticed('county'), '2026-10-16', ctx.calendar, p.parameters);
    expect(step && [step.overdueWorkdays, step.escalate]).toEqual([1, true]);
  });

  it('§3.8, §4.2: an appeal of Thu 2026-10-08, due an answer by Wed 2026-10-14 and unanswered on Tue 2026-10-20, is owed by the provincial work committees for a province-level cadre, with no level above to go to', () => {
    const c = postNotice(
      [
        { type: 'appeal', date: '2026-10-08' },
        { type: 'recalled', date: '2026-10-09' },
      ],
      undefined,
      noticed('province'),
    );
    const steps = overdueSteps(c, '2026-10-20', ctx.calendar, ctx.parameters);
    expect(
      steps.map((s) => [
        s.deadline.step,
        s.deadline.due,
        s.responsible,
        s.overdueWorkdays,
        s.escalateTo,
      ]),
    ).toEqual([['appealAnswer', '2026-10-14', 'provincialWorkCommittees', 4, null]]);
  });

  it('§3.7, §4.2: a replacement due Wed 2026-11-11 is done when the case closes on Tue 2026-11-10; unclosed, it is overdue on Mon 2026-11-16 for a township-level cadre, going to the county', () => {
    const found = postNotice(
      [
        { type: 'recalled', date: '2026-10-09' },
        { type: 'outcome', date: '2026-11-02', changed: false },
      ],
      undefined,
      noticed('township'),
    );
    const late = overdueSteps(found, '2026-11-16', ctx.calendar, ctx.parameters);
    expect(late.map((s) => [s.deadline.step, s.overdueWorkdays, s.escalate, s.escalateTo])).toEqual(
      [['replacement', 3, true, 'county']],
    );
    const closed = postNotice([{ type: 'closed', date: '2026-11-10' }], undefined, found);
    expect(overdueSteps(closed, '2026-11-16', ctx.calendar, ctx.parameters)).toEqual([]);
  });

  it('§3.8: a notice withdrawn on Mon 2026-10-12 owes no recall afterwards', () => {
    const c = postNotice(
      [
        { type: 'appeal', date: '2026-10-08' },
        { type: 'appealAnswered', date: '2026-10-12', upheld: false },
      ],
      undefined,
      noticed('county'),
    );
    expect(overdueSteps(c, '2026-10-30', ctx.calendar, ctx.parameters)).toEqual([]);
  });

  it('§4.2: the level above runs township → county → city → province, and ends there', () => {
    expect((['township', 'county', 'city', 'province'] as const).map(levelAbove)).toEqual([
      'county',
      'city',
      'province',
      null,
    ]);
  });

  it('§4.3: an unhandled flag of Thu 2026-10-01 due Fri 2026-10-09 escalates from the township on Wed 2026-10-14', () => {
    expect(
      escalation('township', '2026-10-09', '2026-10-14', ctx.calendar, ctx.parameters),
    ).toEqual({
      overdueWorkdays: 4,
      escalate: true,
      escalateTo: 'county',
    });
  });
});
