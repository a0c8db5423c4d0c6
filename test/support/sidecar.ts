import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Right } from '@tenant-sessions/contracts';
import {
  type AppOptions,
  type AppRouter,
  type AuditSink,
  createApp,
  createLogger,
  createVerifier,
  fileSink,
  listen,
  type RunningServer,
  type TenantConfig,
  type Verifier,
} from '@tenant-sessions/plugin-server';
import { createTRPCClient, httpLink, type TRPCClient } from '@trpc/client';
import { SignJWT } from 'jose';
import { endpoint } from './db';

export const TEST_SECRET = new TextEncoder().encode('a-test-secret-that-is-long-enough-for-hs256');

/** A tenant of the test sidecar on the server at `url`, reached with `account` (root when absent). */
export const tenantOn = (
  url: string,
  tenantId: string,
  options: { account?: { user: string; password: string }; statementTimeoutMs?: number; port?: number } = {},
): TenantConfig => {
  const { host, port } = endpoint(url);
  const root = new URL(url);
  return {
    clusterId: 'test',
    clusterName: 'Test cluster',
    tenantId,
    tenantName: tenantId,
    connection: {
      host,
      port: options.port ?? port,
      user: options.account?.user ?? (decodeURIComponent(root.username) || 'root'),
      password: options.account?.password ?? (root.password ? decodeURIComponent(root.password) : undefined),
    },
    dialect: undefined,
    scope: { kind: 'tenant' },
    poolSize: 2,
    statementTimeoutMs: options.statementTimeoutMs ?? 5000,
    connectTimeoutMs: 2000,
  };
};

/** Signs a token like a host portal would. */
export const tokenFor = async (
  sessions: Record<string, Right[]>,
  options: { sub?: string; expiresIn?: string | number; secret?: Uint8Array } = {},
): Promise<string> =>
  new SignJWT({ sessions })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(options.sub ?? 'tester')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '5m')
    .sign(options.secret ?? TEST_SECRET);

/** The sidecar's procedures, typed by its router. */
export type SidecarClient = TRPCClient<AppRouter>;

/**
 * A typed client of the sidecar at `serverUrl` (its origin, e.g. `http://127.0.0.1:3300`), as the
 * parcel's but unbatched: one plain-JSON request per call (queries GET `?input=`, mutations POST),
 * with `Authorization: Bearer <token>` (null: no Authorization header). A refusal rejects with a
 * TRPCClientError: `error.data` is the answer's `error.data`, `error.meta.response` the response.
 */
export const sidecarClient = (serverUrl: string, token: string | null): SidecarClient =>
  createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${serverUrl}/trpc`,
        headers: () => (token === null ? {} : { authorization: `Bearer ${token}` }),
      }),
    ],
  });

// biome-ignore lint/suspicious/noExplicitAny: tests read whatever the wire answered
export type CallResult = { status: number; body: any; headers: Headers };

export type TestSidecar = RunningServer & {
  /** Every log line the sidecar wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  /** The typed client with the admin token. */
  api: SidecarClient;
  /** The typed client with `token` (null: no Authorization header). */
  client: (token: string | null) => SidecarClient;
  /** The typed client with a fresh token granting `sessions` (signed as by tokenFor). */
  as: (sessions: Record<string, Right[]>, options?: Parameters<typeof tokenFor>[1]) => Promise<SidecarClient>;
  /**
   * Raw calls with `token` (default: the admin token; null: no Authorization header), answering
   * the status, the parsed body and the headers: for tests about the wire itself (status lines,
   * headers, body parsing, the HTTP error shape) or input no type allows, such as an unknown
   * procedure. Every other call goes through the typed client.
   */
  query: (path: string, input: unknown, token?: string | null) => Promise<CallResult>;
  mutate: (path: string, input: unknown, token?: string | null) => Promise<CallResult>;
  /** A token with read+kill on every tenant of the test cluster. */
  admin: string;
  /** Where this sidecar records close attempts. */
  audit: AuditSink;
};

/** A JSON-lines audit in a fresh temporary folder (the default of startSidecar). */
export const tempAuditFile = (): string =>
  path.join(mkdtempSync(path.join(tmpdir(), 'ts-audit-')), 'audit.jsonl');

export type SidecarOptions = {
  staticDir?: string;
  portalSecret?: Uint8Array | null;
  poolIdleMs?: number;
  audit?: AuditSink;
  verify?: Verifier;
  allowedOrigins?: string[];
  closeRatePerMinute?: number;
  closeSessionsPerMinute?: number;
  /** Default 0: tests list what they just opened (the coalescing tests choose their own). */
  snapshotFreshMs?: number;
  snapshotMax?: number;
  /** Bounds and rhythm of live views (sessions.watch). */
  watch?: AppOptions['watch'];
};

const asResult = async (response: Response): Promise<CallResult> => {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: response.status, body, headers: response.headers };
};

/** The sidecar started in-process on a free loopback port, with its logs captured. */
export const startSidecar = async (
  tenants: TenantConfig[],
  options: SidecarOptions = {},
): Promise<TestSidecar> => {
  const logs: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line));
      done();
    },
  });
  const logger = createLogger('debug', sink);
  const audit = options.audit ?? fileSink(tempAuditFile());
  const app = createApp({
    tenants,
    logger,
    verify: options.verify ?? createVerifier({ secret: TEST_SECRET }),
    staticDir: options.staticDir,
    portalSecret: options.portalSecret,
    poolIdleMs: options.poolIdleMs,
    audit,
    allowedOrigins: new Set(options.allowedOrigins ?? []),
    closeRatePerMinute: options.closeRatePerMinute ?? 10_000,
    closeSessionsPerMinute: options.closeSessionsPerMinute ?? 1_000_000,
    snapshotFreshMs: options.snapshotFreshMs ?? 0,
    snapshotMax: options.snapshotMax,
    watch: options.watch,
  });
  const server = await listen(app, '127.0.0.1', 0, logger);
  const admin = await tokenFor({ 'test/*': ['read', 'kill'] });
  const auth = (token: string | null): Record<string, string> =>
    token === null ? {} : { authorization: `Bearer ${token}` };
  const client = (token: string | null) => sidecarClient(server.url, token);
  return {
    ...server,
    logs,
    admin,
    audit,
    api: client(admin),
    client,
    as: async (sessions, options) => client(await tokenFor(sessions, options)),
    query: async (path, input, token = admin) =>
      asResult(
        await fetch(`${server.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
          headers: auth(token),
        }),
      ),
    mutate: async (path, input, token = admin) =>
      asResult(
        await fetch(`${server.url}/trpc/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...auth(token) },
          body: JSON.stringify(input),
        }),
      ),
  };
};
