// §4.5: the ledger of a cadre — every case with its steps, deadlines and sanctions, as plain rows.
import { describe, expect, it } from 'vitest';
import { openCase } from '../../../core/procedure';
import { ledgerColumns, ledgerRows } from '../../../core/responsibilities';
import { postNotice } from '../procedure/fixtures';

const withdrawn = postNotice([
  { type: 'notice', date: '2026-09-30' },
  { type: 'appeal', date: '2026-10-08' },
  { type: 'appealAnswered', date: '2026-10-12', upheld: false },
]);
const redeployed = postNotice(
  [
    { type: 'notice', date: '2026-11-02' },
    { type: 'recalled', date: '2026-11-16' },
    { type: 'outcome', date: '2026-12-01', changed: true },
    { type: 'redeployApproved', date: '2026-12-02' },
  ],
  '2026-10-26',
  openCase({ clause: '2.4', track: 'B', opened: '2026-10-26' }),
);

describe('§4.5: the ledger', () => {
  const rows = ledgerRows({
    cadre: 'c-17',
    cases: [withdrawn, redeployed],
    reviews: [{ date: '2027-01-20', period: '2026', rating: 'unqualified' }],
    asOf: '2027-01-25',
  });

  it('§4.5: a notice of Wed 2026-09-30 withdrawn on Mon 2026-10-12 shows its steps, its deadlines and its sanctions as lapsed', () => {
    const first = rows.filter((r) => r.case === 1);
    expect(first.filter((r) => r.kind === 'step').map((r) => [r.item, r.date, r.value])).toEqual([
      ['opened', '2026-09-21', null],
      ['notice', '2026-09-30', null],
      ['appeal', '2026-10-08', null],
      ['appealAnswered', '2026-10-12', 'not upheld'],
    ]);
    expect(
      first.filter((r) => r.kind === 'deadline').map((r) => [r.item, r.until, r.status]),
    ).toEqual([
      ['appeal', '2026-10-09', 'met'],
      ['recall', '2026-10-15', 'ended'],
      ['appealAnswer', '2026-10-14', 'met'],
    ]);
    expect(new Set(first.filter((r) => r.kind === 'sanction').map((r) => r.status))).toEqual(
      new Set(['lapsed']),
    );
  });

  it('§4.5: a recall of Mon 2026-11-16 against a due date of Wed 2026-11-11 shows as met late; the return due Fri 2026-12-11 of an open case as overdue on Mon 2027-01-25', () => {
    const second = rows.filter((r) => r.case === 2 && r.kind === 'deadline');
    expect(second.map((r) => [r.item, r.until, r.status])).toEqual([
      ['appeal', '2026-11-04', 'ended'],
      ['recall', '2026-11-11', 'metLate'],
      ['return', '2026-12-11', 'overdue'],
    ]);
  });

  it('§4.4, §4.5: the sanctions of a notice of Mon 2026-11-02 hold until the end of 2026 and, for promotion, until Mon 2027-11-01', () => {
    const s = rows.filter((r) => r.case === 2 && r.kind === 'sanction');
    expect(s.map((r) => [r.item, r.until, r.value, r.status])).toEqual([
      ['noAwards', '2026-12-31', 2026, 'ended'],
      ['noPromotion', '2027-11-01', '2027-11-02', 'inForce'],
      ['bonusWithheldMin', '2026-12-31', 0.2, 'ended'],
      ['dispatchingUnitDeduction', '2026-12-31', true, 'ended'],
    ]);
  });

  it('§4.4, §4.5: the 2026 annual assessment rated 不合格 on Wed 2027-01-20 adds the withheld bonus and the admonition talk', () => {
    expect(
      rows.filter((r) => r.case === null).map((r) => [r.review, r.item, r.value, r.date]),
    ).toEqual([
      ['2026', 'bonusWithheld', 1, '2027-01-20'],
      ['2026', 'admonitionTalk', true, '2027-01-20'],
    ]);
  });

  it('§4.5: every row has exactly the export columns, each a string, number, boolean or null', () => {
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual([...ledgerColumns].sort());
      for (const v of Object.values(row))
        expect(['string', 'number', 'boolean', 'object']).toContain(typeof v);
      for (const v of Object.values(row)) if (typeof v === 'object') expect(v).toBeNull();
    }
  });
});
