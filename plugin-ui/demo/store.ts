import {
  type AuditPage,
  type AuditQuery,
  type KillInput,
  type KillKind,
  type KillResult,
  type ListQuery,
  listPage,
  type PreviewQuery,
  previewSessions,
  type Right,
  type SessionPage,
  type SessionPreview,
  type SessionStats,
  type SqlInput,
  type SqlOutput,
  type StatsQuery,
  sessionFilters,
  statsCountsOf,
  type Tenant,
} from '@tenant-sessions/contracts';
import { DemoAudit } from './audit';
import { Churn } from './churn';
import { DEMO_TENANTS, type DemoSession, type DemoTenant, demoSessions } from './fixtures';
import { TrpcFailure } from './trpcHttp';

/** The demo's sessions in memory: listed like the sidecar lists them, closed for real. */
export class DemoStore {
  readonly #sessions = new Map<string, DemoSession[]>();
  readonly #audit = new DemoAudit();
  /** Sessions coming and going with the clock (the demo's live refresh shows them), if asked. */
  readonly #churn: Map<string, Churn> | null;

  constructor(
    private readonly clock: () => number = Date.now,
    options: { moving?: boolean } = {},
  ) {
    this.#churn = options.moving ? new Map() : null;
    const now = clock();
    for (const t of DEMO_TENANTS) this.#sessions.set(this.#ref(t), demoSessions(t.tenantId, now));
  }

  tenants(clusterId: string | undefined, rights: Right[]): Tenant[] {
    return DEMO_TENANTS.filter((t) => !clusterId || t.clusterId === clusterId).map(
      ({ unreachable: _u, visibility: _v, versionText: _t, ...tenant }) => ({ ...tenant, rights }),
    );
  }

  /** One page, by the contract's own filter, sort and paging (`listPage`), as the sidecar pages. */
  list(input: ListQuery): SessionPage {
    const { tenant, sessions, capturedAt } = this.#snapshot(input);
    const { rows, total, counts } = listPage(sessions, input);
    return {
      rows: rows.map(({ startedAt: _s, sql: _q, killAnswer: _k, ...row }) => row),
      total,
      counts,
      capturedAt,
      dialect: tenant.dialect ?? 'oceanbase',
      visibility: tenant.visibility ?? 'all',
      serverVersion: tenant.versionText,
      truncated: false,
    };
  }

  /** sessions.preview: the dry run of a close by filter, by the contract's `previewSessions`. */
  preview(input: PreviewQuery): SessionPreview {
    const { sessions, capturedAt } = this.#snapshot(input);
    const { sessions: chosen, ...rest } = previewSessions(sessions, input);
    return {
      capturedAt,
      ...rest,
      sessions: chosen.map(({ startedAt: _s, sql: _q, killAnswer: _k, ...row }) => row),
    };
  }

  /** The Session Statistics, by the contract's `statsCountsOf`, as the sidecar counts them. */
  stats(input: StatsQuery): SessionStats {
    const { tenant, sessions, capturedAt } = this.#snapshot(input);
    return {
      ...statsCountsOf(sessions, input),
      capturedAt,
      dialect: tenant.dialect ?? 'oceanbase',
      visibility: tenant.visibility ?? 'all',
      truncated: false,
    };
  }

  /** The tenant's sessions as of now: what a sidecar's snapshot read would give. */
  #snapshot(ref: { clusterId: string; tenantId: string }) {
    const tenant = this.#tenant(ref);
    const now = this.clock();
    this.#move(tenant, now);
    const sessions: DemoSession[] = this.#rows(tenant).map((s) => ({
      ...s,
      timeSeconds: Math.round((now - s.startedAt) / 100) / 10,
    }));
    return { tenant, sessions, capturedAt: new Date(now).toISOString() };
  }

  sql(input: SqlInput): SqlOutput {
    const session = this.#rows(this.#tenant(input)).find((s) => s.key === input.sessionKey);
    const id = input.sessionKey.slice(input.sessionKey.lastIndexOf('#') + 1);
    return {
      sessionKey: input.sessionKey,
      sessionId: id,
      sql: session?.sql ?? null,
      found: Boolean(session),
      capturedAt: new Date(this.clock()).toISOString(),
    };
  }

  /** Closes for real in memory, each attempt recorded in the demo's audit. */
  kill(
    kind: KillKind,
    input: KillInput,
    operator = 'demo-operator',
    callId = crypto.randomUUID(),
  ): KillResult[] {
    const tenant = this.#tenant(input);
    const who = { operator, clusterId: tenant.clusterId, tenantId: tenant.tenantId };
    const call = { callId, ...(input.filter ? { filter: sessionFilters.parse(input.filter) } : {}) };
    return input.sessionKeys.map((sessionKey) => {
      const session = this.#rows(tenant).find((s) => s.key === sessionKey);
      const result = this.#killOne(kind, tenant, input, sessionKey);
      this.#audit.record(this.clock(), who, kind, session, result, call);
      return result;
    });
  }

  audit(query: AuditQuery): AuditPage {
    this.#tenant(query);
    return this.#audit.list(query);
  }

  #killOne(kind: KillKind, tenant: DemoTenant, input: KillInput, sessionKey: string): KillResult {
    const rows = this.#rows(tenant);
    const session = rows.find((s) => s.key === sessionKey);
    const seen = input.expected?.[sessionKey];
    if (!session)
      return { sessionKey, outcome: 'not_found', message: 'Unknown thread id: the session has ended' };
    if (session.protected) return { sessionKey, outcome: 'protected', message: session.protectedReason };
    if (seen && (seen.user !== session.user || seen.source !== session.source)) {
      return {
        sessionKey,
        outcome: 'changed',
        message: `id ${session.id} now belongs to ${session.user} from ${session.source}`,
      };
    }
    if (session.killAnswer === 'denied') {
      return {
        sessionKey,
        outcome: 'denied',
        message: 'Access denied; you need (at least one of) the SUPER privilege(s) for this operation',
      };
    }
    if (session.killAnswer === 'error') {
      return {
        sessionKey,
        outcome: 'error',
        message: `Lost connection to observer ${session.observer} during KILL`,
      };
    }
    if (kind === 'session') {
      this.#sessions.set(
        this.#ref(tenant),
        rows.filter((s) => s.id !== session.id),
      );
    } else {
      Object.assign(session, {
        status: 'SLEEP',
        command: 'Sleep',
        sql: null,
        sqlPreview: null,
        sqlTruncated: false,
        sqlId: null,
        sqlDigest: null,
        startedAt: this.clock(),
      });
    }
    return { sessionKey, outcome: 'killed', message: null };
  }

  /** Lets the tenant's visitors in and out (OceanBase tenants only: the MySQL one lists its own pool). */
  #move(tenant: DemoTenant, now: number) {
    if (!this.#churn || tenant.dialect !== 'oceanbase') return;
    const ref = this.#ref(tenant);
    const churn = this.#churn.get(ref) ?? new Churn();
    this.#churn.set(ref, churn);
    this.#sessions.set(ref, churn.apply(this.#rows(tenant), now));
  }

  #ref(t: { clusterId: string; tenantId: string }) {
    return `${t.clusterId}/${t.tenantId}`;
  }

  #tenant(ref: { clusterId: string; tenantId: string }): DemoTenant {
    const tenant = DEMO_TENANTS.find((t) => t.clusterId === ref.clusterId && t.tenantId === ref.tenantId);
    if (!tenant) throw new TrpcFailure('UNKNOWN_TENANT', `No tenant ${ref.clusterId}/${ref.tenantId}`);
    if (tenant.unreachable)
      throw new TrpcFailure(
        'TENANT_UNREACHABLE',
        `Tenant ${tenant.tenantName} does not answer: ${tenant.unreachable}`,
      );
    return tenant;
  }

  #rows(tenant: DemoTenant): DemoSession[] {
    return this.#sessions.get(this.#ref(tenant)) ?? [];
  }
}
