// Scenarios: a cadre's history as JSON, validated, evaluated through core/ and compared with what
// the policy officers expect (shared/policy/scenarios/README.md).
export type * from './types';
export { validateScenario, type ValidationResult } from './validate';
export { evaluateScenario } from './evaluate';
export { compareExpect, formatDifference, type Difference } from './compare';
export { checkScenario, type ScenarioVerdict } from './check';
