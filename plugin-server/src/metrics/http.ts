import type { NextFunction, Request, Response } from 'express';
import { Router } from 'express';
import type { Metrics } from './metrics';

/**
 * Times every /trpc request from its arrival to its answer (or to the client going away), once per
 * procedure it names (`a,b` for a batch); names the router does not know count as `unknown`.
 */
export const httpTimer =
  (metrics: Metrics, procedures: ReadonlySet<string>) =>
  (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const names = req.path.replace(/^\//, '').split(',');
      for (const name of names)
        metrics.httpAnswered(procedures.has(name) ? name : 'unknown', res.statusCode, seconds);
    });
    next();
  };

/** GET /metrics: the Prometheus text of this app's registry. */
export const metricsEndpoint = (metrics: Metrics): Router => {
  const router = Router();
  router.get('/metrics', async (_req: Request, res: Response) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
};
