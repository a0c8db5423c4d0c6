import { parseOrigins } from './origins';
import { ConfigError } from './tenants';

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
  /** SESSIONS_SNAPSHOT_FRESH_MS: how long a processlist snapshot answers later lists (0: every list reads). */
  snapshotFreshMs: number;
  /** SESSIONS_SNAPSHOT_MAX: the most sessions a snapshot keeps (more: cut, `truncated`). */
  snapshotMax: number;
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
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))) return url.href;
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
    snapshotFreshMs: integer(env, 'SESSIONS_SNAPSHOT_FRESH_MS', 1000, 0, 600_000),
    snapshotMax: integer(env, 'SESSIONS_SNAPSHOT_MAX', 100_000, 1, 10_000_000),
  };
};

export const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);

/**
 * How the sidecar verifies tokens: with SESSIONS_JWT_SECRET, the JWKS, or a secret generated for
 * this run (loopback only). The portal may sign operators in with a generated secret on loopback,
 * or with the configured one when SESSIONS_PORTAL_SIGNIN=1.
 */
export const identityPlan = (settings: Settings): { generateSecret: boolean; portalSignin: boolean } => {
  const generateSecret = settings.jwtSecret === undefined && settings.jwksUrl === undefined;
  if (generateSecret && !isLoopback(settings.host))
    throw new ConfigError(
      `Set SESSIONS_JWT_SECRET (or SESSIONS_JWKS_URL) to listen on ${settings.host}: a generated secret is for loopback only`,
    );
  const hasSecret = generateSecret || settings.jwtSecret !== undefined;
  return { generateSecret, portalSignin: hasSecret && (generateSecret || settings.portalSignin) };
};
