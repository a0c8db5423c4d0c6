import type { Right, TenantRef } from '@tenant-sessions/contracts';
import type { CreateExpressContextOptions } from '@trpc/server/adapters/express';
import type { AuditSink } from '../audit/sink';
import { authorizedTenant } from '../auth/access';
import type { Verifier } from '../auth/tokens';
import { SidecarError } from '../errors/sidecarError';
import type { Metrics } from '../metrics/metrics';
import type { CloseRate } from '../rate/closeRate';
import type { SnapshotStore } from '../snapshots/store';
import type { PageWatch } from '../snapshots/watchPages';
import type { TenantRegistry } from '../tenants/registry';

/** What the sidecar hands every call, built once by app.ts. */
export type Services = {
  registry: TenantRegistry;
  /** Where close attempts are recorded (audit/). */
  audit: AuditSink;
  /** The per-operator limit on close calls. */
  closeRate: CloseRate;
  /** The tenants' latest sessions (snapshots/): every list, stats and preview is a function of them. */
  snapshots: SnapshotStore;
  /** The live list pages of sessions.watch (snapshots/watch.ts). */
  watches: PageWatch;
  metrics: Metrics;
};

/**
 * The context of one call: the services, the request's logger, and the verified operator or why
 * there is none (the authed procedure refuses the call then, before its input is parsed).
 */
export const contextFactory =
  (verify: Verifier, services: Services) =>
  async ({ req }: CreateExpressContextOptions) => {
    const identity = await verify(req.get('authorization')).then(
      (operator) => ({ operator, authProblem: null }),
      (error: unknown) => ({ operator: null, authProblem: (error as Error).message }),
    );
    if (identity.operator) req.log = req.log.child({ operator: identity.operator.sub });
    return {
      ...services,
      ...identity,
      log: req.log,
      /**
       * For a stream, before each push: the call's token verified again (the verifier's cache makes
       * it cheap, and drops a token whose JWKS key set changed) and `right` on the tenant checked;
       * throws SidecarError UNAUTHENTICATED (expired, key withdrawn) or NO_READ/NO_KILL.
       */
      recheck: async (tenant: TenantRef, right: Right) => {
        const operator = await verify(req.get('authorization')).catch((error: unknown) => {
          throw new SidecarError('UNAUTHENTICATED', (error as Error).message);
        });
        return authorizedTenant(services.registry, operator, tenant, right);
      },
      /** Ends the call's connection at once (a stream whose reader fell behind). */
      dropConnection: () => req.socket.destroy(),
    };
  };

export type Context = Awaited<ReturnType<ReturnType<typeof contextFactory>>>;
