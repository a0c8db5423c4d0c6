import { makeSessionKey } from '@tenant-sessions/contracts';
import mysql, { type Connection } from 'mysql2/promise';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AttemptRecorder, KillAttempt } from '../audit/sink';
import { localTenant } from '../config/load';
import { TenantHandle } from '../tenants/handle';
import { failure } from '../trpc/errors';
import { killSessions } from './kill';
import { readSnapshot } from './snapshot';

// A real server; only the memory of what the last list showed is set by hand, since a server
// cannot be made to reuse an id on demand.
const url = inject('mysqlUrl');
const log = pino({ level: 'silent' });
const handle = new TenantHandle({ ...localTenant(url), tenantId: 'kill-unit' }, log);
let victim: Connection;
/** What kill.ts handed to the audit, in order. */
const recorded: KillAttempt[] = [];

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
    operator: 'unit',
    ownIds: () => handle.ownThreadIds,
    log,
    record: async (attempt) => void recorded.push(attempt),
  });

describe('changed: the key names someone else than the caller saw', () => {
  it('compares with the last list of the tenant when the caller says nothing', async () => {
    const snapshot = await readSnapshot(handle, () => handle.ownThreadIds);
    const key = makeSessionKey(handle.address, String(victim.threadId));
    const seen = snapshot.sessions.find((s) => s.key === key);
    expect(seen).toBeDefined();
    handle.lastSeen?.set(key, { user: 'previous-owner', source: seen?.source ?? '' });
    const report = await kill(key);
    expect(report.results[0]).toMatchObject({ outcome: 'changed' });
    expect(report.results[0]?.message).toMatch(/previous-owner/);
  });

  it("prefers what the caller saw to the sidecar's memory", async () => {
    const key = makeSessionKey(handle.address, String(victim.threadId));
    await readSnapshot(handle, () => handle.ownThreadIds);
    const now = handle.lastSeen?.get(key);
    handle.lastSeen?.set(key, { user: 'previous-owner', source: 'x' });
    const report = await kill(key, { [key]: { user: now?.user ?? '', source: now?.source ?? '' } });
    expect(report.results[0]).toEqual({ sessionKey: key, outcome: 'killed', message: null });
    const [rows] = await victim.query('SELECT 1 AS ok');
    expect(rows).toEqual([{ ok: 1 }]);
  });
});

describe('the audit of each attempt', () => {
  it('hands every attempt to record, with what the fresh read showed of the session', async () => {
    const key = makeSessionKey(handle.address, String(victim.threadId));
    recorded.length = 0;
    handle.lastSeen = undefined;
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
    const other = await mysql.createConnection({ uri: url });
    other.on('error', () => undefined);
    const keys = [victim, other].map((c) => makeSessionKey(handle.address, String(c.threadId)));
    victim.on('error', () => undefined);
    const refused = failure('AUDIT_UNAVAILABLE', 'audit down');
    const attempt = killSessions({
      handle,
      sessionKeys: keys,
      kind: 'session',
      expected: undefined,
      operator: 'unit',
      ownIds: () => handle.ownThreadIds,
      log,
      record: async (a) => {
        if (a.sessionKey === keys[0]) throw refused;
      },
    });
    await expect(attempt).rejects.toBe(refused);
    // The first KILL was sent before its record failed; the second never was.
    const [rows] = await other.query('SELECT 1 AS ok');
    expect(rows).toEqual([{ ok: 1 }]);
    other.destroy();
  });

  it('makes the attempts durable once, after the last one and before answering (group commit)', async () => {
    const others = await Promise.all([0, 1].map(() => mysql.createConnection({ uri: url })));
    for (const c of others) c.on('error', () => undefined);
    const keys = others.map((c) => makeSessionKey(handle.address, String(c.threadId)));
    const events: string[] = [];
    const record = Object.assign(async (a: KillAttempt) => void events.push(`record ${a.sessionKey}`), {
      flush: async () => void events.push('flush'),
    });
    const report = await killSessions({
      handle,
      sessionKeys: keys,
      kind: 'session',
      expected: undefined,
      operator: 'unit',
      ownIds: () => handle.ownThreadIds,
      log,
      record,
    });
    events.push('answered');
    expect(report.results.map((r) => r.outcome)).toEqual(['killed', 'killed']);
    expect(events).toEqual([`record ${keys[0]}`, `record ${keys[1]}`, 'flush', 'answered']);
    for (const c of others) c.destroy();
  });

  it('answers the failed flush, and flushes what was appended before a failed append', async () => {
    const others = await Promise.all([0, 1].map(() => mysql.createConnection({ uri: url })));
    for (const c of others) c.on('error', () => undefined);
    const keys = others.map((c) => makeSessionKey(handle.address, String(c.threadId)));
    const request = (record: AttemptRecorder, sessionKeys: string[]) =>
      killSessions({
        handle,
        sessionKeys,
        kind: 'query',
        expected: undefined,
        operator: 'unit',
        ownIds: () => handle.ownThreadIds,
        log,
        record,
      });
    const unflushed = failure('AUDIT_UNAVAILABLE', 'fsync failed');
    const flushFails = Object.assign(async () => undefined, {
      flush: async () => {
        throw unflushed;
      },
    });
    await expect(request(flushFails, [keys[0] ?? ''])).rejects.toBe(unflushed);

    const refused = failure('AUDIT_UNAVAILABLE', 'audit down');
    let flushes = 0;
    const appendFails = Object.assign(
      async (a: KillAttempt) => {
        if (a.sessionKey === keys[1]) throw refused;
      },
      {
        flush: async () => {
          flushes += 1;
        },
      },
    );
    await expect(request(appendFails, [keys[0] ?? '', keys[1] ?? ''])).rejects.toBe(refused);
    expect(flushes).toBe(1);
    for (const c of others) c.destroy();
  });
});
