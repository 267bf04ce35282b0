// A cadre's page: the assignment, each month as core evaluates it (linking to its calendar), the
// 民情日记 of the last 90 days, inspections, reviews, survey results, cases and the ledger with its
// downloads. Each section folds; a row of links at the top jumps to them. A section the role may not
// read (403) is left out, silently.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, type ApiFailure } from '../../shared/api';
import { formatDay, formatMonth } from '../../shared/format';
import { defineTexts, useTexts } from '../../shared/i18n';
import { Link } from '../../shared/router';
import { Day, Empty, Loaded, type Resource, useApi } from '../../shared/ui';
import type {
  Assignment,
  CadreDetail,
  CadreMonths,
  Diary,
  Inspections,
} from '../components/people/data';
import { MonthBadges } from '../components/people/month-status';
import { peopleWords } from '../components/people/words';
import { useRole } from '../session';
import '../components/people/people.css';

const texts = defineTexts(
  {
    contents: '本页内容',
    assignment: '派驻',
    months: '每月在村',
    diary: '民情日记',
    inspections: '督查',
    reviews: '述职述评与年度考核',
    surveys: '满意度测评',
    cases: '教育整改',
    ledger: '工作台账',
    show: '展开',
    hide: '收起',
    village: '驻村',
    role: '身份',
    period: '任期',
    since: '{from} 起',
    range: '{from} 至 {to}',
    unit: '派出单位',
    level: '选派层级',
    title: '职务',
    phone: '电话',
    earlier: '此前的派驻',
    noAssignment: '这名干部目前不在您管理范围内的村驻村。',
    monthFigures: '在村 {in} 天 · 应驻 {req} 天 · 请假 {just} 天 · 日记 {diary} 篇',
    noMonths: '还没有可统计的月份。',
    diaryRange: '最近 90 天（{from} 至 {to}），最新的在前。',
    noDiary: '最近 90 天没有民情日记。',
    photo: '附照片',
    voice: '附语音',
    showAll: '显示全部 {n} 篇',
    truncated: '只显示了最近的 {n} 篇。',
    present: '✓ 在岗',
    absent: '✗ 不在岗',
    by: '督查：{name}',
    noInspections: '没有督查记录。',
    record: '记录督查',
    half: '{year}年上半年述职述评',
    annual: '{year}年度考核',
    recordedOn: '评定于',
    sanction: '处理：',
    bonus: '扣发年度目标绩效奖 {n}%',
    talk: '诫勉谈话',
    noReviews: '没有述职述评或年度考核记录。',
    rate: '满意率 {rate}%（{n} 份有效答卷）',
    tooFew: '有效答卷不足（{n} 份），不计满意率',
    below: '✗ 低于 {t}%',
    above: '✓ 不低于 {t}%',
    surveyOpen: '进行中',
    surveyClosed: '已结束',
    noSurveys: '没有涉及这名干部的测评。',
    caseOpen: '进行中',
    caseClosed: '已结案',
    openedOn: '立案',
    noCases: '没有教育整改记录。',
    ledgerRows: '台账共 {n} 行（案件步骤、期限和处理措施）。',
    ledgerEmpty: '台账中还没有记录（没有教育整改案件或处理措施）。',
    csv: '下载 CSV',
    xlsx: '下载 Excel（XLSX）',
    excellent: '优秀',
    competent: '称职',
    basically_competent: '基本称职',
    incompetent: '不称职',
    qualified: '合格',
    basically_qualified: '基本合格',
    unqualified: '不合格',
  },
  {
    contents: 'On this page',
    assignment: 'Assignment',
    months: 'Months',
    diary: 'Diary',
    inspections: 'Inspections',
    reviews: 'Reviews and assessments',
    surveys: 'Satisfaction surveys',
    cases: 'Cases',
    ledger: 'Ledger',
    show: 'Show',
    hide: 'Hide',
    village: 'Village',
    role: 'Role',
    period: 'Dates',
    since: 'since {from}',
    range: '{from} to {to}',
    unit: 'Dispatching unit',
    level: 'Sent by',
    title: 'Position',
    phone: 'Phone',
    earlier: 'Earlier assignments',
    noAssignment: 'This cadre is not stationed in a village in your area now.',
    monthFigures: '{in} days in village · {req} required · {just} on leave · {diary} diary entries',
    noMonths: 'No month to count yet.',
    diaryRange: 'The last 90 days ({from} to {to}), newest first.',
    noDiary: 'No diary entries in the last 90 days.',
    photo: 'photo',
    voice: 'voice note',
    showAll: 'Show all {n}',
    truncated: 'Only the latest {n} entries are shown.',
    present: '✓ Present',
    absent: '✗ Absent',
    by: 'By {name}',
    noInspections: 'No inspections.',
    record: 'Record an inspection',
    half: 'Half-year review {year}',
    annual: 'Annual assessment {year}',
    recordedOn: 'Decided on',
    sanction: 'Sanction: ',
    bonus: 'annual bonus withheld {n}%',
    talk: 'admonishment talk',
    noReviews: 'No reviews or assessments.',
    rate: 'Satisfaction {rate}% ({n} valid answers)',
    tooFew: 'Too few valid answers ({n}) for a rate',
    below: '✗ Below {t}%',
    above: '✓ At least {t}%',
    surveyOpen: 'Open',
    surveyClosed: 'Closed',
    noSurveys: 'No survey concerns this cadre.',
    caseOpen: 'Open',
    caseClosed: 'Closed',
    openedOn: 'Opened',
    noCases: 'No cases.',
    ledgerRows: 'The ledger has {n} rows (case steps, deadlines and sanctions).',
    ledgerEmpty: 'The ledger is empty (no cases or sanctions).',
    csv: 'Download CSV',
    xlsx: 'Download Excel (XLSX)',
    excellent: 'Excellent',
    competent: 'Competent',
    basically_competent: 'Basically competent',
    incompetent: 'Incompetent',
    qualified: 'Qualified',
    basically_qualified: 'Basically qualified',
    unqualified: 'Unqualified',
  },
);

type Key = keyof (typeof texts)['zh-CN'];
type T = ReturnType<typeof useTexts<Key>>;

/** A section is shown unless the role may not read it (403) or its resource is missing (404). */
const hidden = (r: { error?: ApiFailure }) => r.error?.status === 403;

interface Reviews {
  reviews: {
    id: number;
    period: string;
    rating: Key;
    recordedOn: string;
    recordedBy: string | null;
    note: string | null;
    sanction: { bonusWithheld: number; admonitionTalk: boolean; lapsedOn: string | null } | null;
  }[];
}

interface Cases {
  cases: {
    id: number;
    clause: string;
    situation: string;
    state: 'open' | 'closed';
    openedOn: string;
    closedOn: string | null;
  }[];
}

interface Ledger {
  rows: unknown[];
}

interface SurveyRow {
  id: number;
  title: string;
  village: string;
  closesOn: string;
  state: 'open' | 'closed';
}

interface SurveyOfCadre {
  survey: SurveyRow;
  satisfactionThreshold: number;
  cadre: {
    responses: number;
    satisfactionRate: number | null;
    valid: boolean;
    belowThreshold: boolean;
  };
}

export function CadrePage(props: { params: Record<string, string> }) {
  const id = Number(props.params.id);
  const detail = useApi<CadreDetail>(`/cadres/${id}`);
  return <Loaded resource={detail}>{(cadre) => <CadreView cadre={cadre} key={cadre.id} />}</Loaded>;
}

function CadreView(props: { cadre: CadreDetail }) {
  const t = useTexts(texts);
  const { cadre } = props;
  const id = cadre.id;
  const months = useApi<CadreMonths>(`/cadres/${id}/months`);
  const diary = useApi<Diary>(`/cadres/${id}/diary`);
  const inspections = useApi<Inspections>(`/inspections?cadreId=${id}`);
  const reviews = useApi<Reviews>(`/reviews?cadreId=${id}`);
  const cases = useApi<Cases>(`/cases?cadreId=${id}`);
  const ledger = useApi<Ledger>(`/ledger/cadres/${id}`);
  const surveys = useSurveysOf(cadre);

  const sections: { id: string; title: Key; show: boolean; body: ComponentChildren }[] = [
    {
      id: 'assignment',
      title: 'assignment',
      show: true,
      body: <AssignmentSection cadre={cadre} t={t} />,
    },
    {
      id: 'months',
      title: 'months',
      show: !hidden(months),
      body: <MonthsSection r={months} t={t} />,
    },
    { id: 'diary', title: 'diary', show: !hidden(diary), body: <DiarySection r={diary} t={t} /> },
    {
      id: 'inspections',
      title: 'inspections',
      show: !hidden(inspections),
      body: <InspectionsSection r={inspections} cadreId={id} t={t} />,
    },
    {
      id: 'reviews',
      title: 'reviews',
      show: !hidden(reviews),
      body: <ReviewsSection r={reviews} t={t} />,
    },
    {
      id: 'surveys',
      title: 'surveys',
      show: surveys.show,
      body: <SurveysSection s={surveys} t={t} />,
    },
    { id: 'cases', title: 'cases', show: !hidden(cases), body: <CasesSection r={cases} t={t} /> },
    {
      id: 'ledger',
      title: 'ledger',
      show: !hidden(ledger),
      body: <LedgerSection r={ledger} cadreId={id} t={t} />,
    },
  ];
  const shown = sections.filter((s) => s.show);

  return (
    <>
      <h1>{cadre.name}</h1>
      {cadre.title && <p class="muted">{cadre.title}</p>}
      <nav aria-label={t('contents')}>
        <ul class="people-toc">
          {shown.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{t(s.title)}</a>
            </li>
          ))}
        </ul>
      </nav>
      {shown.map((s) => (
        <Section key={s.id} id={s.id} title={t(s.title)} t={t}>
          {s.body}
        </Section>
      ))}
    </>
  );
}

/** A section that folds: its heading holds the button (the disclosure pattern). */
function Section(props: { id: string; title: string; t: T; children: ComponentChildren }) {
  const [open, setOpen] = useState(true);
  const body = `${props.id}-body`;
  return (
    <section id={props.id} class="card people-section" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`} class="people-section-head">
        <button
          type="button"
          aria-expanded={open}
          aria-controls={body}
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> {props.title}
        </button>
      </h2>
      <div id={body} hidden={!open}>
        {props.children}
      </div>
    </section>
  );
}

function AssignmentSection(props: { cadre: CadreDetail; t: T }) {
  const { cadre, t } = props;
  const words = useTexts(peopleWords);
  const current = cadre.current;
  const earlier = cadre.assignments.filter((a) => a.id !== current?.id);
  return (
    <>
      {current ? (
        <AssignmentFacts a={current} cadre={cadre} t={t} />
      ) : (
        <p class="muted">{t('noAssignment')}</p>
      )}
      {earlier.length > 0 && (
        <>
          <h3>{t('earlier')}</h3>
          <ul class="people-plain">
            {earlier.map((a) => (
              <li key={a.id}>
                {a.village.name} · {words(a.role)} · <Dates a={a} t={t} />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function Dates(props: { a: Pick<Assignment, 'startsOn' | 'endsOn'>; t: T }) {
  const { a, t } = props;
  const from = formatDay(a.startsOn, t.lang);
  return (
    <>{a.endsOn ? t('range', { from, to: formatDay(a.endsOn, t.lang) }) : t('since', { from })}</>
  );
}

function AssignmentFacts(props: { a: Assignment; cadre: CadreDetail; t: T }) {
  const { a, cadre, t } = props;
  const words = useTexts(peopleWords);
  const rows: [string, ComponentChildren][] = [
    [t('village'), `${a.township ? `${a.township.name} · ` : ''}${a.village.name}`],
    [t('role'), words(a.role)],
    [t('period'), <Dates a={a} t={t} />],
    [t('unit'), cadre.dispatchingUnit.name],
    [t('level'), words(a.dispatchLevel)],
  ];
  if (cadre.title) rows.push([t('title'), cadre.title]);
  if (cadre.phone) rows.push([t('phone'), <a href={`tel:${cadre.phone}`}>{cadre.phone}</a>]);
  return (
    <dl class="people-kv">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function MonthsSection(props: { r: Resource<CadreMonths>; t: T }) {
  const { t } = props;
  return (
    <Loaded resource={props.r}>
      {(data) =>
        data.months.length === 0 ? (
          <Empty>{t('noMonths')}</Empty>
        ) : (
          <ul class="list people-rows">
            {[...data.months].reverse().map((m) => (
              <li key={m.month}>
                <Link
                  href={`/attendance?cadre=${data.cadre.id}&month=${m.month}`}
                  class="people-name"
                >
                  {formatMonth(m.month, t.lang)}
                </Link>
                <p class="people-figures-line">
                  {t('monthFigures', {
                    in: m.inVillage,
                    req: m.required,
                    just: m.justifiedAbsence,
                    diary: m.diaryEntries,
                  })}
                </p>
                <MonthBadges
                  figures={m}
                  month={m.month}
                  ended={m.ended}
                  asOf={data.asOf}
                  endsOn={data.assignment.endsOn}
                />
              </li>
            ))}
          </ul>
        )
      }
    </Loaded>
  );
}

const DIARY_FIRST = 10;

function DiarySection(props: { r: Resource<Diary>; t: T }) {
  const { t } = props;
  const [all, setAll] = useState(false);
  return (
    <Loaded resource={props.r}>
      {(data) => (
        <>
          <p class="muted">
            {t('diaryRange', {
              from: formatDay(data.from, t.lang),
              to: formatDay(data.to, t.lang),
            })}
          </p>
          {data.entries.length === 0 ? (
            <Empty>{t('noDiary')}</Empty>
          ) : (
            <>
              <ul class="list people-diary">
                {(all ? data.entries : data.entries.slice(0, DIARY_FIRST)).map((e) => (
                  <li key={e.id}>
                    <strong>
                      <Day value={e.date} weekday />
                    </strong>
                    {e.text && <p>{e.text}</p>}
                    {(e.photo || e.voice) && (
                      <p class="muted">
                        {[e.photo && t('photo'), e.voice && t('voice')].filter(Boolean).join(' · ')}
                      </p>
                    )}
                  </li>
                ))}
              </ul>
              {!all && data.entries.length > DIARY_FIRST && (
                <button type="button" class="button small" onClick={() => setAll(true)}>
                  {t('showAll', { n: data.entries.length })}
                </button>
              )}
              {data.truncated && <p class="muted">{t('truncated', { n: data.entries.length })}</p>}
            </>
          )}
        </>
      )}
    </Loaded>
  );
}

function InspectionsSection(props: { r: Resource<Inspections>; cadreId: number; t: T }) {
  const { t } = props;
  const mayRecord = useRole('inspector', 'township', 'county');
  return (
    <>
      {mayRecord && (
        <p>
          <Link href={`/inspections/new?cadreId=${props.cadreId}`} class="button small">
            {t('record')}
          </Link>
        </p>
      )}
      <Loaded resource={props.r}>
        {(data) =>
          data.inspections.length === 0 ? (
            <Empty>{t('noInspections')}</Empty>
          ) : (
            <ul class="list">
              {data.inspections.map((i) => (
                <li key={i.id}>
                  <div class="people-row-head">
                    <strong>
                      <Day value={i.date} weekday />
                    </strong>
                    <span class={`badge ${i.present ? 'ok' : 'bad'}`}>
                      {i.present ? t('present') : t('absent')}
                    </span>
                  </div>
                  {i.inspector && (
                    <p class="muted people-where">{t('by', { name: i.inspector })}</p>
                  )}
                  {i.note && <p class="people-where">{i.note}</p>}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </>
  );
}

function ReviewsSection(props: { r: Resource<Reviews>; t: T }) {
  const { t } = props;
  return (
    <Loaded resource={props.r}>
      {(data) =>
        data.reviews.length === 0 ? (
          <Empty>{t('noReviews')}</Empty>
        ) : (
          <ul class="list">
            {data.reviews.map((r) => {
              const year = r.period.slice(0, 4);
              const failing = r.rating === 'incompetent' || r.rating === 'unqualified';
              return (
                <li key={r.id}>
                  <div class="people-row-head">
                    <strong>
                      {r.period.endsWith('H1') ? t('half', { year }) : t('annual', { year })}
                    </strong>
                    <span class={`badge ${failing ? 'bad' : 'ok'}`}>
                      {failing ? '✗ ' : ''}
                      {t(r.rating)}
                    </span>
                  </div>
                  <p class="muted people-where">
                    {t('recordedOn')} <Day value={r.recordedOn} />
                    {r.recordedBy ? ` · ${r.recordedBy}` : ''}
                  </p>
                  {r.sanction && (
                    <p class="people-where">
                      {t('sanction')}
                      {[
                        r.sanction.bonusWithheld ? t('bonus', { n: r.sanction.bonusWithheld }) : '',
                        r.sanction.admonitionTalk ? t('talk') : '',
                      ]
                        .filter(Boolean)
                        .join(t.lang === 'en' ? ', ' : '，')}
                    </p>
                  )}
                  {r.note && <p class="people-where">{r.note}</p>}
                </li>
              );
            })}
          </ul>
        )
      }
    </Loaded>
  );
}

/**
 * The surveys of the villages the cadre served in (in my scope), with the cadre's own tally from
 * each survey's results. Hidden for roles that may not read surveys.
 */
function useSurveysOf(cadre: CadreDetail) {
  const [state, setState] = useState<{
    show: boolean;
    items?: SurveyOfCadre[];
    error?: ApiFailure;
  }>({ show: true });
  useEffect(() => {
    let current = true;
    const villages = [...new Set(cadre.assignments.map((a) => a.village.id))];
    (async () => {
      const lists = await Promise.all(
        villages.map((v) => api.get<{ surveys: SurveyRow[] }>(`/surveys?villageId=${v}`)),
      );
      const surveys = lists.flatMap((l) => l.surveys).slice(0, 8);
      const results = await Promise.all(
        surveys.map((s) =>
          api.get<{
            satisfactionThreshold: number;
            cadres: (SurveyOfCadre['cadre'] & { cadreId: number })[];
          }>(`/surveys/${s.id}/results`),
        ),
      );
      const items: SurveyOfCadre[] = [];
      results.forEach((r, i) => {
        const mine = r.cadres.find((c) => c.cadreId === cadre.id);
        if (mine)
          items.push({
            survey: surveys[i]!,
            satisfactionThreshold: r.satisfactionThreshold,
            cadre: mine,
          });
      });
      if (current) setState({ show: true, items });
    })().catch((error: ApiFailure) => {
      if (current) setState({ show: error.status !== 403, error });
    });
    return () => void (current = false);
  }, [cadre.id]);
  return state;
}

function SurveysSection(props: { s: ReturnType<typeof useSurveysOf>; t: T }) {
  const { s, t } = props;
  const resource: Resource<SurveyOfCadre[]> = {
    data: s.items,
    error: s.error,
    loading: !s.items && !s.error,
    reload: () => undefined,
  };
  return (
    <Loaded resource={resource}>
      {(items) =>
        items.length === 0 ? (
          <Empty>{t('noSurveys')}</Empty>
        ) : (
          <ul class="list">
            {items.map(({ survey, cadre, satisfactionThreshold }) => {
              const threshold = Math.round(satisfactionThreshold * 100);
              return (
                <li key={survey.id}>
                  <div class="people-row-head">
                    <Link href={`/surveys/${survey.id}`} class="people-name">
                      {survey.title}
                    </Link>
                    <span class="muted">
                      {survey.state === 'open' ? t('surveyOpen') : t('surveyClosed')} ·{' '}
                      <Day value={survey.closesOn} />
                    </span>
                  </div>
                  <p class="people-where">
                    {cadre.valid && cadre.satisfactionRate !== null
                      ? t('rate', {
                          rate: Math.round(cadre.satisfactionRate * 1000) / 10,
                          n: cadre.responses,
                        })
                      : t('tooFew', { n: cadre.responses })}
                  </p>
                  {cadre.valid && (
                    <span class={`badge ${cadre.belowThreshold ? 'bad' : 'ok'}`}>
                      {cadre.belowThreshold
                        ? t('below', { t: threshold })
                        : t('above', { t: threshold })}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        )
      }
    </Loaded>
  );
}

function CasesSection(props: { r: Resource<Cases>; t: T }) {
  const { t } = props;
  return (
    <Loaded resource={props.r}>
      {(data) =>
        data.cases.length === 0 ? (
          <Empty>{t('noCases')}</Empty>
        ) : (
          <ul class="list">
            {data.cases.map((c) => (
              <li key={c.id}>
                <Link href={`/cases/${c.id}`} class="row-link">
                  <span class="people-row-head">
                    <strong>
                      {c.clause} {c.situation}
                    </strong>
                    <span class={`badge ${c.state === 'open' ? 'warn' : 'ok'}`}>
                      {c.state === 'open' ? t('caseOpen') : t('caseClosed')}
                    </span>
                  </span>
                  <span class="muted people-line">
                    {t('openedOn')} <Day value={c.openedOn} />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )
      }
    </Loaded>
  );
}

function LedgerSection(props: { r: Resource<Ledger>; cadreId: number; t: T }) {
  const { t, cadreId } = props;
  // The export's headings follow ?lang=: a plain link sends the browser's language, not the app's.
  const base = `/api/ledger/cadres/${cadreId}?lang=${t.lang}`;
  return (
    <>
      <Loaded resource={props.r}>
        {(data) => (
          <p>{data.rows.length ? t('ledgerRows', { n: data.rows.length }) : t('ledgerEmpty')}</p>
        )}
      </Loaded>
      <p class="people-downloads">
        <a class="button small" href={`${base}&format=csv`} download>
          {t('csv')}
        </a>
        <a class="button small" href={`${base}&format=xlsx`} download>
          {t('xlsx')}
        </a>
      </p>
    </>
  );
}
