import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../support/mariadbd';
import { tokenFor } from '../support/sidecar';
import { sleep } from './stats';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SECRET = 'bench-secret-that-is-long-enough-for-hs256-signing';

export type BenchTenant = {
  id: string;
  url: string;
  account?: { user: string; password: string };
  dialect?: 'mysql' | 'mariadb' | 'oceanbase';
};

export type BenchSidecar = {
  url: string;
  pid: number;
  token: string;
  /** GET /trpc/<path> with the input; resolves to the parsed `result.data`. */
  query: <T = unknown>(procedure: string, input: unknown) => Promise<T>;
  mutate: <T = unknown>(procedure: string, input: unknown) => Promise<T>;
  /** The Prometheus text of /metrics, read with the bench token (which reads every tenant). */
  metrics: () => Promise<string>;
  /** Resident memory of the sidecar's process, bytes (/proc). */
  rss: () => number;
  stop: () => Promise<void>;
};

/** One value of a series in Prometheus text (0 when absent). */
export const seriesOf = (text: string, name: string, labels: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
};

const configOf = (tenants: BenchTenant[], env: Record<string, string>) => ({
  clusters: [
    {
      id: 'bench',
      name: 'Bench',
      tenants: tenants.map((t, i) => {
        const url = new URL(t.url);
        const user = t.account?.user ?? (decodeURIComponent(url.username) || 'root');
        const password = t.account?.password ?? (url.password ? decodeURIComponent(url.password) : undefined);
        if (password !== undefined) env[`BENCH_PASSWORD_${i}`] = password;
        return {
          id: t.id,
          name: t.id,
          connection: {
            host: url.hostname,
            port: Number(url.port || 3306),
            user,
            ...(password === undefined ? {} : { passwordEnv: `BENCH_PASSWORD_${i}` }),
          },
          ...(t.dialect ? { dialect: t.dialect } : {}),
          statementTimeoutMs: 10_000,
        };
      }),
    },
  ],
});

/**
 * The sidecar as `npm start` runs it (plugin-server/src/main.ts in its own Node process, so its
 * memory and CPU are its own), with these tenants in cluster `bench`, logging at info to nowhere.
 */
export const startBenchSidecar = async (
  tenants: BenchTenant[],
  options: { freshMs: number; staticDir?: string; auditDir?: string; env?: Record<string, string> },
): Promise<BenchSidecar> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ts-bench-sidecar-'));
  const env: Record<string, string> = {};
  const configFile = path.join(dir, 'sessions.json');
  writeFileSync(configFile, JSON.stringify(configOf(tenants, env)));
  const auditFolder = options.auditDir ? mkdtempSync(path.join(options.auditDir, 'ts-bench-')) : dir;
  const port = await freePort();
  // BENCH_SIDECAR_NODE_ARGS (say `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the sidecar
  // itself; BENCH_SIDECAR_STDERR=1 shows its stderr as it comes; BENCH_SIDECAR_STDOUT=<file> appends
  // its stdout (the log, and what --trace-gc prints) to that file.
  const nodeArgs = process.env.BENCH_SIDECAR_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', 'plugin-server/src/main.ts'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        ...env,
        SESSIONS_CONFIG: configFile,
        SESSIONS_JWT_SECRET: SECRET,
        SESSIONS_PORTAL_SIGNIN: '1',
        SESSIONS_AUDIT: path.join(auditFolder, 'audit.jsonl'),
        SESSIONS_SNAPSHOT_FRESH_MS: String(options.freshMs),
        SESSIONS_CLOSE_RATE: '10000',
        SESSIONS_CLOSE_SESSIONS_RATE: '10000000',
        ...(options.staticDir ? { SESSIONS_STATIC_DIR: options.staticDir } : {}),
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'info',
        ...options.env,
      },
      stdio: [
        'ignore',
        process.env.BENCH_SIDECAR_STDOUT ? openSync(process.env.BENCH_SIDECAR_STDOUT, 'a') : 'ignore',
        'pipe',
      ],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
    if (process.env.BENCH_SIDECAR_STDERR) process.stderr.write(chunk);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`The bench sidecar did not start:\n${stderr}`);
    await sleep(100);
  }
  const token = await tokenFor(
    { 'bench/*': ['read', 'kill'] },
    { secret: new TextEncoder().encode(SECRET), expiresIn: '2h' },
  );
  const headers = { authorization: `Bearer ${token}` };
  const answer = async <T>(response: Response, procedure: string): Promise<T> => {
    const body = JSON.parse(await response.text());
    if (!response.ok)
      throw new Error(`${procedure}: HTTP ${response.status} ${JSON.stringify(body.error ?? body)}`);
    return body.result.data as T;
  };
  return {
    url,
    pid: child.pid ?? 0,
    token,
    query: async (procedure, input) =>
      answer(
        await fetch(`${url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, {
          headers,
        }),
        procedure,
      ),
    mutate: async (procedure, input) =>
      answer(
        await fetch(`${url}/trpc/${procedure}`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(input),
        }),
        procedure,
      ),
    // Series labelled with tenants are given to a token that reads them (README, "Hardening").
    metrics: async () => (await fetch(`${url}/metrics`, { headers })).text(),
    rss: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    },
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      for (const folder of [dir, auditFolder]) rmSync(folder, { recursive: true, force: true });
    },
  };
};
