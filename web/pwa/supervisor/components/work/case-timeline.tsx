// A case's timeline: every recorded step in order — what, on which day, who recorded it and when —
// with what it carries: the opinions and the statement of §3.4, the talk's record, the detections
// that opened it, references to material. Names come from the API in the user's language.
import { formatDay, formatInstant } from '../../../shared/format';
import { defineTexts, useTexts } from '../../../shared/i18n';
import { Link } from '../../../shared/router';
import { roleNames } from '../../session';
import { aside, sentence } from './parts';
import type { TimelineEvent } from './types';
import { evidenceTexts, known } from './words';
import './work.css';

const texts = defineTexts(
  {
    with: '同时：{steps}',
    by: '{who}',
    recorded: '录入于{at}',
    viaFlag: '由预警立案',
    viaTip: '由核实的举报立案',
    viaIntake: '立案登记',
    openFlag: '查看预警',
    heard: '确认预警时听取',
    refs: '材料：{refs}',
    discipline: '移交纪检机关',
    judicial: '移交司法机关',
    upheld: '维持教育整改',
    notUpheld: '撤销教育整改',
    refused: '未被采纳：{reason}（{clause}）',
    system: '系统',
  },
  {
    with: 'With: {steps}',
    by: '{who}',
    recorded: 'recorded {at}',
    viaFlag: 'Opened from a flag',
    viaTip: 'Opened from a verified tip',
    viaIntake: 'Filed by intake',
    openFlag: 'Open the flag',
    heard: 'heard when the flag was confirmed',
    refs: 'Material: {refs}',
    discipline: 'transferred to discipline inspection',
    judicial: 'transferred to the judicial authorities',
    upheld: 'notice upheld',
    notUpheld: 'notice withdrawn',
    refused: 'Not accepted: {reason} ({clause})',
    system: 'System',
  },
);

export function CaseTimeline(props: { events: TimelineEvent[] }) {
  return (
    <ol class="timeline">
      {props.events.map((e) => (
        <TimelineItem key={e.seq} event={e} />
      ))}
    </ol>
  );
}

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);

function TimelineItem({ event: e }: { event: TimelineEvent }) {
  const t = useTexts(texts);
  const p = e.payload;
  const who =
    [e.by.name, e.by.role && roleNames[e.by.role]?.[t.lang]].filter(Boolean).join(' · ') ||
    t('system');
  const kind = text(p.kind);
  const body = text(p.text) ?? text(p.description);
  const refs = Array.isArray(p.refs)
    ? p.refs.filter((r): r is string => typeof r === 'string')
    : [];
  const flagId = typeof p.flagId === 'number' ? p.flagId : null;
  const extra = e.steps.slice(1);
  const detail = e.steps.map((s) => s.detail).find((d) => d && d in detailKeys);

  return (
    <li>
      <span class="event-name">
        {kind ? known(evidenceTexts, t.lang, kind) : sentence(t.lang, e.name)}
        {e.clause ? aside(t.lang, e.clause) : ''}
      </span>
      <span class="row-line">
        <time dateTime={e.date}>{formatDay(e.date, t.lang, { weekday: true })}</time>
      </span>
      <span class="row-meta">
        {t('by', { who })} · {t('recorded', { at: formatInstant(e.recordedAt, t.lang) })}
      </span>
      {e.type === 'opened' && (
        <span class="row-line">
          {p.via === 'flag' ? t('viaFlag') : p.via === 'tip' ? t('viaTip') : t('viaIntake')}
          {flagId !== null && (
            <>
              {' · '}
              <Link href={`/flags/${flagId}`}>{t('openFlag')}</Link>
            </>
          )}
        </span>
      )}
      {extra.length > 0 && (
        <span class="row-line">
          {t('with', {
            steps: extra
              .map((s) => s.name + aside(t.lang, s.clause))
              .join(t.lang === 'en' ? ', ' : '、'),
          })}
        </span>
      )}
      {detail && <span class="row-line">{t(detailKeys[detail]!)}</span>}
      {kind === 'statement' && p.heardWhenConfirming === true && (
        <span class="row-meta">{t('heard')}</span>
      )}
      {body && <blockquote>{body}</blockquote>}
      {refs.length > 0 && <span class="row-meta">{t('refs', { refs: refs.join('；') })}</span>}
      {e.refused && (
        <span class="badge bad">
          {t('refused', { reason: e.refused.reason, clause: e.refused.clause })}
        </span>
      )}
    </li>
  );
}

/** Details core records on a step that a person should read. */
const detailKeys: Record<string, 'discipline' | 'judicial' | 'upheld' | 'notUpheld'> = {
  discipline: 'discipline',
  judicial: 'judicial',
  upheld: 'upheld',
  'not upheld': 'notUpheld',
};
