import type {
  AuditPage,
  AuditQuery,
  KillInput,
  KillKind,
  KillResult,
  ListQuery,
  Right,
  Session,
  SessionPage,
  SqlInput,
  SqlOutput,
  Tenant,
} from '@tenant-sessions/contracts';
import { DemoAudit } from './audit';
import { DEMO_TENANTS, type DemoSession, type DemoTenant, demoSessions } from './fixtures';
import { TrpcFailure } from './trpcHttp';

const SORT_VALUE: Record<ListQuery['sort']['column'], (s: Session) => string | number> = {
  id: (s) => s.id.padStart(20, '0'),
  user: (s) => s.user,
  source: (s) => s.source,
  database: (s) => s.database ?? '',
  command: (s) => s.command,
  timeSeconds: (s) => s.timeSeconds,
  status: (s) => s.status,
  observer: (s) => s.observer ?? '',
};

const contains = (value: string | null, needle: string | undefined) =>
  !needle || (value ?? '').toLowerCase().includes(needle.toLowerCase());

/** The demo's sessions in memory: listed like the sidecar lists them, closed for real. */
export class DemoStore {
  readonly #sessions = new Map<string, DemoSession[]>();
  readonly #audit = new DemoAudit();

  constructor(private readonly clock: () => number = Date.now) {
    const now = clock();
    for (const t of DEMO_TENANTS) this.#sessions.set(this.#ref(t), demoSessions(t.tenantId, now));
  }

  tenants(clusterId: string | undefined, rights: Right[]): Tenant[] {
    return DEMO_TENANTS.filter((t) => !clusterId || t.clusterId === clusterId).map(
      ({ unreachable: _u, visibility: _v, versionText: _t, ...tenant }) => ({ ...tenant, rights }),
    );
  }

  list(input: ListQuery): SessionPage {
    const tenant = this.#tenant(input);
    const now = this.clock();
    const all = this.#rows(tenant).map((s) => ({
      ...s,
      timeSeconds: Math.round((now - s.startedAt) / 100) / 10,
    }));
    const value = SORT_VALUE[input.sort.column];
    const sign = input.sort.direction === 'asc' ? 1 : -1;
    const kept = all
      .filter((s) => !input.activeOnly || s.status === 'ACTIVE')
      .filter(
        (s) =>
          contains(s.user, input.user) &&
          contains(s.source, input.source) &&
          contains(s.database, input.database),
      )
      .sort((a, b) => (value(a) < value(b) ? -sign : value(a) > value(b) ? sign : 0));
    const start = input.pageIndex * input.pageSize;
    return {
      rows: kept
        .slice(start, start + input.pageSize)
        .map(({ startedAt: _s, sql: _q, killAnswer: _k, ...row }) => row),
      total: kept.length,
      counts: { all: all.length, active: all.filter((s) => s.status === 'ACTIVE').length },
      capturedAt: new Date(now).toISOString(),
      dialect: tenant.dialect ?? 'oceanbase',
      visibility: tenant.visibility ?? 'all',
      serverVersion: tenant.versionText,
      truncated: false,
    };
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
  kill(kind: KillKind, input: KillInput, operator = 'demo-operator'): KillResult[] {
    const tenant = this.#tenant(input);
    const who = { operator, clusterId: tenant.clusterId, tenantId: tenant.tenantId };
    return input.sessionKeys.map((sessionKey) => {
      const session = this.#rows(tenant).find((s) => s.key === sessionKey);
      const result = this.#killOne(kind, tenant, input, sessionKey);
      this.#audit.record(this.clock(), who, kind, session, result);
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
        startedAt: this.clock(),
      });
    }
    return { sessionKey, outcome: 'killed', message: null };
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
