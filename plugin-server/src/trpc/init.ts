import { initTRPC } from '@trpc/server';
import type { Logger } from 'pino';
import type { AuditSink } from '../audit/sink';
import type { Operator } from '../auth/tokens';
import type { Metrics } from '../metrics/metrics';
import type { CloseRate } from '../rate/closeRate';
import type { SnapshotCache } from '../snapshots/cache';
import type { TenantRegistry } from '../tenants/registry';
import { describeError, failure } from './errors';

/** What every procedure receives: the verified operator (or why there is none), a logger, the tenants. */
export type Context = {
  operator: Operator | null;
  authProblem: string | null;
  log: Logger;
  registry: TenantRegistry;
  /** Where close attempts are recorded (audit/). */
  audit: AuditSink;
  /** The per-operator limit on close calls. */
  closeRate: CloseRate;
  /** The tenants' coalesced processlist snapshots (snapshots/). */
  snapshots: SnapshotCache;
  metrics: Metrics;
};

const t = initTRPC.context<Context>().create({
  isDev: false,
  errorFormatter({ shape, error }) {
    const { reason, issues, message, retryAfterSeconds } = describeError(error);
    return {
      ...shape,
      message: message ?? shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        reason,
        ...(issues ? { issues } : {}),
        ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      },
    };
  },
});

export const router = t.router;

/** Every procedure: no call without a verified token (checked before the input is even parsed). */
export const authedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.operator)
    throw failure('UNAUTHENTICATED', ctx.authProblem ?? 'Send Authorization: Bearer <token>');
  return next({ ctx: { ...ctx, operator: ctx.operator } });
});
