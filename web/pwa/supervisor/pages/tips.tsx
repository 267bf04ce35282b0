// The tips inbox (举报, §2.12) for discipline inspection and the county organization department: the
// list shows no content; opening a tip decrypts it and is audited. On a tip: the messages with the
// tipster, a reply (read with the receipt code), its status, and "verified", which opens a case.
import { useState } from 'preact/hooks';
import { situations } from '../../../../core/situations/catalogue';
import { api } from '../../shared/api';
import { todayInChina } from '../../shared/format';
import { defineTexts, useTexts } from '../../shared/i18n';
import { Link } from '../../shared/router';
import {
  Day,
  Empty,
  ErrorNotice,
  Field,
  InputField,
  Loaded,
  TextAreaField,
  useAction,
  useApi,
} from '../../shared/ui';
import { fieldError, FormError } from '../components/admin/forms';
import '../components/admin/admin.css';

const texts = defineTexts(
  {
    title: '举报',
    intro:
      '列表不显示举报内容。打开一条举报即解密其内容，每次查看都会记入审计日志。举报人的身份无法从系统中得知。',
    filter: '按状态筛选',
    all: '全部',
    none: '没有举报。',
    received: '新收到',
    inProgress: '办理中',
    verified: '已核实',
    unfounded: '不属实',
    closed: '已办结',
    receivedOn: '收到于',
    place: '涉及地点',
    noPlace: '未识别地点',
    messages: '{n} 条消息',
    open: '打开',
    back: '返回举报列表',
    audited: '您查看这条举报的操作已记入审计日志（时间、账号）。',
    tipTitle: '举报详情',
    status: '状态',
    subject: '反映对象',
    situation: '情形',
    other: '其他',
    when: '时间',
    where: '地点',
    details: '具体内容',
    files: '附件 {n} 个（在机器人中查看）',
    thread: '与举报人的往来消息',
    noMessages: '还没有往来消息。',
    tipster: '举报人',
    handler: '办理人员',
    reply: '回复举报人',
    replyHint: '举报人凭回执码查看回复。请勿在回复中透露举报人身份。',
    send: '发送回复',
    sending: '正在发送…',
    sent: '回复已发送。',
    closedNoReply: '这条举报已办结，不能再回复。',
    setStatus: '更改状态',
    newStatus: '新状态',
    save: '保存状态',
    saving: '正在保存…',
    statusSaved: '状态已更新。',
    verifyTitle: '核实属实：对驻村干部立案',
    verifyIntro: '经核查举报反映的问题属实的，按 §2.12 对该干部启动教育整改（联合调查，§3.3）。',
    cadre: '驻村干部',
    choose: '请选择',
    date: '核实日期',
    findings: '核查结论',
    verify: '记录核实并立案',
    verifying: '正在立案…',
    caseOpened: '已立案。',
    openCase: '查看整改事项',
    verifiedAlready: '这条举报已核实。',
    subjectCadre: '查看被举报干部',
  },
  {
    title: 'Tips',
    intro:
      'The list shows no content. Opening a tip decrypts it, and every reading is recorded in the audit log. Nothing here can tell who the tipster is.',
    filter: 'Filter by status',
    all: 'All',
    none: 'No tips.',
    received: 'New',
    inProgress: 'In progress',
    verified: 'Verified',
    unfounded: 'Unfounded',
    closed: 'Closed',
    receivedOn: 'Received',
    place: 'Place',
    noPlace: 'Place not recognised',
    messages: '{n} messages',
    open: 'Open',
    back: 'Back to the tips',
    audited: 'Your reading of this tip has been recorded in the audit log (time and account).',
    tipTitle: 'Tip',
    status: 'Status',
    subject: 'About',
    situation: 'Situation',
    other: 'Other',
    when: 'When',
    where: 'Where',
    details: 'Details',
    files: '{n} attachments (see them in the bot)',
    thread: 'Messages with the tipster',
    noMessages: 'No messages yet.',
    tipster: 'Tipster',
    handler: 'Handler',
    reply: 'Reply to the tipster',
    replyHint:
      'The tipster reads replies with the receipt code. Never reveal who the tipster is in a reply.',
    send: 'Send reply',
    sending: 'Sending…',
    sent: 'Reply sent.',
    closedNoReply: 'This tip is closed: no more replies.',
    setStatus: 'Change the status',
    newStatus: 'New status',
    save: 'Save status',
    saving: 'Saving…',
    statusSaved: 'Status updated.',
    verifyTitle: 'Verified: open a case about a cadre',
    verifyIntro:
      'When the facts of the tip are verified, rectification starts for the cadre under §2.12 (joint investigation, §3.3).',
    cadre: 'Cadre',
    choose: 'Choose…',
    date: 'Verified on',
    findings: 'Findings',
    verify: 'Record and open the case',
    verifying: 'Opening the case…',
    caseOpened: 'The case is open.',
    openCase: 'See the case',
    verifiedAlready: 'This tip is verified.',
    subjectCadre: 'See the cadre',
  },
);

type Status = 'received' | 'inProgress' | 'verified' | 'unfounded' | 'closed';
const statuses: Status[] = ['received', 'inProgress', 'verified', 'unfounded', 'closed'];
/** What PUT /tips/:id/status accepts; verified goes through /verify. */
const settable = ['inProgress', 'unfounded', 'closed'] as const;

interface TipRow {
  id: string;
  status: Status;
  receivedOn: string;
  place: string | null;
  messages: number;
}

interface Tip {
  id: string;
  status: Status;
  receivedOn: string;
  place: string | null;
  subjectCadreId: number | null;
  content: {
    subject: string;
    situation: string;
    when: string | null;
    where: string | null;
    details: string;
    files: unknown[];
  };
  messages: {
    id: number;
    author: 'tipster' | 'handler';
    sentOn: string;
    content: { text: string | null; files: unknown[] };
  }[];
}

interface CadreOption {
  id: number;
  name: string;
  assignment: { village: { name: string } };
}

function StatusBadge(props: { status: Status }) {
  const t = useTexts(texts);
  const kind =
    props.status === 'received'
      ? 'badge warn'
      : props.status === 'verified'
        ? 'badge bad'
        : props.status === 'inProgress'
          ? 'badge'
          : 'badge ok';
  return <span class={kind}>{t(props.status)}</span>;
}

export function TipsPage() {
  const t = useTexts(texts);
  const [status, setStatus] = useState('');
  const list = useApi<TipRow[]>(`/tips${status ? `?status=${status}` : ''}`);
  return (
    <section>
      <h1>{t('title')}</h1>
      <p class="notice info">{t('intro')}</p>
      <Field id="tips-status" label={t('filter')}>
        {(attrs) => (
          <select {...attrs} value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
            <option value="">{t('all')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(s)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Loaded resource={list}>
        {(tips) =>
          tips.length === 0 ? (
            <Empty>{t('none')}</Empty>
          ) : (
            <ul class="list">
              {tips.map((tip) => (
                <li key={tip.id}>
                  <Link href={`/tips/${tip.id}`} class="row-link">
                    <span class="adm-row-head">
                      <strong>
                        {t('receivedOn')} <Day value={tip.receivedOn} />
                      </strong>
                      <StatusBadge status={tip.status} />
                    </span>
                    <span class="adm-row-meta">
                      <span>{tip.place ?? t('noPlace')}</span>
                      <span>{t('messages', { n: tip.messages })}</span>
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}

export function TipPage(props: { params: Record<string, string> }) {
  const t = useTexts(texts);
  const tip = useApi<Tip>(`/tips/${props.params.id}`);
  return (
    <section>
      <p>
        <Link href="/tips">{t('back')}</Link>
      </p>
      <h1>{t('tipTitle')}</h1>
      <Loaded resource={tip}>
        {(data) => (
          <>
            <p class="notice warn" role="note">
              {t('audited')}
            </p>
            <TipContent tip={data} />
            <Thread tip={data} onSent={tip.reload} />
            <StatusForm tip={data} onSaved={tip.reload} />
            <VerifyForm tip={data} onVerified={tip.reload} />
          </>
        )}
      </Loaded>
    </section>
  );
}

function TipContent(props: { tip: Tip }) {
  const t = useTexts(texts);
  const { tip } = props;
  const situation = situations.find((s) => s.id === tip.content.situation);
  return (
    <div class="card">
      <dl class="adm-kv">
        <dt>{t('status')}</dt>
        <dd>
          <StatusBadge status={tip.status} />
        </dd>
        <dt>{t('receivedOn')}</dt>
        <dd>
          <Day value={tip.receivedOn} />
        </dd>
        <dt>{t('place')}</dt>
        <dd>{tip.place ?? t('noPlace')}</dd>
        <dt>{t('subject')}</dt>
        <dd>{tip.content.subject}</dd>
        <dt>{t('situation')}</dt>
        <dd>
          {situation
            ? `§${situation.id} ${t.lang === 'en' ? situation.en : situation.zh}`
            : t('other')}
        </dd>
        {tip.content.when && (
          <>
            <dt>{t('when')}</dt>
            <dd>{tip.content.when}</dd>
          </>
        )}
        {tip.content.where && (
          <>
            <dt>{t('where')}</dt>
            <dd>{tip.content.where}</dd>
          </>
        )}
      </dl>
      <h2>{t('details')}</h2>
      <p class="tip-text">{tip.content.details}</p>
      {tip.content.files.length > 0 && (
        <p class="muted">{t('files', { n: tip.content.files.length })}</p>
      )}
    </div>
  );
}

function Thread(props: { tip: Tip; onSent(): void }) {
  const t = useTexts(texts);
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const send = useAction(() => api.post(`/tips/${props.tip.id}/messages`, { text }));
  const submit = async (event: Event) => {
    event.preventDefault();
    setSent(false);
    const ok = await send.act();
    if (ok) {
      setText('');
      setSent(true);
      props.onSent();
    }
  };
  return (
    <div class="card">
      <h2>{t('thread')}</h2>
      {props.tip.messages.length === 0 ? (
        <Empty>{t('noMessages')}</Empty>
      ) : (
        <ol class="adm-messages">
          {props.tip.messages.map((m) => (
            <li key={m.id} class={m.author}>
              <span class="who">
                {t(m.author)} · <Day value={m.sentOn} />
              </span>
              <p class="tip-text">{m.content.text}</p>
              {m.content.files.length > 0 && (
                <p class="muted">{t('files', { n: m.content.files.length })}</p>
              )}
            </li>
          ))}
        </ol>
      )}
      {props.tip.status === 'closed' ? (
        <p class="muted">{t('closedNoReply')}</p>
      ) : (
        <form onSubmit={submit} noValidate>
          <FormError error={send.error} fields={['text']} />
          <TextAreaField
            id="tip-reply"
            label={t('reply')}
            hint={t('replyHint')}
            error={fieldError(send.error, 'text')}
            value={text}
            maxLength={4000}
            onValue={setText}
          />
          <button type="submit" class="button primary" disabled={send.pending}>
            {send.pending ? t('sending') : t('send')}
          </button>
          {sent && (
            <p class="notice ok" role="status">
              {t('sent')}
            </p>
          )}
        </form>
      )}
    </div>
  );
}

function StatusForm(props: { tip: Tip; onSaved(): void }) {
  const t = useTexts(texts);
  const [status, setStatus] = useState<string>(
    (settable as readonly string[]).includes(props.tip.status) ? props.tip.status : 'inProgress',
  );
  const [saved, setSaved] = useState(false);
  const save = useAction(() => api.put(`/tips/${props.tip.id}/status`, { status }));
  const submit = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    const ok = await save.act();
    if (ok) {
      setSaved(true);
      props.onSaved();
    }
  };
  return (
    <div class="card">
      <h2>{t('setStatus')}</h2>
      <form class="adm-inline" onSubmit={submit} noValidate>
        <Field id="tip-status" label={t('newStatus')} error={fieldError(save.error, 'status')}>
          {(attrs) => (
            <select {...attrs} value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
              {settable.map((s) => (
                <option key={s} value={s}>
                  {t(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" class="button" disabled={save.pending}>
          {save.pending ? t('saving') : t('save')}
        </button>
      </form>
      <FormError error={save.error} fields={['status']} />
      {saved && (
        <p class="notice ok" role="status">
          {t('statusSaved')}
        </p>
      )}
    </div>
  );
}

function VerifyForm(props: { tip: Tip; onVerified(): void }) {
  const t = useTexts(texts);
  const [open, setOpen] = useState(false);
  const [cadreId, setCadreId] = useState('');
  const [date, setDate] = useState(todayInChina());
  const [findings, setFindings] = useState('');
  const [caseId, setCaseId] = useState<number | undefined>();
  const cadres = useApi<{ cadres: CadreOption[] }>(open ? '/cadres?limit=1000' : undefined);
  const verify = useAction(() =>
    api.post<{ caseId: number }>(`/tips/${props.tip.id}/verify`, {
      cadreId: cadreId ? Number(cadreId) : undefined,
      date,
      findings,
    }),
  );
  const submit = async (event: Event) => {
    event.preventDefault();
    const done = await verify.act();
    if (done) {
      setCaseId(done.caseId);
      props.onVerified();
    }
  };
  if (caseId !== undefined) {
    return (
      <div class="notice ok" role="status">
        <p>{t('caseOpened')}</p>
        <Link href={`/cases/${caseId}`}>{t('openCase')}</Link>
      </div>
    );
  }
  if (props.tip.status === 'verified') {
    return (
      <div class="card">
        <p>{t('verifiedAlready')}</p>
        {props.tip.subjectCadreId !== null && (
          <Link href={`/cadres/${props.tip.subjectCadreId}`}>{t('subjectCadre')}</Link>
        )}
      </div>
    );
  }
  const fields = ['cadreId', 'date', 'findings'];
  return (
    <div class="card">
      <h2>{t('verifyTitle')}</h2>
      <p class="muted">{t('verifyIntro')}</p>
      {!open ? (
        <button type="button" class="button" onClick={() => setOpen(true)}>
          {t('verify')}…
        </button>
      ) : (
        <form onSubmit={submit} noValidate>
          <FormError error={verify.error} fields={fields} />
          {cadres.error && <ErrorNotice error={cadres.error} />}
          <Field id="verify-cadre" label={t('cadre')} error={fieldError(verify.error, 'cadreId')}>
            {(attrs) => (
              <select
                {...attrs}
                value={cadreId}
                onChange={(e) => setCadreId(e.currentTarget.value)}
              >
                <option value="">{t('choose')}</option>
                {(cadres.data?.cadres ?? []).map((c) => (
                  <option key={c.id} value={String(c.id)}>
                    {c.name}（{c.assignment.village.name}）
                  </option>
                ))}
              </select>
            )}
          </Field>
          <InputField
            id="verify-date"
            label={t('date')}
            error={fieldError(verify.error, 'date')}
            type="date"
            value={date}
            onValue={setDate}
          />
          <TextAreaField
            id="verify-findings"
            label={t('findings')}
            error={fieldError(verify.error, 'findings')}
            value={findings}
            maxLength={4000}
            onValue={setFindings}
          />
          <button type="submit" class="button primary" disabled={verify.pending}>
            {verify.pending ? t('verifying') : t('verify')}
          </button>
        </form>
      )}
    </div>
  );
}
