import type { NextFunction, Request, Response } from 'express';
import { Router } from 'express';
import { isSidecarError } from '../errors/sidecarError';
import type { Metrics } from '../metrics/metrics';
import { sendSidecarError } from './answers';
import { type DetailAccess, type SeesTenant, tenantsSeenBy } from './detail';

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

/** The value of a sample's `tenant` label (Prometheus text escapes \\, \" and \n), if it has one. */
const tenantLabel = (line: string): string | undefined => {
  const raw = /[{,]tenant="((?:[^"\\]|\\.)*)"/.exec(line)?.[1];
  return raw?.replace(/\\(.)/g, (_all, c: string) => (c === 'n' ? '\n' : c));
};

/** The Prometheus text without the samples of tenants the caller may not see. */
export const onlySeen = (text: string, sees: SeesTenant): string =>
  text
    .split('\n')
    .filter((line) => {
      if (line.startsWith('#')) return true;
      const tenant = tenantLabel(line);
      return tenant === undefined || sees(tenant);
    })
    .join('\n');

/**
 * GET /metrics: the Prometheus text of this app's registry. Series labelled with a tenant are
 * given only to whom may see that tenant (http/detail.ts): a token with read on it, or anyone on
 * the metrics port; an anonymous caller on the main port gets the series without tenants.
 */
export const metricsEndpoint = (metrics: Metrics, access: DetailAccess): Router => {
  const router = Router();
  router.get('/metrics', async (req: Request, res: Response) => {
    let sees: SeesTenant;
    try {
      sees = await tenantsSeenBy(access, req);
    } catch (error) {
      if (isSidecarError(error)) return sendSidecarError(res, error);
      throw error;
    }
    const text = await metrics.registry.metrics();
    res.type(metrics.registry.contentType).send(access === 'all' ? text : onlySeen(text, sees));
  });
  return router;
};
