import { DEFAULT_TOKEN_MAX_SECONDS } from '../config/settings';

export { DEFAULT_TOKEN_MAX_SECONDS };

/**
 * What is wrong with a token's lifetime, or null: it may live at most `maxSeconds`, counted from
 * its `iat` or from now, whichever is earlier (a future `iat` cannot stretch it), to its `exp`,
 * with `toleranceSeconds` of clock skew.
 */
export const lifetimeProblem = (
  payload: { exp?: unknown; iat?: unknown },
  maxSeconds: number,
  toleranceSeconds = 0,
  nowSeconds = Date.now() / 1000,
): string | null => {
  const { exp, iat } = payload;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return 'the "exp" claim must be a number';
  const from = typeof iat === 'number' && Number.isFinite(iat) ? Math.min(iat, nowSeconds) : nowSeconds;
  const lives = exp - from;
  if (lives <= maxSeconds + toleranceSeconds) return null;
  return `it lives ${Math.round(lives)} s (from ${typeof iat === 'number' ? '"iat"' : 'now'} to "exp"), longer than the ${maxSeconds} s SESSIONS_TOKEN_MAX_TTL allows: ask for a shorter-lived token`;
};
