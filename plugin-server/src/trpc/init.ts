import type { Right, TenantRef } from '@tenant-sessions/contracts';
import { initTRPC } from '@trpc/server';
import type { z } from 'zod';
import { authorizedTenant } from '../auth/access';
import { SidecarError } from '../errors/sidecarError';
import type { Context } from './context';
import { errorDataOf, toTRPCError } from './errors';

/**
 * A subscription's stream (sessions.watch) carries a keep-alive this often, so proxies that close
 * idle connections keep it; the client reconnects by itself after KEEPALIVE × 3.5 of silence.
 */
export const KEEPALIVE_MS = 10_000;

const t = initTRPC.context<Context>().create({
  isDev: false,
  sse: {
    ping: { enabled: true, intervalMs: KEEPALIVE_MS },
    client: { reconnectAfterInactivityMs: KEEPALIVE_MS * 3.5 },
  },
  errorFormatter({ shape, error }) {
    const { reason, issues, message, params, retryAfterSeconds } = errorDataOf(error);
    return {
      ...shape,
      message: message ?? shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        reason,
        ...(params ? { params } : {}),
        ...(issues ? { issues } : {}),
        ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      },
    };
  },
});

export const router = t.router;

/** The one place the domain's errors (SidecarError) become tRPC's: every procedure passes here first. */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof SidecarError) throw toTRPCError(result.error.cause);
  return result;
});

/** Every procedure: no call without a verified token (checked before the input is even parsed). */
export const authedProcedure = t.procedure.use(domainErrors).use(({ ctx, next }) => {
  if (!ctx.operator)
    throw new SidecarError('UNAUTHENTICATED', ctx.authProblem ?? 'Send Authorization: Bearer <token>');
  return next({ ctx: { ...ctx, operator: ctx.operator } });
});

/**
 * A procedure on one tenant: its input (validated first, whole) names the tenant, and the operator
 * must hold `right` on it; the tenant's handle is then `ctx.tenant`.
 */
export const tenantProcedure = <Input extends z.ZodType<TenantRef>>(right: Right, input: Input) =>
  authedProcedure.input(input).use(({ ctx, input: named, next }) =>
    next({
      ctx: { ...ctx, tenant: authorizedTenant(ctx.registry, ctx.operator, named as TenantRef, right) },
    }),
  );
