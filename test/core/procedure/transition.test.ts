// The whole procedure: opening cases, the steps before the notice, §3.4's evidence, the actors of
// §3.5–§3.8 by dispatch level, and what the UI may offer.
import { describe, expect, it } from 'vitest';
import {
  allowedEvents,
  filedWith,
  mainStage,
  openProcedure,
  transition,
  type Actor,
  type Case,
  type DispatchLevel,
  type ProcedureEvent,
} from '../../../core/procedure';
import {
  allEvidence,
  cadre,
  county,
  ctx,
  discipline,
  fresh,
  steps,
  township,
  unit,
} from './fixtures';

const asOf = '2026-12-31';
const run = (c: Case, actor: Actor, e: ProcedureEvent, at = asOf) =>
  transition(c, e, { ...ctx, asOf: at, actor });

/** A §2.6 case of a cadre sent at `level`, requested Mon 2026-09-21 and reviewed, filed and noticed Wed 2026-09-30. */
function noticed(level: DispatchLevel): Case {
  const opened = openProcedure(
    { clause: '2.6', dispatchLevel: level, date: '2026-09-21', via: 'intake' },
    { ...ctx, asOf, actor: township },
  );
  if (!opened.ok) throw new Error(opened.reason);
  return steps(opened.case, [
    ...allEvidence('2026-09-24'),
    [county, { type: 'caseReview', date: '2026-09-25' }],
    [county, { type: 'filing', date: '2026-09-28' }],
    [unit, { type: 'notice', date: '2026-09-30' }],
  ]);
}

describe('opening a case (§3.1–§3.3)', () => {
  it('§3.2①: a township files §2.6 on Mon 2026-09-21; the case opens with its request, on track B', () => {
    const r = openProcedure(
      { clause: '2.6', dispatchLevel: 'county', date: '2026-09-21', via: 'intake' },
      { ...ctx, asOf, actor: township },
    );
    expect(
      r.ok && [r.case.track, mainStage(r.case), r.case.history.map((h) => [h.event, h.by])],
    ).toEqual([
      'B',
      'requested',
      [
        ['opened', 'township'],
        ['request', 'township'],
      ],
    ]);
  });

  it('§2.6: a county may not file §2.6 on Mon 2026-09-21: only the township asks for it', () => {
    const r = openProcedure(
      { clause: '2.6', dispatchLevel: 'county', date: '2026-09-21', via: 'intake' },
      { ...ctx, asOf, actor: county },
    );
    expect(r).toEqual({ ok: false, reason: 'actor-not-allowed', clause: '§2.6' });
  });

  it('§3.1: the county confirms a §2.1 flag on Tue 2026-07-07; the case opens on track A awaiting the opinion', () => {
    const r = openProcedure(
      { clause: '2.1', dispatchLevel: 'city', date: '2026-07-07', via: 'flag' },
      { ...ctx, asOf, actor: county },
    );
    expect(r.ok && [r.case.track, mainStage(r.case)]).toEqual(['A', 'opened']);
  });

  it('§3.3: discipline inspection records a §2.12 tip verified on Mon 2026-06-01; the case opens on track C', () => {
    const r = openProcedure(
      { clause: '2.12', dispatchLevel: 'county', date: '2026-06-01', via: 'tip' },
      { ...ctx, asOf, actor: discipline },
    );
    expect(r.ok && r.case.track).toBe('C');
  });
});

describe('§3.4: evidence before the decision', () => {
  it('§3.4: on Fri 2026-09-25 the county cannot review the §2.6 request of Mon 2026-09-21 before hearing the village Party organization, the members and the cadre', () => {
    const opened = openProcedure(
      { clause: '2.6', dispatchLevel: 'county', date: '2026-09-21', via: 'intake' },
      { ...ctx, asOf, actor: township },
    );
    if (!opened.ok) throw new Error(opened.reason);
    const heardTownship = steps(opened.case, [
      [township, { type: 'evidence', date: '2026-09-22', kind: 'townshipOpinion' }],
    ]);
    expect(run(heardTownship, county, { type: 'caseReview', date: '2026-09-25' })).toEqual({
      ok: false,
      reason: 'evidence-missing',
      clause: '§3.4',
      missing: ['villagePartyOpinion', 'membersOpinion', 'statement'],
    });
    const heardAll = steps(heardTownship, allEvidence('2026-09-24'));
    expect(run(heardAll, county, { type: 'caseReview', date: '2026-09-25' }).ok).toBe(true);
  });

  it('§3.1, §3.4: after the opinion of Wed 2026-07-08, the county cannot send a track-A notice on Thu 2026-07-09 without the cadre’s statement', () => {
    const c = steps(fresh('A', 'county', '2026-07-07'), [
      [county, { type: 'opinion', date: '2026-07-08' }],
      [county, { type: 'evidence', date: '2026-07-08', kind: 'townshipOpinion' }],
      [county, { type: 'evidence', date: '2026-07-08', kind: 'villagePartyOpinion' }],
      [county, { type: 'evidence', date: '2026-07-08', kind: 'membersOpinion' }],
    ]);
    const r = run(c, county, { type: 'notice', date: '2026-07-09' });
    expect(!r.ok && [r.reason, r.missing]).toEqual(['evidence-missing', ['statement']]);
  });

  it('§3.3, §3.4: a joint investigation of Mon 2026-06-08 cannot be decided on Wed 2026-06-10 before anyone is heard', () => {
    const c = steps(fresh('C', 'county', '2026-06-01'), [
      [discipline, { type: 'investigation', date: '2026-06-08' }],
    ]);
    const r = run(c, discipline, { type: 'decision', date: '2026-06-10' });
    expect(!r.ok && r.reason).toBe('evidence-missing');
  });

  it('§3.4: a cadre may hand in their own statement, but not the village’s opinion', () => {
    const c = fresh('B');
    expect(run(c, cadre, { type: 'evidence', date: '2026-09-02', kind: 'statement' }).ok).toBe(
      true,
    );
    expect(run(c, cadre, { type: 'evidence', date: '2026-09-02', kind: 'membersOpinion' })).toEqual(
      {
        ok: false,
        reason: 'actor-not-allowed',
        clause: '§3.4',
      },
    );
  });
});

describe('§3.2③: filing with the level that manages the cadre', () => {
  it.each([
    ['province', 'provincialWorkCommittees, provincialDepartment'],
    ['city', 'cityDepartment'],
    ['county', 'countyDepartment'],
    ['township', 'countyDepartment'],
  ] as const)(
    '§3.2③: a track-B case of a cadre sent by the %s, filed on Mon 2026-09-28, goes to %s',
    (level, body) => {
      expect(filedWith(level).join(', ')).toBe(body);
      const c = noticed(level);
      expect(c.history.find((h) => h.event === 'filing')?.detail).toBe(body);
    },
  );
});

describe('§3.5–§3.8 by dispatch level', () => {
  it('§3.5: only the dispatching unit recalls the cadre, on Thu 2026-10-08', () => {
    const c = noticed('county');
    expect(run(c, county, { type: 'recalled', date: '2026-10-08' })).toEqual({
      ok: false,
      reason: 'actor-not-allowed',
      clause: '§3.5',
    });
    expect(run(c, unit, { type: 'recalled', date: '2026-10-08' }).ok).toBe(true);
  });

  it('§3.5, §3.6: the outcome of Mon 2026-11-02 needs the talk of the unit’s principal leader first', () => {
    const c = steps(noticed('county'), [[unit, { type: 'recalled', date: '2026-10-08' }]]);
    const outcome: ProcedureEvent = { type: 'outcome', date: '2026-11-02', changed: true };
    expect(run(c, unit, outcome)).toEqual({ ok: false, reason: 'no-talk', clause: '§3.5' });
    const talked = steps(c, [[unit, { type: 'talk', date: '2026-10-09' }]]);
    expect(run(talked, unit, outcome).ok).toBe(true);
  });

  it('§3.6: for a cadre sent by the province, the provincial department’s agreement of Mon 2026-11-02 alone does not redeploy; the work committees’ of Wed 2026-11-04 does, and the return is due Fri 2026-11-13', () => {
    const c = steps(noticed('province'), [
      [unit, { type: 'recalled', date: '2026-10-08' }],
      [unit, { type: 'talk', date: '2026-10-09' }],
      [unit, { type: 'outcome', date: '2026-10-30', changed: true }],
    ]);
    const department: Actor = { role: 'province' };
    const committees: Actor = { role: 'province', workCommittees: true };
    const first = run(c, department, { type: 'redeployApproved', date: '2026-11-02' });
    if (!first.ok) throw new Error(first.reason);
    expect([first.case.redeployApproved, first.deadlines]).toEqual([null, []]);
    expect(run(first.case, department, { type: 'redeployApproved', date: '2026-11-03' })).toEqual({
      ok: false,
      reason: 'already-approved',
      clause: '§3.6',
    });
    const second = run(first.case, committees, { type: 'redeployApproved', date: '2026-11-04' });
    if (!second.ok) throw new Error(second.reason);
    expect(second.case.redeployApproved).toBe('2026-11-04');
    expect(second.deadlines.map((d) => [d.step, d.due])).toEqual([['return', '2026-11-13']]);
  });

  it('§3.6: for a cadre sent by the county, the county department’s agreement of Mon 2026-11-02 redeploys at once', () => {
    const c = steps(noticed('county'), [
      [unit, { type: 'recalled', date: '2026-10-08' }],
      [unit, { type: 'talk', date: '2026-10-09' }],
      [unit, { type: 'outcome', date: '2026-10-30', changed: true }],
    ]);
    const r = run(c, county, { type: 'redeployApproved', date: '2026-11-02' });
    expect(r.ok && r.deadlines.map((d) => d.due)).toEqual(['2026-11-11']);
  });

  it('§3.8: for a cadre sent by the province, the appeal of Thu 2026-10-08 is answered by the provincial work committees, not by the provincial department or the county', () => {
    const c = steps(noticed('province'), [[cadre, { type: 'appeal', date: '2026-10-08' }]]);
    const answer: ProcedureEvent = { type: 'appealAnswered', date: '2026-10-12', upheld: true };
    expect(run(c, { role: 'province' }, answer)).toEqual({
      ok: false,
      reason: 'actor-not-allowed',
      clause: '§3.8',
    });
    expect(run(c, county, answer).ok).toBe(false);
    expect(run(c, { role: 'province', workCommittees: true }, answer).ok).toBe(true);
  });

  it('§3.8: for a cadre sent by a city, the city department answers the appeal of Thu 2026-10-08, the county department may not', () => {
    const c = steps(noticed('city'), [[cadre, { type: 'appeal', date: '2026-10-08' }]]);
    const answer: ProcedureEvent = { type: 'appealAnswered', date: '2026-10-12', upheld: false };
    expect(run(c, county, answer).ok).toBe(false);
    const r = run(c, { role: 'county', level: 'city' }, answer);
    expect(r.ok && [r.case.state, r.case.lapsed]).toEqual(['closed', true]);
  });

  it('§3.8: for a cadre sent by a township, the township Party committee answers the appeal', () => {
    const c = steps(noticed('township'), [[cadre, { type: 'appeal', date: '2026-10-08' }]]);
    expect(run(c, township, { type: 'appealAnswered', date: '2026-10-12', upheld: true }).ok).toBe(
      true,
    );
  });

  it('§3.8: only the cadre appeals; the dispatching unit cannot on their behalf', () => {
    const c = noticed('county');
    expect(run(c, unit, { type: 'appeal', date: '2026-10-08' })).toMatchObject({
      reason: 'actor-not-allowed',
    });
  });

  it('§3: inspectors and admins take no step of a case, so nothing is offered to them', () => {
    const c = noticed('county');
    expect(allowedEvents(c, { role: 'inspector' }, '2026-10-08')).toEqual([]);
    expect(allowedEvents(c, { role: 'admin' }, '2026-10-08')).toEqual([]);
  });
});

describe('allowedEvents: what the UI may offer', () => {
  it('§3.2, §3.4: on a request of Mon 2026-09-21 the county may record what it heard or close the case; the review comes once everything is heard', () => {
    const opened = openProcedure(
      { clause: '2.6', dispatchLevel: 'county', date: '2026-09-21', via: 'intake' },
      { ...ctx, asOf, actor: township },
    );
    if (!opened.ok) throw new Error(opened.reason);
    expect(allowedEvents(opened.case, county, '2026-09-22').map((a) => a.type)).toEqual([
      'closed',
      'evidence',
    ]);
    expect(allowedEvents(opened.case, cadre, '2026-09-22')).toEqual([
      { type: 'evidence', clause: '§3.4', kinds: ['statement'] },
    ]);
    const heard = steps(opened.case, allEvidence('2026-09-24'));
    expect(allowedEvents(heard, county, '2026-09-25').map((a) => a.type)).toEqual([
      'caseReview',
      'closed',
      'evidence',
    ]);
  });

  it('§3.8: a cadre noticed on Wed 2026-09-30 is offered the appeal until Fri 2026-10-09, not on Sat 2026-10-10', () => {
    const c = noticed('county');
    expect(allowedEvents(c, cadre, '2026-10-09').map((a) => a.type)).toEqual([
      'appeal',
      'evidence',
    ]);
    expect(allowedEvents(c, cadre, '2026-10-10').map((a) => a.type)).toEqual(['evidence']);
  });

  it('§3.6, §3.7: after the recall and the talk the dispatching unit is offered both findings, each with its clause', () => {
    const c = steps(noticed('county'), [
      [unit, { type: 'recalled', date: '2026-10-08' }],
      [unit, { type: 'talk', date: '2026-10-09' }],
    ]);
    const offered = allowedEvents(c, unit, '2026-10-30').filter((a) => a.type === 'outcome');
    expect(offered).toEqual([
      { type: 'outcome', clause: '§3.6', when: 'changed' },
      { type: 'outcome', clause: '§3.7', when: 'unchanged' },
    ]);
  });

  it('allowedEvents agrees with transition for every actor on a case at every stage of a walk', () => {
    const actors: Actor[] = [
      cadre,
      township,
      county,
      unit,
      discipline,
      { role: 'province', workCommittees: true },
    ];
    const walk: [Actor, ProcedureEvent][] = [
      [unit, { type: 'recalled', date: '2026-10-08' }],
      [cadre, { type: 'appeal', date: '2026-10-09' }],
      [county, { type: 'appealAnswered', date: '2026-10-12', upheld: true }],
      [unit, { type: 'talk', date: '2026-10-13' }],
      [unit, { type: 'outcome', date: '2026-10-30', changed: false }],
      [county, { type: 'closed', date: '2026-11-09' }],
    ];
    let c = noticed('county');
    for (const [actor, e] of walk) {
      for (const a of actors) {
        for (const offered of allowedEvents(c, a, e.date)) {
          if (offered.type === 'evidence') continue;
          const probe = {
            type: offered.type,
            date: e.date,
            to: 'discipline',
            changed: offered.when === 'changed',
            upheld: offered.when === 'upheld',
          } as ProcedureEvent;
          expect(run(c, a, probe, e.date).ok, `${a.role} ${offered.type}`).toBe(true);
        }
      }
      c = steps(c, [[actor, e]]);
    }
    expect(c.state).toBe('closed');
  });
});
