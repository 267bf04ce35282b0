// §4.4: the sanctions of a rectification notice and of a failed annual assessment; §3.8 lapses them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, parts } from '../../../core/calendar/local-date';
import { defaultParameters, withOverrides } from '../../../core/parameters';
import { applyPostNotice, openCase } from '../../../core/procedure';
import {
  awardsBarred,
  caseSanctions,
  oneYearAfter,
  promotionBarred,
  rectificationSanctions,
  reviewSanction,
} from '../../../core/responsibilities';
import { ctx, postNotice } from '../procedure/fixtures';

describe('§4.4: sanctions of a rectification notice', () => {
  it('§4.4: a notice received on Wed 2026-09-30 bars awards in 2026, promotion until Thu 2027-09-30, withholds at least 20 % of the 2026 bonus and costs the unit a deduction', () => {
    expect(rectificationSanctions('2026-09-30', defaultParameters)).toEqual({
      notice: '2026-09-30',
      noAwardsYear: 2026,
      noPromotionUntil: '2027-09-30',
      bonusWithheldMin: 0.2,
      dispatchingUnitDeduction: true,
    });
  });

  it('§4.4: a notice received on Tue 2028-02-29 bars awards in 2028 and promotion until Wed 2029-02-28', () => {
    const c = postNotice(
      [{ type: 'notice', date: '2028-02-29' }],
      '2028-02-21',
      openCase({ clause: '2.2', track: 'A', opened: '2028-02-21' }),
    );
    expect(caseSanctions(c)).toMatchObject({ noAwardsYear: 2028, noPromotionUntil: '2029-02-28' });
  });

  it('§4.4: promotion is barred on Wed 2027-09-29 and allowed again on Thu 2027-09-30 after a notice of Wed 2026-09-30; awards are barred for 2026 only', () => {
    const s = rectificationSanctions('2026-09-30', defaultParameters);
    expect([promotionBarred(s, '2027-09-29'), promotionBarred(s, '2027-09-30')]).toEqual([
      true,
      false,
    ]);
    expect([awardsBarred(s, 2026), awardsBarred(s, 2027)]).toEqual([true, false]);
  });

  it('§4.4: a county withholding at least 30 % records 0.3 on a notice of Mon 2026-11-02', () => {
    const p = withOverrides(defaultParameters, { bonusWithholdMin: 0.3 });
    if (!p.ok) throw new Error(p.reason);
    expect(rectificationSanctions('2026-11-02', p.parameters).bonusWithheldMin).toBe(0.3);
  });

  it('§3.8, §4.4: the notice of Wed 2026-09-30 withdrawn on Mon 2026-10-12 leaves no sanction in force', () => {
    const appealed = postNotice([
      { type: 'notice', date: '2026-09-30' },
      { type: 'appeal', date: '2026-10-08' },
    ]);
    const r = applyPostNotice(
      appealed,
      { type: 'appealAnswered', date: '2026-10-12', upheld: false },
      ctx,
    );
    expect(caseSanctions(appealed)).not.toBeNull();
    expect(r.ok && caseSanctions(r.case)).toBeNull();
  });

  it('§4.4: a case without a notice carries no sanctions', () => {
    expect(caseSanctions(openCase({ clause: '2.6', track: 'B', opened: '2026-09-21' }))).toBeNull();
  });

  it('§4.4: the promotion bar always ends one year on, on the same day or, from 29 February, on 28 February', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 366 }), (n) => {
        const d = addDays('2000-01-01', n);
        const end = oneYearAfter(d);
        const a = parts(d);
        const b = parts(end);
        expect(b.year).toBe(a.year + 1);
        expect(b.month).toBe(a.month);
        expect(b.day).toBe(a.month === 2 && a.day === 29 ? 28 : a.day);
      }),
    );
  });
});

describe('§4.4: a failed annual assessment', () => {
  it('§4.4: the 2026 annual assessment rated 不合格 on Wed 2027-01-20 withholds the whole bonus with an admonition talk', () => {
    expect(reviewSanction({ period: '2026', rating: 'unqualified' })).toEqual({
      review: '2026',
      bonusWithheld: 1,
      admonitionTalk: true,
    });
    expect(reviewSanction({ period: '2026', rating: 'incompetent' })).not.toBeNull();
  });

  it('§4.4: the half-year review 2026H1 rated 不称职 is not the annual assessment, and 基本称职 is not a failing rating', () => {
    expect(reviewSanction({ period: '2026H1', rating: 'incompetent' })).toBeNull();
    expect(reviewSanction({ period: '2026', rating: 'basically_competent' })).toBeNull();
  });
});
