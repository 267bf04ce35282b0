// A month's standing as a badge with words (never colour alone): the API's figures (core's
// evaluation) read as "short", "on track" or "ok". The only arithmetic here is counting the calendar
// days left in an open month, to tell a shortfall that can still be made up from one that cannot.
import { daysBetween, lastOfMonth, minDate } from '../../../../../core/calendar/local-date';
import { defineTexts, useTexts } from '../../../shared/i18n';
import type { MonthFigures } from './data';

const texts = defineTexts(
  {
    short: '未达标 · 差 {n} 天',
    cannot: '差 {n} 天 · 本月只剩 {left} 天',
    onTrack: '进行中 · 还差 {n} 天',
    reached: '已达到',
    ok: '达标',
    diaryShort: '日记不足',
    diaryExempt: '免写日记',
  },
  {
    short: 'Short · {n} days missing',
    cannot: '{n} days missing · {left} left',
    onTrack: 'On track · {n} days to go',
    reached: 'Reached',
    ok: 'OK',
    diaryShort: 'Diary short',
    diaryExempt: 'No diary owed',
  },
);

export type Standing = 'short' | 'onTrack' | 'ok';

/** Days from asOf to the month's (or the assignment's) last day, both included. */
function daysLeft(month: string, asOf: string, endsOn: string | null): number {
  const last = endsOn ? minDate(lastOfMonth(month), endsOn) : lastOfMonth(month);
  return Math.max(0, daysBetween(asOf, last) + 1);
}

export function standingOf(
  figures: MonthFigures,
  month: string,
  ended: boolean,
  asOf: string,
  endsOn: string | null,
): { standing: Standing; left: number } {
  if (ended) return { standing: figures.compliant === false ? 'short' : 'ok', left: 0 };
  if (figures.shortfall === 0) return { standing: 'ok', left: 0 };
  const left = daysLeft(month, asOf, endsOn);
  return { standing: figures.shortfall > left ? 'short' : 'onTrack', left };
}

export function MonthBadges(props: {
  figures: MonthFigures;
  month: string;
  ended: boolean;
  asOf: string;
  endsOn: string | null;
}) {
  const t = useTexts(texts);
  const { figures: f, ended } = props;
  const { standing, left } = standingOf(f, props.month, ended, props.asOf, props.endsOn);
  const n = f.shortfall;
  const [cls, text] =
    standing === 'ok'
      ? ['ok', ended ? `✓ ${t('ok')}` : `✓ ${t('reached')}`]
      : standing === 'onTrack'
        ? ['warn', `… ${t('onTrack', { n })}`]
        : ['bad', `✗ ${ended ? t('short', { n }) : t('cannot', { n, left })}`];
  return (
    <span class="people-badges">
      <span class={`badge ${cls}`} data-standing={standing}>
        {text}
      </span>
      {f.diaryCompliant === false && <span class="badge bad">✗ {t('diaryShort')}</span>}
      {f.diaryExempt && <span class="badge ok">{t('diaryExempt')}</span>}
    </span>
  );
}
