import type { Dialect, Visibility } from '@tenant-sessions/contracts';
import type { TenantConfig } from '../config/tenants';
import { type DialectOptions, dialectFor, type SessionDialect, UnsupportedServer } from '../dialects';
import { SidecarError } from '../errors/sidecarError';

/** What the sidecar learns about a tenant's server on its first connection. */
export type Probe = { serverVersion: string; dialect: SessionDialect; visibility: Visibility };

/**
 * Asks the server its version (hence the dialect, unless configured; OceanBase's also probes the
 * tenant's mode and its view's columns) and whether the account may see every session (PROCESS).
 * A server the sidecar cannot serve answers UNSUPPORTED, naming what was found.
 */
export const probeServer = async (
  read: DialectOptions['read'],
  tenant: Pick<TenantConfig, 'clusterId' | 'tenantId' | 'scope' | 'viaObproxy'> & {
    dialect: Dialect | undefined;
  },
): Promise<Probe> => {
  const [version] = await read({ sql: 'SELECT VERSION() AS version', values: [] });
  const serverVersion = String(version?.version ?? '');
  const dialect = await dialectFor(serverVersion, tenant.dialect, {
    scope: tenant.scope,
    read,
    viaObproxy: tenant.viaObproxy,
  }).catch((error: unknown) => {
    if (error instanceof UnsupportedServer)
      throw new SidecarError(
        'UNSUPPORTED',
        `Tenant ${tenant.clusterId}/${tenant.tenantId}: ${error.message}`,
        {
          tenant: `${tenant.clusterId}/${tenant.tenantId}`,
          detail: error.message,
        },
      );
    throw error;
  });
  const [row] = await read({ sql: dialect.visibilitySql, values: [] });
  const visibility: Visibility = Number(row?.sees_all) > 0 ? 'all' : 'own-sessions-only';
  return { serverVersion, dialect, visibility };
};
