import type { RowDataPacket } from 'mysql2/promise';
import type { Statement } from './dialect';

/** What a factory may use to build a tenant's dialect. */
export type DialectOptions = {
  /** OceanBase: whose sessions the account reads (its own tenant, or one tenant from sys). */
  scope: { kind: 'tenant' } | { kind: 'sys'; tenantName: string };
  /** A read on the tenant's connection, for factories that probe the server (OceanBase). */
  read: (statement: Statement) => Promise<RowDataPacket[]>;
  /** OceanBase: the connection goes through OBProxy (configured); undefined: detect it. */
  viaObproxy?: boolean | undefined;
};
