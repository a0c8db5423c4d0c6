/** The answer of a rate check: go, or wait this many whole seconds. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export type CloseRate = {
  readonly perMinute: number;
  /** Counts one close call of `operator` now, if the limit allows it. */
  take: (operator: string, now?: number) => RateDecision;
};

const WINDOW_MS = 60_000;
/** Past this many operators tracked, idle ones are swept on the next call. */
const SWEEP_AT = 10_000;

/**
 * At most `perMinute` close calls per operator in any sliding minute. Refused calls are
 * not counted. In memory, per replica: N replicas allow up to N times the limit.
 */
export const createCloseRate = (perMinute: number): CloseRate => {
  const calls = new Map<string, number[]>();
  return {
    perMinute,
    take: (operator, now = Date.now()) => {
      if (calls.size > SWEEP_AT)
        for (const [who, times] of calls) if ((times.at(-1) ?? 0) <= now - WINDOW_MS) calls.delete(who);
      const recent = (calls.get(operator) ?? []).filter((t) => t > now - WINDOW_MS);
      if (recent.length >= perMinute) {
        calls.set(operator, recent);
        const oldest = recent[0] ?? now;
        return {
          allowed: false,
          retryAfterSeconds: Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000)),
        };
      }
      recent.push(now);
      calls.set(operator, recent);
      return { allowed: true };
    },
  };
};
