import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCrowd, openCrowd, stillListed } from '../support/crowd';
import { connect } from '../support/db';
import { startThrowawayMariadb, type ThrowawayServer } from '../support/mariadbd';
import { failureOf, refused, statusOf } from '../support/refusal';
import { startRestartableMariadb } from '../support/restartable';
import { startSidecar, type TestSidecar, tenantOn } from '../support/sidecar';
import { refOf } from '../support/testServer';

// The tenant's server frozen (SIGSTOP) 25 ms into a close of 100 sessions: the call answers
// within its timeout, a KILL whose answer never came is `unknown` (never `killed`, never an
// error from the server), nothing is sent after the time is up, and once the server is thawed
// the sidecar serves it again without a restart.
const SESSIONS = 100;
// Generous enough that a loaded machine (the whole suite runs at once) reads 100 sessions within it.
const TIMEOUT_MS = 2000;

let db: ThrowawayServer;
let admin: Connection;
let sidecar: TestSidecar;
const tenant = refOf('frozen');

beforeAll(async () => {
  db = await startThrowawayMariadb();
  admin = await connect(db.url);
  sidecar = await startSidecar([tenantOn(db.url, 'frozen', { statementTimeoutMs: TIMEOUT_MS })]);
});
afterAll(async () => {
  db?.thaw();
  await sidecar?.stop();
  await admin?.end();
  await db?.stop();
});

describe('a tenant server frozen during a close', () => {
  it('answers within the timeout, unknown for KILLs without an answer, and recovers once thawed', async () => {
    const crowd = await openCrowd(db.url, SESSIONS);
    const ids = crowd.map((c) => String(c.threadId));
    const address = `127.0.0.1:${db.port}`;
    await sidecar.api.sessions.list.query(tenant);
    const started = Date.now();
    const call = sidecar.api.sessions.kill.mutate({
      ...tenant,
      sessionKeys: ids.map((id) => `${address}#${id}`),
    });
    // Frozen once the KILLs have begun (the first sessions are gone). Should the call end first
    // (refused before any KILL), say so instead of waiting for ever.
    let ended = false;
    call.then(
      () => (ended = true),
      () => (ended = true),
    );
    while (!ended && (await stillListed(admin, ids)).size === SESSIONS)
      await new Promise((resolve) => setTimeout(resolve, 1));
    if (ended && (await stillListed(admin, ids)).size === SESSIONS)
      await call.then(
        () => expect.fail('the close ended before any KILL, with nothing closed'),
        (error: unknown) => expect.fail(`the close was refused before any KILL: ${String(error)}`),
      );
    db.freeze();
    let took = 0;
    // Thawed as soon as the call settles, answered or not (the next test needs the server).
    const settled = call.finally(() => {
      took = Date.now() - started;
      db.thaw();
    });
    const { results } = await settled;
    // The fresh read, then KILLs each bounded by the client's wait (timeout + up to 1 s).
    expect(took).toBeLessThan(3 * TIMEOUT_MS + 1500);
    // Some KILLs had their answer, some did not.
    expect(results.some((r) => r.outcome === 'killed')).toBe(true);
    expect(results.some((r) => r.outcome !== 'killed')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const listed = await stillListed(admin, ids);
    for (const r of results) {
      const id = r.sessionKey.split('#')[1] as string;
      if (r.outcome === 'killed') expect(listed.has(id), `${id} answered killed but still there`).toBe(false);
      // Never "the server refused" for a KILL whose answer simply never came.
      expect(r.message ?? '').not.toMatch(/inactivity timeout/i);
      if (r.code === 'error.not_sent_unanswered') expect(listed.has(id), `${id} was never sent`).toBe(true);
      if (r.outcome === 'unknown') expect(r.code).toBe('unknown.no_answer');
    }
    // The audit says the same as the answer.
    const audit = await sidecar.api.audit.list.query({ ...tenant, pageSize: 200 });
    const byKey = new Map(audit.rows.map((r) => [r.sessionKey, r.outcome]));
    for (const r of results) expect(byKey.get(r.sessionKey)).toBe(r.outcome);
    // Thawed: served again, and what is left can be closed.
    await sidecar.api.sessions.list.query(tenant);
    const left = ids.filter((id) => listed.has(id));
    if (left.length > 0) {
      const rest = await sidecar.api.sessions.kill.mutate({
        ...tenant,
        sessionKeys: left.map((id) => `${address}#${id}`),
      });
      expect(rest.results.every((r) => r.outcome === 'killed' || r.outcome === 'not_found')).toBe(true);
    }
    closeCrowd(crowd);
  });

  it('frozen before any KILL: TENANT_TIMEOUT (or UNREACHABLE) naming host:port, the refused call recorded, nothing closed', async () => {
    const crowd = await openCrowd(db.url, 5);
    const ids = crowd.map((c) => String(c.threadId));
    const address = `127.0.0.1:${db.port}`;
    db.freeze();
    const started = Date.now();
    let took = 0;
    const error = await failureOf(
      sidecar.api.sessions.kill
        .mutate({ ...tenant, sessionKeys: ids.map((id) => `${address}#${id}`) })
        .finally(() => {
          took = Date.now() - started;
          db.thaw();
        }),
    );
    // A pooled connection times out its read; a new one cannot even finish its handshake.
    const shown = JSON.stringify({ message: error.message, data: error.data });
    expect([408, 503], shown).toContain(statusOf(error));
    expect(error.data?.httpStatus, shown).toBe(statusOf(error));
    expect(['TENANT_TIMEOUT', 'TENANT_UNREACHABLE']).toContain(error.data?.reason);
    expect(error.message).toContain(address);
    expect(took).toBeLessThan(2 * TIMEOUT_MS + 1000);
    expect((await stillListed(admin, ids)).size).toBe(ids.length);
    const audit = await sidecar.api.audit.list.query({ ...tenant, pageSize: 200 });
    const recorded = audit.rows.filter((r) => ids.includes(r.sessionId));
    expect(recorded).toHaveLength(ids.length);
    for (const r of recorded)
      expect(r).toMatchObject({
        outcome: 'error',
        code: 'error.refused',
        params: { reason: 'TENANT_TIMEOUT' },
      });
    closeCrowd(crowd);
  });
});

describe("a tenant's server killed and started again", () => {
  it('answers TENANT_UNREACHABLE naming host:port meanwhile, the refused close recorded, then serves it again', async () => {
    const server = await startRestartableMariadb();
    const local = await startSidecar([tenantOn(server.url, 'restarted', { statementTimeoutMs: TIMEOUT_MS })]);
    const at = refOf('restarted');
    const address = `127.0.0.1:${server.port}`;
    try {
      await local.api.sessions.list.query(at);
      await server.kill();
      await refused(local.api.sessions.list.query(at), 503, 'TENANT_UNREACHABLE', address);
      await refused(
        local.api.sessions.kill.mutate({ ...at, sessionKeys: [`${address}#12345`] }),
        503,
        'TENANT_UNREACHABLE',
      );
      await server.start();
      // Without restarting the sidecar: its pool's dead connections are dropped, new ones made.
      await local.api.sessions.list.query(at);
      const [victim] = await openCrowd(server.url, 1);
      const closed = await local.api.sessions.kill.mutate({
        ...at,
        sessionKeys: [`${address}#${victim?.threadId}`],
      });
      expect(closed.results[0]?.outcome).toBe('killed');
      const audit = await local.api.audit.list.query({ ...at, pageSize: 200 });
      expect(audit.rows.map((r) => [r.outcome, r.code])).toEqual([
        ['killed', 'killed'],
        ['error', 'error.refused'],
      ]);
      victim?.destroy();
    } finally {
      await local.stop();
      await server.stop();
    }
  });
});
