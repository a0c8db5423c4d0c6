import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { MAX_SUBJECT_CHARS, subjectProblem } from './subject';
import { createVerifier } from './tokens';

const secret = new TextEncoder().encode('subject-test-secret-subject-test-secret');
const verify = createVerifier({ secret });
/** A token whose `sub` is whatever JSON value is given (jose's setSubject takes strings only). */
const withSub = (sub: unknown) =>
  new SignJWT({ sub, sessions: { 'a/*': ['read'] } } as Record<string, unknown>)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(secret);

describe("the operator's name (sub)", () => {
  it.each([
    ['an object', { name: 'x' }, /must be a string/],
    ['an array', ['x', 'y'], /must be a string, not an array/],
    ['a number', 42, /must be a string, not number/],
    ['a boolean', true, /must be a string/],
    ['an empty string', '', /empty/],
    ['blanks', '   ', /empty/],
    ['a newline', 'alice\nforged audit line', /cannot be printed/],
    ['a NUL', 'alice\u0000', /cannot be printed/],
    ['a bidi override', 'alice\u202Eecila', /cannot be printed/],
    ['a zero-width space', 'ali\u200Bce', /cannot be printed/],
    ['too long', 'x'.repeat(MAX_SUBJECT_CHARS + 1), /257 characters long, more than the 256/],
  ])('refuses %s, saying what is wrong', async (_what, sub, message) => {
    expect(subjectProblem(sub)).toMatch(message);
    await expect(verify(`Bearer ${await withSub(sub)}`)).rejects.toThrow(message);
  });

  it.each([
    ['a plain name', 'alice'],
    ['an e-mail', 'alice@example.com'],
    ['a name with spaces and accents', 'Zoë Ölçer'],
    ['Chinese', '运维-张三'],
    ['the longest accepted', 'é'.repeat(MAX_SUBJECT_CHARS)],
  ])('accepts %s', async (_what, sub) => {
    expect(subjectProblem(sub)).toBeNull();
    expect((await verify(`Bearer ${await withSub(sub)}`)).sub).toBe(sub);
  });
});
