import type { KillInput, KillKind, KillReport } from '@tenant-sessions/contracts';
import type { Logger } from 'pino';
import { closeAudit } from '../audit/trail';
import type { Operator } from '../auth/tokens';
import { SidecarError } from '../errors/sidecarError';
import type { TenantHandle } from '../tenants/handle';
import type { Services } from '../trpc/context';
import { killSessions } from './kill';

export type CloseCall = {
  services: Services;
  operator: Operator;
  tenant: TenantHandle;
  log: Logger;
  input: KillInput;
  kind: KillKind;
};

/**
 * Close Session / Close Current Query, once the kill right is checked: the operator's rate, an
 * audit that can be written (else no KILL at all), then the kills, each attempt recorded before
 * the answer; the tenant's snapshot is dropped after, so the next list shows what the close did.
 */
export const closeSessions = async ({
  services,
  operator,
  tenant,
  log,
  input,
  kind,
}: CloseCall): Promise<KillReport> => {
  const { closeRate, audit: sink, metrics, snapshots } = services;
  const rate = closeRate.take(operator.sub);
  if (!rate.allowed)
    throw new SidecarError(
      'TOO_MANY_REQUESTS',
      `At most ${closeRate.perMinute} close calls a minute per operator: retry in ${rate.retryAfterSeconds} s`,
      { perMinute: String(closeRate.perMinute), retryAfterSeconds: String(rate.retryAfterSeconds) },
      { retryAfterSeconds: rate.retryAfterSeconds },
    );
  const audit = closeAudit(sink, { operator: operator.sub, tenant: input, log });
  await audit.ensureWritable();
  try {
    const report = await killSessions({
      handle: tenant,
      sessionKeys: input.sessionKeys,
      kind,
      expected: input.expected,
      operator: operator.sub,
      ownIds: () => tenant.sidecarThreadIds(),
      log,
      record: audit.record,
    });
    metrics.closed(tenant.ref, kind, report);
    return report;
  } finally {
    snapshots.drop(tenant.ref);
  }
};
