import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { describeError, failure, retryAfterOf, tooManyRequests } from './errors';

describe('what an error tells the caller', () => {
  it('keeps the message of a failure the sidecar chose to answer', () => {
    expect(describeError(failure('AUDIT_UNAVAILABLE', 'nothing was closed'))).toEqual({
      reason: 'AUDIT_UNAVAILABLE',
    });
  });

  it('hides the text of an unexpected failure (a driver error, a URL with a password)', () => {
    const leaky = new TRPCError({
      code: 'INTERNAL_SERVER_ERROR',
      message: 'connect to mysql://root:hunter2@10.0.0.5:2881 failed',
      cause: new Error('at Object.<anonymous> (/srv/app/src/x.ts:1:1)'),
    });
    const described = describeError(leaky);
    expect(described.reason).toBe('INTERNAL');
    expect(described.message).toBe('The session service failed on this call; its log has the details');
  });

  it('carries when to retry on TOO_MANY_REQUESTS', () => {
    const error = tooManyRequests('slow down', 17);
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(describeError(error)).toEqual({ reason: 'TOO_MANY_REQUESTS', retryAfterSeconds: 17 });
    expect(retryAfterOf(error)).toBe(17);
    expect(retryAfterOf(failure('NO_KILL', 'no'))).toBeUndefined();
  });
});
