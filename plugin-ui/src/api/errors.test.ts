import { describe, expect, it } from 'vitest';
import { english } from '../test/i18n';
import { problemOf } from './errors';

describe('problemOf', () => {
  it('names the unreachable tenant and keeps the address from the message', () => {
    const problem = problemOf(
      {
        message: 'connect ECONNREFUSED 10.0.0.9:2881',
        data: { reason: 'TENANT_UNREACHABLE', httpStatus: 503 },
      },
      'trade',
      english,
    );
    expect(problem).toEqual({
      reason: 'TENANT_UNREACHABLE',
      title: 'Tenant trade is unreachable',
      detail: 'connect ECONNREFUSED 10.0.0.9:2881',
    });
  });

  it('tells a refused kill right apart from a refused read right', () => {
    expect(problemOf({ data: { reason: 'NO_KILL' } }, 'pay', english).title).toMatch(/lacks the kill right/);
    expect(problemOf({ data: { reason: 'NO_READ' } }, 'pay', english).title).toMatch(/lacks the read right/);
  });

  it('calls an error without data a network failure', () => {
    expect(problemOf(new TypeError('fetch failed'), 'pay', english)).toMatchObject({ reason: 'NETWORK' });
  });

  it('does not trust an unknown reason', () => {
    expect(problemOf({ message: 'x', data: { reason: 'DROP TABLE' } }, 'pay', english).reason).toBe(
      'UNKNOWN',
    );
  });

  it('says when to retry after too many closes', () => {
    const problem = problemOf(
      { data: { reason: 'TOO_MANY_REQUESTS', retryAfterSeconds: 42 } },
      'pay',
      english,
    );
    expect(problem.title).toBe('Too many closes in a minute: retry in 42 s');
    expect(problemOf({ data: { reason: 'TOO_MANY_REQUESTS' } }, 'pay', english).title).toMatch(
      /wait a moment/,
    );
  });

  it('says busy is not down, and that a stopping service will answer again', () => {
    const busy = problemOf({ data: { reason: 'TENANT_BUSY', httpStatus: 503 } }, 'pay', english);
    expect(busy.title).toMatch(/busy with tenant pay/);
    expect(busy.title).not.toMatch(/unreachable/);
    expect(problemOf({ data: { reason: 'STOPPING', httpStatus: 503 } }, 'pay', english).title).toMatch(
      /restarting/,
    );
  });
});
