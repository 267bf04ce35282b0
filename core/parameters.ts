// The numbers of the regulation and of our decisions (../shared/policy/clauses.md), each with its
// clause, unit and default, in one place. A county overrides them as data (parameter_overrides).

export interface ParameterSpec {
  clause: string;
  unit: 'metres' | 'days' | 'workdays' | 'count' | 'ratio' | 'yuan';
  default: number;
  /** Inclusive bounds a county's override must respect. */
  min: number;
  max: number;
  integer: boolean;
  zh: string;
  en: string;
}

export const parameterSpecs = {
  // 真蹲实驻、吃住在村、工作在村 — §1.1  [decision: village centre + radius — clauses.md §1.1]
  geofenceMetres: p('§1.1', 'metres', 1000, 50, 20_000, true, '电子围栏半径', 'geofence radius'),
  // 每月在村工作时间原则上不少于20天 — §1.2, §2.4
  minDaysPerMonth: p(
    '§1.2',
    'days',
    20,
    1,
    31,
    true,
    '每月最少在村天数',
    'minimum days in the village a month',
  ),
  // 特殊情况需请假的,严格按……黔党建办发〔2016〕8号有关程序,严格履行书面请销假手续 — §1.2
  // [decision: who approves a leave depends on its length: up to leaveTownshipMaxDays the township;
  //  up to leaveUnitMaxDays also the dispatching unit; longer also the county — issue #4]
  leaveTownshipMaxDays: p(
    '§1.2',
    'days',
    2,
    0,
    31,
    true,
    '乡镇审批请假最长天数',
    'longest leave the township alone approves',
  ),
  leaveUnitMaxDays: p(
    '§1.2',
    'days',
    7,
    0,
    62,
    true,
    '派出单位参与审批请假最长天数',
    'longest leave without the county',
  ),
  // 累计被发现三次不在岗 — §2.2  [decision: counted over the current assignment]
  inspectionStrikes: p(
    '§2.2',
    'count',
    3,
    1,
    20,
    true,
    '督查不在岗次数',
    'inspection findings of absence',
  ),
  // 满意度测评低于50% — §2.3  [decision: strictly below triggers]
  satisfactionThreshold: p(
    '§2.3',
    'ratio',
    0.5,
    0,
    1,
    false,
    '满意度测评门槛',
    'satisfaction threshold',
  ),
  // [decision: a survey with fewer valid responses triggers nothing — clauses.md §2.3]
  minSurveyResponses: p(
    '§2.3',
    'count',
    10,
    1,
    10_000,
    true,
    '测评最少有效票数',
    'minimum valid survey responses',
  ),
  // 没有民情日记 — §2.5  [decision: at least one entry a month — clauses.md §2.5]
  minDiaryEntriesPerMonth: p(
    '§2.5',
    'count',
    1,
    0,
    31,
    true,
    '每月最少民情日记篇数',
    'minimum diary entries a month',
  ),
  // 在7个工作日内将选派干部请回单位 — §3.5
  recallWorkdays: p('§3.5', 'workdays', 7, 1, 60, true, '请回期限', 'recall deadline'),
  // 在7个工作日内重新派回驻村 — §3.6
  redeployReturnWorkdays: p(
    '§3.6',
    'workdays',
    7,
    1,
    60,
    true,
    '重新派回期限',
    'return deadline after redeployment',
  ),
  // 由派出单位在7个工作日内……另行择优选派 — §3.7
  replacementWorkdays: p(
    '§3.7',
    'workdays',
    7,
    1,
    60,
    true,
    '另行选派期限',
    'replacement deadline',
  ),
  // 可在接到教育整改通知日起2个工作日内……提出复核申请 — §3.8
  appealWorkdays: p('§3.8', 'workdays', 2, 1, 30, true, '复核申请期限', 'appeal window'),
  // 有关部门在5个工作日内予以复核并答复 — §3.8
  appealAnswerWorkdays: p(
    '§3.8',
    'workdays',
    5,
    1,
    60,
    true,
    '复核答复期限',
    'appeal answer deadline',
  ),
  // [decision: a step overdue by this many working days goes to the level above — clauses.md §4.2]
  escalateAfterWorkdays: p(
    '§4.2',
    'workdays',
    3,
    0,
    60,
    true,
    '逾期上报期限',
    'escalation after overdue',
  ),
  // 扣发不低于20%的当年年度目标绩效奖 — §4.4
  bonusWithholdMin: p(
    '§4.4',
    'ratio',
    0.2,
    0,
    1,
    false,
    '绩效奖最低扣发比例',
    'minimum bonus withheld',
  ),
  // 不低于50万元保额的人身意外伤害保险 — §4.6
  insuranceMinYuan: p(
    '§4.6',
    'yuan',
    500_000,
    0,
    10_000_000,
    true,
    '意外伤害保险最低保额',
    'minimum accident insurance',
  ),
  // 不低于1万元的驻村工作经费 — §4.6
  workFundMinYuan: p(
    '§4.6',
    'yuan',
    10_000,
    0,
    10_000_000,
    true,
    '驻村工作经费最低额',
    'minimum village work funds a year',
  ),
  // 每年一次体检 — §4.6
  physicalExamsPerYear: p('§4.6', 'count', 1, 0, 12, true, '每年体检次数', 'physical exams a year'),
} as const satisfies Record<string, ParameterSpec>;

export type ParameterName = keyof typeof parameterSpecs;
export type Parameters = { readonly [K in ParameterName]: number };

export const defaultParameters: Parameters = Object.fromEntries(
  Object.entries(parameterSpecs).map(([name, spec]) => [name, spec.default]),
) as Parameters;

export type ParameterError = {
  ok: false;
  reason: 'unknown-parameter' | 'parameter-out-of-range';
  name: string;
  value?: unknown;
};

/**
 * Applies overrides (a county's, or a scenario's `policy`) on top of a base. Refuses unknown names
 * and values outside a parameter's bounds instead of silently ignoring them.
 */
export function withOverrides(
  base: Parameters,
  overrides: Readonly<Record<string, unknown>>,
): { ok: true; parameters: Parameters } | ParameterError {
  const result: Record<string, number> = { ...base };
  for (const [name, value] of Object.entries(overrides)) {
    if (!Object.hasOwn(parameterSpecs, name))
      return { ok: false, reason: 'unknown-parameter', name };
    const spec: ParameterSpec = parameterSpecs[name as ParameterName];
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < spec.min ||
      value > spec.max ||
      (spec.integer && !Number.isInteger(value))
    ) {
      return { ok: false, reason: 'parameter-out-of-range', name, value };
    }
    result[name] = value;
  }
  return { ok: true, parameters: result as Parameters };
}

function p(
  clause: string,
  unit: ParameterSpec['unit'],
  value: number,
  min: number,
  max: number,
  integer: boolean,
  zh: string,
  en: string,
): ParameterSpec {
  return { clause, unit, default: value, min, max, integer, zh, en };
}
