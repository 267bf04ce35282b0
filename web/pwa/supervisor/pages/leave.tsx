// Leave (请假审批, §1.2): what waits for my step of the approval chain — the cadre, dates, days,
// reason and the steps so far — with approve or reject and a comment; a decided leave leaves the
// list with a confirmation. Below, the history in my scope, filtered by dates.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, query } from '../../shared/api';
import { formatDay, formatInstant } from '../../shared/format';
import { defineTexts, useTexts } from '../../shared/i18n';
import {
  Empty,
  InputField,
  Loaded,
  type Resource,
  TextAreaField,
  useAction,
  useApi,
} from '../../shared/ui';
import { CountHeading, Refusal } from '../components/work/parts';
import type { Leave, LeaveDecision } from '../components/work/types';
import { leaveKindTexts, leaveStateTexts } from '../components/work/words';
import { roleNames } from '../session';

const texts = defineTexts(
  {
    title: '请假审批',
    waiting: '等待我审批',
    noneWaiting: '没有等待您审批的请假。',
    kind: '类型',
    dates: '日期',
    datesValue: '{from}至{to}',
    days: '天数',
    daysValue: '{n}天',
    reason: '事由',
    noReason: '（未填写）',
    requested: '申请时间',
    chain: '审批流程',
    stepApproved: '已同意',
    stepRejected: '不同意',
    stepMine: '等待您审批',
    stepWaiting: '审批中',
    stepLater: '待审批',
    comment: '审批意见（可选）',
    commentHint: '不同意时，请写明原因，干部会看到。',
    approve: '同意',
    reject: '不同意',
    sending: '正在提交…',
    approved: '已同意{name}的请假（{from}至{to}）。',
    approvedNext: '已同意{name}的请假（{from}至{to}），下一步由{role}审批。',
    rejected: '已不同意{name}的请假（{from}至{to}）。',
    history: '请假记录',
    from: '从',
    to: '到',
    filter: '查询',
    clear: '显示全部',
    noneHistory: '这段时间没有请假记录。',
    cannotRead: '您的单位不审批请假，也不能查看请假记录。',
  },
  {
    title: 'Leave',
    waiting: 'Waiting for my decision',
    noneWaiting: 'No leave is waiting for your decision.',
    kind: 'Kind',
    dates: 'Dates',
    datesValue: '{from} to {to}',
    days: 'Days',
    daysValue: '{n} days',
    reason: 'Reason',
    noReason: '(none given)',
    requested: 'Asked on',
    chain: 'Approval chain',
    stepApproved: 'approved',
    stepRejected: 'rejected',
    stepMine: 'waiting for you',
    stepWaiting: 'waiting',
    stepLater: 'to come',
    comment: 'Comment (optional)',
    commentHint: 'When rejecting, say why: the cadre will see it.',
    approve: 'Approve',
    reject: 'Reject',
    sending: 'Sending…',
    approved: 'You approved {name}’s leave ({from} to {to}).',
    approvedNext: 'You approved {name}’s leave ({from} to {to}); next: {role}.',
    rejected: 'You rejected {name}’s leave ({from} to {to}).',
    history: 'Leave history',
    from: 'From',
    to: 'To',
    filter: 'Show',
    clear: 'Show all',
    noneHistory: 'No leave in this period.',
    cannotRead: 'Your office neither approves leave nor reads it.',
  },
);

export function LeavePage() {
  const t = useTexts(texts);
  const waiting = useApi<{ leave: Leave[] }>('/leave/waiting');
  const [range, setRange] = useState({ from: '', to: '' });
  const history = useApi<{ leave: Leave[] }>(`/leave${query(range)}`);
  const [decided, setDecided] = useState<number[]>([]);
  const [confirmation, setConfirmation] = useState<string>();

  const forbidden = (e: { status: number } | undefined) => e?.status === 403;
  if (forbidden(waiting.error) && forbidden(history.error)) {
    return (
      <section>
        <h1>{t('title')}</h1>
        <p class="muted">{t('cannotRead')}</p>
      </section>
    );
  }

  const onDecided = (leave: Leave, result: LeaveDecision) => {
    const params = {
      name: leave.cadreName,
      from: formatDay(leave.startsOn, t.lang),
      to: formatDay(leave.endsOn, t.lang),
      role: result.next ? roleNames[result.next][t.lang] : '',
    };
    setConfirmation(
      result.decision === 'rejected'
        ? t('rejected', params)
        : result.next
          ? t('approvedNext', params)
          : t('approved', params),
    );
    setDecided((ids) => [...ids, leave.id]);
    history.reload();
  };

  return (
    <section aria-labelledby="leave-title">
      <h1 id="leave-title">{t('title')}</h1>
      {confirmation && <Confirmation key={confirmation} text={confirmation} />}
      {!forbidden(waiting.error) && (
        <section class="work-section" aria-labelledby="leave-waiting">
          <Loaded resource={waiting}>
            {({ leave }) => {
              const open = leave.filter((l) => !decided.includes(l.id));
              return (
                <>
                  <CountHeading id="leave-waiting" count={open.length}>
                    {t('waiting')}
                  </CountHeading>
                  {open.length === 0 ? (
                    <Empty>{t('noneWaiting')}</Empty>
                  ) : (
                    <ul class="work-list">
                      {open.map((l) => (
                        <WaitingLeave key={l.id} leave={l} onDecided={onDecided} />
                      ))}
                    </ul>
                  )}
                </>
              );
            }}
          </Loaded>
        </section>
      )}
      <History resource={history} range={range} onRange={setRange} />
    </section>
  );
}

function Confirmation(props: { text: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div class="notice ok" role="status" tabIndex={-1} ref={ref}>
      {props.text}
    </div>
  );
}

function LeaveFacts({ leave }: { leave: Leave }) {
  const t = useTexts(texts);
  const kinds = useTexts(leaveKindTexts);
  return (
    <dl class="facts">
      <dt>{t('kind')}</dt>
      <dd>{kinds(leave.kind)}</dd>
      <dt>{t('dates')}</dt>
      <dd>
        {t('datesValue', {
          from: formatDay(leave.startsOn, t.lang),
          to: formatDay(leave.endsOn, t.lang),
        })}
      </dd>
      <dt>{t('days')}</dt>
      <dd>{t('daysValue', { n: leave.days })}</dd>
      <dt>{t('reason')}</dt>
      <dd>{leave.reason || t('noReason')}</dd>
      <dt>{t('requested')}</dt>
      <dd>{formatInstant(leave.requestedAt, t.lang)}</dd>
    </dl>
  );
}

/** The approval chain: each office, what it decided and when, and the step now waiting. */
function Chain({ leave, mine }: { leave: Leave; mine: boolean }) {
  const t = useTexts(texts);
  return (
    <ol class="chain">
      {leave.approvalChain.map((role, step) => {
        const decision = leave.approvals.find((a) => a.step === step);
        const name = roleNames[role]?.[t.lang] ?? role;
        if (decision) {
          return (
            <li key={step}>
              <span class={decision.decision === 'approved' ? 'badge ok' : 'badge bad'}>
                {t(decision.decision === 'approved' ? 'stepApproved' : 'stepRejected')}
              </span>{' '}
              {name} · {decision.by} · {formatInstant(decision.decidedAt, t.lang)}
              {decision.comment && <span class="row-meta">“{decision.comment}”</span>}
            </li>
          );
        }
        const waiting = leave.state === 'pending' && leave.approvals.length === step;
        return (
          <li key={step}>
            <span class={waiting ? 'badge warn' : 'badge plain'}>
              {t(waiting ? (mine ? 'stepMine' : 'stepWaiting') : 'stepLater')}
            </span>{' '}
            {name}
          </li>
        );
      })}
    </ol>
  );
}

function WaitingLeave(props: { leave: Leave; onDecided(leave: Leave, r: LeaveDecision): void }) {
  const t = useTexts(texts);
  const { leave } = props;
  const [comment, setComment] = useState('');
  const decide = useAction((decision: 'approved' | 'rejected') =>
    api.post<LeaveDecision>(`/leave/${leave.id}/decision`, {
      decision,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    }),
  );
  const send = async (decision: 'approved' | 'rejected') => {
    const result = await decide.act(decision);
    if (result) props.onDecided(leave, result);
  };
  const headingId = `leave-${leave.id}-name`;
  return (
    <li class="card leave-card" id={`leave-${leave.id}`}>
      <h3 id={headingId}>
        {leave.cadreName} · {leave.village}
      </h3>
      <LeaveFacts leave={leave} />
      <h4 class="chain-title">{t('chain')}</h4>
      <Chain leave={leave} mine />
      <form onSubmit={(e) => e.preventDefault()} noValidate>
        <TextAreaField
          id={`leave-${leave.id}-comment`}
          label={t('comment')}
          hint={t('commentHint')}
          rows={2}
          value={comment}
          onValue={setComment}
        />
        <Refusal error={decide.error} />
        <div class="button-row">
          <button
            type="button"
            class="button primary"
            disabled={decide.pending}
            onClick={() => void send('approved')}
            aria-describedby={headingId}
          >
            {decide.pending ? t('sending') : t('approve')}
          </button>
          <button
            type="button"
            class="button danger"
            disabled={decide.pending}
            onClick={() => void send('rejected')}
            aria-describedby={headingId}
          >
            {t('reject')}
          </button>
        </div>
      </form>
    </li>
  );
}

function History(props: {
  resource: Resource<{ leave: Leave[] }>;
  range: { from: string; to: string };
  onRange(range: { from: string; to: string }): void;
}) {
  const t = useTexts(texts);
  const states = useTexts(leaveStateTexts);
  const kinds = useTexts(leaveKindTexts);
  const [from, setFrom] = useState(props.range.from);
  const [to, setTo] = useState(props.range.to);
  if (props.resource.error?.status === 403) return null;
  const tone = (s: Leave['state']) =>
    s === 'approved'
      ? 'badge ok'
      : s === 'rejected'
        ? 'badge bad'
        : s === 'pending'
          ? 'badge warn'
          : 'badge plain';
  return (
    <section class="work-section" aria-labelledby="leave-history">
      <h2 id="leave-history">{t('history')}</h2>
      <form
        class="card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          props.onRange({ from, to });
        }}
      >
        <div class="inline-fields">
          <InputField
            id="leave-from"
            label={t('from')}
            type="date"
            value={from}
            onValue={setFrom}
          />
          <InputField id="leave-to" label={t('to')} type="date" value={to} onValue={setTo} />
        </div>
        <div class="button-row">
          <button type="submit" class="button">
            {t('filter')}
          </button>
          {(props.range.from || props.range.to) && (
            <button
              type="button"
              class="button"
              onClick={() => {
                setFrom('');
                setTo('');
                props.onRange({ from: '', to: '' });
              }}
            >
              {t('clear')}
            </button>
          )}
        </div>
      </form>
      <Loaded resource={props.resource}>
        {({ leave }) =>
          leave.length === 0 ? (
            <Empty>{t('noneHistory')}</Empty>
          ) : (
            <ul class="list">
              {leave.map((l) => (
                <li key={l.id}>
                  <span class="row-title">
                    {l.cadreName} · {l.village}
                  </span>
                  <span class="row-line">
                    {kinds(l.kind)} ·{' '}
                    {t('datesValue', {
                      from: formatDay(l.startsOn, t.lang),
                      to: formatDay(l.endsOn, t.lang),
                    })}{' '}
                    · {t('daysValue', { n: l.days })}
                  </span>
                  <span class="row-badges">
                    <span class={tone(l.state)}>{states(l.state)}</span>
                  </span>
                  <details>
                    <summary>{t('chain')}</summary>
                    <Chain leave={l} mine={false} />
                  </details>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}
