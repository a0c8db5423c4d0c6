import { describe, expect, it } from 'vitest';
import { describeError } from './errors';

describe('describeError', () => {
  it('names the unreachable tenant and keeps the address from the message', () => {
    const problem = describeError(
      {
        message: 'connect ECONNREFUSED 10.0.0.9:2881',
        data: { reason: 'TENANT_UNREACHABLE', httpStatus: 503 },
      },
      'trade',
    );
    expect(problem).toEqual({
      reason: 'TENANT_UNREACHABLE',
      title: 'Tenant trade is unreachable',
      detail: 'connect ECONNREFUSED 10.0.0.9:2881',
    });
  });

  it('tells a refused kill right apart from a refused read right', () => {
    expect(describeError({ data: { reason: 'NO_KILL' } }, 'pay').title).toMatch(/lacks the kill right/);
    expect(describeError({ data: { reason: 'NO_READ' } }, 'pay').title).toMatch(/lacks the read right/);
  });

  it('calls an error without data a network failure', () => {
    expect(describeError(new TypeError('fetch failed'), 'pay')).toMatchObject({ reason: 'NETWORK' });
  });

  it('does not trust an unknown reason', () => {
    expect(describeError({ message: 'x', data: { reason: 'DROP TABLE' } }, 'pay').reason).toBe('UNKNOWN');
  });

  it('says when to retry after too many closes', () => {
    const problem = describeError({ data: { reason: 'TOO_MANY_REQUESTS', retryAfterSeconds: 42 } }, 'pay');
    expect(problem.title).toBe('Too many closes in a minute: retry in 42 s');
    expect(describeError({ data: { reason: 'TOO_MANY_REQUESTS' } }, 'pay').title).toMatch(/wait a moment/);
  });
});
