// Flood control for tips and their follow-up: sliding-window counters per Telegram user, in this
// process's memory only. By design they are never persisted (architecture.md: the one exception to
// "no state in process memory"): a stored counter would tie a Telegram account to the act of
// tipping. Several processes each count on their own, which only loosens the limit.

export interface FloodLimits {
  /** Tips one Telegram user may send in an hour. */
  tipsPerHour: number;
  /** Receipt-code look-ups one Telegram user may make in a minute (right or wrong codes alike). */
  followupsPerMinute: number;
}

export const defaultFloodLimits: FloodLimits = { tipsPerHour: 3, followupsPerMinute: 5 };

export type FloodKind = 'tip' | 'followup';

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Past this many tracked users, expired entries are swept before adding another. */
const SWEEP_ABOVE = 10_000;

export class FloodControl {
  private readonly seen = new Map<string, number[]>();

  constructor(private readonly limits: FloodLimits = defaultFloodLimits) {}

  /** Whether one more is allowed now, without counting it. */
  allows(kind: FloodKind, userId: number, now: Date): boolean {
    return this.recent(kind, userId, now).length < this.limit(kind);
  }

  /** Counts one, whether or not it was allowed. */
  record(kind: FloodKind, userId: number, now: Date): void {
    const key = `${kind}:${userId}`;
    const times = this.recent(kind, userId, now);
    if (!this.seen.has(key) && this.seen.size >= SWEEP_ABOVE) this.sweep(now);
    times.push(now.getTime());
    this.seen.set(key, times);
  }

  /** Counts an attempt and says whether it is within the limit. */
  attempt(kind: FloodKind, userId: number, now: Date): boolean {
    const allowed = this.allows(kind, userId, now);
    if (allowed) this.record(kind, userId, now);
    return allowed;
  }

  private limit(kind: FloodKind): number {
    return kind === 'tip' ? this.limits.tipsPerHour : this.limits.followupsPerMinute;
  }

  private recent(kind: FloodKind, userId: number, now: Date): number[] {
    const since = now.getTime() - (kind === 'tip' ? HOUR : MINUTE);
    return (this.seen.get(`${kind}:${userId}`) ?? []).filter((t) => t > since);
  }

  private sweep(now: Date): void {
    for (const [key, times] of this.seen) {
      const window = key.startsWith('tip:') ? HOUR : MINUTE;
      if (times.every((t) => t <= now.getTime() - window)) this.seen.delete(key);
    }
  }
}
