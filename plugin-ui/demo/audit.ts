import type {
  AuditPage,
  AuditQuery,
  AuditRecord,
  KillKind,
  KillResult,
  Session,
} from '@tenant-sessions/contracts';

/** The demo's audit in memory: each close attempt, as the sidecar's audit keeps it. */
export class DemoAudit {
  readonly #records: AuditRecord[] = [];

  record(
    at: number,
    who: { operator: string; clusterId: string; tenantId: string },
    kind: KillKind,
    session: Session | undefined,
    result: KillResult,
    call?: { callId: string; filter?: AuditRecord['filter'] },
  ): void {
    const id = result.sessionKey.slice(result.sessionKey.lastIndexOf('#') + 1);
    this.#records.push({
      id: String(this.#records.length + 1),
      time: new Date(at).toISOString(),
      ...who,
      sessionKey: result.sessionKey,
      sessionId: id,
      user: session?.user ?? null,
      source: session?.source ?? null,
      database: session?.database ?? null,
      sql: session?.sqlPreview ?? null,
      sqlTruncated: session?.sqlTruncated ?? false,
      kind,
      outcome: result.outcome,
      message: result.message,
      ...(call?.callId ? { callId: call.callId } : {}),
      ...(call?.filter ? { filter: call.filter } : {}),
    });
  }

  list(query: AuditQuery): AuditPage {
    const rows = this.#records
      .filter(
        (r) =>
          r.clusterId === query.clusterId &&
          r.tenantId === query.tenantId &&
          (!query.operator || r.operator === query.operator) &&
          (!query.outcome || r.outcome === query.outcome),
      )
      .reverse();
    const start = query.pageIndex * query.pageSize;
    return { rows: rows.slice(start, start + query.pageSize), total: rows.length };
  }
}
