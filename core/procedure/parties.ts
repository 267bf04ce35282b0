// Who takes part in a case (§3.1–§3.8): system roles, the cadre's dispatch level, and the bodies the
// clauses name — the same-level organization department, the provincial work committees — resolved
// from an actor. Also the managing level a case is filed with (§3.2③) and the level above (§4.2).

/** The system's roles (architecture.md, Security). */
export type Role =
  | 'cadre'
  | 'inspector'
  | 'township'
  | 'county'
  | 'dispatchingUnit'
  | 'discipline'
  | 'province'
  | 'admin';

export const roles: readonly Role[] = [
  'cadre',
  'inspector',
  'township',
  'county',
  'dispatchingUnit',
  'discipline',
  'province',
  'admin',
];

/** 选派层级: the level that sent the cadre, and the level of an org unit. */
export type DispatchLevel = 'province' | 'city' | 'county' | 'township';

export const dispatchLevels: readonly DispatchLevel[] = ['province', 'city', 'county', 'township'];

/** Someone recording a step: a role, scoped to an org unit of some level. */
export interface Actor {
  role: Role;
  /**
   * The level of the org unit the role is scoped to. Only organization departments need it: a
   * `county` or `province` actor scoped to a city/prefecture is that city's department. Defaults:
   * `county` → 'county', `province` → 'province'.
   */
  level?: DispatchLevel;
  /** A `province` actor speaking for the four provincial work committees (省直四个工<党>委). */
  workCommittees?: boolean;
}

/**
 * The bodies a row of the procedure table names. `sameLevelDepartment` is the organization department
 * of the cadre's dispatch level (同级组织部门); `provincialWorkCommittees` take part only when the cadre
 * was sent by the province (省级选派).
 */
export type Party =
  | 'cadre'
  | 'township'
  | 'county'
  | 'dispatchingUnit'
  | 'discipline'
  | 'sameLevelDepartment'
  | 'provincialWorkCommittees';

/** The bodies `actor` is, in a case of a cadre sent at `dispatchLevel`. */
export function partiesOf(actor: Actor, dispatchLevel: DispatchLevel): readonly Party[] {
  const sameLevel = (level: DispatchLevel): Party[] =>
    level === dispatchLevel ? ['sameLevelDepartment'] : [];
  switch (actor.role) {
    case 'cadre':
      return ['cadre'];
    case 'dispatchingUnit':
      return ['dispatchingUnit'];
    case 'discipline':
      return ['discipline'];
    // [decision: for a cadre sent by a township, the township Party committee is the same-level body
    //  of §3.6–§3.8; a township has no organization department of its own]
    case 'township':
      return ['township', ...sameLevel('township')];
    case 'county': {
      const level = actor.level ?? 'county';
      if (level === 'county') return ['county', ...sameLevel('county')];
      return level === 'city' ? sameLevel('city') : [];
    }
    case 'province': {
      // 省级选派的同时报省直四个工<党>委 — §3.6; 省级选派的由省直四个工<党>委负责 — §3.8
      if (actor.workCommittees)
        return dispatchLevel === 'province' ? ['provincialWorkCommittees'] : [];
      const level = actor.level ?? 'province';
      return level === 'province' || level === 'city' ? sameLevel(level) : [];
    }
    // [decision: inspectors record inspections (§2.2), and admins manage users; neither takes a step
    //  of a case — every step is taken by the body its clause names]
    case 'inspector':
    case 'admin':
      return [];
  }
}

/** Where a case is filed (备案) for a cadre managed at a level. */
export type FilingBody =
  'countyDepartment' | 'cityDepartment' | 'provincialWorkCommittees' | 'provincialDepartment';

// 按照干部管理权限,报市(州)、省直有关工(党)委、省委组织部备案 — §3.2③
// [decision: the managing level is the dispatch level; a province-level cadre is filed with the
//  provincial work committees and the provincial organization department; a cadre sent by a county
//  or a township is managed in the county, whose department keeps the filing itself]
export function filedWith(dispatchLevel: DispatchLevel): readonly FilingBody[] {
  switch (dispatchLevel) {
    case 'province':
      return ['provincialWorkCommittees', 'provincialDepartment'];
    case 'city':
      return ['cityDepartment'];
    case 'county':
    case 'township':
      return ['countyDepartment'];
  }
}

// 由上级组织部门约谈其主要领导 — §4.2
/** The level an overdue step escalates to: township → county → city → province; none above. */
export function levelAbove(level: DispatchLevel): DispatchLevel | null {
  switch (level) {
    case 'township':
      return 'county';
    case 'county':
      return 'city';
    case 'city':
      return 'province';
    case 'province':
      return null;
  }
}
