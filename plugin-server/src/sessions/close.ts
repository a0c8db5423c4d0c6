import { randomUUID } from 'node:crypto';
import { type KillInput, type KillKind, type KillReport, sessionFilters } from '@tenant-sessions/contracts';
import type { Logger } from 'pino';
import type { AuditSink } from '../audit/sink';
import { closeAudit } from '../audit/trail';
import type { Operator } from '../auth/tokens';
import { SidecarError } from '../errors/sidecarError';
import type { Metrics } from '../metrics/metrics';
import type { CloseRate } from '../rate/closeRate';
import type { SnapshotStore } from '../snapshots/store';
import type { TenantHandle } from '../tenants/handle';
import { killSessions } from './kill';

/** What a close call uses of the sidecar's services. */
export type CloseServices = {
  closeRate: CloseRate;
  audit: AuditSink;
  metrics: Metrics;
  snapshots: SnapshotStore;
};

export type CloseCall = {
  services: CloseServices;
  operator: Operator;
  tenant: TenantHandle;
  log: Logger;
  input: KillInput;
  kind: KillKind;
};

/**
 * Close Session / Close Current Query, once the kill right is checked: the operator's rate, an
 * audit that can be written (else no KILL at all), then the kills, each attempt durable before
 * its KILL and its outcome before the answer; the tenant's snapshot is dropped after, so the next
 * list shows what the close did. Every call has an id (`callId`, on its answer and its records)
 * and leaves a trace: a call refused before any KILL (rate, tenant unreachable, busy or timed
 * out) is recorded with its reason, one record per key; only an audit that cannot be written
 * leaves none (the log has it).
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
  const callId = randomUUID();
  const filter = input.filter ? sessionFilters.parse(input.filter) : undefined;
  const audit = closeAudit(sink, { operator: operator.sub, tenant: input, log, callId, filter });
  const rate = closeRate.take(operator.sub, Date.now(), input.sessionKeys.length);
  if (!rate.allowed) {
    const refusal = new SidecarError(
      'TOO_MANY_REQUESTS',
      rate.limit === 'calls'
        ? `At most ${closeRate.perMinute} close calls a minute per operator: retry in ${rate.retryAfterSeconds} s`
        : `At most ${closeRate.sessionsPerMinute} sessions a minute per operator in close calls: retry in ${rate.retryAfterSeconds} s`,
      {
        limit: rate.limit,
        perMinute: String(rate.limit === 'calls' ? closeRate.perMinute : closeRate.sessionsPerMinute),
        retryAfterSeconds: String(rate.retryAfterSeconds),
      },
      { retryAfterSeconds: rate.retryAfterSeconds },
    );
    await audit.refused(input.sessionKeys, kind, refusal);
    throw refusal;
  }
  await audit.ensureWritable();
  try {
    const report = await killSessions({
      handle: tenant,
      sessionKeys: input.sessionKeys,
      kind,
      expected: input.expected,
      lastSeen: snapshots.seen(tenant.ref),
      operator: operator.sub,
      ownIds: () => tenant.sidecarThreadIds(),
      log,
      record: audit.recorder,
    });
    metrics.closed(tenant.ref, kind, report);
    log.info(
      { event: 'close', callId, keys: input.sessionKeys.length, fsyncs: sink.fsyncs },
      'close call answered',
    );
    return { callId, results: report.results };
  } catch (error) {
    // Refused before any KILL (TENANT_UNREACHABLE, TENANT_TIMEOUT, TENANT_BUSY…): recorded too.
    const reason = error instanceof SidecarError ? error.reason : undefined;
    if (!audit.intended && reason !== 'AUDIT_UNAVAILABLE')
      await audit.refused(input.sessionKeys, kind, error);
    throw error;
  } finally {
    snapshots.drop(tenant.ref);
  }
};
