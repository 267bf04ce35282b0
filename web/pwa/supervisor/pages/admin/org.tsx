// The org tree in my scope (组织机构): province, prefecture, county, townships and villages, each
// expandable, with the number of cadres in post under it (from GET /api/cadres).
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { defineTexts, useTexts } from '../../../shared/i18n';
import { Loaded, useApi } from '../../../shared/ui';
import { levelTexts, type OrgNode } from '../../components/admin/org-units';
import '../../components/admin/admin.css';

const texts = defineTexts(
  {
    title: '组织机构',
    intro: '您管理范围内的组织。数字为目前在岗的驻村干部人数。',
    expandAll: '全部展开',
    collapseAll: '全部收起',
    cadres: '驻村干部 {n} 人',
    noCadres: '无驻村干部',
    code: '代码 {code}',
    geofence: '电子围栏半径 {r} 米',
    noGeofence: '未设电子围栏',
    counting: '（正在统计人数）',
  },
  {
    title: 'Org units',
    intro: 'The units in your area. The numbers are the cadres in post now.',
    expandAll: 'Expand all',
    collapseAll: 'Collapse all',
    cadres: '{n} cadres',
    noCadres: 'no cadres',
    code: 'code {code}',
    geofence: 'geofence radius {r} m',
    noGeofence: 'no geofence',
    counting: '(counting cadres)',
  },
);

interface CadreRow {
  assignment: { village: { id: number; path: string } };
}

/** Cadres in post per unit: each cadre counts for their village and every unit above it. */
function countByUnit(cadres: CadreRow[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const c of cadres) {
    for (const id of c.assignment.village.path.split('/').filter(Boolean).map(Number)) {
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return counts;
}

export function OrgPage() {
  const t = useTexts(texts);
  const tree = useApi<OrgNode>('/org-units');
  const cadres = useApi<{ cadres: CadreRow[] }>('/cadres?inPost=true&limit=1000');
  // At first open down to the townships; the buttons remount the tree all open or all closed.
  const [all, setAll] = useState<{ open?: boolean; key: number }>({ key: 0 });
  const counts = cadres.data ? countByUnit(cadres.data.cadres) : undefined;
  return (
    <section>
      <h1>{t('title')}</h1>
      <p class="muted">
        {t('intro')} {!counts && !cadres.error && t('counting')}
      </p>
      <div class="button-row">
        <button
          type="button"
          class="button small"
          onClick={() => setAll((a) => ({ open: true, key: a.key + 1 }))}
        >
          {t('expandAll')}
        </button>
        <button
          type="button"
          class="button small"
          onClick={() => setAll((a) => ({ open: false, key: a.key + 1 }))}
        >
          {t('collapseAll')}
        </button>
      </div>
      <Loaded resource={tree}>
        {(root) => (
          <ul class="org-tree card" key={all.key}>
            <Node node={root} counts={counts} open={all.open} />
          </ul>
        )}
      </Loaded>
    </section>
  );
}

function Node(props: {
  node: OrgNode;
  counts: Map<number, number> | undefined;
  open: boolean | undefined;
}) {
  const t = useTexts(texts);
  const levels = useTexts(levelTexts);
  const { node, counts } = props;
  const n = counts?.get(node.id) ?? 0;
  const label: ComponentChildren = (
    <>
      <strong>{node.name}</strong>
      <span class="badge">{levels(node.level)}</span>
      {counts && <span class="org-count">{n ? t('cadres', { n }) : t('noCadres')}</span>}
      {node.level === 'village' && (
        <span class="org-count">
          {node.geofence ? t('geofence', { r: node.geofence.radiusMetres }) : t('noGeofence')}
        </span>
      )}
    </>
  );
  if (node.children.length === 0) {
    return (
      <li>
        <div class="org-leaf">{label}</div>
      </li>
    );
  }
  return (
    <li>
      <details open={props.open ?? node.level !== 'township'}>
        <summary>{label}</summary>
        <ul>
          {node.children.map((child) => (
            <Node key={child.id} node={child} counts={counts} open={props.open} />
          ))}
        </ul>
      </details>
    </li>
  );
}
