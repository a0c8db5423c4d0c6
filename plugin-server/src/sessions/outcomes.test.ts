import type { Session } from '@tenant-sessions/contracts';
import { describe, expect, it } from 'vitest';
import { outcomeOfError } from './outcomes';

// The server's errors as mysql2 hands them over (errno, sqlMessage): OceanBase's client-session
// kill failures cannot be made on MariaDB, so they are scripted here, at the mapping.
const serverError = (errno: number, sqlMessage: string) =>
  Object.assign(new Error(sqlMessage), { errno, sqlMessage, code: 'ER_UNKNOWN', sqlState: 'HY000' });
const session = { id: '3221487617', user: 'app_rw' } as Session;

describe('the outcome of a KILL the server refused', () => {
  it.each([4401, 4402])(
    'maps OceanBase %i ("Kill Client Session failed") to error.client_session',
    (errno) => {
      const result = outcomeOfError(
        serverError(errno, 'Kill Client Session failed'),
        session,
        'SUPER',
        'root on ob',
      );
      expect(result).toMatchObject({
        outcome: 'error',
        code: 'error.client_session',
        params: { id: '3221487617', errno: String(errno) },
      });
      expect(result.message).toMatch(/could not close client session 3221487617/);
    },
  );

  it('keeps other errors as error.server', () => {
    expect(outcomeOfError(serverError(1205, 'Lock wait timeout'), session, 'SUPER', 'a').code).toBe(
      'error.server',
    );
  });

  it('says inner session only when the session is the account’s own user (OceanBase), else names the privilege', () => {
    const denied = serverError(1095, 'You are not owner of thread 3221487617');
    expect(outcomeOfError(denied, session, 'SUPER', 'root on ob', 'app_rw').code).toBe(
      'denied.inner_session',
    );
    expect(outcomeOfError(denied, session, 'SUPER', 'root on ob', 'root').code).toBe('denied.privilege');
    expect(outcomeOfError(denied, session, 'SUPER', 'root on ob').code).toBe('denied.privilege');
  });
});
