import { randomBytes } from 'node:crypto';
import type { ListInput, StatsExportInput } from '@tenant-sessions/contracts';
import { parse } from 'csv-parse/sync';
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  connect,
  createAccount,
  openVictim,
  type Victim,
  waitUntilRunning,
} from '../support/db';
import { startSidecar, type TestSidecar, tenantOn, tokenFor } from '../support/sidecar';
import { main, refOf, url } from '../support/testServer';

// Real sessions of an account of this file's own, running statements with commas, quotes and
// line breaks, exported by the real sidecar and read back by a CSV parser.
let admin: Connection;
let sidecar: TestSidecar;
let account: Account;
const victims: Victim[] = [];
const TAG = randomBytes(3).toString('hex');

/** A statement whose text holds a comma, both quotes, a doubled quote and a line break. */
const tricky = (n: number) => `SELECT 'a,b' AS "x""y", "it's" AS q,\n  '${n}' FROM DUAL WHERE SLEEP(30)`;

type Raw = { status: number; headers: Headers; bytes: Buffer };

const get = async (path: string, query: Record<string, string>, token: string | null = sidecar.admin) => {
  const response = await fetch(`${sidecar.url}${path}?${new URLSearchParams(query)}`, {
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
};
const exportSessions = (input: Partial<ListInput>, lang?: string, token?: string | null): Promise<Raw> =>
  get(
    '/export/sessions.csv',
    { input: JSON.stringify({ ...main, ...input }), ...(lang ? { lang } : {}) },
    token,
  );
const exportStats = (input: Partial<StatsExportInput>, lang?: string): Promise<Raw> =>
  get('/export/stats.csv', { input: JSON.stringify({ ...main, ...input }), ...(lang ? { lang } : {}) });

/** The records of a CSV answer, the byte-order mark dropped by the parser. */
const recordsOf = (raw: Raw): string[][] => parse(raw.bytes, { bom: true, relax_column_count: false });
/** A cell marked as text (a leading tab) read back as its value. */
const value = (cell: string | undefined): string | undefined => cell?.replace(/^\t/, '');

beforeAll(async () => {
  admin = await connect(url);
  account = await createAccount(admin, `x${TAG}`);
  const running: Promise<unknown>[] = [];
  for (let n = 0; n < 3; n++) {
    const victim = await openVictim(url, account);
    victims.push(victim);
    running.push(victim.busy(tricky(n)));
  }
  victims.push(await openVictim(url, account));
  for (const v of victims.slice(0, 3)) await waitUntilRunning(admin, v.id);
  sidecar = await startSidecar([tenantOn(url, 'main'), tenantOn(url, 'other')]);
});

afterAll(async () => {
  await sidecar?.stop();
  for (const victim of victims) await victim.close();
  await account?.drop();
  await admin?.end();
});

describe('GET /export/sessions.csv against a real MariaDB', () => {
  it('writes every matching session (not one page) as UTF-8 CSV with a BOM, read back intact', async () => {
    const raw = await exportSessions({
      user: account.user,
      pageSize: 1,
      sort: { column: 'id', direction: 'asc' },
    });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...raw.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(raw.headers.get('cache-control')).toBe('no-store');
    const [header, ...rows] = recordsOf(raw);
    expect(header?.slice(0, 8)).toEqual([
      'Session ID',
      'SQL',
      'SQL Truncated',
      'User',
      'Source',
      'Database Name',
      'Command',
      'Execution Time (s)',
    ]);
    // pageSize 1 is ignored: all four sessions, in the sort asked for (ids ascending, as integers).
    const ids = victims.map((v) => v.id).sort((a, b) => Number(a) - Number(b));
    expect(rows.map((r) => value(r[0]))).toEqual(ids);
    expect(raw.headers.get('x-sessions-rows')).toBe('4');
    for (const [n, victim] of victims.slice(0, 3).entries()) {
      const row = rows.find((r) => value(r[0]) === victim.id);
      expect(row?.[1], 'the SQL with its comma, quotes and line break').toBe(tricky(n));
      expect(row?.[3]).toBe(account.user);
      expect(row?.[8]).toBe('ACTIVE');
      expect(Number(row?.[7])).toBeGreaterThanOrEqual(0);
    }
    const idle = rows.find((r) => value(r[0]) === victims[3]?.id);
    expect(idle?.[1]).toBe('');
    expect(idle?.[8]).toBe('SLEEP');
  });

  it('marks ids as text with a leading tab, so a spreadsheet keeps every digit', async () => {
    const raw = await exportSessions({ user: account.user });
    const text = raw.bytes.toString('utf8');
    for (const v of victims) expect(text).toContain(`\r\n\t${v.id},`);
  });

  it('filters as the list does: active only, and a SQL search', async () => {
    const active = recordsOf(await exportSessions({ user: account.user, activeOnly: true })).slice(1);
    expect(active.map((r) => value(r[0])).sort()).toEqual(
      victims
        .slice(0, 3)
        .map((v) => v.id)
        .sort(),
    );
    const one = recordsOf(await exportSessions({ user: account.user, sql: `'1' FROM DUAL` })).slice(1);
    expect(one.map((r) => value(r[0]))).toEqual([victims[1]?.id]);
  });

  it("writes the header row in the operator's language and names cluster, tenant and time", async () => {
    const raw = await exportSessions({ user: account.user }, 'zh-CN');
    const [header] = recordsOf(raw);
    expect(header?.slice(0, 9)).toEqual([
      '会话 ID',
      'SQL',
      'SQL 已截断',
      '用户',
      '来源',
      '数据库名',
      '命令',
      '执行时间（s）',
      '状态',
    ]);
    expect(raw.headers.get('content-disposition')).toMatch(
      /^attachment; filename="?sessions-test-main-\d{8}T\d{6}Z\.csv"?$/,
    );
    const captured = raw.headers.get('x-sessions-captured-at') ?? '';
    expect(raw.headers.get('content-disposition')).toContain(captured.slice(0, 10).replaceAll('-', ''));
  });

  it('refuses a token without the read right on the tenant: 403 in the JSON error shape', async () => {
    const token = await tokenFor({ 'test/other': ['read'] });
    const raw = await exportSessions({}, undefined, token);
    expect(raw.status).toBe(403);
    expect(raw.headers.get('content-type')).toMatch(/^application\/json/);
    const body = JSON.parse(raw.bytes.toString('utf8'));
    expect(body).toEqual({
      error: {
        message: 'Your token does not grant read on tenant test/main',
        code: -32600,
        data: { code: 'FORBIDDEN', httpStatus: 403, reason: 'NO_READ', params: { tenant: 'test/main' } },
      },
    });
    // The same token reads the tenant it names.
    expect((await exportSessions({ ...refOf('other') }, undefined, token)).status).toBe(200);
  });

  it('refuses a call without a token: 401, before the input is read', async () => {
    const raw = await get('/export/sessions.csv', { input: 'not json' }, null);
    expect(raw.status).toBe(401);
    expect(JSON.parse(raw.bytes.toString('utf8')).error.data).toMatchObject({
      reason: 'UNAUTHENTICATED',
      httpStatus: 401,
    });
  });

  it('refuses bad input with 400 and the issues, as tRPC does', async () => {
    const bad = await exportSessions({ sort: { column: 'password', direction: 'asc' } as never });
    expect(bad.status).toBe(400);
    const body = JSON.parse(bad.bytes.toString('utf8'));
    expect(body.error.code).toBe(-32600);
    expect(body.error.data).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400, reason: 'INVALID_INPUT' });
    expect(body.error.data.issues[0].path).toEqual(['sort', 'column']);
    expect(body.error.message).toMatch(/^Invalid input: sort\.column: /);
    const notJson = await get('/export/sessions.csv', { input: '{clusterId' });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.bytes.toString('utf8')).error.message).toMatch(/^The input is not valid JSON/);
    const missing = await get('/export/sessions.csv', {});
    expect(JSON.parse(missing.bytes.toString('utf8')).error.message).toMatch(/^Send \?input=/);
    const lang = await exportSessions({}, 'not a tag!');
    expect(lang.status).toBe(400);
    expect(JSON.parse(lang.bytes.toString('utf8')).error.data.issues[0].path).toEqual(['lang']);
  });
});

describe('GET /export/stats.csv against a real MariaDB', () => {
  it('writes the rows of one grouping, as sessions.stats counts them', async () => {
    const raw = await exportStats({ by: 'user' }, 'zh-CN');
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-disposition')).toMatch(
      /filename="?stats-by-user-test-main-\d{8}T\d{6}Z\.csv"?$/,
    );
    const [header, ...rows] = recordsOf(raw);
    expect(header).toEqual(['用户', '活跃数', '总数', '活跃会话最长时间（s）']);
    const mine = rows.find((r) => r[0] === account.user);
    expect(mine?.slice(1, 3)).toEqual(['3', '4']);
    // The same count as sessions.stats (another read: other tests' sessions may come and go, ours stay).
    const stats = await sidecar.api.sessions.stats.query(main);
    const counted = stats.byUser.find((g) => g.value === account.user);
    expect(mine?.slice(1, 3)).toEqual([String(counted?.active), String(counted?.total)]);
  });

  it('writes the statement rows with their sample and the digest as text', async () => {
    const [header, ...rows] = recordsOf(await exportStats({ by: 'sql' }));
    expect(header).toEqual(['SQL ID', 'Active', 'Total', 'Longest Active Session (s)', 'SQL']);
    // The three tricky statements differ only in literals: one digest, one row.
    const listed = await sidecar.api.sessions.list.query({ ...main, user: account.user, activeOnly: true });
    const digest = listed.rows[0]?.sqlDigest;
    expect(digest).toMatch(/^[0-9a-f]+$/);
    const stats = await sidecar.api.sessions.stats.query(main);
    const ours = stats.bySql.find((g) => g.value === digest);
    expect(ours?.total).toBe(3);
    const row = rows.find((r) => value(r[0]) === ours?.value);
    expect(row?.[0]?.startsWith('\t')).toBe(true);
    expect(row?.[4]).toBe(ours?.sample);
  });

  it('refuses an unknown grouping with 400', async () => {
    const raw = await exportStats({ by: 'host' as never });
    expect(raw.status).toBe(400);
    expect(JSON.parse(raw.bytes.toString('utf8')).error.data.issues[0].path).toEqual(['by']);
  });
});
