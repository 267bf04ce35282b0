// Villages and their geofence (电子围栏, §1.1): the list with each centre and radius, and for the
// county (and admins) a form to move the centre or change the radius, beside a small SVG map drawn
// without any tiles from the internet. The numbers alone are enough: the map only helps.
import { useState } from 'preact/hooks';
import { api } from '../../../shared/api';
import { defineTexts, useTexts } from '../../../shared/i18n';
import { Empty, InputField, Loaded, useAction, useApi } from '../../../shared/ui';
import { fieldError, FormError } from '../../components/admin/forms';
import { GeofenceMap } from '../../components/admin/geofence-map';
import type { OrgNode, OrgUnit } from '../../components/admin/org-units';
import { flatten } from '../../components/admin/org-units';
import { useRole } from '../../session';
import '../../components/admin/admin.css';

const texts = defineTexts(
  {
    title: '村与电子围栏',
    intro:
      '驻村干部在电子围栏内打卡才计入在村天数（§1.1）。围栏是以村中心为圆心的圆；半径由县委组织部设定。',
    none: '您的管理范围内没有村。',
    township: '所属乡镇',
    centre: '中心',
    radius: '半径',
    metres: '{n} 米',
    noGeofence: '未设电子围栏',
    edit: '修改电子围栏',
    editTitle: '修改{name}的电子围栏',
    latitude: '纬度',
    longitude: '经度',
    latHint: '北纬，如 26.4985',
    lngHint: '东经，如 108.177',
    radiusLabel: '半径（米）',
    radiusHint: '50–20000 米',
    save: '保存',
    saving: '正在保存…',
    cancel: '取消',
    saved: '{name}的电子围栏已保存。',
  },
  {
    title: 'Villages and geofences',
    intro:
      'A cadre’s check-in counts as a day in the village only inside its geofence (§1.1): a circle around the village centre, whose radius the county sets.',
    none: 'No villages in your area.',
    township: 'Township',
    centre: 'Centre',
    radius: 'Radius',
    metres: '{n} m',
    noGeofence: 'No geofence',
    edit: 'Edit the geofence',
    editTitle: 'Geofence of {name}',
    latitude: 'Latitude',
    longitude: 'Longitude',
    latHint: 'North, e.g. 26.4985',
    lngHint: 'East, e.g. 108.177',
    radiusLabel: 'Radius (metres)',
    radiusHint: '50 to 20,000 m',
    save: 'Save',
    saving: 'Saving…',
    cancel: 'Cancel',
    saved: 'The geofence of {name} is saved.',
  },
);

export function VillagesPage() {
  const t = useTexts(texts);
  const villages = useApi<OrgUnit[]>('/villages');
  const tree = useApi<OrgNode>('/org-units');
  const manager = useRole('county', 'admin');
  const [editing, setEditing] = useState<number | undefined>();
  const [saved, setSaved] = useState<string | undefined>();
  const townshipName = (parentId: number | null) =>
    tree.data && parentId !== null
      ? flatten(tree.data).find(({ node }) => node.id === parentId)?.node.name
      : undefined;
  return (
    <section>
      <h1>{t('title')}</h1>
      <p class="muted">{t('intro')}</p>
      {saved && (
        <p class="notice ok" role="status">
          {t('saved', { name: saved })}
        </p>
      )}
      <Loaded resource={villages}>
        {(list) =>
          list.length === 0 ? (
            <Empty>{t('none')}</Empty>
          ) : (
            <ul class="list">
              {list.map((v) => (
                <li key={v.id}>
                  <div class="adm-row-head">
                    <h2 class="adm-item-title">{v.name}</h2>
                    <span class="muted">{townshipName(v.parentId)}</span>
                  </div>
                  {v.geofence ? (
                    <p class="adm-row-meta">
                      <span>
                        {t('centre')} {v.geofence.latitude.toFixed(4)},{' '}
                        {v.geofence.longitude.toFixed(4)}
                      </span>
                      <span>
                        {t('radius')} {t('metres', { n: v.geofence.radiusMetres })}
                      </span>
                    </p>
                  ) : (
                    <p class="adm-row-meta">{t('noGeofence')}</p>
                  )}
                  {manager &&
                    (editing === v.id ? (
                      <GeofenceForm
                        village={v}
                        neighbours={list.filter((n) => n.id !== v.id)}
                        onDone={(updated) => {
                          setEditing(undefined);
                          if (updated) {
                            setSaved(v.name);
                            villages.reload();
                          }
                        }}
                      />
                    ) : (
                      <div class="button-row">
                        <button
                          type="button"
                          class="button small"
                          aria-label={`${t('edit')}：${v.name}`}
                          onClick={() => {
                            setSaved(undefined);
                            setEditing(v.id);
                          }}
                        >
                          {t('edit')}
                        </button>
                      </div>
                    ))}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}

function GeofenceForm(props: {
  village: OrgUnit;
  neighbours: OrgUnit[];
  onDone(updated: boolean): void;
}) {
  const t = useTexts(texts);
  const g = props.village.geofence;
  const [latitude, setLatitude] = useState(g ? String(g.latitude) : '');
  const [longitude, setLongitude] = useState(g ? String(g.longitude) : '');
  const [radius, setRadius] = useState(g ? String(g.radiusMetres) : '1000');
  const number = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));
  const save = useAction(() =>
    api.put<OrgUnit>(`/villages/${props.village.id}/geofence`, {
      latitude: number(latitude),
      longitude: number(longitude),
      radiusMetres: number(radius),
    }),
  );
  const submit = async (event: Event) => {
    event.preventDefault();
    if (await save.act()) props.onDone(true);
  };
  const id = `geofence-${props.village.id}`;
  const fields = ['latitude', 'longitude', 'radiusMetres'];
  return (
    <form class="geofence-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('editTitle', { name: props.village.name })}</h3>
      <GeofenceMap
        name={props.village.name}
        latitude={number(latitude)}
        longitude={number(longitude)}
        radiusMetres={number(radius)}
        neighbours={props.neighbours.flatMap((n) =>
          n.geofence ? [{ id: n.id, name: n.name, ...n.geofence }] : [],
        )}
        onPick={(lat, lng) => {
          setLatitude(String(lat));
          setLongitude(String(lng));
        }}
      />
      <FormError error={save.error} fields={fields} />
      <div class="adm-cols">
        {(
          [
            ['lat', 'latitude', 'latHint', latitude, setLatitude],
            ['lng', 'longitude', 'lngHint', longitude, setLongitude],
          ] as const
        ).map(([key, field, hint, value, setValue]) => (
          <InputField
            key={key}
            id={`${id}-${key}`}
            label={t(field)}
            hint={t(hint)}
            error={fieldError(save.error, field)}
            type="number"
            step="any"
            inputMode="decimal"
            value={value}
            onValue={setValue}
          />
        ))}
      </div>
      <InputField
        id={`${id}-radius`}
        label={t('radiusLabel')}
        hint={t('radiusHint')}
        error={fieldError(save.error, 'radiusMetres')}
        type="number"
        step="1"
        inputMode="numeric"
        value={radius}
        onValue={setRadius}
      />
      <div class="button-row">
        <button type="submit" class="button primary" disabled={save.pending}>
          {save.pending ? t('saving') : t('save')}
        </button>
        <button type="button" class="button" onClick={() => props.onDone(false)}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
