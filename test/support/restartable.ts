import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { answers, findMariadbBinaries, freePort } from './mariadbd';

const run = promisify(execFile);

/** A throwaway mariadbd that can be killed (SIGKILL) and started again on the same port and data. */
export type RestartableServer = {
  url: string;
  port: number;
  kill: () => Promise<void>;
  start: () => Promise<void>;
  stop: () => Promise<void>;
};

export const startRestartableMariadb = async (): Promise<RestartableServer> => {
  const binaries = findMariadbBinaries();
  if (!binaries)
    throw new Error('No mariadbd binary: install mariadb-server (apt-get install mariadb-server)');
  const dir = await mkdtemp(path.join(tmpdir(), 'tenant-sessions-rdb-'));
  const data = path.join(dir, 'data');
  const asUser = process.getuid?.() === 0 ? ['--user=root'] : [];
  await run(binaries.install, [
    '--no-defaults',
    `--datadir=${data}`,
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
    `--tmpdir=${dir}`,
    ...asUser,
  ]);
  const port = await freePort();
  const url = `mysql://root@127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);
  const kill = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  const start = async () => {
    child = spawn(
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
        ...asUser,
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 30_000;
    while (!(await answers(url, 1000))) {
      if (Date.now() > deadline) throw new Error(`The restartable mariadbd did not start on ${port}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  await start();
  return {
    url,
    port,
    kill,
    start,
    stop: async () => {
      process.off('exit', killOnExit);
      await kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
};
