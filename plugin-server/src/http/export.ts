import {
  EXPORT_PATHS,
  exportLang,
  type Right,
  type Session,
  sessionFilter,
  sessionsExportInput,
  sortedFor,
  statsExportInput,
  type TenantRef,
} from '@tenant-sessions/contracts';
import { type NextFunction, type Request, type Response, Router } from 'express';
import type { z } from 'zod';
import { authorizedTenant } from '../auth/access';
import type { Verifier } from '../auth/tokens';
import { isSidecarError, SidecarError } from '../errors/sidecarError';
import { statisticsFor } from '../snapshots/stats';
import type { BoundedSnapshot, SnapshotStore } from '../snapshots/store';
import type { TenantRegistry } from '../tenants/registry';
import { sendError, sendSidecarError } from './answers';
import { groupSheet, sessionSheet } from './exportColumns';
import { exportFileName, sendCsv } from './exportCsv';

export type ExportServices = { verify: Verifier; registry: TenantRegistry; snapshots: SnapshotStore };

/** A refused input: the same answer as tRPC's (reason INVALID_INPUT, zod's issues, a message naming them). */
class InputProblem extends Error {
  constructor(
    message: string,
    readonly issues: Array<{ path: Array<string | number>; message: string; code: string }> = [],
  ) {
    super(message);
  }
}

const parsed = <S extends z.ZodType>(schema: S, value: unknown, at: string[]): z.output<S> => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: [...at, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))],
    message: issue.message,
    code: issue.code,
  }));
  const where = issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
  throw new InputProblem(`Invalid input: ${where}`, issues);
};

/** `?input=` as JSON (the tRPC GET convention), validated by `schema`; `?lang=` as the header's language. */
const queryOf = <S extends z.ZodType>(req: Request, schema: S) => {
  const raw = req.query.input;
  if (typeof raw !== 'string' || raw === '')
    throw new InputProblem('Send ?input=<url-encoded JSON>, e.g. {"clusterId":"c1","tenantId":"t1"}');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new InputProblem(`The input is not valid JSON: ${(error as Error).message}`);
  }
  const lang = req.query.lang;
  if (lang !== undefined && typeof lang !== 'string')
    throw new InputProblem('Send ?lang= once, e.g. lang=zh-CN');
  return { input: parsed(schema, json, []), lang: parsed(exportLang, lang, ['lang']) };
};

/** The token first (as tRPC: before the input is read), then the input, then the read right on its tenant. */
const authorize = async <S extends z.ZodType<TenantRef>>(
  services: ExportServices,
  req: Request,
  schema: S,
  right: Right,
) => {
  const operator = await services.verify(req.get('authorization')).catch((error: unknown) => {
    throw new SidecarError(
      'UNAUTHENTICATED',
      (error as Error).message || 'Send Authorization: Bearer <token>',
    );
  });
  req.log = req.log.child({ operator: operator.sub });
  const query = queryOf(req, schema);
  const tenant = authorizedTenant(services.registry, operator, query.input as TenantRef, right);
  return { ...query, operator, tenant };
};

/** Every matching session of a snapshot, in the list's order (its sort; blockers first when asked). */
const matchingSessions = (snapshot: BoundedSnapshot, query: z.output<typeof sessionsExportInput>) => {
  const keep = sessionFilter(query);
  const matching: Session[] = [];
  for (const s of snapshot.sessions) if (keep(s)) matching.push(s);
  return sortedFor(matching, query);
};

/** The answer of a refusal; anything not the sidecar's own goes to the last error handler. */
const refuse = (res: Response, next: NextFunction, error: unknown): void => {
  if (error instanceof InputProblem)
    sendError(
      res,
      400,
      'INVALID_INPUT',
      error.message,
      error.issues.length > 0 ? { issues: error.issues } : {},
    );
  else if (isSidecarError(error)) sendSidecarError(res, error);
  else next(error);
};

/** Snapshot facts beside the file (a cross-origin caller may read them: Access-Control-Expose-Headers). */
const describe = (res: Response, snapshot: BoundedSnapshot, rows: number): void => {
  res.setHeader('X-Sessions-Captured-At', snapshot.capturedAt);
  res.setHeader('X-Sessions-Truncated', String(snapshot.truncated));
  res.setHeader('X-Sessions-Rows', String(rows));
  if (res.getHeader('Access-Control-Allow-Origin') !== undefined)
    res.setHeader(
      'Access-Control-Expose-Headers',
      'Retry-After, X-Request-Id, Content-Disposition, X-Sessions-Captured-At, X-Sessions-Truncated, X-Sessions-Rows',
    );
};

/**
 * GET /export/sessions.csv and /export/stats.csv (docs/api.md, "Export"): the `read` right, as
 * sessions.list and sessions.stats, the input validated by the contract's schemas, every matching
 * session of the tenant's one snapshot (bounded by SESSIONS_SNAPSHOT_MAX) streamed as CSV, or the
 * statistics rows of one grouping. Refusals answer tRPC's JSON error shape.
 */
export const exportRoutes = (services: ExportServices): Router => {
  const router = Router();
  router.get(EXPORT_PATHS.sessions, async (req, res, next) => {
    res.locals.procedures = ['export.sessions'];
    try {
      const { input, lang, tenant } = await authorize(services, req, sessionsExportInput, 'read');
      const snapshot = await services.snapshots.get(tenant);
      const rows = matchingSessions(snapshot, input);
      describe(res, snapshot, rows.length);
      await sendCsv(req, res, {
        sheet: sessionSheet(lang),
        rows,
        fileName: exportFileName('sessions', input, snapshot.capturedAt),
      });
    } catch (error) {
      refuse(res, next, error);
    }
  });
  router.get(EXPORT_PATHS.stats, async (req, res, next) => {
    res.locals.procedures = ['export.stats'];
    try {
      const { input, lang, tenant } = await authorize(services, req, statsExportInput, 'read');
      const snapshot = await services.snapshots.get(tenant);
      const rows = statisticsFor(snapshot, input.activeOnly).all(input.by);
      describe(res, snapshot, rows.length);
      await sendCsv(req, res, {
        sheet: groupSheet(input.by, lang),
        rows,
        fileName: exportFileName(`stats-by-${input.by}`, input, snapshot.capturedAt),
      });
    } catch (error) {
      refuse(res, next, error);
    }
  });
  return router;
};
