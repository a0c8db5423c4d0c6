import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

/** A signing key of the test's identity provider. */
export type IdpKey = { kid: string; alg: 'RS256' | 'ES256'; privateKey: CryptoKey; jwk: JWK };

export const newKey = async (kid: string, alg: 'RS256' | 'ES256'): Promise<IdpKey> => {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
};

/** An identity provider's JWKS endpoint on loopback; `publish` swaps the keys it serves (rotation). */
export type JwksServer = {
  url: string;
  /** How many times the JWKS was fetched. */
  fetches: () => number;
  publish: (keys: IdpKey[]) => void;
  close: () => Promise<void>;
};

export const serveJwks = async (keys: IdpKey[]): Promise<JwksServer> => {
  let published = keys;
  let fetches = 0;
  const server: Server = createServer((_req, res) => {
    fetches += 1;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: published.map((k) => k.jwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    fetches: () => fetches,
    publish: (next) => {
      published = next;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};

/** A token as the identity provider signs it; `header` overrides what the header says. */
export const idpToken = (
  key: Pick<IdpKey, 'kid' | 'alg' | 'privateKey'>,
  sessions: Record<string, string[]>,
  options: { sub?: string; exp?: number | string; nbf?: number; header?: Record<string, unknown> } = {},
): Promise<string> => {
  const jwt = new SignJWT({ sessions })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, ...options.header })
    .setSubject(options.sub ?? 'idp-operator')
    .setIssuedAt()
    .setExpirationTime(options.exp ?? '5m');
  if (options.nbf !== undefined) jwt.setNotBefore(options.nbf);
  return jwt.sign(key.privateKey);
};

/** A token with `alg: none` and no signature. */
export const unsignedToken = (claims: Record<string, unknown>): string =>
  `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
