import type { Dialect } from '@tenant-sessions/contracts';
import type { SessionDialect } from './dialect';
import { mariadbDialect } from './mariadb';
import { hasPerformanceSchemaProcesslist, isMysql8, mysqlDialect, performanceSchemaOn } from './mysql';
import { oceanbaseDialect } from './oceanbase';
import type { DialectOptions } from './options';

export type {
  DirectAddress,
  KillStatement,
  LockRead,
  ProcessRow,
  RowContext,
  SessionDialect,
  Statement,
} from './dialect';
export { UnsupportedServer } from './dialect';
export type { DialectOptions } from './options';

/** The family a server belongs to, from what `SELECT VERSION()` answers. */
export const detectDialect = (version: string): Dialect => {
  if (/oceanbase/i.test(version)) return 'oceanbase';
  if (/mariadb/i.test(version)) return 'mariadb';
  return 'mysql';
};

/** Each family's factory; OceanBase's probes the server (mode, view columns, OBProxy). */
const FACTORIES: Record<Dialect, (version: string, options: DialectOptions) => Promise<SessionDialect>> = {
  mysql: async (version, { read }) => {
    // 8.0's processlist (8.0.22+) and its lock waits are read from performance_schema when it collects.
    const collects = isMysql8(version) && (await performanceSchemaOn(read));
    return mysqlDialect(version, hasPerformanceSchemaProcesslist(version) && collects, collects);
  },
  mariadb: async () => mariadbDialect(),
  oceanbase: oceanbaseDialect,
};

/**
 * The dialect for a server: the configured one if any (trusted), else the detected one.
 * Rejects with UnsupportedServer, naming what was found, for a server it cannot serve.
 */
export const dialectFor = (
  version: string,
  configured: Dialect | undefined,
  options: DialectOptions,
): Promise<SessionDialect> => FACTORIES[configured ?? detectDialect(version)](version, options);
