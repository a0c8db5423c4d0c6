import { mysqlSink, parseMysqlAuditUrl } from '@tenant-sessions/plugin-server';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCrowd, goneOf, openCrowd, stillListed } from '../support/crowd';
import { connect } from '../support/db';
import { startThrowawayMariadb, type ThrowawayServer } from '../support/mariadbd';
import { refused } from '../support/refusal';
import { startSidecar, tenantOn } from '../support/sidecar';
import { keyOf, main, url } from '../support/testServer';

// The audit in a table on its own throwaway mariadbd: that server stopped (SIGSTOP) mid-call,
// and two sidecars sharing the table closing the same session at the same moment.
let auditDb: ThrowawayServer;
let auditAdmin: Connection;
let admin: Connection;

beforeAll(async () => {
  auditDb = await startThrowawayMariadb();
  auditAdmin = await connect(auditDb.url);
  await auditAdmin.query('CREATE DATABASE meta');
  admin = await connect(url);
});
afterAll(async () => {
  auditDb?.thaw();
  await auditAdmin?.end();
  await admin?.end();
  await auditDb?.stop();
});

const sinkOn = (table: string) => mysqlSink(parseMysqlAuditUrl(`${auditDb.url}/meta?table=${table}`));
const rowsOf = async (table: string) => {
  const [rows] = await auditAdmin.query<RowDataPacket[]>(
    `SELECT session_id, operator, outcome, call_id FROM meta.\`${table}\` ORDER BY id`,
  );
  return rows;
};

describe('the audit table', () => {
  it('its server stopped mid-call: no KILL without its row, AUDIT_UNAVAILABLE, then the next close works', async () => {
    const sidecar = await startSidecar([tenantOn(url, 'main')], { audit: sinkOn('stopped') });
    try {
      const crowd = await openCrowd(url, 60);
      const ids = crowd.map((c) => String(c.threadId));
      const call = sidecar.api.sessions.kill.mutate({ ...main, sessionKeys: ids.map(keyOf) });
      call.catch(() => undefined); // checked below, once the audit's server is thawed
      while ((await stillListed(admin, ids)).size === ids.length) await new Promise((r) => setTimeout(r, 1));
      auditDb.freeze();
      const answered = await call.then(
        () => true,
        () => false,
      );
      auditDb.thaw();
      const gone = await goneOf(admin, ids, 100);
      const named = new Set((await rowsOf('stopped')).map((r) => String(r.session_id)));
      expect(gone.filter((id) => !named.has(id))).toEqual([]);
      // Answered, or refused while the audit's server is stopped: either way, no KILL without its row.
      if (!answered) await refused(call, 503, 'AUDIT_UNAVAILABLE', '/meta table stopped');
      closeCrowd(crowd);
      // No restart: the pool's dead connections are replaced.
      const next = await openCrowd(url, 3);
      const again = await sidecar.api.sessions.kill.mutate({
        ...main,
        sessionKeys: next.map((c) => keyOf(String(c.threadId))),
      });
      expect(again.results.map((r) => r.outcome)).toEqual(['killed', 'killed', 'killed']);
      await sidecar.api.audit.list.query({ ...main, pageSize: 200 });
      closeCrowd(next);
    } finally {
      await sidecar.stop();
    }
  });

  it('two sidecars, two operators closing the same session at once: one killed, one not_found, both recorded', async () => {
    const one = await startSidecar([tenantOn(url, 'main')], { audit: sinkOn('shared') });
    const two = await startSidecar([tenantOn(url, 'main')], { audit: sinkOn('shared') });
    try {
      for (let round = 0; round < 3; round += 1) {
        const [victim] = await openCrowd(url, 1);
        const id = String(victim?.threadId);
        // Both warm (pools, probes), so that the two calls do start together.
        await Promise.all([one.api.sessions.list.query(main), two.api.sessions.list.query(main)]);
        const alice = await one.as({ 'test/*': ['read', 'kill'] }, { sub: 'alice' });
        const bob = await two.as({ 'test/*': ['read', 'kill'] }, { sub: 'bob' });
        const answers = await Promise.all([
          alice.sessions.kill.mutate({ ...main, sessionKeys: [keyOf(id)] }),
          bob.sessions.kill.mutate({ ...main, sessionKeys: [keyOf(id)] }),
        ]);
        const outcomes = answers.map((a) => a.results[0]?.outcome).sort();
        expect(outcomes).toEqual(['killed', 'not_found']);
        const rows = (await rowsOf('shared')).filter((r) => String(r.session_id) === id);
        expect(rows.map((r) => r.outcome).sort()).toEqual(['killed', 'not_found']);
        expect(rows.map((r) => r.operator).sort()).toEqual(['alice', 'bob']);
        expect(new Set(rows.map((r) => r.call_id)).size).toBe(2);
        victim?.destroy();
      }
    } finally {
      await one.stop();
      await two.stop();
    }
  });
});
