import {
  auditListInput,
  killInput,
  listInput,
  previewInput,
  sqlInput,
  statsInput,
  type Tenant,
  tenantsListInput,
  watchInput,
} from '@tenant-sessions/contracts';
import { listAudit } from './audit/list';
import { closeSessions } from './sessions/close';
import { readSql } from './sessions/sql';
import { pageOf } from './snapshots/page';
import { previewOf } from './snapshots/preview';
import { statsOf } from './snapshots/stats';
import { tenantsFor } from './tenants/catalog';
import { authedProcedure, router, tenantProcedure } from './trpc/init';
import { domainStream } from './trpc/stream';

/** Procedures only: validate, authorize, delegate. */
export const appRouter = router({
  tenants: router({
    list: authedProcedure
      .input(tenantsListInput)
      .query(({ ctx, input }): Tenant[] => tenantsFor(ctx.registry, ctx.operator.claim, input.clusterId)),
  }),
  sessions: router({
    list: tenantProcedure('read', listInput).query(async ({ ctx, input }) => {
      return pageOf(await ctx.snapshots.get(ctx.tenant), input);
    }),
    watch: tenantProcedure('read', watchInput).subscription(({ ctx, input, signal }) => {
      const { intervalMs, ...query } = input;
      return domainStream(
        ctx.watches.watch({
          handle: ctx.tenant,
          operator: ctx.operator.sub,
          query,
          intervalMs,
          check: () => ctx.recheck(input, 'read'),
          drop: ctx.dropConnection,
          signal: signal ?? new AbortController().signal,
        }),
      );
    }),
    stats: tenantProcedure('read', statsInput).query(async ({ ctx, input }) =>
      statsOf(await ctx.snapshots.get(ctx.tenant), input),
    ),
    preview: tenantProcedure('read', previewInput).query(async ({ ctx, input }) =>
      previewOf(await ctx.snapshots.get(ctx.tenant), input),
    ),
    sql: tenantProcedure('read', sqlInput).query(({ ctx, input }) => readSql(ctx.tenant, input.sessionKey)),
    kill: tenantProcedure('kill', killInput).mutation(({ ctx, input }) =>
      closeSessions({
        services: ctx,
        operator: ctx.operator,
        tenant: ctx.tenant,
        log: ctx.log,
        input,
        kind: 'session',
      }),
    ),
    killQuery: tenantProcedure('kill', killInput).mutation(({ ctx, input }) =>
      closeSessions({
        services: ctx,
        operator: ctx.operator,
        tenant: ctx.tenant,
        log: ctx.log,
        input,
        kind: 'query',
      }),
    ),
  }),
  audit: router({
    list: tenantProcedure('read', auditListInput).query(({ ctx, input }) =>
      listAudit(ctx.audit, input, ctx.log),
    ),
  }),
});

export type AppRouter = typeof appRouter;
