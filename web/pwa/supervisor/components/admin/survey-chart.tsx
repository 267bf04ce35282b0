// A survey's results as a chart: per cadre one horizontal bar of 满意 / 基本满意 / 不满意, stacked to
// 100 %, each kind with its own pattern and its count written in it (so colour is never the only
// cue), the threshold of §2.3 as a dashed line, and under the chart the same numbers as a table.
import { defineTexts, useTexts } from '../../../shared/i18n';

export interface SurveyCounts {
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
}

export interface CadreResult {
  cadreId: number;
  name: string;
  role: 'firstSecretary' | 'teamMember';
  counts: SurveyCounts;
  responses: number;
  satisfactionRate: number | null;
  valid: boolean;
  belowThreshold: boolean;
}

const texts = defineTexts(
  {
    satisfied: '满意',
    basicallySatisfied: '基本满意',
    dissatisfied: '不满意',
    firstSecretary: '第一书记',
    teamMember: '驻村工作队员',
    legend: '图例',
    rate: '满意度 {rate}',
    threshold: '门槛 {rate}',
    below: '低于门槛（§2.3）',
    tooFew: '有效票少于 {min} 张，不作判定',
    noAnswers: '暂无回答',
    chartLabel: '{name}：满意 {s}，基本满意 {b}，不满意 {d}，共 {n} 票。{verdict}',
    table: '测评结果（表格）',
    cadre: '干部',
    responses: '有效票',
    rateHead: '满意度',
    none: '—',
  },
  {
    satisfied: 'Satisfied',
    basicallySatisfied: 'Basically satisfied',
    dissatisfied: 'Dissatisfied',
    firstSecretary: 'First secretary',
    teamMember: 'Team member',
    legend: 'Legend',
    rate: 'Satisfaction {rate}',
    threshold: 'threshold {rate}',
    below: 'Below the threshold (§2.3)',
    tooFew: 'Fewer than {min} valid responses: no verdict',
    noAnswers: 'No answers yet',
    chartLabel:
      '{name}: satisfied {s}, basically satisfied {b}, dissatisfied {d}, {n} in all. {verdict}',
    table: 'Results (table)',
    cadre: 'Cadre',
    responses: 'Valid',
    rateHead: 'Satisfaction',
    none: '—',
  },
);

const kinds = ['satisfied', 'basicallySatisfied', 'dissatisfied'] as const;

const WIDTH = 320;
const BAR_Y = 6;
const BAR_H = 30;

export const percent = (rate: number) => `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;

/** The three patterns, with ids unique to one SVG (`prefix`). */
function Patterns(props: { prefix: string }) {
  const p = props.prefix;
  return (
    <defs>
      <pattern id={`${p}-satisfied`} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" fill="#1e6b34" />
      </pattern>
      <pattern
        id={`${p}-basicallySatisfied`}
        width="7"
        height="7"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect width="7" height="7" fill="#d3ead8" />
        <line x1="0" y1="0" x2="0" y2="7" stroke="#1e6b34" stroke-width="3" />
      </pattern>
      <pattern id={`${p}-dissatisfied`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" fill="#fde7e5" />
        <circle cx="3" cy="3" r="1.6" fill="#a01a14" />
      </pattern>
    </defs>
  );
}

function Legend() {
  const t = useTexts(texts);
  return (
    <ul class="chart-legend" aria-label={t('legend')}>
      {kinds.map((kind) => (
        <li key={kind}>
          <svg width="22" height="22" viewBox="0 0 22 22" aria-hidden="true">
            <Patterns prefix={`legend-${kind}`} />
            <rect
              x="1"
              y="1"
              width="20"
              height="20"
              fill={`url(#legend-${kind}-${kind})`}
              stroke="#1a1a1a"
            />
          </svg>
          {t(kind)}
        </li>
      ))}
    </ul>
  );
}

function Bar(props: { result: CadreResult; threshold: number; min: number }) {
  const t = useTexts(texts);
  const { result, threshold } = props;
  const total = kinds.reduce((sum, k) => sum + result.counts[k], 0);
  const prefix = `survey-${result.cadreId}`;
  const verdict = !result.valid
    ? t('tooFew', { min: props.min })
    : `${t('rate', { rate: percent(result.satisfactionRate ?? 0) })}${result.belowThreshold ? `，${t('below')}` : ''}`;
  let x = 0;
  const segments = kinds.map((kind) => {
    const width = total ? (result.counts[kind] / total) * WIDTH : 0;
    const segment = { kind, x, width, count: result.counts[kind] };
    x += width;
    return segment;
  });
  const line = threshold * WIDTH;
  return (
    <svg
      class="chart-bar"
      viewBox={`0 0 ${WIDTH} 44`}
      role="img"
      aria-label={t('chartLabel', {
        name: result.name,
        s: result.counts.satisfied,
        b: result.counts.basicallySatisfied,
        d: result.counts.dissatisfied,
        n: total,
        verdict,
      })}
    >
      <Patterns prefix={prefix} />
      <rect x="0.5" y={BAR_Y} width={WIDTH - 1} height={BAR_H} fill="#fff" stroke="#4a4a4a" />
      {total === 0 && (
        <text x="10" y={BAR_Y + 20} class="chart-count">
          {t('noAnswers')}
        </text>
      )}
      {segments.map(
        (s) =>
          s.width > 0 && (
            <g key={s.kind}>
              <rect
                x={s.x}
                y={BAR_Y}
                width={s.width}
                height={BAR_H}
                fill={`url(#${prefix}-${s.kind})`}
                stroke="#1a1a1a"
                stroke-width="1"
              />
              {s.width >= 22 && (
                <text
                  x={s.x + s.width / 2}
                  y={BAR_Y + 20}
                  text-anchor="middle"
                  class={`chart-count ${s.kind === 'satisfied' ? 'on-dark' : 'on-light'}`}
                >
                  {s.count}
                </text>
              )}
            </g>
          ),
      )}
      <line
        x1={line}
        x2={line}
        y1="1"
        y2={BAR_Y + BAR_H + 6}
        stroke="#1a1a1a"
        stroke-width="2"
        stroke-dasharray="4 3"
      />
    </svg>
  );
}

/** The chart and its table. `threshold` is the satisfaction threshold (0–1) in force. */
export function SurveyChart(props: {
  cadres: CadreResult[];
  threshold: number;
  minResponses: number;
}) {
  const t = useTexts(texts);
  return (
    <div class="survey-chart">
      <Legend />
      <p class="muted chart-threshold">
        <span aria-hidden="true">┆ </span>
        {t('threshold', { rate: percent(props.threshold) })}
      </p>
      <ul class="chart-rows">
        {props.cadres.map((r) => (
          <li key={r.cadreId}>
            <p class="chart-name">
              <strong>{r.name}</strong> <span class="muted">{t(r.role)}</span>
            </p>
            <Bar result={r} threshold={props.threshold} min={props.minResponses} />
            <p class="chart-verdict" aria-hidden="true">
              {r.valid ? (
                <>
                  {t('rate', { rate: percent(r.satisfactionRate ?? 0) })}{' '}
                  {r.belowThreshold && <span class="badge bad">{t('below')}</span>}
                </>
              ) : (
                <span class="badge warn">{t('tooFew', { min: props.minResponses })}</span>
              )}
            </p>
          </li>
        ))}
      </ul>
      <div class="table-scroll" role="region" aria-label={t('table')} tabIndex={0}>
        <table class="data">
          <caption>{t('table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cadre')}</th>
              <th scope="col">{t('rateHead')}</th>
              <th scope="col">{t('satisfied')}</th>
              <th scope="col">{t('basicallySatisfied')}</th>
              <th scope="col">{t('dissatisfied')}</th>
              <th scope="col">{t('responses')}</th>
            </tr>
          </thead>
          <tbody>
            {props.cadres.map((r) => (
              <tr key={r.cadreId}>
                <th scope="row">{r.name}</th>
                <td>
                  {r.valid && r.satisfactionRate !== null ? percent(r.satisfactionRate) : t('none')}
                  {r.belowThreshold && (
                    <>
                      <br />
                      {t('below')}
                    </>
                  )}
                </td>
                <td>{r.counts.satisfied}</td>
                <td>{r.counts.basicallySatisfied}</td>
                <td>{r.counts.dissatisfied}</td>
                <td>{r.responses}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
