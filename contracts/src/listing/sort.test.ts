import { describe, expect, it } from 'vitest';
import { compareSessionIds } from './sort';

describe('compareSessionIds', () => {
  it('orders 64-bit ids as integers, leading zeros too', () => {
    const ids = ['18446744073709551615', '10', '9', '009', '0', '9007199254740993', '9007199254740992'];
    expect([...ids].sort(compareSessionIds)).toEqual([
      '0',
      '9',
      '009',
      '10',
      '9007199254740992',
      '9007199254740993',
      '18446744073709551615',
    ]);
    expect(compareSessionIds('009', '9')).toBe(0);
  });
});
