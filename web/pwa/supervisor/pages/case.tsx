// One case (教育整改): who and what (cadre, village, situation of §2, track of §3), its deadlines in
// working days, the steps my office may take now (core's allowedEvents, nothing more), the §3.4
// record, the appeal (§3.8), the printable written notice once there is one, the sanctions (§4.4)
// and the timeline of everything recorded.
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDay } from '../../shared/format';
import { defineTexts, useTexts } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Loaded, useApi } from '../../shared/ui';
import { CaseActions } from '../components/work/case-actions';
import { CaseTimeline } from '../components/work/case-timeline';
import { DueBadge, EscalatedNote, ProvisionalNote } from '../components/work/due-badge';
import { aside, sentence } from '../components/work/parts';
import type { CaseDetail } from '../components/work/types';
import {
  caseStateTexts,
  evidenceTexts,
  known,
  stageTexts,
  trackTexts,
} from '../components/work/words';

const texts = defineTexts(
  {
    back: '返回案件列表',
    title: '{name}的教育整改',
    number: '案件编号',
    situation: '情形',
    cadre: '驻村干部',
    village: '村',
    unit: '派出单位',
    track: '程序',
    origin: '来源',
    flag: '预警',
    tip: '举报',
    intake: '立案登记',
    openedOn: '立案日期',
    noticeOn: '接到通知日期',
    closedOn: '结案日期',
    stage: '进展',
    deadlines: '期限',
    asOf: '按{date}计算，只计工作日。',
    due: '{date}前',
    notice: '书面通知',
    noticeText: '书面通知已于{date}送达派出单位。',
    noticeLink: '打开可打印的书面通知',
    newTab: '（在新标签页打开）',
    actions: '我可以进行的步骤',
    done: '已记录：{action}。',
    evidence: '意见与本人陈述（§3.4）',
    evidenceIntro: '认定前须充分征求以下意见并听取本人陈述，做好工作记录。',
    onRecord: '已记录',
    missing: '尚未记录',
    appeal: '复核申请（§3.8）',
    noAppeal: '本人未提出复核申请。',
    appealFiled: '本人于{date}提出复核申请，尚待答复。',
    appealUpheld: '本人于{filed}提出复核申请；{date}答复：维持教育整改。',
    appealNotUpheld: '本人于{filed}提出复核申请；{date}答复：撤销教育整改，本案结案。',
    sanctions: '处理措施（§4.4）',
    inForce: '执行中',
    lapsed: '已随复核撤销',
    ended: '已期满',
    noAwards: '不得参加{year}年度评先选优',
    noPromotion: '{date}前不得提拔使用',
    bonus: '扣发不低于{pct}%的{year}年度目标绩效奖',
    unitDeduction: '派出单位年度目标考核相应扣分',
    timeline: '办理经过',
  },
  {
    back: 'Back to the cases',
    title: 'Case of {name}',
    number: 'Case no.',
    situation: 'Situation',
    cadre: 'Cadre',
    village: 'Village',
    unit: 'Dispatching unit',
    track: 'Track',
    origin: 'Origin',
    flag: 'Flag',
    tip: 'Tip',
    intake: 'Intake',
    openedOn: 'Opened on',
    noticeOn: 'Notice received',
    closedOn: 'Closed on',
    stage: 'Stage',
    deadlines: 'Deadlines',
    asOf: 'As of {date}, counting working days only.',
    due: 'by {date}',
    notice: 'Written notice',
    noticeText: 'The written notice reached the dispatching unit on {date}.',
    noticeLink: 'Open the printable written notice',
    newTab: '(opens in a new tab)',
    actions: 'Steps I can take',
    done: 'Recorded: {action}.',
    evidence: 'Opinions and statement (§3.4)',
    evidenceIntro:
      'Before deciding, these opinions must be sought and the cadre heard, and all of it recorded.',
    onRecord: 'on record',
    missing: 'missing',
    appeal: 'Appeal (§3.8)',
    noAppeal: 'The cadre has not appealed.',
    appealFiled: 'The cadre appealed on {date}; the answer is pending.',
    appealUpheld: 'The cadre appealed on {filed}; answered on {date}: the notice stands.',
    appealNotUpheld:
      'The cadre appealed on {filed}; answered on {date}: the notice is withdrawn and the case closed.',
    sanctions: 'Sanctions (§4.4)',
    inForce: 'in force',
    lapsed: 'withdrawn on appeal',
    ended: 'ended',
    noAwards: 'No awards for {year}',
    noPromotion: 'No promotion before {date}',
    bonus: 'At least {pct}% of the {year} annual performance bonus withheld',
    unitDeduction: 'A deduction in the dispatching unit’s annual assessment',
    timeline: 'Timeline',
  },
);

export function CasePage(props: { params: Record<string, string> }) {
  const t = useTexts(texts);
  const id = props.params.id ?? '';
  const resource = useApi<CaseDetail>(`/cases/${encodeURIComponent(id)}`);
  // The case as the last recorded step returned it: newer than the loaded one.
  const [latest, setLatest] = useState<CaseDetail>();
  const [done, setDone] = useState<string>();
  useEffect(() => {
    setLatest(undefined);
    setDone(undefined);
  }, [id]);

  return (
    <section aria-labelledby="case-title">
      <p>
        <Link href="/cases">{t('back')}</Link>
      </p>
      <Loaded resource={resource}>
        {(loaded) => {
          const c = latest && String(latest.id) === id ? latest : loaded;
          return (
            <CaseView
              c={c}
              done={done}
              onStep={(next, action) => {
                setLatest(next);
                setDone(t('done', { action }));
              }}
            />
          );
        }}
      </Loaded>
    </section>
  );
}

function CaseView(props: {
  c: CaseDetail;
  done: string | undefined;
  onStep(next: CaseDetail, action: string): void;
}) {
  const t = useTexts(texts);
  const { c } = props;
  return (
    <>
      <CaseHeader c={c} />
      {props.done && <Done key={props.done + c.timeline.length} text={props.done} />}
      {c.deadlines.length > 0 && <Deadlines c={c} />}
      {c.noticeOn && (
        <section class="card" aria-labelledby="case-notice">
          <h2 id="case-notice">{t('notice')}</h2>
          <p>{t('noticeText', { date: formatDay(c.noticeOn, t.lang) })}</p>
          <a class="button" href={`/api/cases/${c.id}/notice`} target="_blank" rel="noopener">
            {t('noticeLink')}
            <span class="visually-hidden">{t('newTab')}</span>
          </a>
        </section>
      )}
      <section class="work-section" aria-labelledby="case-actions">
        <h2 id="case-actions">{t('actions')}</h2>
        <CaseActions case={c} onDone={props.onStep} />
      </section>
      <Evidence c={c} />
      {c.noticeOn && <Appeal c={c} />}
      {c.sanctions && <Sanctions c={c} />}
      <section class="work-section" aria-labelledby="case-timeline">
        <h2 id="case-timeline">{t('timeline')}</h2>
        <CaseTimeline events={c.timeline} />
      </section>
    </>
  );
}

function Done(props: { text: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div class="notice ok" role="status" tabIndex={-1} ref={ref}>
      {props.text}
    </div>
  );
}

function CaseHeader({ c }: { c: CaseDetail }) {
  const t = useTexts(texts);
  const states = useTexts(caseStateTexts);
  const tracks = useTexts(trackTexts);
  return (
    <>
      <h1 id="case-title">{t('title', { name: c.cadre.name })}</h1>
      <p class="row-badges">
        <span class={c.state === 'open' ? 'badge warn' : 'badge plain'}>{states(c.state)}</span>
        <span class="badge plain">{known(stageTexts, t.lang, c.stage)}</span>
      </p>
      <div class="card">
        <h2 class="visually-hidden">{t('situation')}</h2>
        <p class="situation">
          <strong>{c.clause}</strong> {c.situation}
        </p>
        <dl class="facts">
          <dt>{t('cadre')}</dt>
          <dd>
            <Link href={`/cadres/${c.cadre.id}`}>{c.cadre.name}</Link>
            {c.cadre.title ? aside(t.lang, c.cadre.title) : ''}
          </dd>
          <dt>{t('village')}</dt>
          <dd>{c.village.name}</dd>
          {c.dispatchingUnit && (
            <>
              <dt>{t('unit')}</dt>
              <dd>{c.dispatchingUnit.name}</dd>
            </>
          )}
          <dt>{t('track')}</dt>
          <dd>
            {c.trackClause} {tracks(c.track)}
          </dd>
          <dt>{t('origin')}</dt>
          <dd>
            {c.origin === 'flag' && c.flagId !== null ? (
              <Link href={`/flags/${c.flagId}`}>{t('flag')}</Link>
            ) : (
              t(c.origin)
            )}
          </dd>
          <dt>{t('openedOn')}</dt>
          <dd>{formatDay(c.openedOn, t.lang)}</dd>
          {c.noticeOn && (
            <>
              <dt>{t('noticeOn')}</dt>
              <dd>{formatDay(c.noticeOn, t.lang)}</dd>
            </>
          )}
          {c.closedOn && (
            <>
              <dt>{t('closedOn')}</dt>
              <dd>{formatDay(c.closedOn, t.lang)}</dd>
            </>
          )}
          <dt>{t('number')}</dt>
          <dd>{c.id}</dd>
        </dl>
      </div>
    </>
  );
}

function Deadlines({ c }: { c: CaseDetail }) {
  const t = useTexts(texts);
  return (
    <section class="card" aria-labelledby="case-deadlines">
      <h2 id="case-deadlines">{t('deadlines')}</h2>
      <ul class="deadline-list">
        {c.deadlines.map((d) => (
          <li key={d.step}>
            <span class="row-title">{sentence(t.lang, d.name) + aside(t.lang, d.clause)}</span>
            <span class="due-line">
              <span>{t('due', { date: formatDay(d.due, t.lang, { weekday: true }) })}</span>
              <DueBadge
                status={d.status}
                workdaysLeft={d.workdaysLeft}
                overdueWorkdays={d.overdueWorkdays}
                provisional={d.provisional}
              />
              {d.escalate && d.escalateTo && <EscalatedNote level={d.escalateTo} />}
            </span>
          </li>
        ))}
      </ul>
      <p class="muted">{t('asOf', { date: formatDay(c.asOf, t.lang) })}</p>
      {c.deadlines.some((d) => d.provisional) && <ProvisionalNote />}
    </section>
  );
}

function Evidence({ c }: { c: CaseDetail }) {
  const t = useTexts(texts);
  const names = useTexts(evidenceTexts);
  const kinds = [...c.evidence.onRecord, ...c.evidence.missing];
  if (kinds.length === 0) return null;
  return (
    <section class="card" aria-labelledby="case-evidence">
      <h2 id="case-evidence">{t('evidence')}</h2>
      {c.evidence.missing.length > 0 && <p class="muted">{t('evidenceIntro')}</p>}
      <ul class="chain">
        {c.evidence.onRecord.map((k) => (
          <li key={k}>
            <span class="badge ok">{t('onRecord')}</span> {names(k)}
          </li>
        ))}
        {c.evidence.missing.map((k) => (
          <li key={k}>
            <span class="badge warn">{t('missing')}</span> {names(k)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Appeal({ c }: { c: CaseDetail }) {
  const t = useTexts(texts);
  const a = c.appeal;
  const day = (d: string) => formatDay(d, t.lang);
  return (
    <section class="card" aria-labelledby="case-appeal">
      <h2 id="case-appeal">{t('appeal')}</h2>
      <p>
        {!a
          ? t('noAppeal')
          : !a.answered
            ? t('appealFiled', { date: day(a.filed) })
            : t(a.answered.upheld ? 'appealUpheld' : 'appealNotUpheld', {
                filed: day(a.filed),
                date: day(a.answered.date),
              })}
      </p>
    </section>
  );
}

function Sanctions({ c }: { c: CaseDetail }) {
  const t = useTexts(texts);
  const s = c.sanctions!;
  const status = s.lapsed ? 'lapsed' : s.inForce ? 'inForce' : 'ended';
  return (
    <section class="card" aria-labelledby="case-sanctions">
      <h2 id="case-sanctions">{t('sanctions')}</h2>
      <p>
        <span class={status === 'inForce' ? 'badge bad' : 'badge plain'}>{t(status)}</span>
      </p>
      <ul>
        <li>{t('noAwards', { year: s.noAwardsYear })}</li>
        <li>{t('noPromotion', { date: formatDay(s.noPromotionUntil, t.lang) })}</li>
        <li>{t('bonus', { pct: Math.round(s.bonusWithheldMin * 100), year: s.noAwardsYear })}</li>
        {s.dispatchingUnitDeduction && <li>{t('unitDeduction')}</li>}
      </ul>
    </section>
  );
}
