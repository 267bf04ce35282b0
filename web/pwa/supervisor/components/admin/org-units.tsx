// The org tree as GET /api/org-units returns it, the level names, and a picker of one unit in it
// (indented by depth, optionally only some levels) for the forms of the admin pages.
import { defineTexts, useTexts } from '../../../shared/i18n';

export type Level = 'province' | 'city' | 'county' | 'township' | 'village';

export interface Geofence {
  latitude: number;
  longitude: number;
  radiusMetres: number;
}

export interface OrgUnit {
  id: number;
  parentId: number | null;
  level: Level;
  name: string;
  code: string | null;
  path: string;
  geofence: Geofence | null;
}

export interface OrgNode extends OrgUnit {
  children: OrgNode[];
}

export const levelTexts = defineTexts(
  { province: '省', city: '市（州）', county: '县', township: '乡镇', village: '村' },
  {
    province: 'province',
    city: 'prefecture',
    county: 'county',
    township: 'township',
    village: 'village',
  },
);

/** Every unit of the tree, parents before children, with its depth. */
export function flatten(root: OrgNode, depth = 0): { node: OrgNode; depth: number }[] {
  return [{ node: root, depth }, ...root.children.flatMap((child) => flatten(child, depth + 1))];
}

/** A <select> of the tree's units (of `levels` only, when given), indented by depth. */
export function OrgUnitSelect(props: {
  tree: OrgNode;
  value: number | undefined;
  onChange(id: number | undefined): void;
  levels?: Level[];
  /** The first, empty choice ('请选择'); omitted when the value is always set. */
  placeholder?: string;
  attrs: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string };
}) {
  const levels = useTexts(levelTexts);
  const units = flatten(props.tree).filter(
    ({ node }) => !props.levels || props.levels.includes(node.level),
  );
  const top = Math.min(...units.map((u) => u.depth));
  return (
    <select
      {...props.attrs}
      value={props.value === undefined ? '' : String(props.value)}
      onChange={(e) => {
        const v = e.currentTarget.value;
        props.onChange(v ? Number(v) : undefined);
      }}
    >
      {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
      {units.map(({ node, depth }) => (
        <option key={node.id} value={String(node.id)}>
          {'\u3000'.repeat(depth - top)}
          {levels.lang === 'en'
            ? `${node.name} (${levels(node.level)})`
            : `${node.name}（${levels(node.level)}）`}
        </option>
      ))}
    </select>
  );
}
