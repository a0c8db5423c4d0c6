import { makeSessionKey } from '@tenant-sessions/contracts';
import mysql, { type Connection } from 'mysql2/promise';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import type { KillAttempt } from '../audit/sink';
import type { CallRecorder } from '../audit/trail';
import { localTenant } from '../config/load';
import { OwnConnections } from '../connections/own';
import { SidecarError } from '../errors/sidecarError';
import { readSnapshot, type SeenSessions } from '../snapshots/read';
import { TenantHandle } from '../tenants/handle';
import { KILL_CONCURRENCY, killSessions } from './kill';

// A real server; only the memory of what the last list showed is set by hand, since a server
// cannot be made to reuse an id on demand.
const url = inject('mysqlUrl');
const log = pino({ level: 'silent' });
const handle = new TenantHandle({ ...localTenant(url), tenantId: 'kill-unit' }, log, new OwnConnections());
let victim: Connection;
/** Who each key was in the tenant's last read, as the snapshot store would hand it to a close. */
let lastSeen: SeenSessions | undefined;
/** What kill.ts handed to the audit, in order. */
const recorded: KillAttempt[] = [];

/**
 * A call's audit that hands every attempt's final word (an outcome, or a whole record) to `each`;
 * the intents are kept in `intended`, and `flush` is `onFlush`.
 */
const recorderOf = (
  each: (attempt: KillAttempt) => Promise<void>,
  onFlush: () => Promise<void> = async () => undefined,
  intended: KillAttempt[] = [],
): CallRecorder => {
  let n = 0;
  return {
    intend: async (batch) => {
      for (const { attempt, send } of batch) {
        if (send) intended.push(attempt);
        else await each(attempt);
      }
      return batch.map(() => `intent-${n++}`);
    },
    settle: (_id, attempt) => each(attempt),
    record: each,
    flush: onFlush,
  };
};

beforeAll(async () => {
  victim = await mysql.createConnection({ uri: url });
});
afterAll(async () => {
  victim.destroy();
  await handle.close();
});

const kill = (key: string, expected?: Record<string, { user: string; source: string }>) =>
  killSessions({
    handle,
    sessionKeys: [key],
    kind: 'query',
    expected,
    lastSeen,
    operator: 'unit',
    ownIds: () => handle.sidecarThreadIds(),
    log,
    record: recorderOf(async (attempt) => void recorded.push(attempt)),
  });

/** A close call on `sessionKeys` with `record` as the audit. */
const closeAll = (sessionKeys: string[], record: CallRecorder, kind: 'session' | 'query' = 'session') =>
  killSessions({
    handle,
    sessionKeys,
    kind,
    expected: undefined,
    lastSeen,
    operator: 'unit',
    ownIds: () => handle.sidecarThreadIds(),
    log,
    record,
  });

describe('changed: the key names someone else than the caller saw', () => {
  it('compares with the last list of the tenant when the caller says nothing', async () => {
    const { snapshot, seen: read } = await readSnapshot(handle, undefined);
    lastSeen = read;
    const key = makeSessionKey(handle.address, String(victim.threadId));
    const seen = snapshot.sessions.find((s) => s.key === key);
    expect(seen).toBeDefined();
    lastSeen.set(key, { user: 'previous-owner', source: seen?.source ?? '' });
    const report = await kill(key);
    expect(report.results[0]).toMatchObject({ outcome: 'changed' });
    expect(report.results[0]?.message).toMatch(/previous-owner/);
  });

  it("prefers what the caller saw to the sidecar's memory", async () => {
    const key = makeSessionKey(handle.address, String(victim.threadId));
    lastSeen = (await readSnapshot(handle, undefined)).seen;
    const now = lastSeen.get(key);
    lastSeen.set(key, { user: 'previous-owner', source: 'x' });
    const report = await kill(key, { [key]: { user: now?.user ?? '', source: now?.source ?? '' } });
    expect(report.results[0]).toEqual({
      sessionKey: key,
      outcome: 'killed',
      message: null,
      code: 'killed',
      params: {},
    });
    const [rows] = await victim.query('SELECT 1 AS ok');
    expect(rows).toEqual([{ ok: 1 }]);
  });
});

describe('the audit of each attempt', () => {
  it('hands every attempt to record, with what the fresh read showed of the session', async () => {
    const key = makeSessionKey(handle.address, String(victim.threadId));
    recorded.length = 0;
    lastSeen = undefined;
    await kill(key);
    expect(recorded).toEqual([
      expect.objectContaining({
        sessionKey: key,
        sessionId: String(victim.threadId),
        kind: 'query',
        outcome: 'killed',
        user: expect.any(String),
        source: expect.any(String),
      }),
    ]);
  });

  it('sends no further KILL once a record cannot be written, and answers the audit failure', async () => {
    // Every record fails: each connection sending KILLs stops after its first answer, so at most
    // KILL_CONCURRENCY sessions are closed, the first ones named, each of them handed to record.
    const targets = await Promise.all(
      Array.from({ length: KILL_CONCURRENCY + 2 }, () => mysql.createConnection({ uri: url })),
    );
    for (const c of targets) c.on('error', () => undefined);
    const keys = targets.map((c) => makeSessionKey(handle.address, String(c.threadId)));
    const refused = new SidecarError('AUDIT_UNAVAILABLE', 'audit down');
    const handed: string[] = [];
    const attempt = closeAll(
      keys,
      recorderOf(async (a) => {
        // The KILLs never sent are said so too (error.not_sent): only the sent ones count here.
        if (a.code !== 'error.not_sent') handed.push(a.sessionKey);
        throw refused;
      }),
    );
    await expect(attempt).rejects.toBe(refused);
    const alive = await Promise.all(
      targets.map((c) =>
        c.query('SELECT 1').then(
          () => true,
          () => false,
        ),
      ),
    );
    const closed = keys.filter((_, i) => !alive[i]);
    expect(closed.length).toBeGreaterThanOrEqual(1);
    expect(closed.length).toBeLessThanOrEqual(KILL_CONCURRENCY);
    expect([...handed].sort()).toEqual([...closed].sort());
    // The last ones named were never reached.
    expect(alive.slice(KILL_CONCURRENCY)).toEqual([true, true]);
    for (const c of targets) c.destroy();
  });

  it('closes many sessions over several connections at once, answering in the order named', async () => {
    const targets = await Promise.all(Array.from({ length: 12 }, () => mysql.createConnection({ uri: url })));
    for (const c of targets) c.on('error', () => undefined);
    const keys = targets.map((c) => makeSessionKey(handle.address, String(c.threadId)));
    const handed: string[] = [];
    const spares = vi.spyOn(handle, 'withSpareConnection');
    const report = await closeAll(
      keys,
      recorderOf(async (a) => void handed.push(a.sessionKey)),
    );
    // Up to KILL_CONCURRENCY connections: the call's own, and as many spares asked of the pool.
    expect(spares).toHaveBeenCalledTimes(Math.min(KILL_CONCURRENCY, handle.config.poolSize) - 1);
    spares.mockRestore();
    expect(report.results.map((r) => r.sessionKey)).toEqual(keys);
    expect(report.results.every((r) => r.outcome === 'killed')).toBe(true);
    expect([...handed].sort()).toEqual([...keys].sort());
    const alive = await Promise.all(
      targets.map((c) =>
        c.query('SELECT 1').then(
          () => true,
          () => false,
        ),
      ),
    );
    expect(alive.some(Boolean)).toBe(false);
    for (const c of targets) c.destroy();
  });

  it('never waits for a connection the pool does not have free, nor counts that against the tenant', async () => {
    // A pool of 2, one connection held by a long read: the close call gets no spare and goes on
    // alone, answering long before the read ends.
    const small = new TenantHandle(
      { ...localTenant(url), tenantId: 'kill-small', poolSize: 2 },
      log,
      new OwnConnections(),
    );
    const targets = await Promise.all(Array.from({ length: 6 }, () => mysql.createConnection({ uri: url })));
    for (const c of targets) c.on('error', () => undefined);
    try {
      const holding = small.withConnection((c) => c.read({ sql: 'SELECT SLEEP(3) AS slept', values: [] }));
      const keys = targets.map((c) => makeSessionKey(small.address, String(c.threadId)));
      const closing = killSessions({
        handle: small,
        sessionKeys: keys,
        kind: 'session',
        lastSeen: undefined,
        expected: undefined,
        operator: 'unit',
        ownIds: () => small.sidecarThreadIds(),
        log,
        record: recorderOf(async () => undefined),
      });
      const first = await Promise.race([closing.then(() => 'close'), holding.then(() => 'read')]);
      expect(first).toBe('close');
      expect((await closing).results.every((r) => r.outcome === 'killed')).toBe(true);
      expect(small.lastFailure).toBeNull();
      await holding;
    } finally {
      for (const c of targets) c.destroy();
      await small.close();
    }
  });

  it('makes the attempts durable once, after the last one and before answering (group commit)', async () => {
    const others = await Promise.all([0, 1].map(() => mysql.createConnection({ uri: url })));
    for (const c of others) c.on('error', () => undefined);
    const keys = others.map((c) => makeSessionKey(handle.address, String(c.threadId)));
    const events: string[] = [];
    const record: CallRecorder = {
      ...recorderOf(
        async (a) => void events.push(`record ${a.sessionKey}`),
        async () => void events.push('flush'),
      ),
      intend: async (batch) => {
        events.push(`intend ${batch.map(({ attempt: a }) => `${a.sessionKey} ${a.outcome}`).join(', ')}`);
        return batch.map((_, i) => `intent-${i}`);
      },
    };
    const report = await closeAll(keys, record);
    events.push('answered');
    expect(report.results.map((r) => r.outcome)).toEqual(['killed', 'killed']);
    // Write ahead: both attempts are made durable together before either KILL is sent.
    expect(events[0]).toBe(`intend ${keys[0]} unknown, ${keys[1]} unknown`);
    // The two KILLs may answer in either order; both records come before the one flush.
    expect(events.slice(1, 3).sort()).toEqual([`record ${keys[0]}`, `record ${keys[1]}`].sort());
    expect(events.slice(3)).toEqual(['flush', 'answered']);
    for (const c of others) c.destroy();
  });

  it('answers the failed flush, and flushes what was appended before a failed append', async () => {
    const others = await Promise.all([0, 1].map(() => mysql.createConnection({ uri: url })));
    for (const c of others) c.on('error', () => undefined);
    const keys = others.map((c) => makeSessionKey(handle.address, String(c.threadId)));
    const unflushed = new SidecarError('AUDIT_UNAVAILABLE', 'fsync failed');
    const flushFails = recorderOf(
      async () => undefined,
      async () => {
        throw unflushed;
      },
    );
    await expect(closeAll([keys[0] ?? ''], flushFails, 'query')).rejects.toBe(unflushed);

    const refused = new SidecarError('AUDIT_UNAVAILABLE', 'audit down');
    let flushes = 0;
    const appendFails = recorderOf(
      async (a: KillAttempt) => {
        if (a.sessionKey === keys[1]) throw refused;
      },
      async () => {
        flushes += 1;
      },
    );
    await expect(closeAll([keys[0] ?? '', keys[1] ?? ''], appendFails, 'query')).rejects.toBe(refused);
    expect(flushes).toBe(1);
    for (const c of others) c.destroy();
  });
});
