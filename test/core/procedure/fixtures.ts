// Shared helpers for the procedure suites: the national calendar and default parameters, a case
// driven through the post-notice machine, actors for the parties of the table.
import { nationalCalendar } from '../../../core/calendar';
import type { LocalDate } from '../../../core/calendar/local-date';
import { defaultParameters } from '../../../core/parameters';
import {
  applyPostNotice,
  openCase,
  transition,
  type Actor,
  type Case,
  type CaseState,
  type DispatchLevel,
  type EvidenceKind,
  type Party,
  type PostNoticeEvent,
  type ProcedureEvent,
  type Track,
} from '../../../core/procedure';

export const ctx = { calendar: nationalCalendar, parameters: defaultParameters };

/** A track-B case (§2.6) opened on `opened`, driven through `events`; throws on a refusal. */
export function postNotice(
  events: PostNoticeEvent[],
  opened: LocalDate = '2026-09-21',
  start: CaseState = openCase({ clause: '2.6', track: 'B', opened }),
): CaseState {
  return events.reduce((c, e) => {
    const r = applyPostNotice(c, e, ctx);
    if (!r.ok) throw new Error(`${e.type} ${e.date} refused: ${r.reason}`);
    return r.case;
  }, start);
}

/** An actor who is `party` in a case of a cadre sent at `level`. */
export function actorFor(party: Party, level: DispatchLevel): Actor {
  switch (party) {
    case 'cadre':
    case 'township':
    case 'county':
    case 'dispatchingUnit':
    case 'discipline':
      return { role: party };
    case 'provincialWorkCommittees':
      return { role: 'province', workCommittees: true };
    case 'sameLevelDepartment':
      switch (level) {
        case 'township':
          return { role: 'township' };
        case 'county':
          return { role: 'county' };
        case 'city':
          return { role: 'county', level: 'city' };
        case 'province':
          return { role: 'province' };
      }
  }
}

export const county: Actor = { role: 'county' };
export const township: Actor = { role: 'township' };
export const unit: Actor = { role: 'dispatchingUnit' };
export const cadre: Actor = { role: 'cadre' };
export const discipline: Actor = { role: 'discipline' };

/** A fresh case of the whole procedure, before any step. */
export function fresh(
  track: Track,
  dispatchLevel: DispatchLevel = 'county',
  opened: LocalDate = '2026-09-01',
): Case {
  const clause = track === 'A' ? '2.1' : track === 'B' ? '2.6' : '2.10';
  return { ...openCase({ clause, track, opened, dispatchLevel }), dispatchLevel };
}

/** Applies steps, each by its actor, as of `asOf`; throws on a refusal (a broken test setup). */
export function steps(
  c: Case,
  list: [Actor, ProcedureEvent][],
  asOf: LocalDate = '2026-12-31',
): Case {
  return list.reduce((acc, [actor, e]) => {
    const r = transition(acc, e, { ...ctx, asOf, actor });
    if (!r.ok) throw new Error(`${e.type} ${e.date} by ${actor.role} refused: ${r.reason}`);
    return r.case;
  }, c);
}

/** The four records §3.4 asks for, on `date`. */
export function allEvidence(date: LocalDate): [Actor, ProcedureEvent][] {
  const kinds: EvidenceKind[] = ['townshipOpinion', 'villagePartyOpinion', 'membersOpinion'];
  return [
    ...kinds.map((kind): [Actor, ProcedureEvent] => [county, { type: 'evidence', date, kind }]),
    [cadre, { type: 'evidence', date, kind: 'statement' }],
  ];
}
