import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Figure } from './report';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const SHARED = ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', 'single-spa'];

/** `npm run build`'s webpack production build, into a folder of its own (dist/ is left alone). */
export const buildPortal = async (): Promise<string> => {
  const out = mkdtempSync(path.join(tmpdir(), 'ts-bench-dist-'));
  await run(
    'npx',
    ['webpack', '--config', 'webpack.config.ts', '--mode', 'production', '--output-path', out],
    {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return out;
};

const KB = 1024;

/** gzip (level 6, as servers send it) of the parcel's module; the host's shared modules apart, not counted. */
export const parcelSize = (dist: string): Figure[] => {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const map = JSON.parse(/<script type="?importmap"?>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}') as {
    imports: Record<string, string>;
  };
  const gzipOf = (name: string) => {
    const file = map.imports[name];
    if (!file) throw new Error(`the import map names no ${name}`);
    const bytes = readFileSync(path.join(dist, file));
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: 6 }).length };
  };
  const parcel = gzipOf('@tenant-sessions/parcel');
  const shared = SHARED.reduce((sum, name) => sum + gzipOf(name).gzip, 0);
  return [
    {
      section: 'parcel size',
      name: 'the parcel module, gzip (react, react-dom, single-spa external)',
      value: round1(parcel.gzip / KB),
      unit: 'KB',
      target: { max: 80, text: '≤ 80 KB' },
      note: `${round1(parcel.raw / KB)} KB minified`,
    },
    {
      section: 'parcel size',
      name: "the host's shared modules it imports, gzip (not counted)",
      value: round1(shared / KB),
      unit: 'KB',
    },
  ];
};

const round1 = (value: number) => Number(value.toFixed(1));
