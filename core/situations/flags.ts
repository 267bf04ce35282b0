// Flags (预警): what the system detected, waiting for the responsible office to confirm it (a case
// opens) or dismiss it with a reason. One open matter per clause. §2, §3.4, §4.2–§4.3.
import type { LocalDate } from '../calendar/local-date';
import type { SituationId } from './catalogue';
import type { Detection } from './detection';

export type FlagState = 'open' | 'confirmed' | 'dismissed';

export interface Flag {
  clause: SituationId;
  /** The day of what raised it. */
  date: LocalDate;
  state: FlagState;
  /** The detection that raised it, then any later ones for the same clause while it was open. */
  evidence: Detection[];
  /** When confirmed or dismissed. */
  decided?: LocalDate;
  /** The written reason of a dismissal, which the level above can see (§4.2, §4.3). */
  reason?: string;
}

export function raiseFlag(detection: Detection): Flag {
  return { clause: detection.clause, date: detection.date, state: 'open', evidence: [detection] };
}

/** Anything open for a clause: a flag waiting for a decision, or a case not closed. */
export interface Matter {
  clause: string;
  state: string;
}

// [decision: while a flag or a case for the same clause and cadre is open, a new detection is added
//  to it as evidence instead of raising another flag — clauses.md §2]
export function openMatterFor(
  clause: string,
  flags: readonly Matter[],
  cases: readonly Matter[],
): { kind: 'flag' | 'case'; index: number } | null {
  const flag = flags.findIndex((f) => f.clause === clause && f.state === 'open');
  if (flag >= 0) return { kind: 'flag', index: flag };
  const c = cases.findIndex((k) => k.clause === clause && k.state === 'open');
  if (c >= 0) return { kind: 'case', index: c };
  return null;
}

export type FlagRefusal = {
  ok: false;
  reason: 'flag-not-raised' | 'flag-not-open';
  clause: string;
};

// 对第一书记和驻村干部教育整改进行认定时……听取本人陈述 — §3.4
// [decision: a flag becomes a case only when the responsible office confirms it after hearing the
//  cadre; it can be confirmed or dismissed once, and only on or after the day it was raised]
export function decideFlag(
  flag: Flag | undefined,
  decision:
    { kind: 'confirm'; date: LocalDate } | { kind: 'dismiss'; date: LocalDate; reason: string },
): { ok: true; flag: Flag } | FlagRefusal {
  if (!flag || flag.date > decision.date) {
    return { ok: false, reason: 'flag-not-raised', clause: '§3.4' };
  }
  if (flag.state !== 'open') return { ok: false, reason: 'flag-not-open', clause: '§3.4' };
  return decision.kind === 'confirm'
    ? { ok: true, flag: { ...flag, state: 'confirmed', decided: decision.date } }
    : {
        ok: true,
        flag: { ...flag, state: 'dismissed', decided: decision.date, reason: decision.reason },
      };
}
