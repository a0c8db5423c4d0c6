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
    const row = statement ? (await read(statement))[0] : undefined;
    return {
      sessionKey,
      sessionId: key.id,
      sql: row?.sql === null || row?.sql === undefined ? null : String(row.sql),
      found: row !== undefined,
      capturedAt: new Date().toISOString(),
    };
  });
