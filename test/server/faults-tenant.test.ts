import type { KillResult } from '@tenant-sessions/contracts';
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCrowd, openCrowd, stillListed } from '../support/crowd';
import { connect } from '../support/db';
import { startThrowawayMariadb, type ThrowawayServer } from '../support/mariadbd';
import { startRestartableMariadb } from '../support/restartable';
import { startSidecar, type TestSidecar, tenantOn } from '../support/sidecar';

// The tenant's server frozen (SIGSTOP) 25 ms into a close of 100 sessions: the call answers
// within its timeout, a KILL whose answer never came is `unknown` (never `killed`, never an
// error from the server), nothing is sent after the time is up, and once the server is thawed
// the sidecar serves it again without a restart.
const SESSIONS = 100;
const TIMEOUT_MS = 1000;

let db: ThrowawayServer;
let admin: Connection;
let sidecar: TestSidecar;
const tenant = { clusterId: 'test', tenantId: 'frozen' };

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
    expect((await sidecar.query('sessions.list', tenant)).status).toBe(200);
    const started = Date.now();
    const call = sidecar.mutate('sessions.kill', {
      ...tenant,
      sessionKeys: ids.map((id) => `${address}#${id}`),
    });
    // Frozen once the KILLs have begun (the first sessions are gone).
    while ((await stillListed(admin, ids)).size === SESSIONS)
      await new Promise((resolve) => setTimeout(resolve, 1));
    db.freeze();
    const answer = await call;
    const took = Date.now() - started;
    db.thaw();
    // The fresh read, then KILLs each bounded by the client's wait (timeout + up to 1 s).
    expect(took).toBeLessThan(3 * TIMEOUT_MS + 1500);
    const results: KillResult[] = answer.body.result?.data.results ?? [];
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
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
    const audit = await sidecar.query('audit.list', { ...tenant, pageSize: 200 });
    expect(audit.status).toBe(200);
    const byKey = new Map(audit.body.result.data.rows.map((r: KillResult) => [r.sessionKey, r.outcome]));
    for (const r of results) expect(byKey.get(r.sessionKey)).toBe(r.outcome);
    // Thawed: served again, and what is left can be closed.
    const again = await sidecar.query('sessions.list', tenant);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    const left = ids.filter((id) => listed.has(id));
    if (left.length > 0) {
      const rest = await sidecar.mutate('sessions.kill', {
        ...tenant,
        sessionKeys: left.map((id) => `${address}#${id}`),
      });
      expect(rest.status, JSON.stringify(rest.body)).toBe(200);
      expect(
        rest.body.result.data.results.every(
          (r: KillResult) => r.outcome === 'killed' || r.outcome === 'not_found',
        ),
      ).toBe(true);
    }
    closeCrowd(crowd);
  });

  it('frozen before any KILL: TENANT_TIMEOUT (or UNREACHABLE) naming host:port, the refused call recorded, nothing closed', async () => {
    const crowd = await openCrowd(db.url, 5);
    const ids = crowd.map((c) => String(c.threadId));
    const address = `127.0.0.1:${db.port}`;
    db.freeze();
    const started = Date.now();
    const answer = await sidecar.mutate('sessions.kill', {
      ...tenant,
      sessionKeys: ids.map((id) => `${address}#${id}`),
    });
    const took = Date.now() - started;
    db.thaw();
    // A pooled connection times out its read; a new one cannot even finish its handshake.
    expect([408, 503], JSON.stringify(answer.body)).toContain(answer.status);
    const reason = answer.body.error.data.reason;
    expect(['TENANT_TIMEOUT', 'TENANT_UNREACHABLE']).toContain(reason);
    expect(answer.body.error.message).toContain(address);
    expect(took).toBeLessThan(2 * TIMEOUT_MS + 1000);
    expect((await stillListed(admin, ids)).size).toBe(ids.length);
    const audit = await sidecar.query('audit.list', { ...tenant, pageSize: 200 });
    const refused = audit.body.result.data.rows.filter((r: { sessionId: string }) =>
      ids.includes(r.sessionId),
    );
    expect(refused).toHaveLength(ids.length);
    for (const r of refused)
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
    const at = { clusterId: 'test', tenantId: 'restarted' };
    const address = `127.0.0.1:${server.port}`;
    try {
      expect((await local.query('sessions.list', at)).status).toBe(200);
      await server.kill();
      const list = await local.query('sessions.list', at);
      expect(list.status).toBe(503);
      expect(list.body.error.data.reason).toBe('TENANT_UNREACHABLE');
      expect(list.body.error.message).toContain(address);
      const close = await local.mutate('sessions.kill', { ...at, sessionKeys: [`${address}#12345`] });
      expect(close.status).toBe(503);
      expect(close.body.error.data.reason).toBe('TENANT_UNREACHABLE');
      await server.start();
      // Without restarting the sidecar: its pool's dead connections are dropped, new ones made.
      const again = await local.query('sessions.list', at);
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      const [victim] = await openCrowd(server.url, 1);
      const closed = await local.mutate('sessions.kill', {
        ...at,
        sessionKeys: [`${address}#${victim?.threadId}`],
      });
      expect(closed.status, JSON.stringify(closed.body)).toBe(200);
      expect(closed.body.result.data.results[0].outcome).toBe('killed');
      const audit = await local.query('audit.list', { ...at, pageSize: 200 });
      expect(
        audit.body.result.data.rows.map((r: { outcome: string; code?: string }) => [r.outcome, r.code]),
      ).toEqual([
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
