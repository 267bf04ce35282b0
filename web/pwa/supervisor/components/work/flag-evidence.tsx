// What the system detected behind a flag, as figures a person can check: the month's days in the
// village against the minimum (§2.4), the diary (§2.5), the inspections' findings of absence (§2.2),
// the survey (§2.3) or the review (§2.1). Each detection is one entry of the flag's evidence.
import { Fragment } from 'preact';
import { formatDay, formatMonth } from '../../../shared/format';
import { defineTexts, useTexts } from '../../../shared/i18n';
import type { FlagEvidence as Entry } from './types';
import { known, ratingTexts } from './words';
import './work.css';

const texts = defineTexts(
  {
    detected: '检测日期',
    month: '月份',
    inVillage: '在村天数',
    justified: '正当理由离村',
    required: '应达天数',
    diary: '民情日记',
    days: '{n}天',
    entries: '{n}篇',
    strike: '督查发现不在岗',
    strikeN: '第{n}次（无正当理由）',
    findings: '发现日期',
    survey: '满意度测评',
    rate: '满意率{rate}%，共{n}份答卷',
    review: '述职述评',
    rated: '{period}被评定为“{rating}”',
    half: '{year}年上半年',
    annual: '{year}年度',
    detail: '说明',
  },
  {
    detected: 'Detected',
    month: 'Month',
    inVillage: 'Days in the village',
    justified: 'Justified absence',
    required: 'Days required',
    diary: 'Diary entries',
    days: '{n} days',
    entries: '{n}',
    strike: 'Found absent by inspection',
    strikeN: 'finding no. {n} (not justified)',
    findings: 'Findings on',
    survey: 'Satisfaction survey',
    rate: '{rate}% satisfied, {n} responses',
    review: 'Review',
    rated: '{period} rated “{rating}”',
    half: 'first half of {year}',
    annual: 'year {year}',
    detail: 'Detail',
  },
);

export function FlagEvidence(props: { entries: Entry[] }) {
  return (
    <ul class="evidence-list">
      {props.entries.map((entry, i) => (
        <li key={`${entry.source}-${i}`}>
          <EvidenceEntry entry={entry} />
        </li>
      ))}
    </ul>
  );
}

function EvidenceEntry({ entry }: { entry: Entry }) {
  const t = useTexts(texts);
  const [kind, ...rest] = entry.source.split(':');
  const rows: [string, string][] = [[t('detected'), formatDay(entry.date, t.lang)]];
  if (kind === 'month') {
    const month = rest[0] ?? '';
    if (/^\d{4}-\d{2}$/.test(month)) rows.push([t('month'), formatMonth(month, t.lang)]);
    if (entry.inVillage !== undefined)
      rows.push([t('inVillage'), t('days', { n: entry.inVillage })]);
    if (entry.justifiedAbsence !== undefined)
      rows.push([t('justified'), t('days', { n: entry.justifiedAbsence })]);
    if (entry.required !== undefined) rows.push([t('required'), t('days', { n: entry.required })]);
    if (entry.diaryEntries !== undefined)
      rows.push([t('diary'), t('entries', { n: entry.diaryEntries })]);
  } else if (kind === 'inspection') {
    if (entry.strike !== undefined) rows.push([t('strike'), t('strikeN', { n: entry.strike })]);
    if (entry.findings?.length)
      rows.push([t('findings'), entry.findings.map((d) => formatDay(d, t.lang)).join('；')]);
  } else if (kind === 'survey') {
    const rate = typeof entry.satisfactionRate === 'number' ? entry.satisfactionRate : null;
    rows.push([
      t('survey'),
      rate === null
        ? String(entry.responses ?? '')
        : t('rate', { rate: Math.round(rate * 1000) / 10, n: entry.responses ?? 0 }),
    ]);
  } else if (kind === 'review' && entry.period && entry.rating) {
    const [, year, half] = /^(\d{4})(H1)?$/.exec(entry.period) ?? [];
    const period = year ? t(half ? 'half' : 'annual', { year }) : entry.period;
    rows.push([
      t('review'),
      t('rated', { period, rating: known(ratingTexts, t.lang, entry.rating) }),
    ]);
  } else if (entry.detail) {
    rows.push([t('detail'), entry.detail]);
  }
  return (
    <dl class="facts">
      {rows.map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
