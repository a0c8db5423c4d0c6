import type { Dialect } from '@tenant-sessions/contracts';
import type { SessionDialect } from './dialect';
import { mariadbDialect } from './mariadb';
import { mysqlDialect } from './mysql';

export type { ProcessRow, RowContext, SessionDialect, Statement } from './dialect';

/** The family a server belongs to, from what `SELECT VERSION()` answers. */
export const detectDialect = (version: string): Dialect => {
  if (/oceanbase/i.test(version)) return 'oceanbase';
  if (/mariadb/i.test(version)) return 'mariadb';
  return 'mysql';
};

/** What a factory may bake into a tenant's dialect: OceanBase's sys scope filters rows by tenant. */
export type DialectOptions = { scope: { kind: 'tenant' } | { kind: 'sys'; tenantName: string } };

/** Each family's factory; OceanBase's arrives with its own issue (null: not supported yet). */
const FACTORIES: Record<Dialect, ((version: string, options: DialectOptions) => SessionDialect) | null> = {
  mysql: mysqlDialect,
  mariadb: mariadbDialect,
  oceanbase: null,
};

/** The dialect for a server: the configured one if any, else the detected one; null if not supported. */
export const dialectFor = (
  version: string,
  configured: Dialect | undefined,
  options: DialectOptions = { scope: { kind: 'tenant' } },
): SessionDialect | null => {
  const factory = FACTORIES[configured ?? detectDialect(version)];
  return factory ? factory(version, options) : null;
};
