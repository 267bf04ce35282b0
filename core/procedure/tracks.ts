// Which procedure of §3 each situation of §2 follows (tracks A §3.1, B §3.2, C §3.3), and who may
// open a case for it: confirm the system's flag, file it by intake, or record a tip verified.
// Agreed with core/situations/catalogue.ts by clause id ('2.1'…'2.13').

import type { Role } from './parties';

export type Track = 'A' | 'B' | 'C';

/** The clause that sets each track's procedure. */
export const trackClause: Readonly<Record<Track, string>> = { A: '§3.1', B: '§3.2', C: '§3.3' };

/** How a case comes to be opened (clauses.md §2). */
export type OpenedVia = 'flag' | 'intake' | 'tip';

export interface TrackRow {
  clause: string;
  track: Track;
  /** Who confirms the system's flag (预警) for it; empty when the system does not detect it. */
  confirmedBy: readonly Role[];
  /** Who may file it by intake; empty when it is never filed. */
  filedBy: readonly Role[];
  /** Who records a tip (举报) about it as verified; empty when a tip does not open it. */
  tipVerifiedBy: readonly Role[];
}

// 由县级组织部门提出教育整改的初步意见 — §3.1: the county confirms track A's flags.
const countyOnly: readonly Role[] = ['county'];
// 由乡(镇、街道)党(工)委向县级组织部门书面提交实施教育整改的请示;县级组织部门联合派出单位进行复核审定 — §3.2①②
// [decision: a track-B case is opened by the township, which requests, or by the county, which
//  reviews — the same offices as core/situations/catalogue.ts; §2.3's other grounds and §2.6 are
//  filed by the township only — clauses.md §2.3, §2.6]
const trackB: readonly Role[] = ['township', 'county'];
const townshipOnly: readonly Role[] = ['township'];
// 由县级组织部门会同纪检部门、派出单位、乡(镇、街道)联合调查核实 — §3.3
// [decision: the county organization department and discipline inspection lead the joint
//  investigation, so they open track-C cases; tips reach 组织及纪检部门 (§2.12)]
const trackC: readonly Role[] = ['county', 'discipline'];
const none: readonly Role[] = [];

const row = (
  clause: string,
  track: Track,
  confirmedBy: readonly Role[],
  filedBy: readonly Role[],
  tipVerifiedBy: readonly Role[] = none,
): TrackRow => ({ clause, track, confirmedBy, filedBy, tipVerifiedBy });

/** Situation → track and openers, in the regulation's order. */
export const trackTable: readonly TrackRow[] = [
  // 属于上述教育整改情形中第1条、第2条的 — §3.1
  row('2.1', 'A', countyOnly, none),
  row('2.2', 'A', countyOnly, none),
  // 属于上述教育整改情形中第3-8条的 — §3.2
  row('2.3', 'B', trackB, townshipOnly),
  row('2.4', 'B', trackB, none),
  row('2.5', 'B', trackB, trackB),
  row('2.6', 'B', none, townshipOnly),
  row('2.7', 'B', none, trackB),
  row('2.8', 'B', none, trackB),
  // 属于上述教育整改情形中第9-12条情形的 — §3.3
  row('2.9', 'C', none, trackC),
  row('2.10', 'C', none, trackC, trackC),
  row('2.11', 'C', none, trackC, trackC),
  row('2.12', 'C', none, none, trackC),
  // [decision: §2.13 其他需要进行教育整改的情形 follows the §3.2 track — clauses.md §2.13]
  row('2.13', 'B', none, trackB),
];

const byClause = new Map(trackTable.map((r) => [r.clause, r]));

/** The track of a situation ('2.6' → 'B'), or null for an id that is not a situation of §2. */
export function trackOf(clause: string): Track | null {
  return byClause.get(clause)?.track ?? null;
}

/** The row of a situation, or undefined. */
export function trackRow(clause: string): TrackRow | undefined {
  return byClause.get(clause);
}

/** Who may open a case of `clause` by `via`. */
export function openers(clause: string, via: OpenedVia): readonly Role[] {
  const r = byClause.get(clause);
  if (!r) return none;
  return via === 'flag' ? r.confirmedBy : via === 'intake' ? r.filedBy : r.tipVerifiedBy;
}
