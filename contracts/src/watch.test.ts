import { describe, expect, it } from 'vitest';
import { WATCH_INTERVAL, watchInput } from './watch';

const tenant = { clusterId: 'local', tenantId: 'local' };

describe('the input of sessions.watch', () => {
  it("takes a list's input and defaults the interval to 3 s", () => {
    const parsed = watchInput.parse({ ...tenant, user: 'app', pageSize: 20 });
    expect(parsed).toMatchObject({ ...tenant, user: 'app', pageSize: 20, pageIndex: 0, intervalMs: 3000 });
    expect(parsed.sort).toEqual({ column: 'timeSeconds', direction: 'desc' });
    expect(WATCH_INTERVAL.defaultMs).toBe(3000);
  });

  it.each([
    [999, /at least 1000/],
    [60_001, /at most 60000/],
    [1500.5, /int/i],
  ])('refuses the interval %j', (intervalMs, message) => {
    const result = watchInput.safeParse({ ...tenant, intervalMs });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['intervalMs']);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });

  it('accepts 1 s and 60 s, and refuses unknown fields (a token in the input, say)', () => {
    expect(watchInput.parse({ ...tenant, intervalMs: 1000 }).intervalMs).toBe(1000);
    expect(watchInput.parse({ ...tenant, intervalMs: 60_000 }).intervalMs).toBe(60_000);
    expect(watchInput.safeParse({ ...tenant, token: 'x' }).success).toBe(false);
  });
});
