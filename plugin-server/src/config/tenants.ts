import type { Dialect } from '@tenant-sessions/contracts';
import { type SessionsConfigFile, sessionsConfigFile, type TenantEntry } from './schema';

/** One tenant as the sidecar uses it: its cluster named, its password read from the environment. */
export type TenantConfig = {
  clusterId: string;
  clusterName: string;
  tenantId: string;
  tenantName: string;
  connection: { host: string; port: number; user: string; password: string | undefined; database?: string };
  dialect: Dialect | undefined;
  scope: TenantEntry['scope'];
  /** OceanBase: the connection goes through OBProxy; undefined: detected. */
  viaObproxy?: boolean | undefined;
  /** OceanBase through OBProxy: retry a KILL answered "unknown thread" on the session's observer. */
  directAccess?: boolean;
  poolSize: number;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
};

/** A configuration that cannot be used; the message names the source, the path and the field. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const pathText = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (text, part) =>
      typeof part === 'number' ? `${text}[${part}]` : `${text}${text ? '.' : ''}${String(part)}`,
    '',
  );

/** Validates a parsed SESSIONS_CONFIG document and resolves the passwords it names from `env`. */
export const tenantsFromFile = (
  document: unknown,
  source: string,
  env: NodeJS.ProcessEnv,
): TenantConfig[] => {
  const parsed = sessionsConfigFile.safeParse(document);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${pathText(issue.path) || '(top level)'}: ${issue.message}`,
    );
    throw new ConfigError(`${source} is not a valid sessions configuration:\n${lines.join('\n')}`);
  }
  return parsed.data.clusters.flatMap((cluster, c) =>
    cluster.tenants.map((tenant, t) => {
      const { passwordEnv, ...reach } = tenant.connection;
      const password = passwordEnv === undefined ? undefined : env[passwordEnv];
      if (passwordEnv !== undefined && password === undefined)
        throw new ConfigError(
          `${source}: clusters[${c}].tenants[${t}].connection.passwordEnv names ${passwordEnv}, which is not set in the environment`,
        );
      return {
        clusterId: cluster.id,
        clusterName: cluster.name,
        tenantId: tenant.id,
        tenantName: tenant.name,
        connection: { ...reach, password },
        dialect: tenant.dialect,
        scope: tenant.scope,
        viaObproxy: tenant.viaObproxy,
        directAccess: tenant.directAccess,
        poolSize: tenant.poolSize,
        statementTimeoutMs: tenant.statementTimeoutMs,
        connectTimeoutMs: tenant.connectTimeoutMs,
      };
    }),
  );
};

export type { SessionsConfigFile };
