import { type Request, type Response, Router } from 'express';
import { isSidecarError } from '../errors/sidecarError';
import type { TenantRegistry } from '../tenants/registry';
import { sendSidecarError } from './answers';
import { type DetailAccess, tenantsSeenBy } from './detail';

/**
 * /healthz: the process is up. /readyz: the config is loaded, how many tenants there are and how
 * many failed their last call; which ones, at what address, with what error, only to whom may see
 * them (a token with read on them, or anyone on the metrics port: http/detail.ts).
 */
export const health = (registry: TenantRegistry, access: DetailAccess): Router => {
  const router = Router();
  router.get('/healthz', (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req: Request, res: Response) => {
    let sees: Awaited<ReturnType<typeof tenantsSeenBy>>;
    try {
      sees = await tenantsSeenBy(access, req);
    } catch (error) {
      if (isSidecarError(error)) return sendSidecarError(res, error);
      throw error;
    }
    const all = registry.all();
    const failing = all.filter((h) => h.lastFailure !== null);
    const shown = failing.filter((h) => sees(h.ref));
    const detail =
      access === 'all' || req.get('authorization') !== undefined
        ? {
            unreachable: shown.map((h) => ({
              clusterId: h.config.clusterId,
              tenantId: h.config.tenantId,
              address: h.address,
              error: h.lastFailure,
            })),
          }
        : {};
    res.json({ status: 'ready', tenants: all.length, failing: failing.length, ...detail });
  });
  return router;
};
