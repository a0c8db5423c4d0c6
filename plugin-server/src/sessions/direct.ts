import type { Session } from '@tenant-sessions/contracts';
import mysql from 'mysql2/promise';
import type { TenantConfig } from '../config/tenants';
import type { DirectAddress, KillStatement } from '../dialects';
import { describeDriverError, errnoOf } from '../errors/driver';
import { type Outcome, outcome, outcomeOfError } from './outcomes';

/**
 * The account as an observer knows it: OBProxy's `user@tenant#cluster` loses `#cluster`, and its
 * `cluster:tenant:user` form becomes `user@tenant`.
 */
export const observerUser = (user: string): string => {
  const colon = /^[^:@#]+:([^:@#]+):([^:@#]+)$/.exec(user);
  if (colon) return `${colon[2]}@${colon[1]}`;
  return user.replace(/#[^#@]*$/, '');
};

/** The user name alone, as OceanBase's processlist shows it (no tenant, no cluster). */
export const obUserName = (user: string): string => observerUser(user).replace(/@[^@]*$/, '');

/** Sends one KILL on a short-lived connection to `target` with the tenant's account; always closes it. */
export const killOnObserver = async (
  config: TenantConfig,
  target: DirectAddress,
  statement: KillStatement,
): Promise<void> => {
  const connection = await mysql.createConnection({
    host: target.host,
    port: target.port,
    user: observerUser(config.connection.user),
    password: config.connection.password,
    connectTimeout: config.connectTimeoutMs,
    supportBigNumbers: true,
    bigNumberStrings: true,
  });
  connection.on('error', () => undefined);
  try {
    const { sql, values, protocol } = statement;
    const timeout = config.statementTimeoutMs;
    if (protocol === 'prepared') await connection.execute({ sql, values, timeout });
    else await connection.query({ sql, timeout });
  } finally {
    connection.destroy();
  }
};

export type DirectRetry = {
  config: TenantConfig;
  /** The tenant's own address (OBProxy's). */
  proxy: string;
  session: Session;
  target: DirectAddress;
  statement: KillStatement;
  privilege: string;
};

/**
 * OBProxy answered "unknown thread" (it only knows its own client sessions): retry once on the
 * session's observer when the tenant allows direct access; the message says what was tried.
 */
export const retryDirect = async ({
  config,
  proxy,
  session,
  target,
  statement,
  privilege,
}: DirectRetry): Promise<Outcome> => {
  const observer = `${target.host}:${target.port}`;
  const unknown = `OBProxy at ${proxy} does not know session ${session.id} (it knows only its own client sessions)`;
  const params = { id: session.id, proxy, observer };
  if (!config.directAccess)
    return outcome(
      'not_found',
      `${unknown}, and direct access is off for this tenant: set "directAccess": true to retry on its observer ${observer}, or connect the sidecar to an observer directly`,
      'not_found.proxy_unknown',
      params,
    );
  try {
    await killOnObserver(config, target, statement);
    return outcome(
      'killed',
      `${unknown}: closed on a direct connection to its observer ${observer}`,
      'killed.direct',
      params,
    );
  } catch (error) {
    const errno = errnoOf(error);
    if (errno === 1094)
      return outcome(
        'not_found',
        `Session ${session.id} is unknown to OBProxy at ${proxy} and to its observer ${observer} (tried both): it has ended`,
        'not_found.proxy_and_observer',
        params,
      );
    if (errno === 1095)
      return outcomeOfError(
        error,
        session,
        privilege,
        `${observerUser(config.connection.user)} on ${observer}`,
      );
    const serverMessage = describeDriverError(error);
    return outcome(
      'error',
      `${unknown}; the direct retry on its observer ${observer} failed: ${serverMessage}`,
      'error.direct',
      { ...params, serverMessage },
    );
  }
};
