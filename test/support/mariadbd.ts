import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';

const run = promisify(execFile);

/** A mariadbd of our own: real users and privileges, in a temporary folder, on a free port. */
export type ThrowawayServer = {
  url: string;
  port: number;
  pid: number;
  /** SIGSTOP: the server stops answering, its sockets stay open (a hung database). */
  freeze: () => void;
  /** SIGCONT. */
  thaw: () => void;
  stop: () => Promise<void>;
};

const CANDIDATES = {
  server: ['/usr/sbin/mariadbd', '/usr/bin/mariadbd', '/usr/local/bin/mariadbd', '/usr/sbin/mysqld'],
  install: ['/usr/bin/mariadb-install-db', '/usr/local/bin/mariadb-install-db', '/usr/bin/mysql_install_db'],
};

/** The system's mariadbd and mariadb-install-db, or null when either is missing. */
export const findMariadbBinaries = (): { server: string; install: string } | null => {
  const server = CANDIDATES.server.find((p) => existsSync(p));
  const install = CANDIDATES.install.find((p) => existsSync(p));
  return server && install ? { server, install } : null;
};

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** True when a server answers a login at `url` within `timeoutMs`. */
export const answers = async (url: string, timeoutMs = 2000): Promise<boolean> => {
  try {
    const connection = await mysql.createConnection({ uri: url, connectTimeout: timeoutMs });
    await connection.query('SELECT 1');
    await connection.end();
    return true;
  } catch {
    return false;
  }
};

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

/**
 * Starts a throwaway mariadbd from the system's binary (`mariadb-install-db` with a real grant
 * table: root without a password on 127.0.0.1); `extraArgs` go to mariadbd.
 */
export const startThrowawayMariadb = async (extraArgs: string[] = []): Promise<ThrowawayServer> => {
  const binaries = findMariadbBinaries();
  if (!binaries)
    throw new Error('No mariadbd binary: install mariadb-server (apt-get install mariadb-server)');
  const dir = await mkdtemp(path.join(tmpdir(), 'tenant-sessions-db-'));
  const data = path.join(dir, 'data');
  const asUser = process.getuid?.() === 0 ? ['--user=root'] : [];
  await run(binaries.install, [
    '--no-defaults',
    `--datadir=${data}`,
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
    // Its own temporary folder: concurrent bootstraps in a shared /tmp collide on temporary tables.
    `--tmpdir=${dir}`,
    ...asUser,
  ]);
  const port = await freePort();
  const child = spawn(
    binaries.server,
    [
      '--no-defaults',
      `--datadir=${data}`,
      `--socket=${path.join(dir, 'mysqld.sock')}`,
      `--pid-file=${path.join(dir, 'mysqld.pid')}`,
      `--log-error=${path.join(dir, 'error.log')}`,
      `--port=${port}`,
      `--tmpdir=${dir}`,
      '--bind-address=127.0.0.1',
      '--skip-name-resolve',
      '--innodb-buffer-pool-size=16M',
      '--max-connections=200',
      ...asUser,
      ...extraArgs,
    ],
    { stdio: 'ignore' },
  );
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const url = `mysql://root@127.0.0.1:${port}`;
  const stop = async () => {
    process.off('exit', killOnExit);
    // Its data is thrown away: no clean shutdown needed, and SIGKILL also ends a frozen server.
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited(child);
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  while (!(await answers(url, 1000))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const log = await readFile(path.join(dir, 'error.log'), 'utf8').catch(() => '');
      await stop();
      throw new Error(`The throwaway mariadbd did not start:\n${log.split('\n').slice(-15).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // mariadb-install-db made root@127.0.0.1 without a password: that is the account tests use.
  return {
    url,
    port,
    pid: child.pid ?? 0,
    freeze: () => child.kill('SIGSTOP'),
    thaw: () => child.kill('SIGCONT'),
    stop,
  };
};
