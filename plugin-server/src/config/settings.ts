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

export const readSettings = (env: NodeJS.ProcessEnv): Settings => {
  const jwtSecret = env.SESSIONS_JWT_SECRET || undefined;
  if (jwtSecret !== undefined && Buffer.byteLength(jwtSecret) < 32)
    throw new ConfigError('SESSIONS_JWT_SECRET must be at least 32 bytes long (HS256)');
  return {
    host: env.HOST || '127.0.0.1',
    port: integer(env, 'PORT', 3300, 0, 65535),
    jwtSecret,
    jwksUrl: env.SESSIONS_JWKS_URL || undefined,
    staticDir: env.SESSIONS_STATIC_DIR || undefined,
    portalSignin: env.SESSIONS_PORTAL_SIGNIN === '1',
    logLevel: env.LOG_LEVEL || 'info',
    poolIdleMs: integer(env, 'SESSIONS_POOL_IDLE_MS', 60_000, 1000, 86_400_000),
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
