// Attendance for a month (§1.2, §2.4, §2.5): who is short in my township or county, shortest first,
// with days in the village, required days and justified days (approved leave) as core counts them;
// a cadre opens as a calendar of their month. /attendance?unit=<orgUnitId>&month=YYYY-MM[&cadre=<id>]
import { formatDay, formatMonth, todayInChina } from '../../shared/format';
import { defineTexts, useTexts } from '../../shared/i18n';
import { Link, navigate, useLocation } from '../../shared/router';
import { Empty, Loaded, useApi } from '../../shared/ui';
import { CadreMonth } from '../components/people/cadre-month';
import { flattenTree, isMonth, type OrgNode, type UnitMonth } from '../components/people/data';
import { MonthPicker } from '../components/people/month-picker';
import { MonthBadges, standingOf } from '../components/people/month-status';
import { peopleWords } from '../components/people/words';
import { useSession } from '../session';
import '../components/people/people.css';

const texts = defineTexts(
  {
    title: '驻村考勤',
    unit: '范围',
    summaryOpen:
      '{unit}，{month}：{cadres} 名干部。本月尚未结束，截至 {date} 有 {short} 名还没有达到应驻天数。',
    summaryEnded:
      '{unit}，{month}：{cadres} 名干部，{short} 名未达到应驻天数（§2.4）。本月已结束，这是最终结果。',
    all: '全部',
    onlyShort: '只看天数不足的',
    filter: '显示',
    inVillage: '在村 {n} 天',
    required: '应驻 {n} 天',
    justified: '请假 {n} 天',
    diary: '日记 {n} 篇',
    none: '这个范围在本月没有驻村干部。',
    noneShort: '本月没有天数不足的干部。',
  },
  {
    title: 'Attendance',
    unit: 'Area',
    summaryOpen:
      '{unit}, {month}: {cadres} cadres. The month is not over; up to {date}, {short} have not yet reached the required days.',
    summaryEnded:
      '{unit}, {month}: {cadres} cadres, {short} short of the required days (§2.4). The month is over; these are the final figures.',
    all: 'All',
    onlyShort: 'Only those short',
    filter: 'Show',
    inVillage: '{n} days in village',
    required: '{n} required',
    justified: '{n} on leave',
    diary: '{n} diary entries',
    none: 'No cadres were stationed in this area this month.',
    noneShort: 'Nobody is short of days this month.',
  },
);

export function AttendancePage() {
  const { user } = useSession();
  const { query } = useLocation();
  const current = todayInChina().slice(0, 7);
  const asked = query.get('month');
  const month = isMonth(asked) && asked <= current ? asked : current;
  const unit = Number(query.get('unit')) || user.orgUnitId;
  const cadre = Number(query.get('cadre')) || undefined;
  const only = query.get('short') === '1';

  const go = (changes: Record<string, string | number | undefined>) => {
    const next = new URLSearchParams(location.search);
    for (const [k, v] of Object.entries({ unit, month, ...changes })) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    navigate(`/attendance?${next.toString()}`);
  };

  if (cadre) {
    const back = new URLSearchParams(location.search);
    back.delete('cadre');
    return (
      <CadreMonth
        key={cadre}
        cadreId={cadre}
        month={month}
        latest={current}
        backHref={`/attendance?${back.toString()}`}
        onMonth={(m) => go({ month: m })}
      />
    );
  }
  return (
    <UnitAttendance unit={unit} month={month} latest={current} onlyShort={only} onChange={go} />
  );
}

function UnitAttendance(props: {
  unit: number;
  month: string;
  latest: string;
  onlyShort: boolean;
  onChange(changes: Record<string, string | number | undefined>): void;
}) {
  const t = useTexts(texts);
  const tree = useApi<OrgNode>('/org-units');
  const list = useApi<UnitMonth>(`/attendance/${props.unit}/${props.month}`);
  return (
    <section>
      <h1>{t('title')}</h1>
      <div class="people-controls">
        <UnitPicker
          tree={tree.data}
          unit={props.unit}
          onChange={(u) => props.onChange({ unit: u })}
        />
        <MonthPicker
          month={props.month}
          latest={props.latest}
          onChange={(m) => props.onChange({ month: m })}
        />
        <fieldset class="people-toggle">
          <legend class="visually-hidden">{t('filter')}</legend>
          <button
            type="button"
            class="button small"
            aria-pressed={!props.onlyShort}
            onClick={() => props.onChange({ short: undefined })}
          >
            {t('all')}
          </button>
          <button
            type="button"
            class="button small"
            aria-pressed={props.onlyShort}
            onClick={() => props.onChange({ short: '1' })}
          >
            {t('onlyShort')}
          </button>
        </fieldset>
      </div>
      <Loaded resource={list}>
        {(data) => <ShortList data={data} onlyShort={props.onlyShort} unit={props.unit} />}
      </Loaded>
    </section>
  );
}

function UnitPicker(props: {
  tree: OrgNode | undefined;
  unit: number;
  onChange(unit: number): void;
}) {
  const t = useTexts(texts);
  // Before the tree arrives, the one unit shown is the current one (its name comes with the list).
  const options = props.tree ? flattenTree(props.tree) : [];
  return (
    <div class="field people-unit">
      <label class="label" for="attendance-unit">
        {t('unit')}
      </label>
      <select
        id="attendance-unit"
        value={String(props.unit)}
        disabled={!props.tree}
        onChange={(e) => props.onChange(Number((e.currentTarget as HTMLSelectElement).value))}
      >
        {options.length === 0 && <option value={String(props.unit)}>…</option>}
        {options.map(({ node, depth }) => (
          <option key={node.id} value={String(node.id)}>
            {'\u3000'.repeat(depth)}
            {node.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function ShortList(props: { data: UnitMonth; onlyShort: boolean; unit: number }) {
  const t = useTexts(texts);
  const words = useTexts(peopleWords);
  const { data } = props;
  const rows = props.onlyShort ? data.cadres.filter((r) => r.shortfall > 0) : data.cadres;
  return (
    <>
      <p>
        {t(data.ended ? 'summaryEnded' : 'summaryOpen', {
          unit: data.orgUnit.name,
          month: formatMonth(data.month, t.lang),
          cadres: data.summary.cadres,
          short: data.ended ? data.summary.nonCompliant : data.summary.short,
          date: formatDay(data.asOf, t.lang),
        })}
      </p>
      {rows.length === 0 ? (
        <Empty>{data.cadres.length === 0 ? t('none') : t('noneShort')}</Empty>
      ) : (
        <ul class="list people-rows" aria-label={t('title')}>
          {rows.map((r) => {
            const href = `/attendance?unit=${props.unit}&month=${data.month}&cadre=${r.cadre.id}`;
            const { standing } = standingOf(
              r,
              data.month,
              data.ended,
              data.asOf,
              r.assignment.endsOn,
            );
            return (
              <li key={r.assignment.id} class={`people-row standing-${standing}`}>
                <div class="people-row-head">
                  <Link href={href} class="people-name">
                    {r.cadre.name}
                  </Link>
                  <span class="muted">{words(r.assignment.role)}</span>
                </div>
                <p class="muted people-where">
                  {r.township && r.township.id !== props.unit ? `${r.township.name} · ` : ''}
                  {r.village.name} · {r.dispatchingUnit.name}
                </p>
                <p class="people-figures-line">
                  <strong>{t('inVillage', { n: r.inVillage })}</strong> ·{' '}
                  {t('required', { n: r.required })} · {t('justified', { n: r.justifiedAbsence })} ·{' '}
                  {t('diary', { n: r.diaryEntries })}
                </p>
                <MonthBadges
                  figures={r}
                  month={data.month}
                  ended={data.ended}
                  asOf={data.asOf}
                  endsOn={r.assignment.endsOn}
                />
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
