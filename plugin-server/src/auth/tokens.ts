import { type Right, type SessionsClaim, sessionsClaim } from '@tenant-sessions/contracts';
import {
  createRemoteJWKSet,
  type ExportedJWKSCache,
  type JSONWebKeySet,
  jwksCache,
  jwtVerify,
  SignJWT,
} from 'jose';
import { DEFAULT_TOKEN_MAX_SECONDS, lifetimeProblem } from './lifetime';
import { subjectProblem } from './subject';

/** Who calls, and what the token lets them do. */
export type Operator = { sub: string; claim: SessionsClaim };

/** Checks an Authorization header; answers the operator, or throws an Error saying what is wrong. */
export type Verifier = (authorization: string | undefined) => Promise<Operator>;

export class AuthError extends Error {
  override name = 'AuthError';
}

/** How many verified tokens are remembered, and for how long at most (see createVerifier). */
const VERIFIED_MAX = 1000;
const VERIFIED_TTL_MS = 60_000;

export type VerifierOptions = {
  secret?: Uint8Array;
  jwksUrl?: string;
  clockToleranceSeconds?: number;
  /** Least time between two JWKS fetches caused by unknown key ids (default 5 s). */
  jwksCooldownMs?: number;
  /** Keys are fetched again after this long even when every kid is known (default 10 min). */
  jwksMaxAgeMs?: number;
  /** The longest a token may live, from its `iat` (or now) to its `exp` (SESSIONS_TOKEN_MAX_TTL, default 12 h). */
  maxTokenSeconds?: number;
};

/**
 * HS256 with `secret`, RS256/ES256 with the keys of `jwksUrl` (cached; fetched again on an unknown
 * key id, at most once per cooldown). `exp` and `sub` are required; `nbf` and `exp` are checked
 * with `clockToleranceSeconds` of skew; any other algorithm (`none`, HS384, RS384, PS256…) and
 * an algorithm whose key is not configured are refused. `sub` must be a printable name
 * (auth/subject.ts), and a token may live at most `maxTokenSeconds` (auth/lifetime.ts).
 */
export const createVerifier = ({
  secret,
  jwksUrl,
  clockToleranceSeconds = 30,
  jwksCooldownMs = 5_000,
  jwksMaxAgeMs = 600_000,
  maxTokenSeconds = DEFAULT_TOKEN_MAX_SECONDS,
}: VerifierOptions): Verifier => {
  // jose writes each key set it fetches and applies into `keySet`: a new object per fetch, so a
  // remembered token can tell whether the set it was verified against still stands.
  const keySet = {} as ExportedJWKSCache;
  const jwks = jwksUrl
    ? createRemoteJWKSet(new URL(jwksUrl), {
        cooldownDuration: jwksCooldownMs,
        cacheMaxAge: jwksMaxAgeMs,
        timeoutDuration: 5_000,
        [jwksCache]: keySet,
      })
    : undefined;
  // The secret imported once (jose would import a raw secret again on every verification).
  const hsKey = secret
    ? crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
        'verify',
      ])
    : undefined;
  /**
   * Tokens already verified, by their whole text (signature included), while their `exp` and
   * `nbf` still hold, for at most VERIFIED_TTL_MS, and, for a token verified with a JWKS key,
   * only while that very key set is the one in force and fresh: once the JWKS is fetched again
   * (a rotation), every such token is checked in full again, so a withdrawn key is refused on
   * the next call. A token is the same bytes on every call of a session, and checking its
   * signature cost the most of a call's own work; refused tokens are never kept.
   */
  type Remembered = { operator: Operator; exp: number; nbf: number; until: number; keys?: JSONWebKeySet };
  const verified = new Map<string, Remembered>();
  const tolerance = clockToleranceSeconds;
  const fromCache = (token: string): Operator | undefined => {
    const hit = verified.get(token);
    if (!hit) return undefined;
    const now = Date.now();
    const seconds = now / 1000;
    const keysStand = !hit.keys || (hit.keys === keySet.jwks && jwks?.fresh === true);
    if (keysStand && now < hit.until && seconds - tolerance < hit.exp && seconds + tolerance >= hit.nbf)
      return hit.operator;
    verified.delete(token);
    return undefined;
  };
  const remember = (
    token: string,
    operator: Operator,
    payload: Record<string, unknown>,
    keys: JSONWebKeySet | undefined,
  ) => {
    if (typeof payload.exp !== 'number') return;
    const nbf = typeof payload.nbf === 'number' ? payload.nbf : Number.NEGATIVE_INFINITY;
    if (verified.size >= VERIFIED_MAX) {
      const oldest = verified.keys().next();
      if (!oldest.done) verified.delete(oldest.value);
    }
    const entry: Remembered = { operator, exp: payload.exp, nbf, until: Date.now() + VERIFIED_TTL_MS };
    if (keys) entry.keys = keys;
    verified.set(token, entry);
  };
  return async (authorization) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match?.[1]) throw new AuthError('Send Authorization: Bearer <token>');
    const token = match[1];
    const known = fromCache(token);
    if (known) return known;
    let payload: Record<string, unknown>;
    /** The JWKS path: the key set in force throughout the check, or null when it changed meanwhile. */
    let keys: JSONWebKeySet | null | undefined;
    try {
      const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as {
        alg?: string;
      };
      const options = { clockTolerance: clockToleranceSeconds, requiredClaims: ['exp', 'sub'] };
      if (header.alg === 'HS256' && hsKey) {
        ({ payload } = await jwtVerify(token, await hsKey, { ...options, algorithms: ['HS256'] }));
      } else if (jwks && (header.alg === 'RS256' || header.alg === 'ES256')) {
        // A fetch may finish while the signature is checked: the set read after the check could
        // then lack the key just used. Remembered only when one and the same set stood throughout
        // (each fetch makes a new object), and no fetch is still on its way.
        const before = keySet.jwks;
        ({ payload } = await jwtVerify(token, jwks, { ...options, algorithms: ['RS256', 'ES256'] }));
        keys = before !== undefined && keySet.jwks === before && !jwks.reloading ? before : null;
      } else {
        throw new AuthError(`tokens signed with ${header.alg ?? 'no algorithm'} are not accepted here`);
      }
    } catch (error) {
      if (error instanceof AuthError) throw error;
      throw new AuthError(`The token was refused: ${(error as Error).message}`);
    }
    const problem = subjectProblem(payload.sub) ?? lifetimeProblem(payload, maxTokenSeconds, tolerance);
    if (problem) throw new AuthError(`The token was refused: ${problem}`);
    const claim = sessionsClaim.safeParse(payload.sessions ?? {});
    if (!claim.success) throw new AuthError('The token\'s "sessions" claim is malformed');
    const operator = { sub: payload.sub as string, claim: claim.data };
    if (keys !== null) remember(token, operator, payload, keys);
    return operator;
  };
};

/** Signs an HS256 operator token granting `rights` on every tenant (the local default and the portal). */
export const signOperatorToken = async (
  secret: Uint8Array,
  { operator, rights, ttlSeconds }: { operator: string; rights: Right[]; ttlSeconds: number },
): Promise<{ token: string; expiresAt: string }> => {
  const expires = Math.floor(Date.now() / 1000) + ttlSeconds;
  const token = await new SignJWT({ sessions: { '*/*': rights } })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(operator)
    .setIssuedAt()
    .setExpirationTime(expires)
    .sign(secret);
  return { token, expiresAt: new Date(expires * 1000).toISOString() };
};
