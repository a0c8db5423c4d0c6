import type { Session } from '@tenant-sessions/contracts';
import { describe, expect, it } from 'vitest';
import { boundSessions } from './bound';

const session = (id: number, status: Session['status'], timeSeconds: number) =>
  ({ id: String(id), key: `#${id}`, status, timeSeconds }) as Session;

describe('the bound of a snapshot', () => {
  it('keeps a snapshot within the bound whole', () => {
    const sessions = [session(1, 'SLEEP', 1), session(2, 'ACTIVE', 2)];
    expect(boundSessions(sessions, 2)).toEqual({ sessions, truncated: false });
  });

  it('cuts a larger one, keeping the active sessions first, then the longest running', () => {
    const sessions = [
      session(1, 'SLEEP', 500),
      session(2, 'ACTIVE', 1),
      session(3, 'SLEEP', 900),
      session(4, 'ACTIVE', 5),
      session(5, 'KILLED', 10),
    ];
    const { sessions: kept, truncated } = boundSessions(sessions, 3);
    expect(truncated).toBe(true);
    expect(kept.map((s) => s.id)).toEqual(['4', '2', '3']);
  });
});
