// The working-day calendar (节假日日历) every "within N working days" counts on: a year's holidays,
// make-up working days and local days as core sees them for an org unit; the import of a State
// Council schedule (province-level admins); local holidays and working days (county, admins).
import { useState } from 'preact/hooks';
import { addDays, eachDay, parseLocalDate } from '../../../../../core/calendar/local-date';
import { api } from '../../../shared/api';
import { formatDay, todayInChina } from '../../../shared/format';
import { defineTexts, type Lang, useTexts } from '../../../shared/i18n';
import { Field, InputField, Loaded, TextAreaField, useAction, useApi } from '../../../shared/ui';
import { Confirm, fieldError, FormError } from '../../components/admin/forms';
import { flatten, type OrgNode, OrgUnitSelect } from '../../components/admin/org-units';
import { useRole, useSession } from '../../session';
import '../../components/admin/admin.css';

const texts = defineTexts(
  {
    title: '节假日日历',
    intro:
      '“N 个工作日内”的期限都按这里的工作日计算：国务院公布的节假日和调休安排，加上本地的节日（如苗年）。',
    unit: '查看哪个组织的日历',
    previous: '上一年',
    next: '下一年',
    year: '{year}年',
    published: '依据：{title}（{notice}，{date}发布）{imported}',
    importedMark: '，已导入',
    provisional:
      '{year}年的国务院节假日安排尚未导入：工作日暂按法定节假日和周末推算，相关期限标为“暂定”。',
    holidays: '放假',
    noHolidays: '没有放假安排。',
    days: '{n} 天',
    makeUp: '调休上班日',
    noMakeUp: '没有调休上班日。',
    local: '本地安排',
    noLocal: '没有本地安排。',
    localHoliday: '地方放假',
    localWorkday: '地方上班',
    setBy: '由{unit}设定',
    remove: '删除…',
    removeLabel: '删除 {date} 的本地安排',
    removeQuestion: '删除{unit} {date} 的“{name}”？删除后这一天按国家安排计算。',
    confirmRemove: '确认删除',
    addLocal: '添加本地节日或上班日',
    localIntro: '本地安排适用于所选组织及其下属单位，优先于国家安排。',
    orgUnit: '适用组织',
    date: '日期',
    kind: '类型',
    name: '名称',
    namePlaceholder: '如：苗年、姊妹节、苗年调休',
    add: '添加',
    adding: '正在添加…',
    added: '已添加。',
    importTitle: '导入国务院节假日安排',
    importIntro:
      '按国务院办公厅的通知填写，或粘贴 JSON。导入后该年不再是“暂定”；再次导入同一年会替换原有安排。',
    modeForm: '填写表单',
    modeJson: '粘贴 JSON',
    mode: '输入方式',
    scheduleYear: '年份',
    notice: '通知文号',
    noticePlaceholder: '如：国办发明电〔2026〕7号',
    noticePublished: '发布日期',
    noticeTitle: '通知标题',
    holidayRow: '第 {n} 个节日',
    holidayName: '节日名称',
    from: '放假第一天',
    to: '放假最后一天',
    addHoliday: '再加一个节日',
    removeRow: '删除此行',
    workdayRow: '调休上班日 {n}',
    addWorkday: '再加一个调休上班日',
    json: '节假日安排（JSON）',
    jsonHint:
      '格式：year、source { notice, published, title }、holidays [{ name, days }]、workdays',
    example: '填入格式示例',
    badJson: '不是有效的 JSON：{message}',
    import: '导入',
    importing: '正在导入…',
    importedNew: '已导入 {year} 年的节假日安排。',
    importedReplaced: '已导入 {year} 年的节假日安排，替换了原有安排。',
  },
  {
    title: 'Working-day calendar',
    intro:
      'Every "within N working days" counts on these days: the State Council’s holidays and make-up working days, and local days such as the Miao New Year.',
    unit: 'Calendar of',
    previous: 'Previous year',
    next: 'Next year',
    year: '{year}',
    published: 'Source: {title} ({notice}, published {date}){imported}',
    importedMark: ', imported',
    provisional:
      'The State Council’s schedule for {year} is not imported: working days follow the statutory holidays and weekends for now, and deadlines are marked provisional.',
    holidays: 'Holidays',
    noHolidays: 'No holidays.',
    days: '{n} days',
    makeUp: 'Make-up working days',
    noMakeUp: 'No make-up working days.',
    local: 'Local days',
    noLocal: 'No local days.',
    localHoliday: 'Local holiday',
    localWorkday: 'Local working day',
    setBy: 'set by {unit}',
    remove: 'Remove…',
    removeLabel: 'Remove the local day of {date}',
    removeQuestion:
      'Remove “{name}” of {unit} on {date}? The day then follows the national schedule.',
    confirmRemove: 'Yes, remove it',
    addLocal: 'Add a local holiday or working day',
    localIntro:
      'A local day holds for the unit and every unit under it, over the national schedule.',
    orgUnit: 'For',
    date: 'Date',
    kind: 'Kind',
    name: 'Name',
    namePlaceholder: 'e.g. Miao New Year',
    add: 'Add',
    adding: 'Adding…',
    added: 'Added.',
    importTitle: 'Import a State Council holiday schedule',
    importIntro:
      'Fill it in from the State Council’s notice, or paste JSON. Once imported the year is no longer provisional; importing the same year again replaces it.',
    modeForm: 'Fill in a form',
    modeJson: 'Paste JSON',
    mode: 'Input',
    scheduleYear: 'Year',
    notice: 'Notice number',
    noticePlaceholder: 'e.g. 国办发明电〔2026〕7号',
    noticePublished: 'Published on',
    noticeTitle: 'Notice title',
    holidayRow: 'Holiday {n}',
    holidayName: 'Name',
    from: 'First day off',
    to: 'Last day off',
    addHoliday: 'Add a holiday',
    removeRow: 'Remove this row',
    workdayRow: 'Make-up working day {n}',
    addWorkday: 'Add a make-up working day',
    json: 'Schedule (JSON)',
    jsonHint:
      'Fields: year, source { notice, published, title }, holidays [{ name, days }], workdays',
    example: 'Insert an example',
    badJson: 'Not valid JSON: {message}',
    import: 'Import',
    importing: 'Importing…',
    importedNew: 'The schedule for {year} is imported.',
    importedReplaced: 'The schedule for {year} is imported, replacing the earlier one.',
  },
);

interface DayInfo {
  date: string;
  workday: boolean;
  provisional: boolean;
  weekend: boolean;
  holiday: string | null;
  makeUpWorkday: boolean;
  local: 'holiday' | 'workday' | null;
  localName: string | null;
  localOrgUnitId: number | null;
}

interface CalendarYear {
  year: number;
  orgUnit: { id: number; name: string; level: string };
  published: boolean;
  basis: 'schedule' | 'statutory' | 'weekends';
  schedule: {
    source: { notice: string; published: string; title?: string };
    imported: boolean;
  } | null;
  days: DayInfo[];
}

/** A day within a year, without the year: 2月15日 周日 / Sun, Feb 15. */
function shortDay(date: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, {
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}

/** Consecutive days of the same holiday as one period. */
function holidayPeriods(days: DayInfo[]): { name: string; from: string; to: string; n: number }[] {
  const periods: { name: string; from: string; to: string; n: number }[] = [];
  for (const day of days) {
    if (!day.holiday) continue;
    const last = periods.at(-1);
    if (last && last.name === day.holiday && addDays(last.to, 1) === day.date) {
      last.to = day.date;
      last.n += 1;
    } else {
      periods.push({ name: day.holiday, from: day.date, to: day.date, n: 1 });
    }
  }
  return periods;
}

export function CalendarPage() {
  const t = useTexts(texts);
  const { user } = useSession();
  const manager = useRole('county', 'admin');
  const importer = user.role === 'admin' && user.scopeLevel === 'province';
  const [year, setYear] = useState(Number(todayInChina().slice(0, 4)));
  const [unitId, setUnitId] = useState<number | undefined>();
  const tree = useApi<OrgNode>('/org-units');
  const calendar = useApi<CalendarYear>(`/calendar/${year}${unitId ? `?orgUnitId=${unitId}` : ''}`);
  const unitName = (id: number | null) =>
    tree.data && id !== null ? flatten(tree.data).find((u) => u.node.id === id)?.node.name : '';
  return (
    <section>
      <h1>{t('title')}</h1>
      <p class="muted">{t('intro')}</p>
      {tree.data && tree.data.children.length > 0 && (
        <Field id="calendar-unit" label={t('unit')}>
          {(attrs) => (
            <OrgUnitSelect
              tree={tree.data!}
              value={unitId ?? user.orgUnitId}
              onChange={setUnitId}
              attrs={attrs}
            />
          )}
        </Field>
      )}
      <div class="section-head">
        <h2>{t('year', { year })}</h2>
        <div class="button-row">
          <button type="button" class="button small" onClick={() => setYear(year - 1)}>
            ‹ <span class="visually-hidden">{t('previous')}</span> {year - 1}
          </button>
          <button type="button" class="button small" onClick={() => setYear(year + 1)}>
            <span class="visually-hidden">{t('next')}</span> {year + 1} ›
          </button>
        </div>
      </div>
      <Loaded resource={calendar}>
        {(cal) => (
          <YearView cal={cal} unitName={unitName} manager={manager} onChanged={calendar.reload} />
        )}
      </Loaded>
      {manager && tree.data && (
        <LocalDayForm
          tree={tree.data}
          defaultUnit={unitId ?? user.orgUnitId}
          year={year}
          onAdded={calendar.reload}
        />
      )}
      {importer && <ImportSchedule onImported={calendar.reload} />}
    </section>
  );
}

function YearView(props: {
  cal: CalendarYear;
  unitName(id: number | null): string | undefined;
  manager: boolean;
  onChanged(): void;
}) {
  const t = useTexts(texts);
  const { cal } = props;
  const periods = holidayPeriods(cal.days);
  const makeUp = cal.days.filter((d) => d.makeUpWorkday);
  const local = cal.days.filter((d) => d.local);
  return (
    <>
      {cal.published && cal.schedule ? (
        <p class="notice info">
          {t('published', {
            title: cal.schedule.source.title ?? '',
            notice: cal.schedule.source.notice,
            date: formatDay(cal.schedule.source.published, t.lang),
            imported: cal.schedule.imported ? t('importedMark') : '',
          })}
        </p>
      ) : (
        <p class="notice warn">{t('provisional', { year: cal.year })}</p>
      )}
      <h3>{t('holidays')}</h3>
      {periods.length === 0 ? (
        <p class="muted">{t('noHolidays')}</p>
      ) : (
        <ul class="adm-days">
          {periods.map((p) => (
            <li key={p.from}>
              <span class="adm-day-name">{p.name}</span>
              <span>
                {shortDay(p.from, t.lang)}
                {p.n > 1 && ` – ${shortDay(p.to, t.lang)}`} · {t('days', { n: p.n })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('makeUp')}</h3>
      {makeUp.length === 0 ? (
        <p class="muted">{t('noMakeUp')}</p>
      ) : (
        <ul class="adm-days">
          {makeUp.map((d) => (
            <li key={d.date}>
              <span class="adm-day-name">{shortDay(d.date, t.lang)}</span>
              <span>{t('makeUp')}</span>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('local')}</h3>
      {local.length === 0 ? (
        <p class="muted">{t('noLocal')}</p>
      ) : (
        <ul class="adm-days">
          {local.map((d) => (
            <li key={d.date}>
              <span>
                <span class="adm-day-name">{d.localName}</span> · {shortDay(d.date, t.lang)}
              </span>
              <span>
                {d.local === 'holiday' ? t('localHoliday') : t('localWorkday')}
                {d.localOrgUnitId !== null &&
                  ` · ${t('setBy', { unit: props.unitName(d.localOrgUnitId) ?? '' })}`}
              </span>
              {props.manager && d.localOrgUnitId !== null && (
                <RemoveLocalDay
                  day={d}
                  unit={props.unitName(d.localOrgUnitId) ?? ''}
                  onRemoved={props.onChanged}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function RemoveLocalDay(props: { day: DayInfo; unit: string; onRemoved(): void }) {
  const t = useTexts(texts);
  const remove = useAction(async () => {
    await api.del(`/calendar/local-days/${props.day.localOrgUnitId}/${props.day.date}`);
    return true;
  });
  return (
    <div>
      <Confirm
        label={t('remove')}
        confirmLabel={t('confirmRemove')}
        danger
        pending={remove.pending}
        onConfirm={async () => {
          if (await remove.act()) props.onRemoved();
        }}
      >
        <p>
          {t('removeQuestion', {
            unit: props.unit,
            date: formatDay(props.day.date, t.lang),
            name: props.day.localName ?? '',
          })}
        </p>
      </Confirm>
      <FormError error={remove.error} fields={[]} />
    </div>
  );
}

function LocalDayForm(props: {
  tree: OrgNode;
  defaultUnit: number;
  year: number;
  onAdded(): void;
}) {
  const t = useTexts(texts);
  const [orgUnitId, setOrgUnitId] = useState<number | undefined>(props.defaultUnit);
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<'holiday' | 'workday'>('holiday');
  const [name, setName] = useState('');
  const [added, setAdded] = useState(false);
  const add = useAction(() => api.post('/calendar/local-days', { orgUnitId, date, kind, name }));
  const submit = async (event: Event) => {
    event.preventDefault();
    setAdded(false);
    if (await add.act()) {
      setAdded(true);
      setDate('');
      setName('');
      props.onAdded();
    }
  };
  const fields = ['orgUnitId', 'date', 'kind', 'name'];
  return (
    <div class="card">
      <h2>{t('addLocal')}</h2>
      <p class="muted">{t('localIntro')}</p>
      <form onSubmit={submit} noValidate>
        <FormError error={add.error} fields={fields} />
        <Field id="local-unit" label={t('orgUnit')} error={fieldError(add.error, 'orgUnitId')}>
          {(attrs) => (
            <OrgUnitSelect
              tree={props.tree}
              value={orgUnitId}
              onChange={setOrgUnitId}
              attrs={attrs}
            />
          )}
        </Field>
        <div class="adm-cols">
          <InputField
            id="local-date"
            label={t('date')}
            error={fieldError(add.error, 'date')}
            type="date"
            value={date}
            onValue={setDate}
          />
          <Field id="local-kind" label={t('kind')} error={fieldError(add.error, 'kind')}>
            {(attrs) => (
              <select
                {...attrs}
                value={kind}
                onChange={(e) => setKind(e.currentTarget.value as 'holiday' | 'workday')}
              >
                <option value="holiday">{t('localHoliday')}</option>
                <option value="workday">{t('localWorkday')}</option>
              </select>
            )}
          </Field>
        </div>
        <InputField
          id="local-name"
          label={t('name')}
          error={fieldError(add.error, 'name')}
          value={name}
          maxLength={50}
          placeholder={t('namePlaceholder')}
          onValue={setName}
        />
        <button type="submit" class="button primary" disabled={add.pending}>
          {add.pending ? t('adding') : t('add')}
        </button>
        {added && (
          <p class="notice ok" role="status">
            {t('added')}
          </p>
        )}
      </form>
    </div>
  );
}

interface HolidayRow {
  key: number;
  name: string;
  from: string;
  to: string;
}

const example = (year: number) => ({
  year,
  source: {
    notice: `国办发明电〔${year - 1}〕N号`,
    published: `${year - 1}-11-10`,
    title: `国务院办公厅关于${year}年部分节假日安排的通知`,
  },
  holidays: [{ name: '元旦', days: [`${year}-01-01`, `${year}-01-02`, `${year}-01-03`] }],
  workdays: [`${year}-01-04`],
});

/** The holiday's days: every day from `from` to `to`, or what was typed when that is no range. */
function daysOf(row: HolidayRow): string[] {
  const from = parseLocalDate(row.from);
  const to = parseLocalDate(row.to || row.from);
  if (from.ok && to.ok && from.date <= to.date) return [...eachDay(from.date, to.date)];
  return [row.from, row.to].filter(Boolean);
}

function ImportSchedule(props: { onImported(): void }) {
  const t = useTexts(texts);
  const nextYear = Number(todayInChina().slice(0, 4)) + 1;
  const [mode, setMode] = useState<'form' | 'json'>('form');
  const [year, setYear] = useState(String(nextYear));
  const [notice, setNotice] = useState('');
  const [published, setPublished] = useState('');
  const [title, setTitle] = useState('');
  const [rows, setRows] = useState<HolidayRow[]>([{ key: 0, name: '', from: '', to: '' }]);
  const [workdays, setWorkdays] = useState<{ key: number; date: string }[]>([]);
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const send = useAction((body: unknown) =>
    api.post<{ year: number; replaced: boolean }>('/calendar/schedules', body),
  );
  const fromForm = () => ({
    year: year.trim() === '' ? undefined : Number(year),
    source: { notice, published, ...(title.trim() ? { title } : {}) },
    holidays: rows.map((r) => ({ name: r.name, days: daysOf(r) })),
    workdays: workdays.map((w) => w.date),
  });
  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(undefined);
    setJsonError(undefined);
    let body: unknown;
    if (mode === 'json') {
      try {
        body = JSON.parse(json);
      } catch (e) {
        setJsonError(t('badJson', { message: e instanceof Error ? e.message : String(e) }));
        return;
      }
    } else {
      body = fromForm();
    }
    const imported = await send.act(body);
    if (imported) {
      setDone(t(imported.replaced ? 'importedReplaced' : 'importedNew', { year: imported.year }));
      props.onImported();
    }
  };
  const err = send.error;
  const exact = (field: string) => (err?.field === field ? err.message : undefined);
  const nextKey = () => Date.now() + Math.random();
  // Fields of the form mode (the JSON path of the refusal names them); anything else goes above.
  const formFields = ['$.year', '$.source', '$.holidays', '$.workdays'];
  return (
    <div class="card">
      <h2>{t('importTitle')}</h2>
      <p class="muted">{t('importIntro')}</p>
      <fieldset class="button-row mode-switch">
        <legend class="visually-hidden">{t('mode')}</legend>
        {(['form', 'json'] as const).map((m) => (
          <label key={m} class="button small">
            <input
              type="radio"
              name="schedule-mode"
              checked={mode === m}
              onChange={() => setMode(m)}
            />{' '}
            {m === 'form' ? t('modeForm') : t('modeJson')}
          </label>
        ))}
      </fieldset>
      <form onSubmit={submit} noValidate>
        {mode === 'json' ? (
          <>
            <TextAreaField
              id="schedule-json"
              label={t('json')}
              hint={t('jsonHint')}
              error={jsonError ?? err?.message}
              class="json-input"
              spellcheck={false}
              value={json}
              onValue={setJson}
            />
            <div class="button-row">
              <button
                type="button"
                class="button small"
                onClick={() => setJson(JSON.stringify(example(nextYear), null, 2))}
              >
                {t('example')}
              </button>
            </div>
          </>
        ) : (
          <>
            <FormError error={err} fields={formFields} />
            <div class="adm-cols">
              <InputField
                id="schedule-year"
                label={t('scheduleYear')}
                error={fieldError(err, '$.year')}
                type="number"
                inputMode="numeric"
                value={year}
                onValue={setYear}
              />
              <InputField
                id="schedule-published"
                label={t('noticePublished')}
                error={fieldError(err, '$.source.published')}
                type="date"
                value={published}
                onValue={setPublished}
              />
            </div>
            <InputField
              id="schedule-notice"
              label={t('notice')}
              error={fieldError(err, '$.source.notice') ?? exact('$.source')}
              value={notice}
              placeholder={t('noticePlaceholder')}
              onValue={setNotice}
            />
            <InputField
              id="schedule-title"
              label={t('noticeTitle')}
              error={fieldError(err, '$.source.title')}
              value={title}
              onValue={setTitle}
            />
            <div class="holiday-rows">
              {exact('$.holidays') && <p class="adm-error">{exact('$.holidays')}</p>}
              {rows.map((row, i) => {
                const update = (patch: Partial<HolidayRow>) =>
                  setRows(rows.map((r) => (r.key === row.key ? { ...r, ...patch } : r)));
                const rowError = fieldError(err, `$.holidays[${i}]`);
                return (
                  <fieldset key={row.key}>
                    <legend>{t('holidayRow', { n: i + 1 })}</legend>
                    {rowError && (
                      <p class="adm-error" role="alert">
                        {rowError}
                      </p>
                    )}
                    <InputField
                      id={`holiday-${row.key}-name`}
                      label={t('holidayName')}
                      placeholder="春节"
                      value={row.name}
                      onValue={(name) => update({ name })}
                    />
                    <div class="adm-cols">
                      <InputField
                        id={`holiday-${row.key}-from`}
                        label={t('from')}
                        type="date"
                        value={row.from}
                        onValue={(from) => update({ from })}
                      />
                      <InputField
                        id={`holiday-${row.key}-to`}
                        label={t('to')}
                        type="date"
                        value={row.to}
                        onValue={(to) => update({ to })}
                      />
                    </div>
                    {rows.length > 1 && (
                      <button
                        type="button"
                        class="button small"
                        onClick={() => setRows(rows.filter((r) => r.key !== row.key))}
                      >
                        {t('removeRow')}
                      </button>
                    )}
                  </fieldset>
                );
              })}
              <button
                type="button"
                class="button small"
                onClick={() => setRows([...rows, { key: nextKey(), name: '', from: '', to: '' }])}
              >
                {t('addHoliday')}
              </button>
            </div>
            <div class="holiday-rows">
              {exact('$.workdays') && <p class="adm-error">{exact('$.workdays')}</p>}
              {workdays.map((w, i) => (
                <div class="adm-inline" key={w.key}>
                  <InputField
                    id={`workday-${w.key}`}
                    label={t('workdayRow', { n: i + 1 })}
                    error={fieldError(err, `$.workdays[${i}]`)}
                    type="date"
                    value={w.date}
                    onValue={(date) =>
                      setWorkdays(workdays.map((x) => (x.key === w.key ? { ...x, date } : x)))
                    }
                  />
                  <button
                    type="button"
                    class="button small"
                    onClick={() => setWorkdays(workdays.filter((x) => x.key !== w.key))}
                  >
                    {t('removeRow')}
                  </button>
                </div>
              ))}
              <button
                type="button"
                class="button small"
                onClick={() => setWorkdays([...workdays, { key: nextKey(), date: '' }])}
              >
                {t('addWorkday')}
              </button>
            </div>
          </>
        )}
        <button type="submit" class="button primary" disabled={send.pending}>
          {send.pending ? t('importing') : t('import')}
        </button>
        {done && (
          <p class="notice ok" role="status">
            {done}
          </p>
        )}
      </form>
    </div>
  );
}
