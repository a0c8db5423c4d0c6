import type { AppRouter } from '@tenant-sessions/plugin-server';
import { TRPCClientError } from '@trpc/client';
import { expect } from 'vitest';

/** What a typed call rejects with when the sidecar refuses it. */
export type SidecarError = TRPCClientError<AppRouter>;

/** The error a typed call was refused with; fails the test when the call answered instead. */
export const failureOf = async (call: Promise<unknown>): Promise<SidecarError> => {
  const settled = await call.then(
    (answer) => ({ refused: false as const, answer }),
    (error: unknown) => ({ refused: true as const, error }),
  );
  if (!settled.refused)
    return expect.fail(`expected a refusal, got the answer ${JSON.stringify(settled.answer)}`);
  expect(settled.error).toBeInstanceOf(TRPCClientError);
  return settled.error as SidecarError;
};

/** The HTTP status of the response a typed call was refused with (the link keeps the response). */
export const statusOf = (error: SidecarError): number | undefined =>
  (error.meta?.response as Response | undefined)?.status;

/**
 * Asserts a typed call was refused with HTTP `status` (the response's own status line, and the
 * `error.data.httpStatus` it carries) and `error.data.reason`, and its message matching `message`
 * when given. Answers the error: `message` and `data` (code, issues...) as the wire had them.
 */
export const refused = async (
  call: Promise<unknown>,
  status: number,
  reason: string,
  message?: RegExp | string,
): Promise<SidecarError> => {
  const error = await failureOf(call);
  const shown = JSON.stringify({ message: error.message, data: error.data });
  expect(statusOf(error), shown).toBe(status);
  expect(error.data?.httpStatus, shown).toBe(status);
  expect(error.data?.reason, shown).toBe(reason);
  if (message !== undefined) expect(error.message).toMatch(message);
  return error;
};

/**
 * Input the types refuse, sent as it is: the sidecar, not the compiler, must refuse it (a
 * test of its validation).
 */
export const unchecked = <T>(input: unknown): T => input as T;
