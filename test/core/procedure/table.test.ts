// The transition table of §3: every row is reachable through `transition`, by each of its actors
// and by no one else.
import { describe, expect, it } from 'vitest';
import {
  appealStage,
  dispatchLevels,
  mainStage,
  partiesOf,
  procedureTable,
  rowsOf,
  transition,
  type Actor,
  type Case,
  type DispatchLevel,
  type ProcedureEvent,
  type ProcedureRow,
  type Stage,
  type Track,
} from '../../../core/procedure';
import { actorFor, allEvidence, ctx, fresh, steps, unit } from './fixtures';

const day = '2026-09-07'; // Mon: every step of a walk on one day keeps the dates in order
const asOf = '2026-12-31';

function eventFor(row: ProcedureRow): ProcedureEvent {
  switch (row.event) {
    case 'outcome':
      return { type: 'outcome', date: day, changed: row.when === 'changed' };
    case 'appealAnswered':
      return { type: 'appealAnswered', date: day, upheld: row.when === 'upheld' };
    case 'transfer':
      return { type: 'transfer', date: day, to: 'discipline' };
    default:
      return { type: row.event, date: day } as ProcedureEvent;
  }
}

/** The shortest walk of main-line rows from 'opened' to `target`. */
function pathTo(track: Track, level: DispatchLevel, target: Stage): ProcedureRow[] {
  const rows = rowsOf(track, level).filter((r) => r.region === 'main' && r.to !== 'closed');
  const queue: { stage: Stage; path: ProcedureRow[] }[] = [{ stage: 'opened', path: [] }];
  const seen = new Set<Stage>(['opened']);
  for (let item = queue.shift(); item; item = queue.shift()) {
    if (item.stage === target) return item.path;
    for (const r of rows.filter((x) => x.from === item!.stage && !seen.has(x.to))) {
      seen.add(r.to);
      queue.push({ stage: r.to, path: [...item.path, r] });
    }
  }
  throw new Error(`${target} unreachable in track ${track}`);
}

/** Takes a row's step by its actors (all of them when jointly), with what it needs first. */
function take(c: Case, row: ProcedureRow, actors: readonly Actor[]): Case {
  let before = c;
  if (row.evidence) before = steps(before, allEvidence(day), asOf);
  if (row.event === 'outcome') before = steps(before, [[unit, { type: 'talk', date: day }]], asOf);
  return steps(
    before,
    actors.map((a): [Actor, ProcedureEvent] => [a, eventFor(row)]),
    asOf,
  );
}

/** A case of `track` for a cadre sent at `level`, standing where `row` starts. */
function caseAt(track: Track, level: DispatchLevel, row: ProcedureRow): Case {
  const mainFrom = row.region === 'main' ? row.from : 'noticed';
  let c = pathTo(track, level, mainFrom).reduce(
    (acc, r) =>
      take(
        acc,
        r,
        r.jointly ? r.actors.map((p) => actorFor(p, level)) : [actorFor(r.actors[0]!, level)],
      ),
    fresh(track, level, day),
  );
  if (row.region === 'appeal' && row.from === 'appealFiled') {
    c = steps(c, [[{ role: 'cadre' }, { type: 'appeal', date: day }]], asOf);
  }
  return c;
}

const cases = procedureTable.flatMap((row) =>
  (row.track === 'any' ? (['A', 'B', 'C'] as const) : [row.track]).flatMap((track) =>
    (row.levels ?? dispatchLevels).map((level) => ({ row, track, level })),
  ),
);

const name = ({ row, track, level }: (typeof cases)[number]) =>
  `${row.clause}: track ${track}, ${row.region} ${row.from} —${row.event}${row.when ? `(${row.when})` : ''}→ ${row.to}, on Mon ${day}, for a cadre sent by the ${level}`;

describe('every row of the table is reachable', () => {
  it.each(cases.map((c) => [name(c), c] as const))('%s', (_name, { row, track, level }) => {
    const c = caseAt(track, level, row);
    expect(row.region === 'main' ? mainStage(c) : appealStage(c)).toBe(row.from);
    const groups = row.jointly
      ? [row.actors.map((p) => actorFor(p, level))]
      : row.actors.filter((p) => partiesPossible(p, level)).map((p) => [actorFor(p, level)]);
    expect(groups.length).toBeGreaterThan(0);
    for (const actors of groups) {
      const after = take(c, row, actors);
      if (row.to === 'closed') expect(after.state).toBe('closed');
      else expect(row.region === 'main' ? mainStage(after) : appealStage(after)).toBe(row.to);
    }
  });
});

describe('who may take each step', () => {
  const actors: Actor[] = [
    { role: 'cadre' },
    { role: 'inspector' },
    { role: 'township' },
    { role: 'county' },
    { role: 'county', level: 'city' },
    { role: 'dispatchingUnit' },
    { role: 'discipline' },
    { role: 'province' },
    { role: 'province', level: 'city' },
    { role: 'province', workCommittees: true },
    { role: 'admin' },
  ];
  const single = cases.filter(({ row }) => !row.jointly);
  it.each(single.map((c) => [name(c), c] as const))(
    '%s: only its actors',
    (_name, { row, track, level }) => {
      const c = caseAt(track, level, row);
      const prepared = row.evidence
        ? steps(c, allEvidence(day), asOf)
        : row.event === 'outcome'
          ? steps(c, [[unit, { type: 'talk', date: day }]], asOf)
          : c;
      for (const actor of actors) {
        const r = transition(prepared, eventFor(row), { ...ctx, asOf, actor });
        const may = partiesOf(actor, level).some((p) => row.actors.includes(p));
        expect(
          r.ok ? 'ok' : r.reason,
          `${actor.role}${actor.level ? '@' + actor.level : ''}${actor.workCommittees ? ' (committees)' : ''}`,
        ).toBe(may ? 'ok' : 'actor-not-allowed');
      }
    },
  );
});

/** Whether some actor is `party` for a cadre sent at `level` (the committees only at province). */
function partiesPossible(party: string, level: DispatchLevel): boolean {
  return party !== 'provincialWorkCommittees' || level === 'province';
}
