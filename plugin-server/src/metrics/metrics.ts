import type { KillKind, KillReport } from '@tenant-sessions/contracts';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds, from a fraction of a millisecond to the statement timeout's order. */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The sidecar's Prometheus metrics, in a registry of its own (one per app, so tests can run
 * several). Labels are bounded: tenants come from the configuration, procedures from the router.
 */
export const createMetrics = () => {
  const registry = new Registry();
  const registers = [registry];
  const reads = new Counter({
    name: 'tenant_sessions_processlist_reads_total',
    help: 'Processlist reads sent to the database, by tenant and outcome (ok, error)',
    labelNames: ['tenant', 'outcome'] as const,
    registers,
  });
  const readSeconds = new Histogram({
    name: 'tenant_sessions_processlist_read_seconds',
    help: 'Time of a processlist read, from asking the pool to the sessions mapped, by tenant',
    labelNames: ['tenant'] as const,
    buckets: BUCKETS,
    registers,
  });
  const hits = new Counter({
    name: 'tenant_sessions_snapshot_hits_total',
    help: 'sessions.list calls answered without a read of their own: from a fresh snapshot (fresh) or by joining a read in flight (shared)',
    labelNames: ['tenant', 'kind'] as const,
    registers,
  });
  const snapshotSessions = new Gauge({
    name: 'tenant_sessions_snapshot_sessions',
    help: 'Sessions in the last snapshot of a tenant (after the bound)',
    labelNames: ['tenant'] as const,
    registers,
  });
  const truncations = new Counter({
    name: 'tenant_sessions_snapshot_truncated_total',
    help: 'Snapshots cut to SESSIONS_SNAPSHOT_MAX sessions, by tenant',
    labelNames: ['tenant'] as const,
    registers,
  });
  const closes = new Counter({
    name: 'tenant_sessions_closes_total',
    help: 'Sessions named in sessions.kill (kind=session) and sessions.killQuery (kind=query), by outcome',
    labelNames: ['tenant', 'kind', 'outcome'] as const,
    registers,
  });
  const httpSeconds = new Histogram({
    name: 'tenant_sessions_http_request_duration_seconds',
    help: 'Time from a /trpc request to its answer, by procedure (each procedure of a batch) and HTTP status',
    labelNames: ['procedure', 'status'] as const,
    buckets: BUCKETS,
    registers,
  });
  const watchStreams = new Gauge({
    name: 'tenant_sessions_watch_streams',
    help: 'Open sessions.watch streams, by tenant',
    labelNames: ['tenant'] as const,
    registers,
  });
  const watchLoops = new Gauge({
    name: 'tenant_sessions_watch_loops',
    help: 'Tenants whose processlist a watch loop reads (one loop per watched tenant)',
    registers,
  });
  const watchPushes = new Counter({
    name: 'tenant_sessions_watch_pushes_total',
    help: 'Pages pushed to sessions.watch streams, by tenant',
    labelNames: ['tenant'] as const,
    registers,
  });
  const watchEnded = new Counter({
    name: 'tenant_sessions_watch_ended_total',
    help: 'sessions.watch streams ended, by tenant and why: left (the client went), rights (token expired or no longer covering the tenant), slow (the reader fell behind), failed (the read failed), stopping (the sidecar stopped)',
    labelNames: ['tenant', 'reason'] as const,
    registers,
  });
  const watchRefused = new Counter({
    name: 'tenant_sessions_watch_refused_total',
    help: 'sessions.watch streams refused (TOO_MANY_REQUESTS), by the limit reached: operator or total',
    labelNames: ['limit'] as const,
    registers,
  });

  return {
    registry,
    /** Starts timing a processlist read of `tenant`; call the result with how it ended. */
    readStarted: (tenant: string) => {
      const stop = readSeconds.startTimer({ tenant });
      return (outcome: 'ok' | 'error') => {
        stop();
        reads.inc({ tenant, outcome });
      };
    },
    snapshotHit: (tenant: string, kind: 'fresh' | 'shared') => hits.inc({ tenant, kind }),
    snapshotTaken: (tenant: string, sessions: number, truncated: boolean) => {
      snapshotSessions.set({ tenant }, sessions);
      if (truncated) truncations.inc({ tenant });
    },
    closed: (tenant: string, kind: KillKind, report: KillReport) => {
      for (const { outcome } of report.results) closes.inc({ tenant, kind, outcome });
    },
    watchOpened: (tenant: string) => watchStreams.inc({ tenant }),
    watchEnded: (tenant: string, reason: 'left' | 'rights' | 'slow' | 'failed' | 'stopping') => {
      watchStreams.dec({ tenant });
      watchEnded.inc({ tenant, reason });
    },
    watchRefused: (limit: 'operator' | 'total') => watchRefused.inc({ limit }),
    watchPushed: (tenant: string) => watchPushes.inc({ tenant }),
    watchLoops: (loops: number) => watchLoops.set(loops),
    httpAnswered: (procedure: string, status: number, seconds: number) =>
      httpSeconds.observe({ procedure, status: String(status) }, seconds),
  };
};

export type Metrics = ReturnType<typeof createMetrics>;
