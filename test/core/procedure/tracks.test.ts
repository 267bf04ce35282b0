// Which track each situation follows and who opens it: agreed with core/situations by clause id.
import { describe, expect, it } from 'vitest';
import { openers, trackOf, trackTable } from '../../../core/procedure';
import { situations } from '../../../core/situations';

describe('tracks of §3.1–§3.3', () => {
  it.each([
    ['2.1', 'A'],
    ['2.2', 'A'],
    ['2.3', 'B'],
    ['2.8', 'B'],
    ['2.13', 'B'],
    ['2.9', 'C'],
    ['2.12', 'C'],
  ] as const)('§3: situation %s follows track %s', (clause, track) => {
    expect(trackOf(clause)).toBe(track);
  });

  it('§2: an id that is not a situation has no track', () => {
    expect(trackOf('2.14')).toBeNull();
    expect(trackOf('3.1')).toBeNull();
  });

  it('§2: the table lists the thirteen situations in order', () => {
    expect(trackTable.map((r) => r.clause)).toEqual(situations.map((s) => s.id));
  });

  it.each(situations.map((s) => [s.id, s] as const))(
    '§2.%s: track, intake filers, flag and tip agree with the situations catalogue',
    (id, s) => {
      expect(trackOf(id)).toBe(s.track);
      expect([...openers(id, 'intake')].sort()).toEqual([...s.filedBy].sort());
      expect(openers(id, 'flag').length > 0).toBe(s.detectedFrom !== null);
      expect(openers(id, 'tip').length > 0).toBe(s.fromVerifiedTip);
    },
  );
});
