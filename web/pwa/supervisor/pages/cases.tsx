// Cases (教育整改) in my scope: the open ones and the closed ones, newest first, each a row to its
// case page with the cadre, the village, the situation of §2 and the stage it has reached.
import { formatDay } from '../../shared/format';
import { defineTexts, useTexts } from '../../shared/i18n';
import { useLocation } from '../../shared/router';
import { Empty, Loaded, useApi } from '../../shared/ui';
import { FilterTabs, WorkRow } from '../components/work/parts';
import type { CaseSummary } from '../components/work/types';
import { caseStateTexts, known, stageTexts } from '../components/work/words';

const texts = defineTexts(
  {
    title: '教育整改',
    filter: '按状态筛选',
    none: '没有{state}的案件。',
    opened: '立案：{date}',
    closed: '结案：{date}',
    stage: '进展：{stage}',
  },
  {
    title: 'Cases',
    filter: 'Filter by state',
    none: 'No {state} cases.',
    opened: 'Opened {date}',
    closed: 'Closed {date}',
    stage: 'Stage: {stage}',
  },
);

const caseStates = ['open', 'closed'] as const;

export function CasesPage() {
  const t = useTexts(texts);
  const states = useTexts(caseStateTexts);
  const { query } = useLocation();
  const asked = query.get('state');
  const state = caseStates.find((s) => s === asked) ?? 'open';
  const resource = useApi<{ cases: CaseSummary[] }>(`/cases?state=${state}`);

  return (
    <section aria-labelledby="cases-title">
      <h1 id="cases-title">{t('title')}</h1>
      <FilterTabs
        label={t('filter')}
        current={state}
        options={caseStates.map((s) => ({ value: s, label: states(s), href: `/cases?state=${s}` }))}
      />
      <Loaded resource={resource}>
        {({ cases }) =>
          cases.length === 0 ? (
            <Empty>{t('none', { state: states(state) })}</Empty>
          ) : (
            <ul class="work-list">
              {cases.map((c) => (
                <WorkRow
                  key={c.id}
                  href={`/cases/${c.id}`}
                  title={`${c.cadre.name} · ${c.village.name}`}
                  lines={[
                    <span class="clamp">
                      {c.clause} {c.situation}
                    </span>,
                    t('stage', { stage: known(stageTexts, t.lang, c.stage) }),
                    c.closedOn
                      ? t('closed', { date: formatDay(c.closedOn, t.lang) })
                      : t('opened', { date: formatDay(c.openedOn, t.lang) }),
                  ]}
                />
              ))}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}
