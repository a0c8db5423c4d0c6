import { describe, expect, it } from 'vitest';
import { createCloseRate } from './closeRate';

describe('the per-operator close rate', () => {
  it('allows perMinute calls in a sliding minute, then says when to retry', () => {
    const rate = createCloseRate(3);
    const t0 = 1_000_000;
    expect(rate.take('alice', t0).allowed).toBe(true);
    expect(rate.take('alice', t0 + 10_000).allowed).toBe(true);
    expect(rate.take('alice', t0 + 20_000).allowed).toBe(true);
    expect(rate.take('alice', t0 + 30_000)).toEqual({
      allowed: false,
      retryAfterSeconds: 30,
      limit: 'calls',
    });
    // Refused calls do not count: the first slot frees at t0 + 60 s.
    expect(rate.take('alice', t0 + 59_500)).toEqual({ allowed: false, retryAfterSeconds: 1, limit: 'calls' });
    expect(rate.take('alice', t0 + 60_001).allowed).toBe(true);
    expect(rate.take('alice', t0 + 60_002).allowed).toBe(false);
  });

  it('counts each operator apart', () => {
    const rate = createCloseRate(1);
    expect(rate.take('alice', 0).allowed).toBe(true);
    expect(rate.take('alice', 1).allowed).toBe(false);
    expect(rate.take('bob', 2).allowed).toBe(true);
  });

  it('counts the sessions of the calls too: a close of 1,000 by filter is ten calls of 100', () => {
    const rate = createCloseRate(30, 2000);
    const t0 = 5_000_000;
    for (let call = 0; call < 20; call++) expect(rate.take('alice', t0 + call, 100).allowed).toBe(true);
    // 2,000 sessions in the minute: the 21st call of 100 waits, whole, until the first ten age out.
    expect(rate.take('alice', t0 + 30_000, 100)).toEqual({
      allowed: false,
      retryAfterSeconds: 30,
      limit: 'sessions',
    });
    // A refused call is not counted; once the first two calls' minute is over, 200 are free again.
    expect(rate.take('alice', t0 + 60_001, 100).allowed).toBe(true);
    expect(rate.take('alice', t0 + 60_001, 200).allowed).toBe(false);
    expect(rate.take('alice', t0 + 60_001, 100).allowed).toBe(true);
    expect(rate.take('alice', t0 + 60_001, 1).allowed).toBe(false);
    expect(rate.take('bob', t0 + 60_003, 100).allowed).toBe(true);
  });

  it('refuses a call larger than the whole sessions limit and names the limit', () => {
    const rate = createCloseRate(30, 50);
    const answer = rate.take('alice', 0, 51);
    expect(answer).toMatchObject({ allowed: false, limit: 'sessions' });
    expect(rate.take('alice', 1, 50).allowed).toBe(true);
  });
});
