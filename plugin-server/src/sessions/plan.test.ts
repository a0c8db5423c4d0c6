import { makeSessionKey, type Session } from '@tenant-sessions/contracts';
import { describe, expect, it } from 'vitest';
import { planClose } from './plan';

// The plan of a close call is pure: sessions as a fresh read found them, the keys named, what
// the caller (or the last list) saw. No database.
const address = 'db:3306';
const sessionOf = (id: string, overrides: Partial<Session> = {}): Session => ({
  key: makeSessionKey(address, id),
  id,
  user: 'app',
  source: '10.0.0.1:5000',
  database: null,
  command: 'Sleep',
  status: 'SLEEP',
  timeSeconds: 1,
  state: null,
  sqlPreview: null,
  sqlTruncated: false,
  observer: address,
  otherObservers: [],
  obproxy: null,
  proxySessionId: null,
  traceId: null,
  sqlId: null,
  transactionState: null,
  protected: false,
  protectedReason: null,
  transactionSeconds: null,
  blockedBy: [],
  blocking: 0,
  ...overrides,
});
const key = (id: string, observer = address) => makeSessionKey(observer, id);
const plan = (sessionKeys: string[], fresh: Session[], seen: Partial<Parameters<typeof planClose>[0]> = {}) =>
  planClose({ address, sessionKeys, fresh, expected: undefined, lastSeen: undefined, ...seen });

describe('the plan of a close call', () => {
  it('sends one KILL per session found, in the order named', () => {
    const { steps, work, kills } = plan([key('2'), key('1')], [sessionOf('1'), sessionOf('2')]);
    expect(kills).toBe(2);
    expect(work).toEqual([0, 1]);
    expect(steps.map((s) => [s.sessionKey, s.session?.id, s.outcome, s.sameAs])).toEqual([
      [key('2'), '2', undefined, -1],
      [key('1'), '1', undefined, -1],
    ]);
  });

  it('refuses a vanished session naming the address, and a protected one with its reason', () => {
    const { steps, kills, work } = plan(
      [key('7'), key('1')],
      [sessionOf('1', { protected: true, protectedReason: 'the sidecar’s own connection' })],
    );
    expect(kills).toBe(0);
    // Refusals are steps too: recorded in turn.
    expect(work).toEqual([0, 1]);
    expect(steps[0]?.outcome).toEqual({
      outcome: 'not_found',
      message: "Session 7 is not on db:3306 any more (or not visible to the sidecar's account)",
      code: 'not_found.gone',
      params: { id: '7', address },
    });
    expect(steps[1]?.outcome).toEqual({
      outcome: 'protected',
      message: 'Never closed from here: the sidecar’s own connection',
      code: 'protected',
      params: { id: '1', reason: 'the sidecar’s own connection' },
    });
  });

  it('answers changed when the key now names another user or source than the caller saw', () => {
    const fresh = [sessionOf('1', { user: 'intruder' }), sessionOf('2')];
    const expected = { [key('1')]: { user: 'app', source: '10.0.0.1:5000' } };
    const { steps, kills } = plan([key('1'), key('2')], fresh, { expected });
    expect(kills).toBe(1);
    expect(steps[0]?.outcome?.outcome).toBe('changed');
    expect(steps[0]?.outcome?.message).toMatch(/now belongs to intruder from 10\.0\.0\.1:5000, not app/);
    expect(steps[1]?.outcome).toBeUndefined();
  });

  it("takes the last list as the reference when the caller says nothing, and prefers the caller's word", () => {
    const lastSeen = new Map([[key('1'), { user: 'previous-owner', source: '10.0.0.1:5000' }]]);
    expect(plan([key('1')], [sessionOf('1')], { lastSeen }).steps[0]?.outcome?.outcome).toBe('changed');
    const expected = { [key('1')]: { user: 'app', source: '10.0.0.1:5000' } };
    expect(plan([key('1')], [sessionOf('1')], { lastSeen, expected }).steps[0]?.outcome).toBeUndefined();
  });

  it('sends one KILL for a folded session named by two of its keys, the second answered after it', () => {
    const folded = sessionOf('9', { otherObservers: ['obs2:2881'] });
    const { steps, work, kills } = plan([key('9', 'obs2:2881'), key('9')], [folded]);
    expect(kills).toBe(1);
    expect(work).toEqual([0]);
    expect(steps[1]?.sameAs).toBe(0);
    expect(steps[0]?.session).toBe(folded);
  });
});
