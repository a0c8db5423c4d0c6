/** The answer of a rate check: go, or wait this many whole seconds (and which limit said so). */
export type RateDecision =
  | { allowed: true }
  | { allowed: false; retryAfterSeconds: number; limit: 'calls' | 'sessions' };

export type CloseRate = {
  /** Close calls per operator in any sliding minute (SESSIONS_CLOSE_RATE). */
  readonly perMinute: number;
  /** Sessions named in close calls per operator in any sliding minute (SESSIONS_CLOSE_SESSIONS_RATE). */
  readonly sessionsPerMinute: number;
  /** Counts one close call of `operator` naming `sessions` keys, now, if both limits allow it. */
  take: (operator: string, now?: number, sessions?: number) => RateDecision;
};

const WINDOW_MS = 60_000;
/** Past this many operators tracked, idle ones are swept on the next call. */
const SWEEP_AT = 10_000;

/** One call counted: when, and how many sessions it named. */
type Taken = { at: number; sessions: number };

/**
 * At most `perMinute` close calls and `sessionsPerMinute` sessions named in them per operator in
 * any sliding minute (README, "Rate limit"): a close by filter of 1,000 sessions is ten calls of
 * 100 keys, 1,000 sessions. A call the sessions limit cannot take whole is refused whole (never
 * cut). Refused calls are not counted. In memory, per replica: N replicas allow up to N times the
 * limits.
 */
export const createCloseRate = (perMinute: number, sessionsPerMinute = 2000): CloseRate => {
  const calls = new Map<string, Taken[]>();
  return {
    perMinute,
    sessionsPerMinute,
    take: (operator, now = Date.now(), sessions = 1) => {
      if (calls.size > SWEEP_AT)
        for (const [who, times] of calls) if ((times.at(-1)?.at ?? 0) <= now - WINDOW_MS) calls.delete(who);
      const recent = (calls.get(operator) ?? []).filter((t) => t.at > now - WINDOW_MS);
      calls.set(operator, recent);
      const retryAfter = (until: number) => Math.max(1, Math.ceil((until + WINDOW_MS - now) / 1000));
      if (recent.length >= perMinute)
        return { allowed: false, retryAfterSeconds: retryAfter(recent[0]?.at ?? now), limit: 'calls' };
      let named = sessions;
      for (const t of recent) named += t.sessions;
      if (named > sessionsPerMinute) {
        // The earliest moment enough of the minute's sessions have aged out for this call.
        let freed = named - sessionsPerMinute;
        let until = now;
        for (const t of recent) {
          until = t.at;
          freed -= t.sessions;
          if (freed <= 0) break;
        }
        return { allowed: false, retryAfterSeconds: retryAfter(until), limit: 'sessions' };
      }
      recent.push({ at: now, sessions });
      return { allowed: true };
    },
  };
};
