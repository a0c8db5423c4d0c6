import type { TRPCError } from '@trpc/server';
import { failure } from '../trpc/errors';

type DriverError = Error & { code?: string; errno?: number; fatal?: boolean; sqlMessage?: string };

/** Errors that mean the sidecar could not reach or log in to the database. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'ER_ACCESS_DENIED_ERROR',
  'ER_ACCESS_DENIED_NO_PASSWORD_ERROR',
  'ER_DBACCESS_DENIED_ERROR',
  'ER_CON_COUNT_ERROR',
  'ER_HOST_IS_BLOCKED',
  'ER_HOST_NOT_PRIVILEGED',
  'ER_TOO_MANY_USER_CONNECTIONS',
]);

export const isClientTimeout = (error: unknown): boolean =>
  (error as DriverError | undefined)?.code === 'PROTOCOL_SEQUENCE_TIMEOUT';

/** True when the connection that raised `error` can no longer be used. */
export const isFatal = (error: unknown): boolean =>
  Boolean((error as DriverError | undefined)?.fatal) || isClientTimeout(error);

export type FailureContext = {
  tenant: string;
  address: string;
  timeoutMs: number;
  timeoutErrnos: ReadonlySet<number>;
  /** True while the connection is being made: any failure then means the database cannot be reached. */
  connecting: boolean;
};

/** A driver error as the answer the caller gets: TENANT_TIMEOUT, TENANT_UNREACHABLE, or INTERNAL. */
export const tenantFailure = (error: unknown, context: FailureContext): TRPCError => {
  const driver = error as DriverError;
  const detail = driver?.sqlMessage ?? driver?.message ?? String(error);
  if (isClientTimeout(error) || (driver?.errno !== undefined && context.timeoutErrnos.has(driver.errno)))
    return failure(
      'TENANT_TIMEOUT',
      `The database of tenant ${context.tenant} at ${context.address} did not answer the processlist query within its ${context.timeoutMs} ms limit`,
      error,
    );
  if (context.connecting || (driver?.code && UNREACHABLE_CODES.has(driver.code)) || driver?.fatal)
    return failure(
      'TENANT_UNREACHABLE',
      `Cannot reach the database of tenant ${context.tenant} at ${context.address}: ${detail}`,
      error,
    );
  return failure(
    'INTERNAL',
    `The database of tenant ${context.tenant} at ${context.address} answered an error: ${detail}`,
    error,
  );
};
