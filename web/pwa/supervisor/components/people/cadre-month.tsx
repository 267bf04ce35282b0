// One cadre's month: core's figures (GET /api/cadres/:id/months), the calendar with each day's
// marks gathered from the API (check-ins and verified presence, leave, diary, inspections, the
// working-day calendar of the village), the selected day's details, and — for the township and
// the county — recording presence they verified on a day (§1.1).
import { useState } from 'preact/hooks';
import { eachDay, firstOfMonth, lastOfMonth } from '../../../../../core/calendar/local-date';
import { justifiedSpan, monthEvaluationDay } from '../../../../../core/attendance/monthly-presence';
import { api, type ApiFailure } from '../../../shared/api';
import { formatMonth } from '../../../shared/format';
import { defineTexts, useTexts } from '../../../shared/i18n';
import { Link } from '../../../shared/router';
import { Day, ErrorNotice, InputField, Loaded, useAction, useApi } from '../../../shared/ui';
import { useRole } from '../../session';
import type {
  CadreMonths,
  Diary,
  Inspections,
  LeaveHistory,
  MonthFigures,
  YearCalendar,
} from './data';
import {
  calendarTexts,
  type DayMarks,
  describeDay,
  type Known,
  MonthCalendar,
} from './month-calendar';
import { MonthPicker } from './month-picker';
import { MonthBadges } from './month-status';
import { peopleWords } from './words';

/** GET /api/cadres/:id/presence?month=: the days with an inside check-in or verified presence. */
interface Presence {
  days: { date: string; checkIn: boolean; verified: boolean }[];
}

const texts = defineTexts(
  {
    title: '{name} · {month}',
    back: '‹ 返回考勤列表',
    cadrePage: '查看干部详情',
    inVillage: '在村',
    required: '应驻',
    justified: '请假（正当理由）',
    shortfall: '还差',
    diary: '民情日记',
    days: '{n} 天',
    entries: '{n} 篇',
    figures: '本月情况',
    noMonth: '这个月不在该干部的派驻期内。',
    noPresence: '无法显示每天的打卡和核实记录，天数以上方统计为准。',
    selected: '所选日期',
    pick: '点选日历中的某一天查看当天记录。',
    diaryOfDay: '当天的民情日记',
    photo: '（附照片）',
    voice: '（附语音）',
    verifyTitle: '记录核实在村',
    verifyIntro: '经乡镇（县）核实，该干部当天在村（§1.1）。核实后按在村天数计算。',
    date: '核实日期',
    note: '核实说明（可选）',
    noteHint: '例如：入户走访时见到本人',
    verify: '记录核实在村',
    verifying: '正在记录…',
    verifiedNew: '已记录：{date} 核实在村。',
    verifiedBefore: '{date} 的核实在村之前已经记录过。',
  },
  {
    title: '{name} · {month}',
    back: '‹ Back to attendance',
    cadrePage: 'Open the cadre’s page',
    inVillage: 'In village',
    required: 'Required',
    justified: 'Approved leave',
    shortfall: 'Missing',
    diary: 'Diary',
    days: '{n} days',
    entries: '{n} entries',
    figures: 'This month',
    noMonth: 'This month lies outside the cadre’s assignment.',
    noPresence:
      'The day-by-day check-ins and verifications cannot be shown; the figures above count them.',
    selected: 'Selected day',
    pick: 'Tap a day in the calendar to see its records.',
    diaryOfDay: 'Diary entries of the day',
    photo: '(with a photo)',
    voice: '(with a voice note)',
    verifyTitle: 'Record verified presence',
    verifyIntro:
      'The township (or county) verified that the cadre was in the village that day (§1.1). It counts as a day in the village.',
    date: 'Day verified',
    note: 'Note (optional)',
    noteHint: 'For example: met in person on a home visit',
    verify: 'Record verified presence',
    verifying: 'Recording…',
    verifiedNew: 'Recorded: presence verified on {date}.',
    verifiedBefore: 'Presence on {date} had already been recorded.',
  },
);

/** A resource the role may not read (403) counts as not loaded, without an error. */
const readable = <T,>(r: { data?: T; error?: ApiFailure }) => (r.error ? undefined : r.data);

export function CadreMonth(props: {
  cadreId: number;
  month: string;
  latest: string;
  backHref: string;
  onMonth(month: string): void;
}) {
  const t = useTexts(texts);
  const { cadreId, month } = props;
  const months = useApi<CadreMonths>(`/cadres/${cadreId}/months`);
  return (
    <Loaded resource={months}>
      {(data) => (
        <MonthView
          data={data}
          cadreId={cadreId}
          month={month}
          latest={props.latest}
          backHref={props.backHref}
          onMonth={props.onMonth}
          reloadFigures={months.reload}
          t={t}
        />
      )}
    </Loaded>
  );
}

type T = ReturnType<typeof useTexts<keyof (typeof texts)['zh-CN']>>;

function MonthView(props: {
  data: CadreMonths;
  cadreId: number;
  month: string;
  latest: string;
  backHref: string;
  onMonth(month: string): void;
  reloadFigures(): void;
  t: T;
}) {
  const { data, cadreId, month, t } = props;
  const words = useTexts(peopleWords);
  const ct = useTexts(calendarTexts);
  const [selected, setSelected] = useState<string | undefined>();
  const from = firstOfMonth(month);
  const to = lastOfMonth(month);
  const range = `cadreId=${cadreId}&from=${from}&to=${to}`;
  const presence = useApi<Presence>(`/cadres/${cadreId}/presence?month=${month}`);
  const calendar = useApi<YearCalendar>(
    `/calendar/${month.slice(0, 4)}?orgUnitId=${data.village.id}`,
  );
  const diary = useApi<Diary>(`/cadres/${cadreId}/diary?from=${from}&to=${to}`);
  const leave = useApi<LeaveHistory>(`/leave?${range}`);
  const inspections = useApi<Inspections>(`/inspections?${range}`);
  const figures = data.months.find((m) => m.month === month);
  const { assignment, asOf } = data;

  const known: Known = {
    presence: Boolean(readable(presence)),
    leave: Boolean(readable(leave)),
    diary: Boolean(readable(diary)),
    inspections: Boolean(readable(inspections)),
    calendar: Boolean(readable(calendar)),
  };
  const days = marks({
    month,
    asOf,
    assignment,
    presence: readable(presence),
    calendar: readable(calendar),
    diary: readable(diary),
    leave: readable(leave),
    inspections: readable(inspections),
  });
  const day = days.find((d) => d.date === selected);
  const monthLabel = formatMonth(month, t.lang);
  const reload = () => {
    presence.reload();
    props.reloadFigures();
  };

  return (
    <>
      <p class="no-print">
        <Link href={props.backHref}>{t('back')}</Link>
      </p>
      <h1>{t('title', { name: data.cadre.name, month: monthLabel })}</h1>
      <p class="muted">
        {data.village.name} · {words(assignment.role)} ·{' '}
        <Link href={`/cadres/${cadreId}`}>{t('cadrePage')}</Link>
      </p>
      <MonthPicker
        month={month}
        latest={props.latest}
        onChange={(m) => {
          setSelected(undefined);
          props.onMonth(m);
        }}
      />
      {figures ? (
        <section class="card" aria-labelledby="month-figures">
          <h2 id="month-figures">{t('figures')}</h2>
          <Figures figures={figures} t={t} />
          <MonthBadges
            figures={figures}
            month={month}
            ended={figures.ended}
            asOf={asOf}
            endsOn={assignment.endsOn}
          />
        </section>
      ) : (
        <p class="notice info">{t('noMonth')}</p>
      )}
      {presence.error && presence.error.status !== 403 && (
        <p class="notice warn">{t('noPresence')}</p>
      )}
      <MonthCalendar
        month={month}
        monthLabel={monthLabel}
        days={days}
        known={known}
        selected={selected}
        onSelect={setSelected}
      />
      <section class="card" aria-live="polite" aria-labelledby="selected-day">
        <h2 id="selected-day">{t('selected')}</h2>
        {day ? (
          <>
            <p>
              <strong>
                <Day value={day.date} weekday />
              </strong>
              {t.lang === 'en' ? ': ' : '：'}
              {describeDay(day, ct).join(t.lang === 'en' ? ', ' : '，')}
            </p>
            <DayDetails
              date={day.date}
              diary={readable(diary)}
              inspections={readable(inspections)}
              t={t}
            />
          </>
        ) : (
          <p class="muted">{t('pick')}</p>
        )}
      </section>
      <VerifyPresence cadreId={cadreId} day={selected} asOf={asOf} onDone={reload} t={t} />
    </>
  );
}

function Figures(props: { figures: MonthFigures; t: T }) {
  const { figures: f, t } = props;
  const rows: [string, string][] = [
    [t('inVillage'), t('days', { n: f.inVillage })],
    [t('required'), t('days', { n: f.required })],
    [t('justified'), t('days', { n: f.justifiedAbsence })],
    [t('shortfall'), t('days', { n: f.shortfall })],
    [t('diary'), t('entries', { n: f.diaryEntries })],
  ];
  return (
    <dl class="people-figures">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function DayDetails(props: {
  date: string;
  diary: Diary | undefined;
  inspections: Inspections | undefined;
  t: T;
}) {
  const { t } = props;
  const entries = props.diary?.entries.filter((e) => e.date === props.date) ?? [];
  const found = props.inspections?.inspections.filter((i) => i.date === props.date) ?? [];
  return (
    <>
      {found.map((i) => (
        <p key={i.id} class="muted">
          {i.inspector ?? ''} {i.note ? `：${i.note}` : ''}
        </p>
      ))}
      {entries.length > 0 && (
        <>
          <h3>{t('diaryOfDay')}</h3>
          <ul class="people-plain">
            {entries.map((e) => (
              <li key={e.id}>
                {e.text ?? ''} {e.photo && t('photo')} {e.voice && t('voice')}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** The township or county records presence it verified (§1.1); the server decides what it takes. */
function VerifyPresence(props: {
  cadreId: number;
  day: string | undefined;
  asOf: string;
  onDone(): void;
  t: T;
}) {
  const { t } = props;
  const may = useRole('township', 'county');
  const [date, setDate] = useState('');
  const [note, setNote] = useState('');
  const [done, setDone] = useState<{ date: string; created: boolean } | undefined>();
  const shown = date || props.day || props.asOf;
  const action = useAction((body: { cadreId: number; date: string; note?: string }) =>
    api.post<{ date: string; created: boolean }>('/attendance/verified', body),
  );
  if (!may) return null;
  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(undefined);
    const result = await action.act({
      cadreId: props.cadreId,
      date: shown,
      note: note.trim() || undefined,
    });
    if (result) {
      setDone({ date: result.date, created: result.created });
      setNote('');
      props.onDone();
    }
  };
  const fieldError = (name: string) =>
    action.error?.field === name ? action.error.message : undefined;
  return (
    <section class="card no-print" aria-labelledby="verify-title">
      <h2 id="verify-title">{t('verifyTitle')}</h2>
      <p class="muted">{t('verifyIntro')}</p>
      {done && (
        <p class="notice ok" role="status">
          {t(done.created ? 'verifiedNew' : 'verifiedBefore', { date: done.date })}
        </p>
      )}
      {action.error && !action.error.field && <ErrorNotice error={action.error} />}
      <form onSubmit={submit} noValidate>
        <InputField
          id="verify-date"
          label={t('date')}
          error={fieldError('date')}
          type="date"
          value={shown}
          max={props.asOf}
          onValue={setDate}
        />
        <InputField
          id="verify-note"
          label={t('note')}
          hint={t('noteHint')}
          error={fieldError('note')}
          type="text"
          maxLength={500}
          value={note}
          onValue={setNote}
        />
        <button type="submit" class="button primary" disabled={action.pending}>
          {action.pending ? t('verifying') : t('verify')}
        </button>
      </form>
    </section>
  );
}

/** Each day of the month with its marks, from what the API returned (undefined: not readable). */
function marks(args: {
  month: string;
  asOf: string;
  assignment: { startsOn: string; endsOn: string | null };
  presence: Presence | undefined;
  calendar: YearCalendar | undefined;
  diary: Diary | undefined;
  leave: LeaveHistory | undefined;
  inspections: Inspections | undefined;
}): DayMarks[] {
  const { month, asOf, assignment } = args;
  const present = new Map(args.presence?.days.map((d) => [d.date, d]));
  const calendarDays = new Map(args.calendar?.days.map((d) => [d.date, d]));
  const diaryCount = new Map<string, number>();
  for (const e of args.diary?.entries ?? [])
    diaryCount.set(e.date, (diaryCount.get(e.date) ?? 0) + 1);
  // Leave counts as core counts it for the month's figures: approved, as known on the day the
  // month is judged on (core's justifiedSpan and monthEvaluationDay).
  const knownOn = monthEvaluationDay(month, asOf).on;
  const spans = (args.leave?.leave ?? [])
    .filter((l) => l.state === 'approved')
    .map((l) =>
      justifiedSpan(
        { from: l.startsOn, to: l.endsOn, approved: l.approvedOn, returned: l.returnedOn },
        knownOn,
      ),
    )
    .filter((s) => s !== null);
  const findings = new Map<string, 'present' | 'absent'>();
  for (const i of args.inspections?.inspections ?? []) {
    // One absence on a day outweighs a presence found by another inspector.
    if (!i.present || !findings.has(i.date)) findings.set(i.date, i.present ? 'present' : 'absent');
  }
  return [...eachDay(firstOfMonth(month), lastOfMonth(month))].map((date) => {
    const cal = calendarDays.get(date);
    const p = present.get(date);
    return {
      date,
      assigned: assignment.startsOn <= date && (!assignment.endsOn || date <= assignment.endsOn),
      future: date > asOf,
      checkIn: p?.checkIn ?? false,
      verified: p?.verified ?? false,
      leave: spans.some((s) => s.from <= date && date <= s.to),
      diary: diaryCount.get(date) ?? 0,
      inspection: findings.get(date) ?? null,
      off: cal ? !cal.workday : false,
      holiday: cal ? (cal.localName ?? cal.holiday) : null,
      makeUpWorkday: cal ? cal.makeUpWorkday || cal.local === 'workday' : false,
    };
  });
}
