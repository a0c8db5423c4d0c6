import { ERROR_REASONS } from '@tenant-sessions/contracts';
import mysql from 'mysql2/promise';
import { describe, expect, inject, it } from 'vitest';
import { tenantFailure } from './failures';

// Real driver errors from the test server, as the sidecar would meet them.
const url = inject('mysqlUrl');
const context = {
  tenant: 'c/t',
  address: 'db:3306',
  timeoutMs: 300,
  timeoutErrnos: new Set([1969]),
  connecting: false,
};
const errorOf = async (run: () => Promise<unknown>) => {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
};
const answer = (error: unknown, connecting = false) => {
  const failure = tenantFailure(error, { ...context, connecting });
  return { code: ERROR_REASONS[failure.reason], reason: failure.reason, message: failure.message };
};

describe('driver errors as answers', () => {
  it('a statement stopped by max_statement_time (errno 1969) is TENANT_TIMEOUT', async () => {
    const connection = await mysql.createConnection({ uri: url });
    const error = await errorOf(() =>
      connection.query('SET STATEMENT max_statement_time = 0.05 FOR SELECT 1 FROM DUAL WHERE SLEEP(2)'),
    );
    await connection.end();
    expect(answer(error)).toMatchObject({ code: 'TIMEOUT', reason: 'TENANT_TIMEOUT' });
    expect(answer(error).message).toContain('db:3306');
  });

  it('a client that stopped waiting is TENANT_TIMEOUT', async () => {
    const connection = await mysql.createConnection({ uri: url });
    const error = await errorOf(() =>
      connection.query({ sql: 'SELECT 1 FROM DUAL WHERE SLEEP(2)', timeout: 50 }),
    );
    connection.destroy();
    expect(answer(error)).toMatchObject({ reason: 'TENANT_TIMEOUT' });
  });

  it('a closed port and a refused login are TENANT_UNREACHABLE, with the driver message', async () => {
    const refused = await errorOf(() => mysql.createConnection({ host: '127.0.0.1', port: 1 }));
    expect(answer(refused, true)).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      reason: 'TENANT_UNREACHABLE',
    });
    expect(answer(refused, true).message).toMatch(/db:3306: .*ECONNREFUSED/);
    const login = await errorOf(() =>
      mysql.createConnection({ uri: url, user: 'ts_no_such_user', password: 'x' }),
    );
    expect(answer(login, true).message).toMatch(/Access denied/);
  });

  it('any other SQL error is INTERNAL, quoting the server', async () => {
    const connection = await mysql.createConnection({ uri: url });
    const error = await errorOf(() => connection.query('SELECT * FROM no_such_db.no_such_table'));
    await connection.end();
    expect(answer(error)).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', reason: 'INTERNAL' });
    expect(answer(error).message).toMatch(/no_such_db/);
  });
});
