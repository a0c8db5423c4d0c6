import { describe, expect, it } from 'vitest';
import { readsWholeCluster, rightsOn, sessionsClaim } from './rights';

const claim = sessionsClaim.parse({
  'prod-1/*': ['read'],
  'prod-1/trade': ['read', 'kill'],
  '*/audit': ['read'],
});

describe('the sessions claim', () => {
  it('merges wildcard and exact grants', () => {
    expect([...rightsOn(claim, 'prod-1', 'trade')].sort()).toEqual(['kill', 'read']);
    expect([...rightsOn(claim, 'prod-1', 'pay')]).toEqual(['read']);
    expect([...rightsOn(claim, 'prod-2', 'audit')]).toEqual(['read']);
    expect([...rightsOn(claim, 'prod-2', 'pay')]).toEqual([]);
  });

  it('tells whether the whole cluster is readable', () => {
    expect(readsWholeCluster(claim, 'prod-1')).toBe(true);
    expect(readsWholeCluster(claim, 'prod-2')).toBe(false);
  });

  it('refuses malformed references and unknown rights', () => {
    expect(sessionsClaim.safeParse({ 'prod-1': ['read'] }).success).toBe(false);
    expect(sessionsClaim.safeParse({ 'a/b': ['admin'] }).success).toBe(false);
  });
});
