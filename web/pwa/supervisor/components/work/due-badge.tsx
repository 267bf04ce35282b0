// How urgent a deadline is, in words and colour: overdue (red), due within two working days
// (amber), later (plain), or done; and the explanation of the provisional mark (a year whose
// State Council holiday schedule is not published yet). The counts are the API's (core's).
import { defineTexts, useTexts } from '../../../shared/i18n';
import { known, levelTexts } from './words';
import './work.css';

const texts = defineTexts(
  {
    overdue: '已逾期{n}个工作日',
    overdueToday: '已过期限',
    dueToday: '今天到期',
    left: '还剩{n}个工作日',
    met: '已按期完成',
    metLate: '逾期后完成',
    ended: '已不再需要',
    provisional: '暂定',
    provisionalNote:
      '标“暂定”的期限跨入了国务院节假日安排尚未公布的年份，暂按法定节假日推算；安排公布后以公布的为准。',
    escalate: '已报{level}组织部门',
  },
  {
    overdue: 'Overdue by {n} working days',
    overdueToday: 'Past its due date',
    dueToday: 'Due today',
    left: '{n} working days left',
    met: 'Met on time',
    metLate: 'Met late',
    ended: 'No longer needed',
    provisional: 'provisional',
    provisionalNote:
      'A deadline marked “provisional” runs into a year whose State Council holiday schedule is not published yet: it is counted with the statutory holidays and may move once the schedule is out.',
    escalate: 'Escalated to the {level} level',
  },
);

/** Days within which a deadline counts as due soon (amber): the home page's two working days. */
export const SOON_WORKDAYS = 2;

export function DueBadge(props: {
  status: 'open' | 'overdue' | 'met' | 'metLate' | 'ended' | null;
  /** Working days left while open (0 = today). */
  workdaysLeft: number | null;
  /** Working days past the due date while overdue. */
  overdueWorkdays: number | null;
  provisional?: boolean;
}) {
  const t = useTexts(texts);
  const { status, workdaysLeft, overdueWorkdays } = props;
  const mark = props.provisional ? (
    <span class="provisional-mark"> · {t('provisional')}</span>
  ) : null;
  if (status === 'overdue') {
    const n = overdueWorkdays ?? 0;
    return (
      <span class="badge bad">
        {n > 0 ? t('overdue', { n }) : t('overdueToday')}
        {mark}
      </span>
    );
  }
  if (status === 'open' && workdaysLeft !== null) {
    const soon = workdaysLeft <= SOON_WORKDAYS;
    return (
      <span class={soon ? 'badge warn' : 'badge plain'}>
        {workdaysLeft === 0 ? t('dueToday') : t('left', { n: workdaysLeft })}
        {mark}
      </span>
    );
  }
  if (status === 'met') return <span class="badge ok">{t('met')}</span>;
  if (status === 'metLate') return <span class="badge warn">{t('metLate')}</span>;
  return <span class="badge plain">{t('ended')}</span>;
}

export function ProvisionalNote() {
  const t = useTexts(texts);
  return <p class="muted">{t('provisionalNote')}</p>;
}

export function EscalatedNote(props: { level: string }) {
  const t = useTexts(texts);
  const level = known(levelTexts, t.lang, props.level);
  return <span class="badge bad">{t('escalate', { level })}</span>;
}
