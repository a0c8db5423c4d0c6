import { randomBytes } from 'node:crypto';
import { mysqlSink, parseMysqlAuditUrl } from '@tenant-sessions/plugin-server';
import mysql, { type Connection, type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSinkContract, sampleRecord } from '../support/auditSinks';
import { url } from '../support/testServer';

const database = `ts_audit_${randomBytes(4).toString('hex')}`;
let admin: Connection;

const auditUrl = (table?: string) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  if (table) u.searchParams.set('table', table);
  return u.href;
};

beforeAll(async () => {
  admin = await mysql.createConnection({ uri: url });
  await admin.query(`CREATE DATABASE \`${database}\``);
});
afterAll(async () => {
  await admin?.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await admin?.end();
});

describe('the MySQL audit table', () => {
  it('creates its table and keeps the sink contract', async () => {
    const sink = mysqlSink(parseMysqlAuditUrl(auditUrl('contract_audit')));
    await checkSinkContract(sink, 'trade');
    const [rows] = await admin.query<RowDataPacket[]>(
      `SELECT operator, outcome, sql_text FROM \`${database}\`.contract_audit ORDER BY id`,
    );
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({ operator: 'alice', outcome: 'killed' });
    await sink.close();
  });

  it('keeps the filter of a close by filter, as written, and none for other closes', async () => {
    const sink = mysqlSink(parseMysqlAuditUrl(auditUrl('filter_audit')));
    await sink.ready();
    const filter = { activeOnly: true, user: 'app_rw', group: { by: 'sql' as const, value: 'abc' } };
    await sink.write(sampleRecord({ operator: 'by-filter', callId: 'call-f', filter }));
    await sink.write(sampleRecord({ operator: 'by-hand', callId: 'call-h' }));
    const page = await sink.list({ clusterId: 'prod-1', tenantId: 'trade', pageIndex: 0, pageSize: 5 });
    expect(page.rows.map((r) => [r.operator, r.filter])).toEqual([
      ['by-hand', undefined],
      ['by-filter', filter],
    ]);
    await sink.close();
  });

  it("is shared: two sinks (two replicas) on the same table see each other's records", async () => {
    const one = mysqlSink(parseMysqlAuditUrl(auditUrl()));
    const two = mysqlSink(parseMysqlAuditUrl(auditUrl()));
    await Promise.all([one.ready(), two.ready()]);
    await one.write(sampleRecord({ operator: 'replica-1' }));
    await two.write(sampleRecord({ operator: 'replica-2' }));
    const page = await one.list({ clusterId: 'prod-1', tenantId: 'trade', pageIndex: 0, pageSize: 20 });
    expect(page.rows.map((r) => r.operator)).toEqual(['replica-2', 'replica-1']);
    await Promise.all([one.close(), two.close()]);
  });

  it('works with an account allowed only INSERT and SELECT on a table created beforehand', async () => {
    const owner = mysqlSink(parseMysqlAuditUrl(auditUrl('precreated')));
    await owner.ready();
    await owner.close();
    const user = `ts_auditw_${randomBytes(3).toString('hex')}`;
    await admin.query("CREATE USER ?@'%' IDENTIFIED BY 'pw-audit'", [user]);
    try {
      await admin.query(`GRANT INSERT, SELECT ON \`${database}\`.precreated TO ?@'%'`, [user]);
      const limited = new URL(auditUrl('precreated'));
      limited.username = user;
      limited.password = 'pw-audit';
      const writer = mysqlSink(parseMysqlAuditUrl(limited.href));
      await writer.ready();
      await writer.write(sampleRecord({ operator: 'least-privilege' }));
      const page = await writer.list({ clusterId: 'prod-1', tenantId: 'trade', pageIndex: 0, pageSize: 5 });
      expect(page.rows.map((r) => r.operator)).toEqual(['least-privilege']);
      // Without the table, the same account cannot create one: ready() fails, closing is refused.
      const missing = new URL(limited.href);
      missing.searchParams.set('table', 'absent');
      const refused = mysqlSink(parseMysqlAuditUrl(missing.href));
      await expect(refused.ready()).rejects.toMatchObject({ errno: 1142 });
      await Promise.all([writer.close(), refused.close()]);
    } finally {
      await admin.query("DROP USER IF EXISTS ?@'%'", [user]);
    }
  });

  it('rejects ready() when the database cannot be reached or the login is refused', async () => {
    const refused = new URL(auditUrl());
    refused.username = 'nobody_here';
    refused.password = 'wrong';
    const sink = mysqlSink(parseMysqlAuditUrl(refused.href));
    await expect(sink.ready()).rejects.toMatchObject({ code: 'ER_ACCESS_DENIED_ERROR' });
    await sink.close();
  });

  it.each([
    ['mysql://h:1', /must name a database/],
    ['mysql://h:1/db?table=a;drop', /table must be/],
    ['mysql://h:1/db?ssl=1', /unknown parameter ssl/],
  ])('refuses the URL %s', (raw, message) => {
    expect(() => parseMysqlAuditUrl(raw)).toThrow(message);
  });

  it('never shows the password where it says where it writes', () => {
    const { where, table } = parseMysqlAuditUrl('mysql://audit:s3cret@db.example:3307/meta?table=closes');
    expect(where).toBe('mysql://audit@db.example:3307/meta table closes');
    expect(table).toBe('closes');
  });
});
