// §4.1–§4.3: findings against units, departments and townships; §4.1, §4.4, §4.6 on the unit's scorecard.
import { describe, expect, it } from 'vitest';
import { openCase } from '../../../core/procedure';
import {
  departmentDutyFinding,
  townshipCoverUpFinding,
  twoWayRunningFinding,
  unitScorecard,
} from '../../../core/responsibilities';
import { postNotice } from '../procedure/fixtures';

describe('§4.1–§4.3: findings', () => {
  it('§4.1: a county unit found on Tue 2026-06-16 to let its cadre 两头跑 gets a talk with its head by the county department, an order to rectify and a deduction', () => {
    expect(
      twoWayRunningFinding({
        unit: 'u-3',
        unitLevel: 'county',
        date: '2026-06-16',
        note: '每周回单位值班',
      }),
    ).toEqual({
      clause: '§4.1',
      date: '2026-06-16',
      subject: { kind: 'dispatchingUnit', id: 'u-3', level: 'county' },
      ground: 'twoWayRunning',
      accountabilityTalk: { with: 'principalLeader', heldBy: 'sameLevelDepartment' },
      rectificationOrdered: true,
      assessmentDeduction: true,
      note: '每周回单位值班',
    });
  });

  it('§4.1: a provincial unit’s talk on Tue 2026-06-16 is held by the provincial work committees', () => {
    const f = twoWayRunningFinding({
      unit: 'u-1',
      unitLevel: 'province',
      date: '2026-06-16',
      note: '',
    });
    expect(f.accountabilityTalk.heldBy).toBe('provincialWorkCommittees');
  });

  it('§4.2: a county department failing its duty on Wed 2026-07-01 is talked to by the city department; a city one by the provincial department', () => {
    expect(
      departmentDutyFinding({ department: 'd-9', level: 'county', date: '2026-07-01', note: '' })
        .accountabilityTalk.heldBy,
    ).toBe('cityDepartment');
    expect(
      departmentDutyFinding({ department: 'd-2', level: 'city', date: '2026-07-01', note: '' })
        .accountabilityTalk.heldBy,
    ).toBe('provincialDepartment');
  });

  it('§4.3: a township covering up for its cadre, found Wed 2026-07-01, has its head talked to by the county department', () => {
    const f = townshipCoverUpFinding({ township: 't-5', date: '2026-07-01', note: '打掩护' });
    expect([f.clause, f.ground, f.accountabilityTalk.heldBy]).toEqual([
      '§4.3',
      'coverUp',
      'countyDepartment',
    ]);
  });
});

describe('the dispatching unit’s scorecard (§4.1, §4.4, §4.6)', () => {
  const noticed = postNotice([{ type: 'notice', date: '2026-09-30' }]);
  const withdrawn = postNotice(
    [
      { type: 'notice', date: '2026-03-02' },
      { type: 'appeal', date: '2026-03-03' },
      { type: 'appealAnswered', date: '2026-03-09', upheld: false },
    ],
    '2026-02-24',
    openCase({ clause: '2.4', track: 'B', opened: '2026-02-24' }),
  );
  const card = unitScorecard({
    unit: 'u-3',
    year: 2026,
    findings: [
      twoWayRunningFinding({ unit: 'u-3', unitLevel: 'county', date: '2026-06-16', note: '' }),
      twoWayRunningFinding({ unit: 'u-3', unitLevel: 'county', date: '2025-11-03', note: '' }),
      twoWayRunningFinding({ unit: 'u-4', unitLevel: 'county', date: '2026-06-16', note: '' }),
    ],
    cadres: [
      { cadre: 'c-1', cases: [withdrawn, noticed] },
      {
        cadre: 'c-2',
        cases: [],
        supportGaps: [
          { kind: 'physicalExam', clause: '§4.6', required: 1, actual: 0, settled: true },
        ],
      },
    ],
  });

  it('§4.1, §4.4: in 2026 unit u-3 owes deductions for its finding of Tue 2026-06-16 and its cadre’s notice of Wed 2026-09-30, not for the notice withdrawn in March', () => {
    expect(card.deductionsDue.map((d) => [d.clause, d.date])).toEqual([
      ['§4.1', '2026-06-16'],
      ['§4.4', '2026-09-30'],
    ]);
    expect(card.rectifications).toEqual([
      { cadre: 'c-1', case: 2, situation: '§2.6', notice: '2026-09-30' },
    ]);
  });

  it('§4.6: the scorecard lists the cadres’ support gaps', () => {
    expect(card.supportGaps.map((g) => g.cadre)).toEqual(['c-2']);
  });

  it('the scorecard holds findings and facts, never points or a rank', () => {
    expect(Object.keys(card).sort()).toEqual([
      'deductionsDue',
      'findings',
      'rectifications',
      'supportGaps',
      'unit',
      'year',
    ]);
  });
});
