// Flags (预警): the list by state, and one flag with what was detected and, for an open flag my
// office decides, its two outcomes — confirm after hearing the cadre (§3.4), which opens a case, or
// dismiss with a written reason the level above sees (§4.2, §4.3). The API decides; this collects.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../shared/api';
import { formatDay, formatInstant } from '../../shared/format';
import { defineTexts, useTexts } from '../../shared/i18n';
import { Link, useLocation } from '../../shared/router';
import { Empty, Loaded, TextAreaField, useAction, useApi } from '../../shared/ui';
import { FlagEvidence } from '../components/work/flag-evidence';
import {
  FilterTabs,
  fieldError,
  isFieldError,
  newKey,
  Refusal,
  WorkRow,
} from '../components/work/parts';
import type { CaseDetail, Flag } from '../components/work/types';
import { flagStateTexts } from '../components/work/words';
import { roleNames } from '../session';

const texts = defineTexts(
  {
    title: '预警',
    filter: '按状态筛选',
    none: '没有{state}的预警。',
    raised: '预警日期：{date}',
    caseOpened: '已立案',
    notMine: '由其他部门处理',
    reason: '排除理由：{reason}',
    back: '返回预警列表',
    flagAbout: '{name}的预警',
    situation: '情形',
    cadre: '驻村干部',
    village: '村',
    township: '乡镇',
    unit: '派出单位',
    raisedOn: '预警日期',
    detected: '检测到的情况',
    decide: '处理这条预警',
    decideIntro: '预警只是系统的提示，需要您核实后确认或排除。',
    confirm: '确认预警',
    dismiss: '排除预警',
    statement: '本人陈述',
    statementHint:
      '依据§3.4，确认前须听取本人陈述，并如实记录；本人不愿陈述的，请写明。确认后即立案。',
    statementMissing: '请填写本人陈述。',
    confirmSubmit: '确认并立案',
    dismissReason: '排除理由',
    dismissHint: '请写明核实的情况。排除理由会报上级组织部门查看（§4.2、§4.3）。',
    reasonMissing: '请填写排除理由。',
    dismissSubmit: '排除这条预警',
    sending: '正在提交…',
    confirmed: '预警已确认，已立案。',
    openCase: '查看案件',
    dismissed: '预警已排除。',
    confirmedBy: '{date}由{by}确认。',
    dismissedBy: '{date}由{by}排除。',
    notMineLong: '这条预警不由您的单位确认或排除。',
  },
  {
    title: 'Flags',
    filter: 'Filter by state',
    none: 'No {state} flags.',
    raised: 'Raised {date}',
    caseOpened: 'Case opened',
    notMine: 'Decided by another office',
    reason: 'Reason: {reason}',
    back: 'Back to the flags',
    flagAbout: 'Flag about {name}',
    situation: 'Situation',
    cadre: 'Cadre',
    village: 'Village',
    township: 'Township',
    unit: 'Dispatching unit',
    raisedOn: 'Raised on',
    detected: 'What was detected',
    decide: 'Decide this flag',
    decideIntro: 'A flag is only the system’s prompt: check it, then confirm or dismiss it.',
    confirm: 'Confirm the flag',
    dismiss: 'Dismiss the flag',
    statement: 'The cadre’s statement',
    statementHint:
      'Under §3.4 the cadre must be heard before confirming: write down what they said, or that they declined to say anything. Confirming opens a case.',
    statementMissing: 'Please write down the cadre’s statement.',
    confirmSubmit: 'Confirm and open a case',
    dismissReason: 'Reason for dismissing',
    dismissHint: 'Say what you checked. The reason is shown to the level above (§4.2, §4.3).',
    reasonMissing: 'Please give the reason.',
    dismissSubmit: 'Dismiss this flag',
    sending: 'Sending…',
    confirmed: 'The flag is confirmed and a case is open.',
    openCase: 'Open the case',
    dismissed: 'The flag is dismissed.',
    confirmedBy: 'Confirmed on {date} by {by}.',
    dismissedBy: 'Dismissed on {date} by {by}.',
    notMineLong: 'Your office does not confirm or dismiss this flag.',
  },
);

const flagStates = ['open', 'confirmed', 'dismissed'] as const;

export function FlagsPage() {
  const t = useTexts(texts);
  const states = useTexts(flagStateTexts);
  const { query } = useLocation();
  const asked = query.get('state');
  const state = flagStates.find((s) => s === asked) ?? 'open';
  const resource = useApi<{ flags: Flag[] }>(`/flags?state=${state}`);

  return (
    <section aria-labelledby="flags-title">
      <h1 id="flags-title">{t('title')}</h1>
      <FilterTabs
        label={t('filter')}
        current={state}
        options={flagStates.map((s) => ({ value: s, label: states(s), href: `/flags?state=${s}` }))}
      />
      <Loaded resource={resource}>
        {({ flags }) =>
          flags.length === 0 ? (
            <Empty>{t('none', { state: states(state) })}</Empty>
          ) : (
            <ul class="work-list">
              {flags.map((f) => (
                <WorkRow
                  key={f.id}
                  href={`/flags/${f.id}`}
                  title={`${f.cadre.name} · ${f.village.name}`}
                  lines={[
                    <span class="clamp">
                      {f.clause} {f.situation}
                    </span>,
                    t('raised', { date: formatDay(f.raisedOn, t.lang) }),
                    ...(f.dismissReason
                      ? [<span class="clamp">{t('reason', { reason: f.dismissReason })}</span>]
                      : []),
                  ]}
                  badges={
                    f.state === 'confirmed' ? (
                      <span class="badge ok">{t('caseOpened')}</span>
                    ) : f.state === 'open' && !f.mayDecide ? (
                      <span class="badge plain">{t('notMine')}</span>
                    ) : undefined
                  }
                />
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}

export function FlagPage(props: { params: Record<string, string> }) {
  const t = useTexts(texts);
  const resource = useApi<Flag>(`/flags/${encodeURIComponent(props.params.id ?? '')}`);
  const [done, setDone] = useState<
    { kind: 'confirmed'; caseId: number | null } | { kind: 'dismissed' }
  >();

  return (
    <section aria-labelledby="flag-title">
      <p>
        <Link href="/flags">{t('back')}</Link>
      </p>
      <Loaded resource={resource}>
        {(flag) => (
          <>
            <FlagHeader flag={flag} />
            {done && <Done done={done} />}
            {flag.state === 'open' && flag.mayDecide && (
              <Decide
                flag={flag}
                onDone={(d) => {
                  setDone(d);
                  resource.reload();
                }}
              />
            )}
            {flag.state === 'open' && !flag.mayDecide && <p class="muted">{t('notMineLong')}</p>}
            {!done && flag.state !== 'open' && <Decided flag={flag} />}
          </>
        )}
      </Loaded>
    </section>
  );
}

function FlagHeader({ flag }: { flag: Flag }) {
  const t = useTexts(texts);
  const states = useTexts(flagStateTexts);
  const tone = flag.state === 'open' ? 'warn' : flag.state === 'confirmed' ? 'ok' : 'plain';
  return (
    <>
      <h1 id="flag-title">{t('flagAbout', { name: flag.cadre.name })}</h1>
      <p>
        <span class={`badge ${tone}`}>{states(flag.state)}</span>
      </p>
      <div class="card">
        <h2 class="visually-hidden">{t('situation')}</h2>
        <p class="situation">
          <strong>{flag.clause}</strong> {flag.situation}
        </p>
        <dl class="facts">
          <dt>{t('cadre')}</dt>
          <dd>
            <Link href={`/cadres/${flag.cadre.id}`}>{flag.cadre.name}</Link>
          </dd>
          <dt>{t('village')}</dt>
          <dd>{flag.village.name}</dd>
          {flag.township && (
            <>
              <dt>{t('township')}</dt>
              <dd>{flag.township.name}</dd>
            </>
          )}
          <dt>{t('unit')}</dt>
          <dd>{flag.dispatchingUnit.name}</dd>
          <dt>{t('raisedOn')}</dt>
          <dd>{formatDay(flag.raisedOn, t.lang)}</dd>
        </dl>
      </div>
      <section class="card" aria-labelledby="flag-detected">
        <h2 id="flag-detected">{t('detected')}</h2>
        <FlagEvidence entries={flag.evidence} />
      </section>
    </>
  );
}

/** Who decided a flag, when, and where it led. */
function Decided({ flag }: { flag: Flag }) {
  const t = useTexts(texts);
  const by = flag.decidedBy
    ? [flag.decidedBy.name, flag.decidedBy.role && roleNames[flag.decidedBy.role][t.lang]]
        .filter(Boolean)
        .join(' · ')
    : '';
  const date = flag.decidedAt ? formatInstant(flag.decidedAt, t.lang) : '';
  return (
    <div class={flag.state === 'confirmed' ? 'notice ok' : 'notice info'}>
      <p>{t(flag.state === 'confirmed' ? 'confirmedBy' : 'dismissedBy', { date, by })}</p>
      {flag.dismissReason && <p>{t('reason', { reason: flag.dismissReason })}</p>}
      {flag.caseId !== null && (
        <Link href={`/cases/${flag.caseId}`} class="button small">
          {t('openCase')}
        </Link>
      )}
    </div>
  );
}

function Done(props: {
  done: { kind: 'confirmed'; caseId: number | null } | { kind: 'dismissed' };
}) {
  const t = useTexts(texts);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const { done } = props;
  return (
    <div class="notice ok" role="status" tabIndex={-1} ref={ref}>
      <p>{t(done.kind === 'confirmed' ? 'confirmed' : 'dismissed')}</p>
      {done.kind === 'confirmed' && done.caseId !== null && (
        <Link href={`/cases/${done.caseId}`} class="button primary">
          {t('openCase')}
        </Link>
      )}
    </div>
  );
}

type Choice = 'confirm' | 'dismiss' | undefined;

function Decide(props: {
  flag: Flag;
  onDone(done: { kind: 'confirmed'; caseId: number | null } | { kind: 'dismissed' }): void;
}) {
  const t = useTexts(texts);
  const [choice, setChoice] = useState<Choice>();
  return (
    <section class="card" aria-labelledby="flag-decide">
      <h2 id="flag-decide">{t('decide')}</h2>
      <p class="muted">{t('decideIntro')}</p>
      <div class="button-row">
        <button
          type="button"
          class={choice === 'confirm' ? 'button primary' : 'button'}
          aria-expanded={choice === 'confirm'}
          aria-controls="flag-confirm-form"
          onClick={() => setChoice(choice === 'confirm' ? undefined : 'confirm')}
        >
          {t('confirm')}
        </button>
        <button
          type="button"
          class={choice === 'dismiss' ? 'button primary' : 'button'}
          aria-expanded={choice === 'dismiss'}
          aria-controls="flag-dismiss-form"
          onClick={() => setChoice(choice === 'dismiss' ? undefined : 'dismiss')}
        >
          {t('dismiss')}
        </button>
      </div>
      {choice === 'confirm' && <ConfirmForm flag={props.flag} onDone={props.onDone} />}
      {choice === 'dismiss' && <DismissForm flag={props.flag} onDone={props.onDone} />}
    </section>
  );
}

function ConfirmForm(props: {
  flag: Flag;
  onDone(done: { kind: 'confirmed'; caseId: number | null }): void;
}) {
  const t = useTexts(texts);
  const [statement, setStatement] = useState('');
  const [missing, setMissing] = useState(false);
  // One key for this form: a retry after a lost answer confirms the flag once.
  const [key] = useState(newKey);
  const confirm = useAction(() =>
    api.post<{ flag: Flag; case: CaseDetail | null }>(`/flags/${props.flag.id}/confirm`, {
      statement,
      idempotencyKey: key,
    }),
  );
  const submit = async (event: Event) => {
    event.preventDefault();
    setMissing(!statement.trim());
    if (!statement.trim()) return;
    const result = await confirm.act();
    if (result) props.onDone({ kind: 'confirmed', caseId: result.case?.id ?? result.flag.caseId });
  };
  const error = confirm.error;
  return (
    <form id="flag-confirm-form" class="action-form" onSubmit={submit} noValidate>
      <TextAreaField
        id="flag-statement"
        label={t('statement')}
        hint={t('statementHint')}
        error={missing ? t('statementMissing') : fieldError(t.lang, error, 'statement')}
        value={statement}
        rows={5}
        onValue={setStatement}
      />
      {!isFieldError(error, ['statement']) && <Refusal error={error} />}
      <button type="submit" class="button primary" disabled={confirm.pending}>
        {confirm.pending ? t('sending') : t('confirmSubmit')}
      </button>
    </form>
  );
}

function DismissForm(props: { flag: Flag; onDone(done: { kind: 'dismissed' }): void }) {
  const t = useTexts(texts);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const dismiss = useAction(() =>
    api.post<{ flag: Flag }>(`/flags/${props.flag.id}/dismiss`, { reason }),
  );
  const submit = async (event: Event) => {
    event.preventDefault();
    setMissing(!reason.trim());
    if (!reason.trim()) return;
    const result = await dismiss.act();
    if (result) props.onDone({ kind: 'dismissed' });
  };
  const error = dismiss.error;
  return (
    <form id="flag-dismiss-form" class="action-form" onSubmit={submit} noValidate>
      <TextAreaField
        id="flag-reason"
        label={t('dismissReason')}
        hint={t('dismissHint')}
        error={missing ? t('reasonMissing') : fieldError(t.lang, error, 'reason')}
        value={reason}
        rows={4}
        onValue={setReason}
      />
      {!isFieldError(error, ['reason']) && <Refusal error={error} />}
      <button type="submit" class="button danger" disabled={dismiss.pending}>
        {dismiss.pending ? t('sending') : t('dismissSubmit')}
      </button>
    </form>
  );
}
