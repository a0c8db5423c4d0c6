import { parseSessionKey, type SqlOutput } from '@tenant-sessions/contracts';
import type { TenantHandle } from '../tenants/handle';

/** One session's full SQL text, read fresh from the server (not from a snapshot). */
export const readSql = (handle: TenantHandle, sessionKey: string): Promise<SqlOutput> =>
  handle.withConnection(async ({ probe, read }) => {
    const key = parseSessionKey(sessionKey);
    const statement = probe.dialect.sqlText(
      key,
      { address: handle.address },
      handle.config.statementTimeoutMs,
    );
    const rows = statement ? await read(statement) : [];
    // Several observers' rows of one session: found only when the key's own observer is among them.
    const onKey = rows.some((r) => r.on_key === undefined || Number(r.on_key) === 1);
    const row = onKey ? rows[0] : undefined;
    return {
      sessionKey,
      sessionId: key.id,
      sql: row?.sql === null || row?.sql === undefined ? null : String(row.sql),
      found: row !== undefined,
      capturedAt: new Date().toISOString(),
    };
  });
