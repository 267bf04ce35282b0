import { describe, expect, it } from 'vitest';
import { compareExpect, formatDifference, type ScenarioOutput } from '../../../core/scenarios';

const output: ScenarioOutput = {
  months: {
    '2026-10': {
      required: 20,
      inVillage: 17,
      justifiedAbsence: 2,
      diaryEntries: 2,
      compliant: false,
    },
  },
  flags: [{ clause: '2.4', date: '2026-11-01', state: 'open' }],
  cases: [],
  deadlines: [],
  sanctions: [],
  surveys: [],
  refused: [{ event: 3, reason: 'appeal-window-closed', clause: '§3.8' }],
};

describe('compareExpect: a subset, first difference as a path', () => {
  it('agrees when every given field equals the output', () => {
    expect(
      compareExpect(
        { months: { '2026-10': { inVillage: 17 } }, flags: [{ clause: '2.4' }] },
        output,
      ),
    ).toBeNull();
    expect(compareExpect({}, output)).toBeNull();
  });

  it('names the field of a month that differs', () => {
    const d = compareExpect({ months: { '2026-10': { inVillage: 18 } } }, output);
    expect(d && formatDifference(d)).toBe('$.months["2026-10"].inVillage: expected 18, got 17');
  });

  it('names a month missing from the output', () => {
    expect(compareExpect({ months: { '2026-11': { compliant: null } } }, output)).toMatchObject({
      path: '$.months["2026-11"]',
      message: 'expected month 2026-11, but the output has 2026-10',
    });
  });

  it('compares a list item by item, then its length', () => {
    expect(compareExpect({ flags: [{ date: '2026-11-02' }] }, output)).toMatchObject({
      path: '$.flags[0].date',
    });
    expect(compareExpect({ flags: [] }, output)).toMatchObject({
      path: '$.flags',
      message: expect.stringMatching(
        /^expected 0 items, got 1; first unexpected: \{"clause":"2.4"/,
      ),
    });
    expect(compareExpect({ cases: [{ clause: '2.6' }] }, output)).toMatchObject({
      path: '$.cases',
      message: 'expected 1 item, got 0',
    });
  });

  it('tells null from false and a missing field from a present one', () => {
    const d = compareExpect({ months: { '2026-10': { compliant: null } } }, output);
    expect(d?.message).toBe('expected null, got false');
    const e = compareExpect(
      { refused: [{ event: 3, reason: 'appeal-window-closed', clause: '§3.8' }] },
      output,
    );
    expect(e).toBeNull();
  });
});
