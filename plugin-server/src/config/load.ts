import { readFileSync } from 'node:fs';
import { ConfigError, type TenantConfig, tenantsFromFile } from './tenants';

export const DEFAULT_MYSQL_URL = 'mysql://root@127.0.0.1:3306';

/** The local default: one cluster `local` with one tenant `local`, reached through MYSQL_URL. */
export const localTenant = (mysqlUrl: string): TenantConfig => {
  let url: URL;
  try {
    url = new URL(mysqlUrl);
  } catch {
    throw new ConfigError(
      `MYSQL_URL is not a URL: ${JSON.stringify(mysqlUrl)} (expected mysql://user[:password]@host[:port])`,
    );
  }
  if (url.protocol !== 'mysql:')
    throw new ConfigError(`MYSQL_URL must start with mysql://, got ${JSON.stringify(url.protocol)}`);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  return {
    clusterId: 'local',
    clusterName: 'Local',
    tenantId: 'local',
    tenantName: 'local',
    connection: {
      host: url.hostname.replace(/^\[(.*)\]$/, '$1') || '127.0.0.1',
      port: url.port ? Number(url.port) : 3306,
      user: decodeURIComponent(url.username) || 'root',
      password: url.password ? decodeURIComponent(url.password) : undefined,
      ...(database ? { database } : {}),
    },
    dialect: undefined,
    scope: { kind: 'tenant' },
    poolSize: 4,
    statementTimeoutMs: 5000,
    connectTimeoutMs: 5000,
  };
};

/** Reads SESSIONS_CONFIG when set, else the local default from MYSQL_URL. Throws ConfigError. */
export const loadTenants = (env: NodeJS.ProcessEnv): TenantConfig[] => {
  const file = env.SESSIONS_CONFIG;
  if (!file) return [localTenant(env.MYSQL_URL || DEFAULT_MYSQL_URL)];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`SESSIONS_CONFIG names ${file}, which cannot be read: ${(error as Error).message}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`SESSIONS_CONFIG ${file} is not valid JSON: ${(error as Error).message}`);
  }
  return tenantsFromFile(document, `SESSIONS_CONFIG ${file}`, env);
};
