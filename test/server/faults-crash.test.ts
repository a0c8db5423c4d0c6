import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCrowd, goneOf, openCrowd } from '../support/crowd';
import { connect } from '../support/db';
import { startThrowawayMariadb, type ThrowawayServer } from '../support/mariadbd';
import { jsonLines, startSidecarProcess } from '../support/process';
import { tenantOn } from '../support/sidecar';
import { main } from '../support/testServer';

// The sidecar killed with SIGKILL while one close call of 100 real sessions is in flight, at
// several points of the call: every session the server shows as gone has a record naming it
// (write ahead), the file stays one JSON object a line, and the next start reads it.
const SESSIONS = 100;
/**
 * When the process dies: so many ms into the call, or once so many of its sessions are gone (a
 * point certain to fall among KILLs in flight, however loaded the machine is).
 */
const POINTS: Array<{ ms: number } | { gone: number }> = [{ ms: 15 }, { ms: 60 }, { gone: 1 }, { gone: 30 }];
const pointName = (point: (typeof POINTS)[number]) =>
  'ms' in point ? `${point.ms} ms into the call` : `once ${point.gone} sessions were gone`;

let db: ThrowawayServer;
let admin: Connection;
let dir: string;

beforeAll(async () => {
  db = await startThrowawayMariadb();
  admin = await connect(db.url);
  dir = await mkdtemp(path.join(tmpdir(), 'ts-crash-'));
});
afterAll(async () => {
  await admin?.end();
  await db?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('SIGKILL of the sidecar during a close of 100 sessions', () => {
  it('leaves a record naming every session it closed, whole lines, read back by the next start', async () => {
    const file = path.join(dir, 'audit.jsonl');
    const tenants = [tenantOn(db.url, 'main', { statementTimeoutMs: 5000 })];
    const address = `127.0.0.1:${db.port}`;
    let goneInAll = 0;
    for (const point of POINTS) {
      const sidecar = await startSidecarProcess(tenants, { audit: file });
      const crowd = await openCrowd(db.url, SESSIONS);
      const ids = crowd.map((c) => String(c.threadId));
      // Warm: the pool and the probe exist, as on a sidecar that has served a while.
      await sidecar.api.sessions.list.query(main);
      const call = sidecar.api.sessions.kill
        .mutate({ ...main, sessionKeys: ids.map((id) => `${address}#${id}`) })
        .catch(() => undefined);
      if ('ms' in point) await new Promise((resolve) => setTimeout(resolve, point.ms));
      else {
        const deadline = Date.now() + 10_000;
        while ((await goneOf(admin, ids, 0)).length < point.gone && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 1));
      }
      sidecar.child.kill('SIGKILL');
      await sidecar.exited;
      await call;
      const gone = await goneOf(admin, ids);
      goneInAll += gone.length;
      const lines = jsonLines(readFileSync(file, 'utf8'));
      const named = new Set(lines.map((l) => String(l.sessionId)));
      const unrecorded = gone.filter((id) => !named.has(id));
      expect(unrecorded, `killed ${pointName(point)}: sessions closed without a record`).toEqual([]);
      closeCrowd(crowd);
    }
    // The points do land inside the call: some sessions were closed before the process died.
    expect(goneInAll).toBeGreaterThan(0);

    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = jsonLines(text);
    const settled = new Set(lines.filter((l) => typeof l.settles === 'string').map((l) => l.settles));
    const unfinished = lines.filter((l) => l.phase === 'attempt' && !settled.has(l.id)).length;
    const next = await startSidecarProcess(tenants, { audit: file });
    try {
      const page = await next.api.audit.list.query({ ...main, outcome: 'unknown', pageSize: 200 });
      expect(page.total).toBe(unfinished);
      for (const row of page.rows)
        expect(row).toMatchObject({
          outcome: 'unknown',
          message: 'the sidecar stopped before the answer: check whether the session is still there',
          code: 'unknown.stopped',
        });
      const started = Date.now();
      while (!next.logs.some((l) => l.unfinished !== undefined) && Date.now() - started < 10_000)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(next.logs.find((l) => l.unfinished !== undefined)?.unfinished).toBe(unfinished);
    } finally {
      await next.kill();
    }
  });
});
