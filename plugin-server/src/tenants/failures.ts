import { type DriverError, describeDriverError, isClientTimeout } from '../errors/driver';
import { SidecarError } from '../errors/sidecarError';

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

export type FailureContext = {
  tenant: string;
  address: string;
  timeoutMs: number;
  timeoutErrnos: ReadonlySet<number>;
  /** True while the connection is being made: any failure then means the database cannot be reached. */
  connecting: boolean;
  /** The pool's connections and how many calls may wait for one (for TENANT_BUSY's message). */
  poolSize?: number;
  queueLimit?: number;
};

/** Seconds a caller refused with TENANT_BUSY is told to wait before trying again. */
export const BUSY_RETRY_SECONDS = 1;

/**
 * mysql2's refusal when every pooled connection is taken and its queue is full. It carries no
 * code (mysql2 3.x: `new Error('Queue limit reached.')`), so the message is what tells it apart.
 */
export const isQueueFull = (error: unknown): boolean =>
  error instanceof Error && /^Queue limit reached/.test(error.message) && !(error as DriverError).code;

/**
 * A driver error as the answer the caller gets: TENANT_BUSY (the sidecar's own pool is full: the
 * database was not even asked), TENANT_TIMEOUT, TENANT_UNREACHABLE, or INTERNAL.
 */
export const tenantFailure = (error: unknown, context: FailureContext): SidecarError => {
  const driver = error as Partial<DriverError> | undefined;
  const detail = describeDriverError(error);
  const params = { tenant: context.tenant, address: context.address };
  if (isQueueFull(error)) {
    const held = context.poolSize === undefined ? 'connections' : `${context.poolSize} connections`;
    const queue = context.queueLimit === undefined ? 'its queue' : `its queue of ${context.queueLimit} calls`;
    return new SidecarError(
      'TENANT_BUSY',
      `The sidecar is busy with tenant ${context.tenant}: its ${held} to ${context.address} and ${queue} are all taken by calls in progress, so this call was not sent to the database (which is not known to be down); retry in ${BUSY_RETRY_SECONDS} s`,
      {
        ...params,
        ...(context.poolSize === undefined ? {} : { poolSize: String(context.poolSize) }),
        ...(context.queueLimit === undefined ? {} : { queueLimit: String(context.queueLimit) }),
      },
      { cause: error, retryAfterSeconds: BUSY_RETRY_SECONDS },
    );
  }
  if (isClientTimeout(error) || (driver?.errno !== undefined && context.timeoutErrnos.has(driver.errno)))
    return new SidecarError(
      'TENANT_TIMEOUT',
      `The database of tenant ${context.tenant} at ${context.address} did not answer the processlist query within its ${context.timeoutMs} ms limit`,
      { ...params, timeoutMs: String(context.timeoutMs) },
      { cause: error },
    );
  if (context.connecting || (driver?.code && UNREACHABLE_CODES.has(driver.code)) || driver?.fatal)
    return new SidecarError(
      'TENANT_UNREACHABLE',
      `Cannot reach the database of tenant ${context.tenant} at ${context.address}: ${detail}`,
      { ...params, detail },
      { cause: error },
    );
  return new SidecarError(
    'INTERNAL',
    `The database of tenant ${context.tenant} at ${context.address} answered an error: ${detail}`,
    params,
    { cause: error },
  );
};
