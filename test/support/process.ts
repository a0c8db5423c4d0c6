import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TenantConfig } from '@tenant-sessions/plugin-server';
import { freePort } from './mariadbd';
import { type SidecarClient, sidecarClient, TEST_SECRET, tokenFor } from './sidecar';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The sidecar as `npm start` runs it (plugin-server/src/main.ts), in a process of its own. */
export type SidecarProcess = {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Every JSON log line it wrote on stdout, parsed. */
  logs: Array<Record<string, unknown>>;
  /** Its stderr as text. */
  stderr: () => string;
  /** A token with read+kill on every tenant of the test cluster. */
  admin: string;
  /** The typed client with the admin token. */
  api: SidecarClient;
  /** Resolves with the exit code (or the signal) once it has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL if still alive. */
  kill: () => Promise<void>;
};

export type ProcessOptions = {
  /** SESSIONS_AUDIT. */
  audit: string;
  env?: Record<string, string>;
  /** A shell prefix run before exec (e.g. `ulimit -f 8`). */
  shell?: string;
  /** Run through the tsx CLI (a wrapper process in front of node), in a process group of its own. */
  viaTsxCli?: boolean;
};

/** The SESSIONS_CONFIG document for these tenants (cluster `test`); passwords go to the env. */
const configOf = (tenants: TenantConfig[], env: Record<string, string>) => ({
  clusters: [
    {
      id: 'test',
      name: 'Test cluster',
      tenants: tenants.map((t, i) => {
        if (t.connection.password !== undefined) env[`FAULT_PASSWORD_${i}`] = t.connection.password;
        return {
          id: t.tenantId,
          name: t.tenantName,
          connection: {
            host: t.connection.host,
            port: t.connection.port,
            user: t.connection.user,
            ...(t.connection.password === undefined ? {} : { passwordEnv: `FAULT_PASSWORD_${i}` }),
          },
          statementTimeoutMs: t.statementTimeoutMs,
          connectTimeoutMs: t.connectTimeoutMs,
          poolSize: t.poolSize,
        };
      }),
    },
  ],
});

/** Starts main.ts with these tenants; resolves once /healthz answers. */
export const startSidecarProcess = async (
  tenants: TenantConfig[],
  options: ProcessOptions,
): Promise<SidecarProcess> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ts-proc-'));
  const env: Record<string, string> = {};
  const configFile = path.join(dir, 'sessions.json');
  writeFileSync(configFile, JSON.stringify(configOf(tenants, env)));
  const port = await freePort();
  const node = options.viaTsxCli
    ? `exec ${JSON.stringify(path.join(ROOT, 'node_modules/.bin/tsx'))} plugin-server/src/main.ts`
    : `exec ${JSON.stringify(process.execPath)} --import tsx plugin-server/src/main.ts`;
  const child = spawn('bash', ['-c', `${options.shell ? `${options.shell}; ` : ''}${node}`], {
    cwd: ROOT,
    detached: options.viaTsxCli === true,
    env: {
      ...process.env,
      ...env,
      SESSIONS_CONFIG: configFile,
      SESSIONS_JWT_SECRET: new TextDecoder().decode(TEST_SECRET),
      SESSIONS_AUDIT: options.audit,
      SESSIONS_SNAPSHOT_FRESH_MS: '0',
      SESSIONS_CLOSE_RATE: '10000',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  let pending = '';
  child.stdout?.on('data', (chunk) => {
    pending += String(chunk);
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line));
      } catch {}
    }
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`The sidecar process did not start:\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const admin = await tokenFor({ 'test/*': ['read', 'kill'] });
  return {
    url,
    pid: child.pid ?? 0,
    child,
    logs,
    stderr: () => stderr,
    admin,
    api: sidecarClient(url, admin),
    exited,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        if (options.viaTsxCli && child.pid) process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
        await exited;
      }
    },
  };
};

/** Every line of a JSON-lines file parsed; throws naming the line that is not one JSON object. */
export const jsonLines = (text: string): Array<Record<string, unknown>> =>
  text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line, i) => {
      try {
        return JSON.parse(line);
      } catch {
        throw new Error(`line ${i + 1} of the audit is not one JSON object: ${line.slice(0, 200)}`);
      }
    });
