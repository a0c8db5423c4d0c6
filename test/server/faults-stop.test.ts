import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCrowd, openCrowd, stillListed } from '../support/crowd';
import { connect } from '../support/db';
import { freePort, startThrowawayMariadb, type ThrowawayServer } from '../support/mariadbd';
import { startSidecarProcess } from '../support/process';
import { failureOf, refused, statusOf } from '../support/refusal';
import { tenantOn } from '../support/sidecar';
import { main, refOf } from '../support/testServer';

// SIGTERM: the close in flight finishes and is answered before the process exits, new calls are
// refused with 503 meanwhile, and the process always exits (the whole stop is bounded).
const SESSIONS = 100;

let db: ThrowawayServer;
let admin: Connection;
let dir: string;

beforeAll(async () => {
  db = await startThrowawayMariadb();
  admin = await connect(db.url);
  dir = await mkdtemp(path.join(tmpdir(), 'ts-stop-'));
});
afterAll(async () => {
  db?.thaw();
  await admin?.end();
  await db?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('SIGTERM', () => {
  it('answers the close in flight, refuses new calls with 503, then exits 0', async () => {
    const sidecar = await startSidecarProcess([tenantOn(db.url, 'main')], {
      audit: path.join(dir, 'a.jsonl'),
    });
    try {
      const crowd = await openCrowd(db.url, SESSIONS);
      const ids = crowd.map((c) => String(c.threadId));
      await sidecar.api.sessions.list.query(main);
      const call = sidecar.api.sessions.kill.mutate({
        ...main,
        sessionKeys: ids.map((id) => `127.0.0.1:${db.port}#${id}`),
      });
      // Once the KILLs have begun, the tenant's server is frozen a moment: the call is surely still
      // in flight when the stop begins.
      while ((await stillListed(admin, ids)).size === SESSIONS) await new Promise((r) => setTimeout(r, 1));
      db.freeze();
      sidecar.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      // Settled while the tenant is frozen, checked once it is thawed.
      const meanwhile = failureOf(sidecar.api.sessions.list.query(main));
      await meanwhile.catch(() => undefined);
      db.thaw();
      const { results } = await call;
      expect(results).toHaveLength(SESSIONS);
      expect(results.every((r) => r.outcome === 'killed')).toBe(true);
      // A new call while the close finishes: 503 at once, saying why.
      const stopping = await meanwhile;
      expect(statusOf(stopping)).toBe(503);
      expect(stopping.message).toMatch(/stopping/);
      const { code } = await sidecar.exited;
      expect(code).toBe(0);
      expect(sidecar.logs.some((l) => l.msg === 'stopped')).toBe(true);
      closeCrowd(crowd);
    } finally {
      await sidecar.kill();
    }
  });

  it('exits after every kind of call, stopped as a service manager does (SIGTERM to the tsx CLI process group)', async () => {
    const closed = await freePort();
    const sidecar = await startSidecarProcess(
      [tenantOn(db.url, 'main'), tenantOn('mysql://root@127.0.0.1', 'closed', { port: closed })],
      { audit: path.join(dir, 'b.jsonl'), viaTsxCli: true },
    );
    try {
      const [victim] = await openCrowd(db.url, 1);
      const key = `127.0.0.1:${db.port}#${victim?.threadId}`;
      // Each kind answers (a resolved typed call is a 200) or is refused as the tenant is down.
      await sidecar.api.tenants.list.query({});
      await sidecar.api.sessions.list.query(main);
      await refused(sidecar.api.sessions.list.query(refOf('closed')), 503, 'TENANT_UNREACHABLE');
      await sidecar.api.sessions.sql.query({ ...main, sessionKey: key });
      await sidecar.api.sessions.kill.mutate({ ...main, sessionKeys: [key] });
      await refused(
        sidecar.api.sessions.kill.mutate({ ...refOf('closed'), sessionKeys: [key] }),
        503,
        'TENANT_UNREACHABLE',
      );
      await sidecar.api.audit.list.query(main);
      const started = Date.now();
      process.kill(-sidecar.pid, 'SIGTERM');
      const { code, signal } = await sidecar.exited;
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(Date.now() - started).toBeLessThan(10_000);
      victim?.destroy();
    } finally {
      await sidecar.kill();
    }
  });
});
