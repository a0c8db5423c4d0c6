import { describe, expect, it } from 'vitest';
import { observerUser } from './direct';

describe('the account on a direct connection to an observer', () => {
  it.each([
    ['root@trade#prod-1', 'root@trade'],
    ['root@trade', 'root@trade'],
    ['root', 'root'],
    ['prod-1:trade:root', 'root@trade'],
    ['ops#x@trade#prod', 'ops#x@trade'],
  ])('%s → %s', (user, expected) => {
    expect(observerUser(user)).toBe(expected);
  });
});
