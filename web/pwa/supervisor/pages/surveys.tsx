// Survey management (群众满意度测评, §1.3, §2.3): the surveys in my scope and a form to create one for a
// village; a survey's page with its subjects and tallies, the printed QR slips and the links (both
// shown once), closing it — which evaluates §2.3 and raises flags — and the results as a chart.
import { useEffect, useState } from 'preact/hooks';
import { addDays } from '../../../../core/calendar/local-date';
import { api, type ApiFailure } from '../../shared/api';
import { formatDay, todayInChina } from '../../shared/format';
import { defineTexts, useTexts } from '../../shared/i18n';
import { Link, navigate } from '../../shared/router';
import { Day, Empty, Field, InputField, Loaded, useAction, useApi } from '../../shared/ui';
import { Confirm, CopyButton, fieldError, FormError } from '../components/admin/forms';
import { openPrintable, postForHtml } from '../components/admin/printable';
import { type CadreResult, SurveyChart } from '../components/admin/survey-chart';
import { useRole } from '../session';
import '../components/admin/admin.css';

const texts = defineTexts(
  {
    title: '满意度测评',
    intro: '村民匿名评价驻村干部（§1.3）；满意度低于门槛的，结束测评时产生预警（§2.3）。',
    newSurvey: '新建测评',
    hideForm: '收起',
    village: '村',
    choose: '请选择',
    surveyTitle: '测评名称',
    titlePlaceholder: '例如：2026年下半年群众满意度测评',
    opensOn: '开始日期',
    closesOn: '结束日期',
    create: '创建测评',
    creating: '正在创建…',
    list: '测评列表',
    none: '还没有测评。',
    open: '进行中',
    closed: '已结束',
    period: '{from} 至 {to}',
    responses: '已收回 {n} 份',
    back: '返回测评列表',
    details: '基本情况',
    state: '状态',
    closedOn: '结束于',
    periodLabel: '测评时间',
    chooseVillage: '请选择要测评的村。',
    tokens: '已发测评码',
    received: '已收回',
    subjects: '被测评的驻村干部',
    firstSecretary: '第一书记',
    teamMember: '驻村工作队员',
    slipsTitle: '打印二维码测评条',
    slipsIntro:
      '每张测评条有一个二维码和测评码，只能用一次。系统只保存其摘要，测评条只在生成时显示一次：请立即打印，裁开后随机发放，不要登记领取人。',
    slipsCount: '打印张数（1–500）',
    linksCount: '链接个数（1–500）',
    print: '生成并打印',
    printing: '正在生成…',
    preparing: '正在生成测评条，请稍候…',
    printed: '已生成 {n} 张测评条，已在新窗口打开，请在该窗口中打印。',
    popupBlocked: '浏览器没有打开新窗口。',
    openSheet: '打开测评条页面',
    linksTitle: '生成测评链接',
    linksIntro:
      '用于微信群等发送。每个链接只能用一次，并且只在这里显示这一次：离开本页后无法再看到。',
    issue: '生成链接',
    issuing: '正在生成…',
    issued: '以下 {n} 个链接只显示这一次，请现在复制并发送。',
    copyAll: '复制全部链接',
    copyLink: '复制链接 {i}',
    closeTitle: '结束测评',
    closeIntro: '结束后不能再作答。系统将按 §2.3 计算每名干部的满意度，低于门槛的将产生预警。',
    close: '结束测评…',
    confirmClose: '确认结束',
    closeQuestion: '确定结束“{title}”吗？已收回 {n} 份答卷。结束后不能撤销。',
    closing: '正在结束…',
    closedNow: '测评已结束。',
    flagsRaised: '以下干部满意度低于门槛，已产生预警：',
    flagLink: '{name}：查看预警',
    flagAdded: '{name}：已并入正在办理的预警或整改事项',
    noFlags: '没有干部低于门槛，未产生预警。',
    results: '测评结果',
    provisional: '测评尚未结束：以下为目前收回答卷的统计，结束时才作判定。',
    final: '最终结果（{date}结束）',
    totals: '已发测评码 {tokens} 张，收回 {responses} 份；满意度 =（满意 + 基本满意）÷ 有效票。',
    noResponses: '还没有收回答卷。',
    comments: '村民意见',
    noComments: '没有村民留言。',
    readOnly: '您可以查看测评结果；创建和管理测评由乡镇党委或县委组织部进行。',
  },
  {
    title: 'Satisfaction surveys',
    intro:
      'Villagers rate their cadres anonymously (§1.3); a rate below the threshold raises a flag when the survey closes (§2.3).',
    newSurvey: 'New survey',
    hideForm: 'Hide',
    village: 'Village',
    choose: 'Choose…',
    surveyTitle: 'Title',
    titlePlaceholder: 'e.g. Satisfaction survey, second half of 2026',
    opensOn: 'Opens on',
    closesOn: 'Closes on',
    create: 'Create survey',
    creating: 'Creating…',
    list: 'Surveys',
    none: 'No surveys yet.',
    open: 'Open',
    closed: 'Closed',
    period: '{from} to {to}',
    responses: '{n} responses',
    back: 'Back to the surveys',
    details: 'Details',
    state: 'State',
    closedOn: 'Closed on',
    periodLabel: 'Period',
    chooseVillage: 'Choose the village to survey.',
    tokens: 'Slips and links issued',
    received: 'Responses',
    subjects: 'Cadres rated',
    firstSecretary: 'First secretary',
    teamMember: 'Team member',
    slipsTitle: 'Print QR slips',
    slipsIntro:
      'Each slip has a QR code and a code that work once. Only their hashes are kept, so the slips are shown only when they are made: print them now, cut them apart and hand them out at random, without noting who got which.',
    slipsCount: 'Number of slips (1–500)',
    linksCount: 'Number of links (1–500)',
    print: 'Make and print',
    printing: 'Making…',
    preparing: 'Making the slips, please wait…',
    printed: '{n} slips were made and opened in a new window: print them from there.',
    popupBlocked: 'The browser did not open a new window.',
    openSheet: 'Open the slips',
    linksTitle: 'Issue survey links',
    linksIntro:
      'To send by message. Each link works once and is shown only here, this once: after you leave this page it cannot be seen again.',
    issue: 'Issue links',
    issuing: 'Issuing…',
    issued: 'These {n} links are shown only this once: copy and send them now.',
    copyAll: 'Copy all links',
    copyLink: 'Copy link {i}',
    closeTitle: 'Close the survey',
    closeIntro:
      'Nobody can answer after it closes. Each cadre’s satisfaction rate is evaluated under §2.3; a rate below the threshold raises a flag.',
    close: 'Close the survey…',
    confirmClose: 'Yes, close it',
    closeQuestion: 'Close “{title}”? {n} responses have arrived. This cannot be undone.',
    closing: 'Closing…',
    closedNow: 'The survey is closed.',
    flagsRaised: 'These cadres are below the threshold; a flag was raised for each:',
    flagLink: '{name}: see the flag',
    flagAdded: '{name}: added to the flag or case already open',
    noFlags: 'No cadre is below the threshold; no flag was raised.',
    results: 'Results',
    provisional:
      'The survey is still open: these are the responses so far; the verdict comes when it closes.',
    final: 'Final results (closed on {date})',
    totals:
      '{tokens} slips and links issued, {responses} responses; rate = (satisfied + basically satisfied) ÷ valid responses.',
    noResponses: 'No responses yet.',
    comments: 'Villagers’ comments',
    noComments: 'No comments.',
    readOnly:
      'You can read the results; the township or the county organization department runs surveys.',
  },
);

type SurveyState = 'open' | 'closed';

interface SurveyRow {
  id: number;
  villageId: number;
  village: string;
  title: string;
  opensOn: string;
  closesOn: string;
  state: SurveyState;
  closedOn: string | null;
}

/** A row of the list: the survey with its slips and links issued and its responses received. */
interface ListedSurvey extends SurveyRow {
  tokens: number;
  responses: number;
}

interface Subject {
  cadreId: number;
  name: string;
  role: 'firstSecretary' | 'teamMember';
}

interface SurveyDetail {
  survey: SurveyRow;
  subjects: Subject[];
  tokens: number;
  responses: number;
}

interface Results {
  survey: SurveyRow;
  final: boolean;
  tokens: number;
  responses: number;
  satisfactionThreshold: number;
  minSurveyResponses: number;
  cadres: CadreResult[];
  comments: string[];
}

type Raised = { raised: true; flagId: number } | { raised: false; addedTo: unknown };

interface Closed extends Omit<Results, 'comments' | 'final'> {
  flags: { cadreId: number; flag: Raised }[];
}

interface Village {
  id: number;
  name: string;
}

const runners = ['township', 'county'] as const;

function StateBadge(props: { state: SurveyState }) {
  const t = useTexts(texts);
  return (
    <span class={props.state === 'open' ? 'badge ok' : 'badge'}>
      {props.state === 'open' ? t('open') : t('closed')}
    </span>
  );
}

function Period(props: { from: string; to: string }) {
  const t = useTexts(texts);
  return (
    <>{t('period', { from: formatDay(props.from, t.lang), to: formatDay(props.to, t.lang) })}</>
  );
}

export function SurveysPage() {
  const t = useTexts(texts);
  const runner = useRole(...runners);
  const list = useApi<{ surveys: ListedSurvey[] }>('/surveys');
  const [showForm, setShowForm] = useState(false);
  return (
    <section>
      <h1>{t('title')}</h1>
      <p class="muted">{t('intro')}</p>
      {runner ? (
        showForm ? (
          <div class="card">
            <div class="section-head">
              <h2>{t('newSurvey')}</h2>
              <button type="button" class="button small" onClick={() => setShowForm(false)}>
                {t('hideForm')}
              </button>
            </div>
            <CreateSurveyForm />
          </div>
        ) : (
          <div class="button-row">
            <button type="button" class="button primary" onClick={() => setShowForm(true)}>
              {t('newSurvey')}
            </button>
          </div>
        )
      ) : (
        <p class="notice info">{t('readOnly')}</p>
      )}
      <h2>{t('list')}</h2>
      <Loaded resource={list}>
        {({ surveys }) =>
          surveys.length === 0 ? (
            <Empty>{t('none')}</Empty>
          ) : (
            <ul class="list">
              {surveys.map((s) => (
                <li key={s.id}>
                  <Link href={`/surveys/${s.id}`} class="row-link">
                    <span class="adm-row-head">
                      <strong>{s.title}</strong>
                      <StateBadge state={s.state} />
                    </span>
                    <span class="adm-row-meta">
                      <span>{s.village}</span>
                      <span>
                        <Period from={s.opensOn} to={s.closesOn} />
                      </span>
                      <span>{t('responses', { n: s.responses })}</span>
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

function CreateSurveyForm() {
  const t = useTexts(texts);
  const villages = useApi<Village[]>('/villages');
  const today = todayInChina();
  const [villageId, setVillageId] = useState('');
  const [title, setTitle] = useState('');
  const [opensOn, setOpensOn] = useState(today);
  const [closesOn, setClosesOn] = useState(addDays(today, 14));
  const create = useAction(() =>
    api.post<{ survey: { id: number } }>('/surveys', {
      villageId: villageId ? Number(villageId) : undefined,
      title,
      opensOn,
      closesOn,
    }),
  );
  const [missingVillage, setMissingVillage] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setMissingVillage(!villageId);
    if (!villageId) return;
    const created = await create.act();
    if (created) navigate(`/surveys/${created.survey.id}`);
  };
  const fields = ['villageId', 'title', 'opensOn', 'closesOn'];
  return (
    <form onSubmit={submit} noValidate>
      <FormError error={create.error} fields={fields} />
      <Field
        id="survey-village"
        label={t('village')}
        error={
          missingVillage && !villageId ? t('chooseVillage') : fieldError(create.error, 'villageId')
        }
      >
        {(attrs) => (
          <select
            {...attrs}
            value={villageId}
            onChange={(e) => setVillageId(e.currentTarget.value)}
          >
            <option value="">{t('choose')}</option>
            {(villages.data ?? []).map((v) => (
              <option key={v.id} value={String(v.id)}>
                {v.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <InputField
        id="survey-title"
        label={t('surveyTitle')}
        error={fieldError(create.error, 'title')}
        value={title}
        maxLength={200}
        placeholder={t('titlePlaceholder')}
        onValue={setTitle}
      />
      <div class="adm-cols">
        <InputField
          id="survey-opens"
          label={t('opensOn')}
          error={fieldError(create.error, 'opensOn')}
          type="date"
          value={opensOn}
          onValue={setOpensOn}
        />
        <InputField
          id="survey-closes"
          label={t('closesOn')}
          error={fieldError(create.error, 'closesOn')}
          type="date"
          value={closesOn}
          onValue={setClosesOn}
        />
      </div>
      <button type="submit" class="button primary" disabled={create.pending}>
        {create.pending ? t('creating') : t('create')}
      </button>
    </form>
  );
}

export function SurveyManagePage(props: { params: Record<string, string> }) {
  const t = useTexts(texts);
  const id = props.params.id;
  const detail = useApi<SurveyDetail>(`/surveys/${id}`);
  const results = useApi<Results>(`/surveys/${id}/results`);
  const runner = useRole(...runners);
  const [closed, setClosed] = useState<Closed | undefined>();
  const reload = () => {
    detail.reload();
    results.reload();
  };
  return (
    <section>
      <p>
        <Link href="/surveys">{t('back')}</Link>
      </p>
      <Loaded resource={detail}>
        {({ survey, subjects, tokens, responses }) => (
          <>
            <h1>{survey.title}</h1>
            <dl class="adm-kv">
              <dt>{t('village')}</dt>
              <dd>{survey.village}</dd>
              <dt>{t('state')}</dt>
              <dd>
                <StateBadge state={survey.state} />
                {survey.closedOn && (
                  <>
                    {' '}
                    {t('closedOn')} <Day value={survey.closedOn} />
                  </>
                )}
              </dd>
              <dt>{t('periodLabel')}</dt>
              <dd>
                <Period from={survey.opensOn} to={survey.closesOn} />
              </dd>
              <dt>{t('tokens')}</dt>
              <dd>{tokens}</dd>
              <dt>{t('received')}</dt>
              <dd>{responses}</dd>
            </dl>
            <h2>{t('subjects')}</h2>
            <ul class="list">
              {subjects.map((s) => (
                <li key={s.cadreId}>
                  <Link href={`/cadres/${s.cadreId}`}>{s.name}</Link>{' '}
                  <span class="muted">{t(s.role)}</span>
                </li>
              ))}
            </ul>
            {closed && <CloseOutcome closed={closed} subjects={subjects} />}
            {runner && survey.state === 'open' && (
              <>
                <PrintSlips surveyId={survey.id} onIssued={reload} />
                <IssueLinks surveyId={survey.id} onIssued={reload} />
                <CloseSurvey
                  survey={survey}
                  responses={responses}
                  onClosed={(c) => {
                    setClosed(c);
                    reload();
                  }}
                />
              </>
            )}
          </>
        )}
      </Loaded>
      <h2 id="results">{t('results')}</h2>
      <Loaded resource={results}>{(r) => <ResultsView results={r} />}</Loaded>
    </section>
  );
}

function PrintSlips(props: { surveyId: number; onIssued(): void }) {
  const t = useTexts(texts);
  const [count, setCount] = useState('30');
  const [sheet, setSheet] = useState<{ url: string; opened: boolean; n: number } | undefined>();
  const print = useAction(async (n: number) =>
    openPrintable(
      () => postForHtml(`/surveys/${props.surveyId}/sheet`, { count: n }, t.lang),
      t('preparing'),
    ),
  );
  // A blob: URL lives until the page goes; the window it opened keeps its document.
  useEffect(() => () => sheet && URL.revokeObjectURL(sheet.url), [sheet]);
  const submit = async (event: Event) => {
    event.preventDefault();
    const n = Number(count);
    const made = await print.act(n);
    if (made) {
      setSheet({ ...made, n });
      props.onIssued();
    }
  };
  return (
    <div class="card">
      <h2>{t('slipsTitle')}</h2>
      <p class="muted">{t('slipsIntro')}</p>
      <CountForm
        id="slips-count"
        label={t('slipsCount')}
        count={count}
        onCount={setCount}
        action={print}
        busy={t('printing')}
        go={t('print')}
        onSubmit={submit}
      />
      {sheet && (
        <div class="notice ok" role="status">
          <p>{sheet.opened ? t('printed', { n: sheet.n }) : t('popupBlocked')}</p>
          <a href={sheet.url} target="_blank" rel="noopener">
            {t('openSheet')}
          </a>
        </div>
      )}
    </div>
  );
}

/** A number of tokens (1–500) and the button that makes them, for slips and links alike. */
function CountForm(props: {
  id: string;
  label: string;
  count: string;
  onCount(count: string): void;
  action: { pending: boolean; error: ApiFailure | undefined };
  busy: string;
  go: string;
  onSubmit(event: Event): void;
}) {
  const { error, pending } = props.action;
  return (
    <>
      <form class="adm-inline" onSubmit={props.onSubmit} noValidate>
        <InputField
          id={props.id}
          label={props.label}
          error={fieldError(error, 'count')}
          type="number"
          inputMode="numeric"
          min={1}
          max={500}
          value={props.count}
          onValue={props.onCount}
        />
        <button type="submit" class="button primary" disabled={pending}>
          {pending ? props.busy : props.go}
        </button>
      </form>
      <FormError error={error} fields={['count']} />
    </>
  );
}

function IssueLinks(props: { surveyId: number; onIssued(): void }) {
  const t = useTexts(texts);
  const [count, setCount] = useState('5');
  const [links, setLinks] = useState<string[] | undefined>();
  const issue = useAction((n: number) =>
    api.post<{ tokens: { token: string; link: string }[] }>(`/surveys/${props.surveyId}/tokens`, {
      count: n,
    }),
  );
  const submit = async (event: Event) => {
    event.preventDefault();
    const issued = await issue.act(Number(count));
    if (issued) {
      setLinks(issued.tokens.map((x) => x.link));
      props.onIssued();
    }
  };
  return (
    <div class="card">
      <h2>{t('linksTitle')}</h2>
      <p class="muted">{t('linksIntro')}</p>
      <CountForm
        id="links-count"
        label={t('linksCount')}
        count={count}
        onCount={setCount}
        action={issue}
        busy={t('issuing')}
        go={t('issue')}
        onSubmit={submit}
      />
      {links && (
        <div class="issued-links">
          <p class="notice warn" role="status" id="links-once">
            {t('issued', { n: links.length })}
          </p>
          <div class="button-row">
            <CopyButton text={links.join('\n')} label={t('copyAll')} describedBy="links-once" />
          </div>
          <ol class="adm-links">
            {links.map((link, i) => (
              <li key={link}>
                <code>{link}</code>
                <CopyButton text={link} label={t('copyLink', { i: i + 1 })} />
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}

function CloseSurvey(props: {
  survey: SurveyRow;
  responses: number;
  onClosed(closed: Closed): void;
}) {
  const t = useTexts(texts);
  const close = useAction(() => api.post<Closed>(`/surveys/${props.survey.id}/close`));
  return (
    <div class="card">
      <h2>{t('closeTitle')}</h2>
      <p class="muted">{t('closeIntro')}</p>
      <Confirm
        label={t('close')}
        confirmLabel={close.pending ? t('closing') : t('confirmClose')}
        danger
        pending={close.pending}
        onConfirm={async () => {
          const closed = await close.act();
          if (closed) props.onClosed(closed);
        }}
      >
        <p>{t('closeQuestion', { title: props.survey.title, n: props.responses })}</p>
      </Confirm>
      <FormError error={close.error} fields={[]} />
    </div>
  );
}

function CloseOutcome(props: { closed: Closed; subjects: Subject[] }) {
  const t = useTexts(texts);
  const name = (cadreId: number) =>
    props.subjects.find((s) => s.cadreId === cadreId)?.name ?? `#${cadreId}`;
  const { flags } = props.closed;
  return (
    <div class="notice ok" role="status">
      <p>
        <strong>{t('closedNow')}</strong>
      </p>
      {flags.length === 0 ? (
        <p>{t('noFlags')}</p>
      ) : (
        <>
          <p>{t('flagsRaised')}</p>
          <ul>
            {flags.map(({ cadreId, flag }) => (
              <li key={cadreId}>
                {flag.raised ? (
                  <Link href={`/flags/${flag.flagId}`}>
                    {t('flagLink', { name: name(cadreId) })}
                  </Link>
                ) : (
                  t('flagAdded', { name: name(cadreId) })
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function ResultsView(props: { results: Results }) {
  const t = useTexts(texts);
  const r = props.results;
  return (
    <>
      {r.final && r.survey.closedOn ? (
        <p>
          <strong>{t('final', { date: formatDay(r.survey.closedOn, t.lang) })}</strong>
        </p>
      ) : (
        <p class="notice info">{t('provisional')}</p>
      )}
      <p class="muted">{t('totals', { tokens: r.tokens, responses: r.responses })}</p>
      {r.responses === 0 ? (
        <Empty>{t('noResponses')}</Empty>
      ) : (
        <SurveyChart
          cadres={r.cadres}
          threshold={r.satisfactionThreshold}
          minResponses={r.minSurveyResponses}
        />
      )}
      <h3>{t('comments')}</h3>
      {r.comments.length === 0 ? (
        <Empty>{t('noComments')}</Empty>
      ) : (
        <ul class="adm-comments">
          {r.comments.map((c, i) => (
            <li key={i}>{c}</li>
          ))}
        </ul>
      )}
    </>
  );
}
