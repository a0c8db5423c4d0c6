import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built demo portal (index.html, assets/) the test sidecar serves. */
    portalDir: string;
  }
}

export const CHROMIUM = '/usr/bin/chromium';

const root = fileURLToPath(new URL('../..', import.meta.url));
/**
 * The browser tests build the portal into their own folder (gitignored like every `dist/`), not the
 * top-level `dist/`: webpack cleans its output folder, so `npm start` building `dist/` meanwhile
 * would pull the files from under a running browser test, and this build from under `npm start`.
 * (No dot-folder on the way: the sidecar's history fallback will not send files from one.)
 */
const OUT = path.join(root, 'test', 'e2e', 'dist');
const STAMP = path.join(OUT, '.inputs');

/** What the build reads: the UI, the contracts, the webpack config and the locked dependencies. */
const INPUTS = ['plugin-ui/src', 'plugin-ui/portal', 'plugin-ui/demo', 'contracts/src'];
const INPUT_FILES = ['webpack.config.ts', 'package-lock.json', 'plugin-ui/package.json'];

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : filesUnder(full);
    return /\.test\.tsx?$/.test(entry.name) ? [] : [full];
  });

/** A fingerprint of every input's path, size and modification time. */
const fingerprint = (): string => {
  const hash = createHash('sha256');
  const files = [
    ...INPUTS.flatMap((dir) => filesUnder(path.join(root, dir))),
    ...INPUT_FILES.map((f) => path.join(root, f)),
  ].sort();
  for (const file of files) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${path.relative(root, file)}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex');
};

/** Builds the portal (webpack, production) unless the last build saw exactly these inputs. */
const buildPortal = (): string => {
  const inputs = fingerprint();
  const fresh =
    existsSync(STAMP) && existsSync(path.join(OUT, 'index.html')) && readFileSync(STAMP, 'utf8') === inputs;
  if (fresh) return OUT;
  const started = Date.now();
  const webpack = path.join(root, 'node_modules', '.bin', 'webpack');
  const run = spawnSync(
    webpack,
    ['--config', 'webpack.config.ts', '--mode', 'production', '--output-path', OUT],
    { cwd: root, encoding: 'utf8' },
  );
  if (run.status !== 0)
    throw new Error(`browser tests: building the portal failed:\n${run.stdout}\n${run.stderr}`);
  writeFileSync(STAMP, inputs);
  process.stdout.write(`browser tests: built the portal in ${Date.now() - started} ms into ${OUT}\n`);
  return OUT;
};

/** Fails at once without Debian's Chromium; builds the portal unless fresh; hands its folder to the tests. */
export default function setup(project: TestProject): void {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `The browser tests drive Debian's Chromium at ${CHROMIUM}, which is missing: install Debian's chromium (apt-get install chromium).`,
    );
  // A portal built elsewhere (E2E_PORTAL_DIR, a folder with index.html and assets/) is tested as is.
  const given = process.env.E2E_PORTAL_DIR;
  if (given && !existsSync(path.join(given, 'index.html')))
    throw new Error(`E2E_PORTAL_DIR=${given} holds no index.html: build the portal there first.`);
  project.provide('portalDir', given ? path.resolve(given) : buildPortal());
}
