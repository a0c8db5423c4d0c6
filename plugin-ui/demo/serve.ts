import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run demo`: serves the built portal (`dist/`) with the page switched to demo mode, and
 * MSW's worker script; any other path that is not a file answers the portal (history routing).
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../../dist');
const worker = path.join(here, 'public/mockServiceWorker.js');
const port = Number(process.env.PORT ?? 3400);
const host = process.env.HOST ?? '127.0.0.1';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

if (!existsSync(path.join(dist, 'index.html'))) {
  console.error(`No build at ${dist}: run "npm run build" first (npm run demo does).`);
  process.exit(1);
}
const MODE = /(<meta name="?tenant-sessions-mode"? content=)"?live"?/;

/** The portal page in demo mode, read on each request so that a rebuild needs no restart. */
function demoPage(): string {
  const built = readFileSync(path.join(dist, 'index.html'), 'utf8');
  if (!MODE.test(built))
    throw new Error('dist/index.html has no tenant-sessions-mode meta: run "npm run build"');
  return built.replace(MODE, '$1"demo"');
}

const fileFor = (urlPath: string): string | null => {
  if (urlPath === '/mockServiceWorker.js') return worker;
  const file = path.resolve(dist, `.${decodeURIComponent(urlPath)}`);
  if (!file.startsWith(`${dist}${path.sep}`) || file.endsWith('index.html')) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
};

createServer((req, res) => {
  const urlPath = new URL(req.url ?? '/', 'http://demo').pathname;
  const file = req.method === 'GET' || req.method === 'HEAD' ? fileFor(urlPath) : null;
  if (file) {
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': file.includes(`${path.sep}assets${path.sep}`)
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    });
    createReadStream(file).pipe(res);
    return;
  }
  if (path.extname(urlPath) && urlPath.startsWith('/assets/')) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-cache' }).end(demoPage());
}).listen(port, host, () => {
  const base = `http://${host}:${port}`;
  console.log(`Demo portal (MSW answers; no sidecar, no database) at ${base}/`);
  console.log(`  entry 1: ${base}/clusters/prod-1/tenants/trade/sessions`);
  console.log(`  entry 2: ${base}/diagnostics/prod-1/sessions`);
  console.log(`  read-only operator: ${base}/clusters/prod-1/tenants/trade/sessions?rights=read`);
});
