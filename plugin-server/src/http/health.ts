import { type Request, type Response, Router } from 'express';
import type { TenantRegistry } from '../tenants/registry';

/** /healthz: the process is up. /readyz: the config is loaded; tenants whose database failed last. */
export const health = (registry: TenantRegistry): Router => {
  const router = Router();
  router.get('/healthz', (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', (_req: Request, res: Response) => {
    const unreachable = registry
      .all()
      .filter((h) => h.lastFailure !== null)
      .map((h) => ({
        clusterId: h.config.clusterId,
        tenantId: h.config.tenantId,
        address: h.address,
        error: h.lastFailure,
      }));
    res.json({ status: 'ready', tenants: registry.all().length, unreachable });
  });
  return router;
};
