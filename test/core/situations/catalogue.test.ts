import { describe, expect, it } from 'vitest';
import {
  canFile,
  checkIntake,
  compareClauses,
  filerRoles,
  isSituationId,
  situation,
  situations,
} from '../../../core/situations/catalogue';
import { openers, trackOf } from '../../../core/procedure/tracks';

describe('§2 the negative list', () => {
  it('has the thirteen situations, in the regulation’s order', () => {
    expect(situations.map((s) => s.id)).toEqual([
      '2.1',
      '2.2',
      '2.3',
      '2.4',
      '2.5',
      '2.6',
      '2.7',
      '2.8',
      '2.9',
      '2.10',
      '2.11',
      '2.12',
      '2.13',
    ]);
    for (const s of situations) {
      expect(s.zh.length).toBeGreaterThan(5);
      expect(s.en.length).toBeGreaterThan(5);
    }
  });

  it('detects §2.1–§2.5 by itself; the others arise by intake or a verified tip', () => {
    const auto = situations.filter((s) => s.detectedFrom !== null).map((s) => s.id);
    expect(auto).toEqual(['2.1', '2.2', '2.3', '2.4', '2.5']);
    expect(situation('2.1').detectedFrom).toBe('review');
    expect(situation('2.2').detectedFrom).toBe('inspection');
    expect(situation('2.3').detectedFrom).toBe('survey');
    expect(situation('2.4').detectedFrom).toBe('monthClose');
  });

  it('§3.1–§3.3: tracks A for §2.1–§2.2, B for §2.3–§2.8 and §2.13, C for §2.9–§2.12', () => {
    const tracks = Object.fromEntries(situations.map((s) => [s.id, s.track]));
    expect(tracks).toEqual({
      '2.1': 'A',
      '2.2': 'A',
      '2.3': 'B',
      '2.4': 'B',
      '2.5': 'B',
      '2.6': 'B',
      '2.7': 'B',
      '2.8': 'B',
      '2.9': 'C',
      '2.10': 'C',
      '2.11': 'C',
      '2.12': 'C',
      '2.13': 'B',
    });
  });

  it('agrees with the procedure’s track table on tracks and on who files', () => {
    for (const s of situations) {
      expect(trackOf(s.id), s.id).toBe(s.track);
      expect([...openers(s.id, 'intake')].sort(), s.id).toEqual([...s.filedBy].sort());
    }
  });

  it('§2.6 is filed only by the township', () => {
    expect(canFile('2.6', 'township')).toBe(true);
    for (const role of ['county', 'discipline', 'dispatchingUnit']) {
      expect(checkIntake('2.6', role)).toEqual({
        ok: false,
        reason: 'actor-not-allowed',
        clause: '§2.6',
      });
    }
  });

  it('§2.12 opens only from a verified tip; §2.10 and §2.11 by intake or a verified tip', () => {
    expect(checkIntake('2.12', 'discipline')).toEqual({
      ok: false,
      reason: 'not-opened-this-way',
      clause: '§2.12',
    });
    expect(situation('2.12').fromVerifiedTip).toBe(true);
    for (const id of ['2.10', '2.11'] as const) {
      expect(situation(id).fromVerifiedTip).toBe(true);
      expect(canFile(id, 'discipline')).toBe(true);
      expect(canFile(id, 'county')).toBe(true);
      expect(canFile(id, 'township')).toBe(false);
    }
  });

  it('§2.1, §2.2 and §2.4 are only detected, never filed', () => {
    for (const id of ['2.1', '2.2', '2.4']) {
      for (const role of filerRoles) expect(canFile(id, role)).toBe(false);
    }
  });

  it('§2.13 follows the §3.2 track: the township or the county files it', () => {
    expect(canFile('2.13', 'township')).toBe(true);
    expect(canFile('2.13', 'county')).toBe(true);
    expect(canFile('2.13', 'dispatchingUnit')).toBe(false);
  });

  it('refuses an unknown situation as a value', () => {
    expect(checkIntake('2.14', 'county')).toMatchObject({ ok: false, reason: 'unknown-situation' });
    expect(isSituationId('2.14')).toBe(false);
    expect(isSituationId('2.13')).toBe(true);
  });

  it('orders clause ids numerically: §2.2 before §2.10', () => {
    expect(['2.10', '2.2', '2.13', '2.1'].sort(compareClauses)).toEqual([
      '2.1',
      '2.2',
      '2.10',
      '2.13',
    ]);
  });
});
