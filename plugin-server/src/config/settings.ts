import { parseHosts } from './hosts';
import { isLoopbackLiteral } from './loopback';
import { parseOrigins } from './origins';
import { ConfigError } from './tenants';

/** The longest a token may live by default (SESSIONS_TOKEN_MAX_TTL): 12 hours. */
export const DEFAULT_TOKEN_MAX_SECONDS = 12 * 60 * 60;

/** The bounds and rhythm of live views (README: "Live refresh"). */
export type WatchLimits = {
  /** Streams one operator (a token's `sub`) may hold open at once (SESSIONS_WATCH_PER_OPERATOR). */
  perOperator: number;
  /** Streams open in all (SESSIONS_WATCH_MAX). */
  max: number;
  /** A watcher whose view did not change gets it again after this long (ms; 0: only on change) (SESSIONS_WATCH_REFRESH_MS). */
  refreshMs: number;
  /** A reader that has not taken its last view for this long when a newer one is ready is dropped (ms) (SESSIONS_WATCH_SLOW_MS). */
  slowMs: number;
};

export const DEFAULT_WATCH_LIMITS: WatchLimits = {
  perOperator: 8,
  max: 500,
  refreshMs: 30_000,
  slowMs: 15_000,
};

/** Process settings read from the environment (README: "Configuration"). */
export type Settings = {
  host: string;
  port: number;
  jwtSecret: string | undefined;
  jwksUrl: string | undefined;
  staticDir: string | undefined;
  portalSignin: boolean;
  logLevel: string;
  poolIdleMs: number;
  /** SESSIONS_AUDIT: a JSON-lines file path or a mysql:// URL; undefined for ./data/audit.jsonl. */
  audit: string | undefined;
  /** SESSIONS_ALLOWED_ORIGINS: the only origins given CORS headers. */
  allowedOrigins: Set<string>;
  /** SESSIONS_CLOSE_RATE: close calls per operator per minute. */
  closeRatePerMinute: number;
  /** SESSIONS_CLOSE_SESSIONS_RATE: sessions named in close calls per operator per minute. */
  closeSessionsPerMinute: number;
  /** SESSIONS_SNAPSHOT_FRESH_MS: how long a processlist snapshot answers later lists (0: every list reads). */
  snapshotFreshMs: number;
  /** SESSIONS_SNAPSHOT_MAX: the most sessions a snapshot keeps (more: cut, `truncated`). */
  snapshotMax: number;
  /** SESSIONS_TOKEN_MAX_TTL: the longest a token may live (seconds, from its iat or now to its exp). */
  tokenMaxSeconds: number;
  /** SESSIONS_ALLOWED_HOSTS: Host names (host or host:port) served besides the listen address. */
  allowedHosts: string[];
  /** SESSIONS_METRICS_PORT / SESSIONS_METRICS_HOST: a separate port for /metrics, /readyz and /healthz in full. */
  metricsPort: number | undefined;
  metricsHost: string;
  /** SESSIONS_MAX_CONNECTIONS: open HTTP connections at most; more are refused. */
  maxConnections: number;
  /** Live views (sessions.watch): SESSIONS_WATCH_PER_OPERATOR, SESSIONS_WATCH_MAX, SESSIONS_WATCH_REFRESH_MS, SESSIONS_WATCH_SLOW_MS. */
  watch: WatchLimits;
};

const integer = (
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  return value;
};

/** SESSIONS_JWKS_URL: https, or http on a loopback address only (keys must not be swapped in transit). */
const jwksUrlOf = (raw: string | undefined): string | undefined => {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`SESSIONS_JWKS_URL is not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackLiteral(url.hostname)))
    return url.href;
  throw new ConfigError('SESSIONS_JWKS_URL must use https (plain http is accepted on loopback only)');
};

export const readSettings = (env: NodeJS.ProcessEnv): Settings => {
  const jwtSecret = env.SESSIONS_JWT_SECRET || undefined;
  if (jwtSecret !== undefined && Buffer.byteLength(jwtSecret) < 32)
    throw new ConfigError('SESSIONS_JWT_SECRET must be at least 32 bytes long (HS256)');
  return {
    host: env.HOST || '127.0.0.1',
    port: integer(env, 'PORT', 3300, 0, 65535),
    jwtSecret,
    jwksUrl: jwksUrlOf(env.SESSIONS_JWKS_URL),
    staticDir: env.SESSIONS_STATIC_DIR || undefined,
    portalSignin: env.SESSIONS_PORTAL_SIGNIN === '1',
    logLevel: env.LOG_LEVEL || 'info',
    poolIdleMs: integer(env, 'SESSIONS_POOL_IDLE_MS', 60_000, 1000, 86_400_000),
    audit: env.SESSIONS_AUDIT || undefined,
    allowedOrigins: parseOrigins(env.SESSIONS_ALLOWED_ORIGINS),
    closeRatePerMinute: integer(env, 'SESSIONS_CLOSE_RATE', 30, 1, 100_000),
    closeSessionsPerMinute: integer(env, 'SESSIONS_CLOSE_SESSIONS_RATE', 2000, 1, 10_000_000),
    snapshotFreshMs: integer(env, 'SESSIONS_SNAPSHOT_FRESH_MS', 1000, 0, 600_000),
    snapshotMax: integer(env, 'SESSIONS_SNAPSHOT_MAX', 100_000, 1, 10_000_000),
    tokenMaxSeconds: integer(env, 'SESSIONS_TOKEN_MAX_TTL', DEFAULT_TOKEN_MAX_SECONDS, 900, 30 * 86_400),
    allowedHosts: parseHosts(env.SESSIONS_ALLOWED_HOSTS),
    metricsPort: env.SESSIONS_METRICS_PORT ? integer(env, 'SESSIONS_METRICS_PORT', 0, 0, 65535) : undefined,
    metricsHost: env.SESSIONS_METRICS_HOST || '127.0.0.1',
    maxConnections: integer(env, 'SESSIONS_MAX_CONNECTIONS', 1000, 1, 100_000),
    watch: {
      perOperator: integer(env, 'SESSIONS_WATCH_PER_OPERATOR', DEFAULT_WATCH_LIMITS.perOperator, 1, 10_000),
      max: integer(env, 'SESSIONS_WATCH_MAX', DEFAULT_WATCH_LIMITS.max, 1, 100_000),
      refreshMs: integer(env, 'SESSIONS_WATCH_REFRESH_MS', DEFAULT_WATCH_LIMITS.refreshMs, 0, 3_600_000),
      slowMs: integer(env, 'SESSIONS_WATCH_SLOW_MS', DEFAULT_WATCH_LIMITS.slowMs, 1000, 600_000),
    },
  };
};

/**
 * How the sidecar verifies tokens: with SESSIONS_JWT_SECRET, the JWKS, or a secret generated for
 * this run (loopback only). The portal may sign operators in with a generated secret on loopback,
 * or with the configured one when SESSIONS_PORTAL_SIGNIN=1, on loopback only too: anyone who
 * reaches the sign-in gets a read+kill token. `hostIsLoopback` is what HOST resolved to (main.ts
 * resolves it: config/loopback.ts); by default, HOST as written (an address, or localhost).
 */
export const identityPlan = (
  settings: Settings,
  hostIsLoopback = isLoopbackLiteral(settings.host),
): { generateSecret: boolean; portalSignin: boolean } => {
  const generateSecret = settings.jwtSecret === undefined && settings.jwksUrl === undefined;
  if (generateSecret && !hostIsLoopback)
    throw new ConfigError(
      `Set SESSIONS_JWT_SECRET (or SESSIONS_JWKS_URL) to listen on ${settings.host}: a generated secret is for loopback only`,
    );
  if (settings.portalSignin && !hostIsLoopback)
    throw new ConfigError(
      `SESSIONS_PORTAL_SIGNIN=1 signs anyone in with read and kill: it is for loopback only, and HOST=${settings.host} is not a loopback address; unset SESSIONS_PORTAL_SIGNIN (the console's own tokens need no sign-in here)`,
    );
  const hasSecret = generateSecret || settings.jwtSecret !== undefined;
  return { generateSecret, portalSignin: hasSecret && (generateSecret || settings.portalSignin) };
};
