import {
  killInput,
  listInput,
  rightsOn,
  sqlInput,
  type Tenant,
  tenantsListInput,
} from '@tenant-sessions/contracts';
import { authorizedTenant } from './auth/access';
import { killSessions } from './sessions/kill';
import { pageOf } from './sessions/list';
import { readSnapshot } from './sessions/snapshot';
import { readSql } from './sessions/sql';
import { authedProcedure, router } from './trpc/init';

const killProcedure = (kind: 'session' | 'query') =>
  authedProcedure.input(killInput).mutation(({ ctx, input }) => {
    const handle = authorizedTenant(ctx.registry, ctx.operator, input, 'kill');
    return killSessions({
      handle,
      sessionKeys: input.sessionKeys,
      kind,
      expected: input.expected,
      operator: ctx.operator.sub,
      ownIds: () => ctx.registry.ownThreadIds(handle.address),
      log: ctx.log,
    });
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
      const snapshot = await readSnapshot(handle, () => ctx.registry.ownThreadIds(handle.address));
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
});

export type AppRouter = typeof appRouter;
