// The numbers of the regulation in force (参数) for an org unit: each with its clause, unit, default,
// bounds and where its value comes from (core's default or a county's, city's or province's
// override); the county and admins set an override within core's bounds, or remove it.
import { useState } from 'preact/hooks';
import { api, type ApiFailure } from '../../../shared/api';
import { formatInstant } from '../../../shared/format';
import { defineTexts, useTexts } from '../../../shared/i18n';
import { Field, InputField, Loaded, useAction, useApi } from '../../../shared/ui';
import { Confirm, fieldError, FormError } from '../../components/admin/forms';
import { type OrgNode, OrgUnitSelect } from '../../components/admin/org-units';
import { useRole, useSession } from '../../session';
import '../../components/admin/admin.css';

const texts = defineTexts(
  {
    title: '参数',
    intro:
      '条例中的数字及本系统的约定，每项注明条款、单位和默认值。县（或市、省）可在允许范围内调整；下级的设置优先于上级。',
    unit: '查看哪一级的参数',
    forUnit: '{name}现行参数',
    value: '现行值',
    clause: '条款',
    defaultValue: '默认值',
    bounds: '允许范围',
    sourceLabel: '来源：',
    sourceDefault: '系统默认值',
    sourceOverride: '{unit}设定（{when}）',
    notApplied: '{unit}设定的 {value} 因超出允许范围未生效',
    edit: '调整',
    editLabel: '调整“{name}”',
    newValue: '{name}（{unit}）',
    save: '保存',
    saving: '正在保存…',
    cancel: '取消',
    remove: '删除本级设定…',
    removeQuestion: '删除{unit}对“{name}”的设定后，将恢复上级设定或系统默认值 {default}。',
    confirmRemove: '确认删除',
    saved: '已保存。',
    removed: '已删除本级设定。',
    readOnly: '只有县委组织部和系统管理员可以调整参数。',
    levelNote: '参数只能按县、市（州）或省设置。',
    metres: '米',
    days: '天',
    workdays: '个工作日',
    count: '次/份',
    ratio: '比例',
    yuan: '元',
  },
  {
    title: 'Parameters',
    intro:
      'The regulation’s numbers and our own decisions, each with its clause, unit and default. A county (or prefecture, province) may change them within bounds; the lower level’s setting wins.',
    unit: 'Show the parameters of',
    forUnit: 'In force for {name}',
    value: 'In force',
    clause: 'Clause',
    defaultValue: 'Default',
    bounds: 'Bounds',
    sourceLabel: 'Source: ',
    sourceDefault: 'The system’s default',
    sourceOverride: 'Set by {unit} ({when})',
    notApplied: '{value} set by {unit} is out of bounds and not applied',
    edit: 'Change',
    editLabel: 'Change “{name}”',
    newValue: '{name} ({unit})',
    save: 'Save',
    saving: 'Saving…',
    cancel: 'Cancel',
    remove: 'Remove this level’s setting…',
    removeQuestion:
      'Removing {unit}’s setting of “{name}” restores the level above or the default {default}.',
    confirmRemove: 'Yes, remove it',
    saved: 'Saved.',
    removed: 'This level’s setting is removed.',
    readOnly: 'Only the county organization department and admins change parameters.',
    levelNote: 'Parameters are set per county, prefecture or province.',
    metres: 'metres',
    days: 'days',
    workdays: 'working days',
    count: 'count',
    ratio: 'ratio',
    yuan: 'yuan',
  },
);

type Unit = 'metres' | 'days' | 'workdays' | 'count' | 'ratio' | 'yuan';

interface Source {
  orgUnitId: number;
  orgUnitName: string;
  level: string;
  value: number;
  setAt: string;
  applied: boolean;
}

interface Parameter {
  name: string;
  label: string;
  clause: string;
  unit: Unit;
  default: number;
  min: number;
  max: number;
  integer: boolean;
  value: number;
  source: Source | null;
  overrides: Source[];
}

interface Answer {
  orgUnit: { id: number; name: string; level: string };
  parameters: Parameter[];
}

const overridable = ['province', 'city', 'county'] as const;

export function ParametersPage() {
  const t = useTexts(texts);
  const { user } = useSession();
  const manager = useRole('county', 'admin');
  const tree = useApi<OrgNode>(manager ? '/org-units' : undefined);
  const [unitId, setUnitId] = useState<number | undefined>();
  const params = useApi<Answer>(`/parameters${unitId ? `?orgUnitId=${unitId}` : ''}`);
  const choices = tree.data
    ? (function count(n: OrgNode): number {
        return (
          ((overridable as readonly string[]).includes(n.level) ? 1 : 0) +
          n.children.reduce((s, c) => s + count(c), 0)
        );
      })(tree.data)
    : 0;
  return (
    <section>
      <h1>{t('title')}</h1>
      <p class="muted">{t('intro')}</p>
      {!manager && <p class="notice info">{t('readOnly')}</p>}
      {tree.data && choices > 1 && (
        <Field id="parameters-unit" label={t('unit')}>
          {(attrs) => (
            <OrgUnitSelect
              tree={tree.data!}
              value={unitId ?? params.data?.orgUnit.id ?? user.orgUnitId}
              onChange={setUnitId}
              levels={[...overridable]}
              attrs={attrs}
            />
          )}
        </Field>
      )}
      <Loaded resource={params}>
        {(answer) => (
          <>
            <h2>{t('forUnit', { name: answer.orgUnit.name })}</h2>
            {manager && !(overridable as readonly string[]).includes(answer.orgUnit.level) && (
              <p class="notice info">{t('levelNote')}</p>
            )}
            <ul class="list">
              {answer.parameters.map((p) => (
                <ParameterRow
                  key={`${answer.orgUnit.id}-${p.name}`}
                  parameter={p}
                  unit={answer.orgUnit}
                  editable={
                    manager && (overridable as readonly string[]).includes(answer.orgUnit.level)
                  }
                  onChanged={params.reload}
                />
              ))}
            </ul>
          </>
        )}
      </Loaded>
    </section>
  );
}

function ParameterRow(props: {
  parameter: Parameter;
  unit: Answer['orgUnit'];
  editable: boolean;
  onChanged(): void;
}) {
  const t = useTexts(texts);
  const p = props.parameter;
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(String(p.value));
  const [done, setDone] = useState<'saved' | 'removed' | undefined>();
  const path = `/parameters/${props.unit.id}/${p.name}`;
  const save = useAction(() =>
    api.put<Parameter>(path, { value: value.trim() === '' ? null : Number(value) }),
  );
  const remove = useAction(async () => {
    await api.del(path);
    return true;
  });
  const hereOverride = p.overrides.find((o) => o.orgUnitId === props.unit.id);
  const unitWord = t(p.unit);
  const id = `param-${p.name}`;
  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(undefined);
    if (await save.act()) {
      setEditing(false);
      setDone('saved');
      props.onChanged();
    }
  };
  const sourceText = (s: Source) =>
    t('sourceOverride', {
      unit: s.orgUnitName,
      when: formatInstant(s.setAt, t.lang),
    });
  return (
    <li>
      <div class="adm-row-head">
        <h3 class="adm-item-title">{p.label}</h3>
        <span>
          <span class="param-value">{p.value}</span> {unitWord}
        </span>
      </div>
      <p class="adm-row-meta">
        <span>{p.clause}</span>
        <span>
          {t('defaultValue')} {p.default}
        </span>
        <span>
          {t('bounds')} {p.min}–{p.max}
        </span>
      </p>
      <p class="param-source">
        {t('sourceLabel')}
        <span data-testid={`source-${p.name}`} class={p.source ? 'param-override' : undefined}>
          {p.source ? sourceText(p.source) : t('sourceDefault')}
        </span>
      </p>
      {p.overrides
        .filter((o) => !o.applied)
        .map((o) => (
          <p key={o.orgUnitId} class="notice warn">
            {t('notApplied', { unit: o.orgUnitName, value: o.value })}
          </p>
        ))}
      {done && (
        <p class="notice ok" role="status">
          {t(done)}
        </p>
      )}
      {props.editable &&
        (editing ? (
          <form class="param-form" onSubmit={submit} noValidate>
            <FormError error={save.error} fields={['value']} />
            <div class="adm-inline">
              <InputField
                id={id}
                label={t('newValue', { name: p.label, unit: unitWord })}
                hint={`${t('bounds')} ${p.min}–${p.max}`}
                error={fieldError(save.error, 'value')}
                type="number"
                step={p.integer ? '1' : 'any'}
                inputMode={p.integer ? 'numeric' : 'decimal'}
                value={value}
                onValue={setValue}
              />
            </div>
            <div class="button-row">
              <button type="submit" class="button primary" disabled={save.pending}>
                {save.pending ? t('saving') : t('save')}
              </button>
              <button type="button" class="button" onClick={() => setEditing(false)}>
                {t('cancel')}
              </button>
            </div>
          </form>
        ) : (
          <div class="button-row param-actions">
            <button
              type="button"
              class="button small"
              aria-label={t('editLabel', { name: p.label })}
              onClick={() => {
                setDone(undefined);
                setValue(String(p.value));
                setEditing(true);
              }}
            >
              {t('edit')}
            </button>
            {hereOverride && (
              <RemoveOverride
                label={p.label}
                unit={props.unit.name}
                fallback={p.default}
                pending={remove.pending}
                error={remove.error}
                onRemove={async () => {
                  setDone(undefined);
                  if (await remove.act()) {
                    setDone('removed');
                    props.onChanged();
                  }
                }}
              />
            )}
          </div>
        ))}
    </li>
  );
}

function RemoveOverride(props: {
  label: string;
  unit: string;
  fallback: number;
  pending: boolean;
  error: ApiFailure | undefined;
  onRemove(): Promise<void>;
}) {
  const t = useTexts(texts);
  return (
    <>
      <Confirm
        label={t('remove')}
        confirmLabel={t('confirmRemove')}
        danger
        pending={props.pending}
        onConfirm={props.onRemove}
      >
        <p>
          {t('removeQuestion', { unit: props.unit, name: props.label, default: props.fallback })}
        </p>
      </Confirm>
      <FormError error={props.error} fields={[]} />
    </>
  );
}
