import { describe, expect, it } from 'vitest';
import { createCloseRate } from './closeRate';

describe('the per-operator close rate', () => {
  it('allows perMinute calls in a sliding minute, then says when to retry', () => {
    const rate = createCloseRate(3);
    const t0 = 1_000_000;
    expect(rate.take('alice', t0).allowed).toBe(true);
    expect(rate.take('alice', t0 + 10_000).allowed).toBe(true);
    expect(rate.take('alice', t0 + 20_000).allowed).toBe(true);
    expect(rate.take('alice', t0 + 30_000)).toEqual({ allowed: false, retryAfterSeconds: 30 });
    // Refused calls do not count: the first slot frees at t0 + 60 s.
    expect(rate.take('alice', t0 + 59_500)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(rate.take('alice', t0 + 60_001).allowed).toBe(true);
    expect(rate.take('alice', t0 + 60_002).allowed).toBe(false);
  });

  it('counts each operator apart', () => {
    const rate = createCloseRate(1);
    expect(rate.take('alice', 0).allowed).toBe(true);
    expect(rate.take('alice', 1).allowed).toBe(false);
    expect(rate.take('bob', 2).allowed).toBe(true);
  });
});
