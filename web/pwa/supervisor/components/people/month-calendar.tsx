// A cadre's month as a calendar: seven columns from Monday (一 … 日), each day with its marks —
// in the village by check-in, verified presence, approved leave, diary, inspection, rest day — as
// symbols and words (a legend, and each day's marks in words for screen readers), never colour alone. Tapping a day selects
// it. It only displays: the marks come from the API (see cadre-month.tsx).
import { isoWeekday, parts } from '../../../../../core/calendar/local-date';
import { formatDay } from '../../../shared/format';
import { defineTexts, type Lang, useTexts } from '../../../shared/i18n';

export interface DayMarks {
  date: string;
  /** Inside the assignment's dates. */
  assigned: boolean;
  /** After the day the figures are known on: nothing recorded yet. */
  future: boolean;
  checkIn: boolean;
  verified: boolean;
  /** Approved leave covering the day (justified absence, §1.2). */
  leave: boolean;
  diary: number;
  inspection: 'present' | 'absent' | null;
  /** Not a working day: weekend or holiday, unless a make-up working day. */
  off: boolean;
  /** The holiday's (or the local day's) name. */
  holiday: string | null;
  makeUpWorkday: boolean;
}

/** Which kinds of marks were loaded (a role that may not read leave sees no leave marks). */
export interface Known {
  presence: boolean;
  leave: boolean;
  diary: boolean;
  inspections: boolean;
  calendar: boolean;
}

export const calendarTexts = defineTexts(
  {
    weekdays: '一,二,三,四,五,六,日',
    weekdayNames: '星期一,星期二,星期三,星期四,星期五,星期六,星期日',
    checkIn: '在村打卡',
    verified: '核实在村',
    leave: '请假（已批准）',
    diary: '民情日记',
    present: '督查在岗',
    absent: '督查不在岗',
    off: '休息日',
    makeUp: '调休上班',
    unassigned: '不在派驻期内',
    future: '尚未到来',
    nothing: '没有记录',
    legend: '图例',
    leaveMark: '假',
    offMark: '休',
    makeUpMark: '班',
    caption: '{month}的在村日历',
  },
  {
    weekdays: 'Mo,Tu,We,Th,Fr,Sa,Su',
    weekdayNames: 'Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday',
    checkIn: 'Checked in inside the village',
    verified: 'Presence verified',
    leave: 'Approved leave',
    diary: 'Diary entry',
    present: 'Inspected: present',
    absent: 'Inspected: absent',
    off: 'Rest day',
    makeUp: 'Make-up working day',
    unassigned: 'Outside the assignment',
    future: 'Not yet',
    nothing: 'Nothing recorded',
    legend: 'Legend',
    leaveMark: 'L',
    offMark: 'off',
    makeUpMark: 'wk',
    caption: 'Days in the village, {month}',
  },
);

type Key = keyof (typeof calendarTexts)['zh-CN'];
type T = ((key: Key, params?: Record<string, string | number>) => string) & { lang: Lang };

/** The day's marks in words, for the cell's spoken label and the selected day's details. */
export function describeDay(day: DayMarks, t: T): string[] {
  const words: string[] = [];
  if (!day.assigned) words.push(t('unassigned'));
  if (day.checkIn) words.push(t('checkIn'));
  if (day.verified) words.push(t('verified'));
  if (day.leave) words.push(t('leave'));
  if (day.diary > 0) words.push(day.diary > 1 ? `${t('diary')} ×${day.diary}` : t('diary'));
  if (day.inspection) words.push(t(day.inspection));
  if (day.holiday) words.push(day.holiday);
  if (day.off) words.push(t('off'));
  if (day.makeUpWorkday) words.push(t('makeUp'));
  if (day.future && day.assigned) words.push(t('future'));
  else if (words.length === 0) words.push(t('nothing'));
  return words;
}

/** The visible symbols of a day, each paired with its legend entry. */
function symbols(day: DayMarks, t: T): { symbol: string; cls: string }[] {
  const out: { symbol: string; cls: string }[] = [];
  if (day.checkIn) out.push({ symbol: '✓', cls: 'check-in' });
  if (day.verified) out.push({ symbol: '◆', cls: 'verified' });
  if (day.leave) out.push({ symbol: t('leaveMark'), cls: 'leave' });
  if (day.diary > 0) out.push({ symbol: '✎', cls: 'diary' });
  if (day.inspection === 'present') out.push({ symbol: '⚑', cls: 'present' });
  if (day.inspection === 'absent') out.push({ symbol: '✗', cls: 'absent' });
  return out;
}

export function MonthCalendar(props: {
  month: string;
  monthLabel: string;
  days: DayMarks[];
  known: Known;
  selected: string | undefined;
  onSelect(date: string): void;
}) {
  const t = useTexts(calendarTexts);
  const heads = t('weekdays').split(',');
  const names = t('weekdayNames').split(',');
  // Monday-first weeks: blanks before the 1st, then the days, then blanks to fill the last week.
  const lead = props.days.length ? isoWeekday(props.days[0]!.date) - 1 : 0;
  const cells: (DayMarks | null)[] = [...Array<null>(lead).fill(null), ...props.days];
  while (cells.length % 7) cells.push(null);
  const weeks: (DayMarks | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));

  return (
    <div class="people-calendar">
      <table class="people-calendar-grid">
        <caption class="visually-hidden">{t('caption', { month: props.monthLabel })}</caption>
        <thead>
          <tr>
            {heads.map((h, i) => (
              <th key={h} scope="col" abbr={names[i]}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, w) => (
            <tr key={w}>
              {week.map((day, i) =>
                day ? (
                  <td key={day.date}>
                    <DayCell
                      day={day}
                      t={t}
                      selected={props.selected === day.date}
                      onSelect={props.onSelect}
                    />
                  </td>
                ) : (
                  <td key={`blank-${w}-${i}`} class="blank" />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <Legend known={props.known} t={t} makeUp={props.days.some((d) => d.makeUpWorkday)} />
    </div>
  );
}

function DayCell(props: { day: DayMarks; t: T; selected: boolean; onSelect(date: string): void }) {
  const { day, t } = props;
  const label = `${formatDay(day.date, t.lang, { weekday: true })}：${describeDay(day, t).join('，')}`;
  const classes = [
    'people-day',
    day.off && 'off',
    !day.assigned && 'unassigned',
    day.future && 'future',
    (day.checkIn || day.verified) && 'in-village',
    day.leave && !(day.checkIn || day.verified) && 'on-leave',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <button
      type="button"
      class={classes}
      aria-pressed={props.selected}
      data-date={day.date}
      onClick={() => props.onSelect(day.date)}
    >
      <span class="visually-hidden">
        {t.lang === 'en' ? label.replace('：', ': ').replace(/，/g, ', ') : label}
      </span>
      <span class="people-day-number" aria-hidden="true">
        {parts(day.date).day}
        {day.off && !day.makeUpWorkday && <small class="people-day-off">{t('offMark')}</small>}
        {day.makeUpWorkday && <small class="people-day-off">{t('makeUpMark')}</small>}
      </span>
      <span class="people-day-marks" aria-hidden="true">
        {symbols(day, t).map((s) => (
          <span key={s.cls} class={`mark ${s.cls}`}>
            {s.symbol}
          </span>
        ))}
      </span>
    </button>
  );
}

function Legend(props: { known: Known; t: T; makeUp: boolean }) {
  const { known, t } = props;
  const entries: [string, string, string][] = [];
  if (known.presence)
    entries.push(['✓', 'check-in', t('checkIn')], ['◆', 'verified', t('verified')]);
  if (known.leave) entries.push([t('leaveMark'), 'leave', t('leave')]);
  if (known.diary) entries.push(['✎', 'diary', t('diary')]);
  if (known.inspections) entries.push(['⚑', 'present', t('present')], ['✗', 'absent', t('absent')]);
  if (known.calendar) entries.push([t('offMark'), 'off', t('off')]);
  if (props.makeUp) entries.push([t('makeUpMark'), 'off', t('makeUp')]);
  return (
    <div class="people-legend">
      <ul aria-label={t('legend')}>
        {entries.map(([symbol, cls, text]) => (
          <li key={text}>
            <span class={`mark ${cls}`} aria-hidden="true">
              {symbol}
            </span>{' '}
            {text}
          </li>
        ))}
      </ul>
    </div>
  );
}
