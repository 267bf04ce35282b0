// The parameters of clauses.md: defaults, and a county's overrides checked against their bounds.
import { describe, expect, it } from 'vitest';
import { defaultParameters, parameterSpecs, withOverrides } from '../../core/parameters';

describe('parameters', () => {
  it('has every number of clauses.md with its clause and default (§1.2: 20 days; §3.8: 2 and 5 working days)', () => {
    expect(defaultParameters).toMatchObject({
      minDaysPerMonth: 20,
      geofenceMetres: 1000,
      inspectionStrikes: 3,
      satisfactionThreshold: 0.5,
      minSurveyResponses: 10,
      minDiaryEntriesPerMonth: 1,
      recallWorkdays: 7,
      redeployReturnWorkdays: 7,
      replacementWorkdays: 7,
      appealWorkdays: 2,
      appealAnswerWorkdays: 5,
      escalateAfterWorkdays: 3,
      bonusWithholdMin: 0.2,
      insuranceMinYuan: 500_000,
      workFundMinYuan: 10_000,
    });
    for (const spec of Object.values(parameterSpecs)) {
      expect(spec.clause).toMatch(/^§\d\.\d+$/);
      expect(spec.default).toBeGreaterThanOrEqual(spec.min);
      expect(spec.default).toBeLessThanOrEqual(spec.max);
    }
  });

  it('applies a county’s override within bounds', () => {
    expect(withOverrides(defaultParameters, { minDaysPerMonth: 22 })).toMatchObject({
      ok: true,
      parameters: { minDaysPerMonth: 22 },
    });
  });

  it.each([
    [{ minDaysPerMonth: 40 }, 'parameter-out-of-range'],
    [{ minDaysPerMonth: 20.5 }, 'parameter-out-of-range'],
    [{ satisfactionThreshold: '0.6' }, 'parameter-out-of-range'],
    [{ noSuchThing: 1 }, 'unknown-parameter'],
    [{ toString: 1 }, 'unknown-parameter'],
    [{ constructor: 1 }, 'unknown-parameter'],
  ])('refuses %j (%s)', (overrides, reason) => {
    expect(withOverrides(defaultParameters, overrides)).toMatchObject({ ok: false, reason });
  });
});
