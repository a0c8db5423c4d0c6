import type { Dialect, Visibility } from '@tenant-sessions/contracts';
import type { RowDataPacket } from 'mysql2/promise';
import type { TenantConfig } from '../config/tenants';
import { dialectFor, type SessionDialect, type Statement } from '../dialects';
import { failure } from '../trpc/errors';

/** What the sidecar learns about a tenant's server on its first connection. */
export type Probe = { serverVersion: string; dialect: SessionDialect; visibility: Visibility };

/**
 * Asks the server its version (hence the dialect, unless configured) and whether the account
 * may see every session (PROCESS). An unsupported family answers UNSUPPORTED.
 */
export const probeServer = async (
  read: (statement: Statement) => Promise<RowDataPacket[]>,
  tenant: Pick<TenantConfig, 'clusterId' | 'tenantId' | 'scope'> & { dialect: Dialect | undefined },
): Promise<Probe> => {
  const [version] = await read({ sql: 'SELECT VERSION() AS version', values: [] });
  const serverVersion = String(version?.version ?? '');
  const dialect = dialectFor(serverVersion, tenant.dialect, { scope: tenant.scope });
  if (!dialect)
    throw failure(
      'UNSUPPORTED',
      `Tenant ${tenant.clusterId}/${tenant.tenantId} runs ${serverVersion}: its dialect is not supported by this sidecar yet`,
    );
  const [row] = await read({ sql: dialect.visibilitySql, values: [] });
  const visibility: Visibility = Number(row?.sees_all) > 0 ? 'all' : 'own-sessions-only';
  return { serverVersion, dialect, visibility };
};
