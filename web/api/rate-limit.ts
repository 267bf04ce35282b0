// A sliding-window rate limiter in this process's memory, for the endpoints anyone can reach (the
// public survey and tip endpoints). Counters are never persisted: like the tips' flood control they
// are per process, by design (architecture.md), and the keys they hold (an address, a token's hash)
// are forgotten when their window passes.

export interface RateLimiter {
  /** Counts one attempt for each key; false (and nothing counted) when any key is over its limit. */
  hit(keys: readonly string[], now: number): boolean;
}

export function createRateLimiter(options: {
  /** Attempts allowed per key within the window. */
  max: number;
  windowMs: number;
  /** Keys held at most; past it the oldest are dropped, so a flood of keys cannot fill memory. */
  maxKeys?: number;
}): RateLimiter {
  const { max, windowMs } = options;
  const maxKeys = options.maxKeys ?? 50_000;
  const attempts = new Map<string, number[]>();

  const recent = (key: string, now: number): number[] =>
    (attempts.get(key) ?? []).filter((t) => now - t < windowMs);

  return {
    hit(keys, now) {
      const current = keys.map((key) => recent(key, now));
      if (current.some((times) => times.length >= max)) return false;
      keys.forEach((key, i) => {
        // Re-inserted, so the Map's order stays oldest-used first.
        attempts.delete(key);
        attempts.set(key, [...current[i]!, now]);
      });
      while (attempts.size > maxKeys) {
        const oldest = attempts.keys().next().value;
        if (oldest === undefined) break;
        attempts.delete(oldest);
      }
      return true;
    },
  };
}

/**
 * The caller's address as the proxy in front reports it, for in-memory counters only: it is never
 * written to the database or a log.
 */
export function clientAddress(c: { req: { header(name: string): string | undefined } }): string {
  return (
    c.req.header('cf-connecting-ip') ??
    c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ??
    'local'
  );
}
