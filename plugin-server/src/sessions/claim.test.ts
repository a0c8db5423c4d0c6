import { describe, expect, it } from 'vitest';
import { CLAIM_BUCKETS, claimName } from './claim';

describe('the claim of a session', () => {
  it('is one lock per bucket of ids, at most CLAIM_BUCKETS names, each within the server’s 64 characters', () => {
    expect(claimName('1')).toBe(claimName(String(1 + CLAIM_BUCKETS)));
    expect(claimName('1')).not.toBe(claimName('2'));
    const names = new Set(Array.from({ length: 1000 }, (_, i) => claimName(String(i))));
    expect(names.size).toBe(CLAIM_BUCKETS);
    // The largest id (2^64 - 1) as the server writes it.
    const largest = claimName('18446744073709551615');
    expect(largest).toBe(claimName(String(18446744073709551615n % BigInt(CLAIM_BUCKETS))));
    for (const name of [...names, largest]) expect(name.length).toBeLessThanOrEqual(64);
  });
});
