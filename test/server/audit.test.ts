import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AuditListInput, AuditPage } from '@tenant-sessions/contracts';
import { fileSink, mysqlSink, parseMysqlAuditUrl } from '@tenant-sessions/plugin-server';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  connect,
  createAccount,
  createDatabase,
  type Database,
  openVictim,
  waitUntilRunning,
} from '../support/db';
import { refused, unchecked } from '../support/refusal';
import {
  type SidecarClient,
  startSidecar,
  type TestSidecar,
  tempAuditFile,
  tenantOn,
} from '../support/sidecar';
import { keyOf, main, refOf, url } from '../support/testServer';

// Every close attempt lands in the audit once, with what the session was, before the answer; and
// when the audit cannot be written, nothing is closed.
const limited = refOf('limited');

let admin: Connection;
let frank: Account;
let watcher: Account;
let db: Database;

beforeAll(async () => {
  admin = await connect(url);
  frank = await createAccount(admin, 'frank');
  watcher = await createAccount(admin, 'auditw', ['PROCESS ON *.*']);
  db = await createDatabase(admin, 'audited');
  await admin.query(`GRANT SELECT ON \`${db.name}\`.* TO ?@'%'`, [frank.user]);
});

afterAll(async () => {
  await frank?.drop();
  await watcher?.drop();
  await db?.drop();
  await admin?.end();
});

const tenants = () => [tenantOn(url, 'main'), tenantOn(url, 'limited', { account: watcher })];

/** The audit of `main` (or of the tenant `input` names) as `client` reads it, 200 a page. */
const auditOf = (client: SidecarClient, input: Partial<AuditListInput> = {}): Promise<AuditPage> =>
  client.audit.list.query({ ...main, pageSize: 200, ...input });

describe('the file audit through a real sidecar', () => {
  let sidecar: TestSidecar;
  const file = tempAuditFile();
  let operator: string;
  /** The sidecar's client with read+kill everywhere, signed as `operator`. */
  let closer: SidecarClient;

  beforeAll(async () => {
    sidecar = await startSidecar(tenants(), { audit: fileSink(file) });
    operator = `auditor-${randomBytes(3).toString('hex')}`;
    closer = await sidecar.as({ 'test/*': ['read', 'kill'] }, { sub: operator });
  });
  afterAll(async () => {
    await sidecar?.stop();
  });

  it('writes each outcome once, with the session as it was, before answering', async () => {
    const busy = await openVictim(url, frank, db.name);
    const ended = busy.busy();
    await waitUntilRunning(admin, busy.id);
    const idle = await openVictim(url, frank);
    const changed = await openVictim(url, frank);
    const own = (await sidecar.api.sessions.list.query({ ...main, pageSize: 1000 })).rows.find(
      (r) => r.protected,
    );
    if (!own) return expect.fail("the list shows none of the sidecar's own connections");
    const gone = keyOf('999999999999');

    const query = await closer.sessions.killQuery.mutate({ ...main, sessionKeys: [keyOf(busy.id)] });
    expect(query.results[0]?.outcome).toBe('killed');
    expect((await ended)?.errno).toBe(1317);
    const mixed = await closer.sessions.kill.mutate({
      ...main,
      sessionKeys: [keyOf(idle.id), own.key, gone, keyOf(changed.id)],
      expected: { [keyOf(changed.id)]: { user: 'someone-else', source: '10.0.0.1:1' } },
    });
    expect(mixed.results.map((r) => r.outcome)).toEqual(['killed', 'protected', 'not_found', 'changed']);
    const denied = await openVictim(url, frank);
    const refusedByServer = await closer.sessions.kill.mutate({
      ...limited,
      sessionKeys: [keyOf(denied.id)],
    });
    expect(refusedByServer.results[0]?.outcome).toBe('denied');

    const { rows, total } = await auditOf(sidecar.api, { operator });
    expect(total).toBe(5);
    const byKey = (key: string) => rows.filter((r) => r.sessionKey === key);
    for (const key of [keyOf(busy.id), keyOf(idle.id), own.key, gone, keyOf(changed.id)])
      expect(byKey(key), key).toHaveLength(1);
    expect(byKey(keyOf(busy.id))[0]).toEqual({
      id: expect.any(String),
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      operator,
      ...main,
      sessionKey: keyOf(busy.id),
      sessionId: busy.id,
      user: frank.user,
      source: expect.stringMatching(new RegExp(`:${busy.localPort}$`)),
      database: db.name,
      sql: 'SELECT 1 FROM DUAL WHERE SLEEP(30)',
      sqlTruncated: false,
      kind: 'query',
      outcome: 'killed',
      message: null,
      callId: query.callId,
      code: 'killed',
      params: {},
    });
    expect(query.callId).toMatch(/^[0-9a-f-]{36}$/);
    expect(byKey(keyOf(idle.id))[0]).toMatchObject({
      kind: 'session',
      outcome: 'killed',
      user: frank.user,
      sql: null,
    });
    expect(byKey(own.key)[0]).toMatchObject({
      outcome: 'protected',
      message: expect.stringMatching(/own connections/),
    });
    expect(byKey(gone)[0]).toMatchObject({
      outcome: 'not_found',
      user: null,
      source: null,
      sessionId: '999999999999',
    });
    expect(byKey(keyOf(changed.id))[0]).toMatchObject({ outcome: 'changed', user: frank.user });
    // Newest first.
    expect(rows.map((r) => r.time)).toEqual([...rows.map((r) => r.time)].sort().reverse());

    const deniedRows = await auditOf(sidecar.api, { ...limited, operator });
    expect(deniedRows.rows).toEqual([
      expect.objectContaining({
        sessionKey: keyOf(denied.id),
        outcome: 'denied',
        message: expect.stringMatching(watcher.user),
      }),
    ]);
    for (const v of [busy, idle, changed, denied]) await v.close();
  });

  it("keeps the closed session's whole statement, not only the list's 256-character preview", async () => {
    const longSql = await sidecar.as({ 'test/*': ['read', 'kill'] }, { sub: 'long-sql-operator' });
    const busy = await openVictim(url, frank);
    const statement = `SELECT 1 FROM DUAL WHERE SLEEP(30) AND '${'long-'.repeat(150)}' <> ''`;
    const ended = busy.busy(statement);
    await waitUntilRunning(admin, busy.id);
    const report = await longSql.sessions.killQuery.mutate({ ...main, sessionKeys: [keyOf(busy.id)] });
    expect(report.results[0]?.outcome).toBe('killed');
    expect((await ended)?.errno).toBe(1317);
    const { rows } = await auditOf(sidecar.api, { operator: 'long-sql-operator' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ sql: statement, sqlTruncated: false });
    expect(statement.length).toBeGreaterThan(700);
    await busy.close();
  });

  it('cuts a statement longer than 16,000 characters there, and says so', async () => {
    const hugeSql = await sidecar.as({ 'test/*': ['read', 'kill'] }, { sub: 'huge-sql-operator' });
    const busy = await openVictim(url, frank);
    const statement = `SELECT 1 FROM DUAL WHERE SLEEP(30) AND '${'x'.repeat(17_000)}' <> ''`;
    const ended = busy.busy(statement);
    await waitUntilRunning(admin, busy.id);
    await hugeSql.sessions.killQuery.mutate({ ...main, sessionKeys: [keyOf(busy.id)] });
    expect((await ended)?.errno).toBe(1317);
    const { rows } = await auditOf(sidecar.api, { operator: 'huge-sql-operator' });
    expect(rows[0]).toMatchObject({ sql: statement.slice(0, 16_000), sqlTruncated: true });
    await busy.close();
  });

  it('filters by outcome and pages', async () => {
    const protectedOnly = await auditOf(sidecar.api, { operator, outcome: 'protected' });
    expect(protectedOnly.rows.map((r) => r.outcome)).toEqual(['protected']);
    const first = await auditOf(sidecar.api, { operator, pageSize: 2 });
    const second = await auditOf(sidecar.api, { operator, pageSize: 2, pageIndex: 1 });
    expect(first.total).toBe(5);
    expect(first.rows).toHaveLength(2);
    expect(second.rows).toHaveLength(2);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(4);
  });

  it('answers audit.list only to readers of the tenant', async () => {
    const reader = await sidecar.as({ 'test/main': ['read'] });
    expect((await auditOf(reader, { operator })).total).toBe(5);
    const stranger = await sidecar.as({ 'test/other': ['read', 'kill'] });
    await refused(stranger.audit.list.query(main), 403, 'NO_READ');
    const bad = await refused(
      sidecar.api.audit.list.query(unchecked<AuditListInput>({ ...main, outcome: 'exploded', pageSize: 0 })),
      400,
      'INVALID_INPUT',
    );
    expect(bad.message).toMatch(/outcome/);
    expect(bad.message).toMatch(/pageSize/);
  });

  it('keeps the records across a restart of the sidecar', async () => {
    await sidecar.stop();
    sidecar = await startSidecar(tenants(), { audit: fileSink(file) });
    const { total, rows } = await auditOf(sidecar.api, { operator });
    expect(total).toBe(5);
    expect(rows.every((r) => r.operator === operator)).toBe(true);
  });
});

describe('an audit that cannot be written: no KILL, AUDIT_UNAVAILABLE', () => {
  it('refuses to close when the audit path cannot be created, and the victim lives', async () => {
    const blocker = path.join(path.dirname(tempAuditFile()), 'not-a-folder');
    writeFileSync(blocker, 'a file where the audit folder should be');
    const sidecar = await startSidecar(tenants(), { audit: fileSink(path.join(blocker, 'audit.jsonl')) });
    const victim = await openVictim(url, frank);
    const ended = victim.busy();
    await waitUntilRunning(admin, victim.id);
    for (const procedure of ['kill', 'killQuery'] as const) {
      const error = await refused(
        sidecar.api.sessions[procedure].mutate({ ...main, sessionKeys: [keyOf(victim.id)] }),
        503,
        'AUDIT_UNAVAILABLE',
        /nothing was closed/,
      );
      // The answer names the path and the cause, so an administrator knows what to mend.
      expect(error.message).toContain(blocker);
      expect(error.data?.params).toMatchObject({ where: path.join(blocker, 'audit.jsonl') });
    }
    await refused(sidecar.api.audit.list.query(main), 503, 'AUDIT_UNAVAILABLE');
    expect(
      await Promise.race([
        ended.then(() => 'ended'),
        new Promise((r) => setTimeout(() => r('running'), 300)),
      ]),
    ).toBe('running');
    expect(sidecar.logs.some((l) => l.msg === 'audit unavailable: no session closed')).toBe(true);
    await sidecar.stop();
    await admin.query('KILL QUERY ?', [victim.id]);
    await ended;
    expect(await victim.alive()).toBe(true);
    await victim.close();
  });

  it('refuses once the audit folder is gone and a file stands in its place', async () => {
    const file = tempAuditFile();
    const sidecar = await startSidecar(tenants(), { audit: fileSink(file) });
    const first = await openVictim(url, frank);
    await sidecar.api.sessions.kill.mutate({ ...main, sessionKeys: [keyOf(first.id)] });
    rmSync(path.dirname(file), { recursive: true, force: true });
    writeFileSync(path.dirname(file), 'the folder is now a file');
    const victim = await openVictim(url, frank);
    await refused(
      sidecar.api.sessions.kill.mutate({ ...main, sessionKeys: [keyOf(victim.id)] }),
      503,
      'AUDIT_UNAVAILABLE',
    );
    expect(await victim.alive()).toBe(true);
    await sidecar.stop();
    rmSync(path.dirname(file), { force: true });
    for (const v of [first, victim]) await v.close();
  });
});

describe('the MySQL audit through a real sidecar', () => {
  it('writes each attempt to a table of the test database', async () => {
    const target = new URL(url);
    target.pathname = `/${db.name}`;
    target.searchParams.set('table', 'closes');
    const sidecar = await startSidecar(tenants(), { audit: mysqlSink(parseMysqlAuditUrl(target.href)) });
    const victim = await openVictim(url, frank);
    const report = await sidecar.api.sessions.kill.mutate({
      ...main,
      sessionKeys: [keyOf(victim.id), keyOf('999999999998')],
    });
    expect(report.results.map((r) => r.outcome)).toEqual(['killed', 'not_found']);
    const [rows] = await admin.query<RowDataPacket[]>(
      `SELECT operator, cluster_id, tenant_id, session_id, user_name, kind, outcome FROM \`${db.name}\`.closes ORDER BY id`,
    );
    expect(rows).toEqual([
      {
        operator: 'tester',
        cluster_id: 'test',
        tenant_id: 'main',
        session_id: victim.id,
        user_name: frank.user,
        kind: 'session',
        outcome: 'killed',
      },
      {
        operator: 'tester',
        cluster_id: 'test',
        tenant_id: 'main',
        session_id: '999999999998',
        user_name: null,
        kind: 'session',
        outcome: 'not_found',
      },
    ]);
    const listed = await auditOf(sidecar.api);
    expect(listed.rows.map((r) => r.outcome)).toEqual(['not_found', 'killed']);
    // The audit table's own connections (their database is the audit's) are the sidecar's own:
    // listed as protected, so no close can cut the audit off.
    const ownRows = (await sidecar.api.sessions.list.query({ ...main, database: db.name, pageSize: 1000 }))
      .rows;
    expect(ownRows.length).toBeGreaterThan(0);
    expect(ownRows.map((r) => r.protectedReason)).toEqual(
      ownRows.map(() => "one of this sidecar's own connections"),
    );
    await sidecar.stop();
    await victim.close();
  });
});
