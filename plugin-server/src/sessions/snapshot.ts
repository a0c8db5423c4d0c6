import type { Dialect, Session, Visibility } from '@tenant-sessions/contracts';
import type { ProcessRow, SessionDialect } from '../dialects';
import type { TenantHandle } from '../tenants/handle';

/** Every visible session of a tenant at one moment. */
export type Snapshot = {
  sessions: Session[];
  capturedAt: string;
  dialect: Dialect;
  visibility: Visibility;
  serverVersion: string;
};

/** The sidecar's own connections first, then the dialect's system-thread rules. */
export const withProtection = (dialect: SessionDialect, session: Session, ownIds: Set<string>): Session => {
  const reason = ownIds.has(session.id)
    ? "one of this sidecar's own connections"
    : dialect.protectedReason(session);
  return reason === null ? session : { ...session, protected: true, protectedReason: reason };
};

/** Rows of a processlist read as Sessions, folded where the dialect folds, then protection-marked. */
export const sessionsOf = (
  handle: TenantHandle,
  dialect: SessionDialect,
  rows: ProcessRow[],
  ownIds: Set<string>,
): Session[] => {
  const sessions = rows.map((row) => dialect.toSession(row, { address: handle.address }));
  const folded = dialect.foldSessions ? dialect.foldSessions(sessions) : sessions;
  return folded.map((session) => withProtection(dialect, session, ownIds));
};

/**
 * Reads the tenant's processlist once and remembers who each key was (for `changed` on kill).
 * `ownIds` answers the ids of every sidecar connection to the tenant's server.
 */
export const readSnapshot = (handle: TenantHandle, ownIds: () => Set<string>): Promise<Snapshot> =>
  handle.withConnection(async ({ probe, read }) => {
    const rows = await read(probe.dialect.listSessions(handle.config.statementTimeoutMs));
    const capturedAt = new Date().toISOString();
    const sessions = sessionsOf(handle, probe.dialect, rows, ownIds());
    handle.lastSeen = new Map(sessions.map((s) => [s.key, { user: s.user, source: s.source }]));
    return {
      sessions,
      capturedAt,
      dialect: probe.dialect.name,
      visibility: probe.visibility,
      serverVersion: probe.serverVersion,
    };
  });
