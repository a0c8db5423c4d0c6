import type { Session } from '@tenant-sessions/contracts';
import { describe, expect, it } from 'vitest';
import { processRowToSession } from '../dialects/rows';
import { applyLocks, blockingCounts, lockGraphOf, locksFailure } from './locks';

// Rows as the InnoDB lock read answers them (dialects/locks.ts): 'trx' rows, then 'wait' rows.
const trx = (trxId: string, sessionId: string, seconds: number | string | null = 1) => ({
  kind: 'trx',
  trx_id: trxId,
  session_id: sessionId,
  trx_seconds: seconds,
  holder_trx_id: null,
});
const wait = (trxId: string, holderTrxId: string, sessionId: string | null = null) => ({
  kind: 'wait',
  trx_id: trxId,
  session_id: sessionId,
  trx_seconds: null,
  holder_trx_id: holderTrxId,
});
const sessionsOf = (...ids: string[]): Session[] =>
  ids.map((id) =>
    processRowToSession({ id, user: 'app', host: 'h:1', command: 'Sleep' }, { address: 'db:3306' }),
  );
const byId = (sessions: Session[]) =>
  Object.fromEntries(sessions.map((s) => [s.id, [s.transactionSeconds, s.blockedBy, s.blocking]]));
const edges = (pairs: Array<[string, string]>) => {
  const map = new Map<string, Set<string>>();
  for (const [waiter, holder] of pairs) map.set(waiter, new Set([...(map.get(waiter) ?? []), holder]));
  return map;
};

describe('the lock read joined to sessions', () => {
  it('one holder, two waiters: ages, who waits on whom by key, how many wait', () => {
    const rows = [
      trx('100', '1', '42'),
      trx('101', '2', '3'),
      trx('102', '3', '2'),
      wait('101', '100'),
      wait('102', '100'),
    ];
    const sessions = sessionsOf('1', '2', '3', '4');
    applyLocks(sessions, lockGraphOf(rows));
    expect(byId(sessions)).toEqual({
      1: [42, [], 2],
      2: [3, ['db:3306#1'], 0],
      3: [2, ['db:3306#1'], 0],
      4: [null, [], 0],
    });
  });

  it('a chain A -> B -> C counts 2 for A and 1 for B', () => {
    const rows = [trx('1', 'A'), trx('2', 'B'), trx('3', 'C'), wait('2', '1'), wait('3', '2')];
    const sessions = sessionsOf('A', 'B', 'C');
    applyLocks(sessions, lockGraphOf(rows));
    expect(byId(sessions)).toMatchObject({
      A: [1, [], 2],
      B: [1, ['db:3306#A'], 1],
      C: [1, ['db:3306#B'], 0],
    });
  });

  it('a waiter queued behind both the holder and an earlier waiter is counted once', () => {
    // InnoDB names every conflicting lock ahead in the queue: C waits on A and on B.
    const counts = blockingCounts(
      edges([
        ['B', 'A'],
        ['C', 'A'],
        ['C', 'B'],
      ]),
    );
    expect(Object.fromEntries(counts)).toEqual({ A: 2, B: 1 });
  });

  it('a cycle ends: each on it counts the others, never itself, and the walk terminates', () => {
    expect(
      Object.fromEntries(
        blockingCounts(
          edges([
            ['A', 'B'],
            ['B', 'A'],
          ]),
        ),
      ),
    ).toEqual({ A: 1, B: 1 });
    // A ring of three with D waiting on A: each on the ring reaches the other two and D.
    const ring = edges([
      ['A', 'C'],
      ['B', 'A'],
      ['C', 'B'],
      ['D', 'A'],
    ]);
    expect(Object.fromEntries(blockingCounts(ring))).toEqual({ A: 3, B: 3, C: 3 });
  });

  it('a long chain is counted without recursion (2,000 sessions, each waiting on the one before)', () => {
    const pairs: Array<[string, string]> = [];
    for (let i = 1; i < 2_000; i++) pairs.push([String(i), String(i - 1)]);
    const counts = blockingCounts(edges(pairs));
    expect([counts.get('0'), counts.get('1000'), counts.get('1998'), counts.has('1999')]).toEqual([
      1999,
      999,
      1,
      false,
    ]);
  });

  it('names the waiter from the row where the server does (OceanBase), and skips sessionless transactions', () => {
    const rows = [
      trx('7', '9001'),
      trx('8', '9002'),
      wait('8', '7', '9002'),
      trx('5', '0'),
      wait('6', '5', '9003'),
    ];
    const graph = lockGraphOf(rows);
    expect([...graph.waitsOn]).toEqual([['9002', new Set(['9001'])]]);
    expect([...graph.transactionSeconds.keys()]).toEqual(['9001', '9002']);
  });

  it('joins only listed sessions: a holder that is not listed blocks no one here', () => {
    const sessions = sessionsOf('2');
    applyLocks(sessions, lockGraphOf([trx('1', '1'), trx('2', '2'), wait('2', '1')]));
    expect(byId(sessions)).toEqual({ 2: [1, [], 0] });
  });

  it('says why a failed read left no locks, naming the privilege, the missing table, the timeout', () => {
    const read = {
      statement: () => ({ sql: '', values: [] }),
      privilege: 'PROCESS',
      missing: 'no lock tables here',
    };
    const denied = Object.assign(new Error('x'), {
      errno: 1227,
      sqlMessage: 'Access denied; you need (at least one of) the PROCESS privilege(s) for this operation',
    });
    expect(locksFailure(denied, read, 2000, new Set([1969]))).toEqual({
      available: false,
      reason:
        'This account may not read the lock tables: it needs PROCESS (Access denied; you need (at least one of) the PROCESS privilege(s) for this operation)',
    });
    const missing = Object.assign(new Error('x'), {
      errno: 1146,
      sqlMessage: "Table 'oceanbase.GV$OB_LOCKS' doesn't exist",
    });
    expect(locksFailure(missing, read, 2000, new Set()).reason).toBe(
      "no lock tables here (Table 'oceanbase.GV$OB_LOCKS' doesn't exist)",
    );
    const late = Object.assign(new Error('x'), { errno: 1969 });
    expect(locksFailure(late, read, 2000, new Set([1969])).reason).toBe(
      'The lock read ran past the statement timeout (2000 ms)',
    );
    expect(locksFailure(new Error('socket hang up'), read, 2000, new Set()).reason).toBe(
      'The lock read failed: socket hang up',
    );
  });
});
