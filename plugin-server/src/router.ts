import {
  auditListInput,
  killInput,
  listInput,
  rightsOn,
  sqlInput,
  type Tenant,
  tenantsListInput,
} from '@tenant-sessions/contracts';
import { listAudit } from './audit/list';
import { closeAudit } from './audit/trail';
import { authorizedTenant } from './auth/access';
import { killSessions } from './sessions/kill';
import { pageOf } from './sessions/list';
import { readSnapshot } from './sessions/snapshot';
import { readSql } from './sessions/sql';
import { tooManyRequests } from './trpc/errors';
import { authedProcedure, router } from './trpc/init';

/**
 * Close Session / Close Current Query: the kill right, the operator's rate, an audit that can be
 * written (else no KILL at all), then the kills, each attempt recorded before the answer.
 */
const killProcedure = (kind: 'session' | 'query') =>
  authedProcedure.input(killInput).mutation(async ({ ctx, input }) => {
    const handle = authorizedTenant(ctx.registry, ctx.operator, input, 'kill');
    const rate = ctx.closeRate.take(ctx.operator.sub);
    if (!rate.allowed)
      throw tooManyRequests(
        `At most ${ctx.closeRate.perMinute} close calls a minute per operator: retry in ${rate.retryAfterSeconds} s`,
        rate.retryAfterSeconds,
      );
    const audit = closeAudit(ctx.audit, { operator: ctx.operator.sub, tenant: input, log: ctx.log });
    await audit.ensureWritable();
    try {
      const report = await killSessions({
        handle,
        sessionKeys: input.sessionKeys,
        kind,
        expected: input.expected,
        operator: ctx.operator.sub,
        ownIds: () => ctx.registry.ownThreadIds(handle.address),
        log: ctx.log,
        record: audit.record,
      });
      ctx.metrics.closed(handle.ref, kind, report);
      return report;
    } finally {
      // The next list reads again, and shows what the close did.
      ctx.snapshots.drop(handle.ref);
    }
  });

/** Procedures only: validate, authorize, delegate. */
export const appRouter = router({
  tenants: router({
    list: authedProcedure.input(tenantsListInput).query(({ ctx, input }): Tenant[] =>
      ctx.registry
        .all()
        .filter((h) => input.clusterId === undefined || h.config.clusterId === input.clusterId)
        .map((h) => ({
          h,
          rights: [...rightsOn(ctx.operator.claim, h.config.clusterId, h.config.tenantId)].sort(),
        }))
        .filter(({ rights }) => rights.includes('read'))
        .map(({ h, rights }) => ({
          clusterId: h.config.clusterId,
          clusterName: h.config.clusterName,
          tenantId: h.config.tenantId,
          tenantName: h.config.tenantName,
          dialect: h.config.dialect ?? h.probe?.dialect.name ?? null,
          serverVersion: h.probe?.serverVersion ?? null,
          rights,
        })),
    ),
  }),
  sessions: router({
    list: authedProcedure.input(listInput).query(async ({ ctx, input }) => {
      const handle = authorizedTenant(ctx.registry, ctx.operator, input, 'read');
      const snapshot = await ctx.snapshots.get(handle.ref, () =>
        readSnapshot(handle, () => ctx.registry.ownThreadIds(handle.address)),
      );
      return pageOf(snapshot, input);
    }),
    sql: authedProcedure
      .input(sqlInput)
      .query(({ ctx, input }) =>
        readSql(authorizedTenant(ctx.registry, ctx.operator, input, 'read'), input.sessionKey),
      ),
    kill: killProcedure('session'),
    killQuery: killProcedure('query'),
  }),
  audit: router({
    list: authedProcedure.input(auditListInput).query(({ ctx, input }) => {
      authorizedTenant(ctx.registry, ctx.operator, input, 'read');
      return listAudit(ctx.audit, input, ctx.log);
    }),
  }),
});

export type AppRouter = typeof appRouter;
