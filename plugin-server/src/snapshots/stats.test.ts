import { LIMITS, listInput, type Session, statisticsOf, statsInput } from '@tenant-sessions/contracts';
import { describe, expect, it } from 'vitest';
import { processRowToSession } from '../dialects/rows';
import { pageOf } from './page';
import { statisticsFor, statsOf } from './stats';
import type { BoundedSnapshot } from './store';

/** 150 sessions, each from its own client host, one in three running one of five statements. */
const snapshotOf = (): BoundedSnapshot => ({
  capturedAt: '2026-01-01T00:00:00.000Z',
  dialect: 'mariadb',
  visibility: 'all',
  serverVersion: '10.11',
  truncated: false,
  sessions: Array.from({ length: 150 }, (_, i) => {
    const sql = i % 3 === 0 ? `SELECT * FROM t${i % 5} WHERE id = ${i}` : null;
    return processRowToSession(
      {
        id: String(i + 1),
        user: `u${i % 4}`,
        host: `10.0.${i >> 8}.${i & 255}:4100`,
        db: null,
        command: sql ? 'Query' : 'Sleep',
        time_seconds: i,
        state: null,
        info_head: sql,
        info_length: sql?.length ?? null,
      },
      { address: 'db:3306' },
    );
  }),
});

const query = (fields: Record<string, unknown> = {}) =>
  statsInput.parse({ clusterId: 'c', tenantId: 't', ...fields });

describe('statsOf: the statistics of a snapshot', () => {
  it('counts a snapshot once per activeOnly, whoever asks', () => {
    const snapshot = snapshotOf();
    expect(statisticsFor(snapshot, false)).toBe(statisticsFor(snapshot, false));
    expect(statisticsFor(snapshot, true)).not.toBe(statisticsFor(snapshot, false));
    expect(statisticsFor(snapshotOf(), false)).not.toBe(statisticsFor(snapshot, false));
    expect(statsOf(snapshot, query()).bySource).toBe(statsOf(snapshot, query()).bySource);
  });

  it("answers each grouping's top rows and how many it has; the export's rows are all of them", () => {
    const snapshot = snapshotOf();
    const whole = statisticsOf(snapshot.sessions, { activeOnly: false });
    const answer = statsOf(snapshot, query());
    expect(answer).toMatchObject({ capturedAt: snapshot.capturedAt, dialect: 'mariadb', truncated: false });
    expect(answer.bySource).toEqual(whole.bySource.slice(0, LIMITS.statsTopRows));
    expect(answer.groupTotals).toEqual({ byUser: 4, bySource: 150, byDatabase: 1, bySql: 6 });
    expect(statisticsFor(snapshot, false).all('source')).toEqual(whole.bySource);
    const active = statsOf(snapshot, query({ activeOnly: true, search: { source: '10.0.0.149' } }));
    expect(active.bySource.map((g) => g.value)).toEqual([]);
    expect(active.groupTotals.bySource).toBe(0);
    expect(statsOf(snapshot, query({ search: { source: '10.0.0.149' } })).bySource).toEqual([
      { value: '10.0.0.149', total: 1, active: 0, maxActiveSeconds: null },
    ]);
  });

  it("answers the lock waits and the snapshot's locks as the list has them, once per snapshot", () => {
    const snapshot = snapshotOf();
    // A sleeping holder (the second session) and an active waiter (the first): activeOnly keeps the holder here.
    const [waiter, holder] = snapshot.sessions as [Session, Session];
    expect([waiter.status, holder.status]).toEqual(['ACTIVE', 'SLEEP']);
    holder.blocking = 1;
    holder.transactionSeconds = 12;
    waiter.blockedBy = [holder.key];
    const read = { ...snapshot, locks: { available: true, reason: null } };
    const answer = statsOf(read, query({ activeOnly: true }));
    expect(answer.waiting).toBe(1);
    expect(answer.topBlockers).toEqual([
      {
        key: holder.key,
        id: holder.id,
        user: holder.user,
        source: holder.source,
        blocking: 1,
        transactionSeconds: 12,
      },
    ]);
    expect(answer.locks).toEqual(pageOf(read, listInput.parse({ clusterId: 'c', tenantId: 't' })).locks);
    const off = { available: false, reason: 'no PROCESS privilege' };
    expect(statsOf({ ...snapshot, locks: off }, query()).locks).toEqual(off);
    expect(statsOf(snapshot, query())).not.toHaveProperty('locks');
  });
});
