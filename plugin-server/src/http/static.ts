import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response, Router } from 'express';

/** The repository's built portal: `<repo>/dist`. */
export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../../dist', import.meta.url));

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Tenant sessions</title>
<p>The portal is not built yet. Run <code>npm run build</code> (or <code>npm start</code>, which builds it), then reload.</p>
<p>The sidecar itself is up: <a href="/healthz">/healthz</a>.</p>`;

const RESERVED = /^\/(trpc|healthz|readyz|portal)(\/|$)/;

/**
 * The built portal at `/`, and `index.html` for any other GET that wants HTML (history routing of
 * `/clusters/:c/tenants/:t/sessions` and `/diagnostics/:c/sessions`).
 */
export const portalStatic = (directory: string): Router => {
  const index = path.join(directory, 'index.html');
  const router = Router();
  router.use(express.static(directory, { index: 'index.html', fallthrough: true }));
  router.get(/.*/, (req: Request, res: Response, next: NextFunction) => {
    if (RESERVED.test(req.path) || !req.accepts('html')) return next();
    // `root` keeps send's dot-segment check off the folder's own path (e.g. ~/.local/…).
    if (existsSync(index)) return res.sendFile('index.html', { root: directory });
    res.type('html').send(NOT_BUILT);
  });
  return router;
};
