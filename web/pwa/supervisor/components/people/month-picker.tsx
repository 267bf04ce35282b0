// Choosing a month: previous and next buttons around the month's name, and a month field for a
// jump. Next stops at the current month (the API has nothing for a month that has not begun).
import { formatMonth } from '../../../shared/format';
import { defineTexts, useTexts } from '../../../shared/i18n';
import { nextMonth, previousMonth } from './data';

const texts = defineTexts(
  { month: '月份', previousOf: '上个月：{m}', nextOf: '下个月：{m}' },
  {
    month: 'Month',
    previousOf: 'Previous month: {m}',
    nextOf: 'Next month: {m}',
  },
);

export function MonthPicker(props: {
  month: string;
  /** The latest month one may pick (the current one). */
  latest: string;
  onChange(month: string): void;
  id?: string;
}) {
  const t = useTexts(texts);
  const id = props.id ?? 'month-picker';
  const before = previousMonth(props.month);
  const after = nextMonth(props.month);
  return (
    <div class="people-month-picker">
      <button
        type="button"
        class="button small"
        aria-label={t('previousOf', { m: formatMonth(before, t.lang) })}
        onClick={() => props.onChange(before)}
      >
        <span aria-hidden="true">‹</span>
      </button>
      <label class="people-month-field" for={id}>
        <span class="visually-hidden">{t('month')}</span>
        <input
          id={id}
          type="month"
          value={props.month}
          max={props.latest}
          onChange={(e) => {
            const value = (e.currentTarget as HTMLInputElement).value;
            if (/^\d{4}-\d{2}$/.test(value) && value <= props.latest) props.onChange(value);
          }}
        />
      </label>
      <button
        type="button"
        class="button small"
        aria-label={t('nextOf', { m: formatMonth(after, t.lang) })}
        disabled={after > props.latest}
        onClick={() => props.onChange(after)}
      >
        <span aria-hidden="true">›</span>
      </button>
    </div>
  );
}
