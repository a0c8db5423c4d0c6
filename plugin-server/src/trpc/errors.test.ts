import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { SidecarError } from '../errors/sidecarError';
import { errorDataOf, retryAfterOf, toTRPCError } from './errors';

describe('what an error tells the caller', () => {
  it('keeps the message of a failure the sidecar chose to answer', () => {
    const error = toTRPCError(new SidecarError('AUDIT_UNAVAILABLE', 'nothing was closed'));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toBe('nothing was closed');
    expect(errorDataOf(error)).toEqual({ reason: 'AUDIT_UNAVAILABLE' });
  });

  it('carries the parameters the message names', () => {
    const error = toTRPCError(
      new SidecarError('TENANT_UNREACHABLE', 'Cannot reach 10.0.0.5:2881', { address: '10.0.0.5:2881' }),
    );
    expect(errorDataOf(error)).toEqual({
      reason: 'TENANT_UNREACHABLE',
      params: { address: '10.0.0.5:2881' },
    });
  });

  it('hides the text of an unexpected failure (a driver error, a URL with a password)', () => {
    const leaky = new TRPCError({
      code: 'INTERNAL_SERVER_ERROR',
      message: 'connect to mysql://root:hunter2@10.0.0.5:2881 failed',
      cause: new Error('at Object.<anonymous> (/srv/app/src/x.ts:1:1)'),
    });
    const described = errorDataOf(leaky);
    expect(described.reason).toBe('INTERNAL');
    expect(described.message).toBe('The session service failed on this call; its log has the details');
  });

  it('carries when to retry on TOO_MANY_REQUESTS', () => {
    const error = toTRPCError(
      new SidecarError('TOO_MANY_REQUESTS', 'slow down', {}, { retryAfterSeconds: 17 }),
    );
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(errorDataOf(error)).toEqual({ reason: 'TOO_MANY_REQUESTS', retryAfterSeconds: 17 });
    expect(retryAfterOf(error)).toBe(17);
    expect(retryAfterOf(toTRPCError(new SidecarError('NO_KILL', 'no')))).toBeUndefined();
  });
});
