import type { NextFunction, Request, Response } from 'express';
import { Router } from 'express';
import type { Metrics } from './metrics';

/** What tRPC found of each call of a request (its `info.calls`): the procedure, or null when none has that name. */
type Calls = ReadonlyArray<{ path: string; procedure: unknown }>;

/**
 * Names the calls of a /trpc request for its timer (from tRPC's context options, once it has
 * resolved them): procedures the router does not have count as `unknown`, so the label's values
 * stay the router's own.
 */
export const nameCalls = (res: Response, calls: Calls): void => {
  res.locals.procedures = calls.map((call) => (call.procedure ? call.path : 'unknown'));
};

/**
 * Times every /trpc request from its arrival to its answer (or to the client going away), once per
 * procedure it calls (each call of a batch), as nameCalls named them; a request refused before tRPC
 * read it counts as `unknown`.
 */
export const httpTimer =
  (metrics: Metrics) =>
  (_req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const names: string[] = res.locals.procedures ?? ['unknown'];
      for (const name of names) metrics.httpAnswered(name, res.statusCode, seconds);
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
