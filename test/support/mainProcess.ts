import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * `npm start`'s sidecar (plugin-server/src/main.ts run by tsx) as a child process with `env`.
 * `detached` puts it in a process group of its own: tsx runs the sidecar in a child of its own,
 * so ending the group (`process.kill(-pid)`) is what ends both.
 */
export const spawnMain = (env: NodeJS.ProcessEnv, options: { detached?: boolean } = {}): ChildProcess =>
  spawn(path.join(root, 'node_modules/.bin/tsx'), ['plugin-server/src/main.ts'], {
    cwd: root,
    env,
    detached: options.detached ?? false,
  });
