import type { ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import {
  type AppOptions,
  createApp,
  createLogger,
  createVerifier,
  fileSink,
  type ListenOptions,
  listen,
  type RunningServer,
  type TenantConfig,
} from '@tenant-sessions/plugin-server';
import { spawnMain } from './mainProcess';
import { freePort } from './mariadbd';
import { type SidecarClient, sidecarClient, TEST_SECRET, tempAuditFile, tokenFor } from './sidecar';

// Helpers of the hardening tests: requests with whatever Host and body a browser or an attacker
// would send (fetch cannot set Host), and the sidecar started with the app and listen options
// startSidecar does not expose (allowed hosts, answer bounds, the metrics port, HTTP limits).

export type RawAnswer = {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
};

/** One HTTP/1.1 request to `base` with exactly these headers (Host included, or none with `host: null`). */
export const rawRequest = (
  base: string,
  {
    method = 'GET',
    path: target = '/',
    headers = {},
    body,
    host,
  }: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    host?: string | null;
  } = {},
): Promise<RawAnswer> =>
  new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: target,
        setHost: host === undefined,
        headers: { ...(host ? { host } : {}), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });

export type HardenedSidecar = RunningServer & {
  /** A token with read+kill on every tenant of the test cluster. */
  admin: string;
  /** The typed client with the admin token. */
  api: SidecarClient;
};

/** The sidecar in-process on a free loopback port with these app and listen options, its logs dropped. */
export const startHardened = async (
  tenants: TenantConfig[],
  options: Partial<AppOptions> = {},
  listenOptions: ListenOptions = {},
  host = '127.0.0.1',
): Promise<HardenedSidecar> => {
  const logger = createLogger('silent');
  const app = createApp({
    tenants,
    logger,
    verify: createVerifier({ secret: TEST_SECRET }),
    audit: fileSink(tempAuditFile()),
    snapshotFreshMs: 0,
    ...options,
  });
  const server = await listen(app, host, 0, logger, listenOptions);
  const admin = await tokenFor({ 'test/*': ['read', 'kill'] });
  return { ...server, admin, api: sidecarClient(server.url, admin) };
};

/** npm start's main.ts with these settings (and no secret unless given): its exit code and stderr. */
export const startMainWith = async (settings: Record<string, string>) => {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(await freePort()), ...settings };
  delete env.SESSIONS_CONFIG;
  for (const name of ['SESSIONS_JWT_SECRET', 'SESSIONS_JWKS_URL', 'SESSIONS_PORTAL_SIGNIN'])
    if (!(name in settings)) delete env[name];
  const child: ChildProcess = spawnMain(env, { detached: true });
  let errors = '';
  child.stderr?.on('data', (chunk) => {
    errors += String(chunk);
  });
  child.stdout?.resume();
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 30_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  return { code, errors };
};
