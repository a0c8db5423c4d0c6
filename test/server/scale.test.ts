import type { ListInput, Session, SessionPage } from '@tenant-sessions/contracts';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Account, connect, createAccount, openVictim } from '../support/db';
import { refused } from '../support/refusal';
import { startSidecar, type TestSidecar, tenantOn } from '../support/sidecar';
import { keyOf, refOf, url } from '../support/testServer';

// Coalesced snapshots and /metrics through the real sidecar and the real MariaDB. The sidecar's
// account is this file's own, so the server's USER_STATISTICS count its statements (final once
// the sidecar's pools have closed).
const tenant = refOf('scale');
const ref = 'test/scale';

let admin: Connection;
let reader: Account;
let victims: Account;
let userstatWas = 0;

const listOn = (sidecar: TestSidecar, input: Partial<ListInput> = {}): Promise<SessionPage> =>
  sidecar.api.sessions.list.query({ ...tenant, pageSize: 1000, ...input });

/** Raw: /metrics is Prometheus text, not a procedure. */
const metricsOf = async (sidecar: TestSidecar): Promise<string> => {
  // Series labelled with tenants are given to a token that reads them.
  const response = await fetch(`${sidecar.url}/metrics`, {
    headers: { authorization: `Bearer ${sidecar.admin}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
};

/** The value of one series in Prometheus text, 0 when absent. */
const series = (text: string, name: string, labels: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
};

const serverSelects = async (): Promise<number> => {
  const [rows] = await admin.query<RowDataPacket[]>(
    'SELECT SELECT_COMMANDS AS n FROM information_schema.USER_STATISTICS WHERE USER = ?',
    [reader.user],
  );
  return Number(rows[0]?.n ?? 0);
};

const sidecarFor = (options: { snapshotFreshMs?: number; snapshotMax?: number }) =>
  startSidecar([tenantOn(url, 'scale', { account: reader })], options);

beforeAll(async () => {
  admin = await connect(url);
  const [rows] = await admin.query<RowDataPacket[]>('SELECT @@GLOBAL.userstat AS on_');
  userstatWas = Number(rows[0]?.on_ ?? 0);
  await admin.query('SET GLOBAL userstat = 1');
  reader = await createAccount(admin, 'reader', ['PROCESS ON *.*', 'CONNECTION ADMIN ON *.*']);
  victims = await createAccount(admin, 'crowd');
});

afterAll(async () => {
  await reader?.drop();
  await victims?.drop();
  if (!userstatWas) await admin?.query('SET GLOBAL userstat = 0');
  await admin?.end();
});

describe('one processlist read however many operators watch', () => {
  it('answers 30 concurrent lists (different filters and pages) with one read, counted by the server too', async () => {
    const before = await serverSelects();
    const sidecar = await sidecarFor({ snapshotFreshMs: 60_000 });
    let text = '';
    try {
      const pages = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          listOn(sidecar, i % 2 ? { user: reader.user } : { pageSize: 1 + i, activeOnly: i % 3 === 0 }),
        ),
      );
      expect(new Set(pages.map((p) => p.capturedAt)).size).toBe(1);
      expect(pages.every((p) => p.truncated === false)).toBe(true);
      text = await metricsOf(sidecar);
    } finally {
      await sidecar.stop();
    }
    const reads = series(text, 'tenant_sessions_processlist_reads_total', `tenant="${ref}",outcome="ok"`);
    const hits =
      series(text, 'tenant_sessions_snapshot_hits_total', `tenant="${ref}",kind="shared"`) +
      series(text, 'tenant_sessions_snapshot_hits_total', `tenant="${ref}",kind="fresh"`);
    expect(reads).toBe(1);
    expect(hits).toBe(29);
    // The pool's probe (VERSION(), the PROCESS check) and the one snapshot read: the processlist
    // and its lock read (snapshots/read.ts).
    expect((await serverSelects()) - before).toBe(2 + 2 * reads);
  });

  it('reads again after a close, so the closed session is gone from the next list', async () => {
    const sidecar = await sidecarFor({ snapshotFreshMs: 60_000 });
    const victim = await openVictim(url, victims);
    try {
      const seen = (page: SessionPage) => page.rows.some((s: Session) => s.id === victim.id);
      expect(seen(await listOn(sidecar))).toBe(true);
      const report = await sidecar.api.sessions.kill.mutate({ ...tenant, sessionKeys: [keyOf(victim.id)] });
      expect(report.results[0]?.outcome).toBe('killed');
      expect(seen(await listOn(sidecar))).toBe(false);
      const text = await metricsOf(sidecar);
      expect(series(text, 'tenant_sessions_processlist_reads_total', `tenant="${ref}",outcome="ok"`)).toBe(2);
      expect(
        series(text, 'tenant_sessions_closes_total', `tenant="${ref}",kind="session",outcome="killed"`),
      ).toBe(1);
    } finally {
      await victim.close();
      await sidecar.stop();
    }
  });

  it('with freshness 0, reads for every list', async () => {
    const sidecar = await sidecarFor({ snapshotFreshMs: 0 });
    try {
      for (let i = 0; i < 3; i++) await listOn(sidecar);
      const text = await metricsOf(sidecar);
      expect(series(text, 'tenant_sessions_processlist_reads_total', `tenant="${ref}",outcome="ok"`)).toBe(3);
    } finally {
      await sidecar.stop();
    }
  });

  it('cuts a snapshot larger than the bound, and says so', async () => {
    const sidecar = await sidecarFor({ snapshotMax: 2 });
    const crowd = await Promise.all([0, 1, 2].map(() => openVictim(url, victims)));
    try {
      const page = await listOn(sidecar);
      expect(page.truncated).toBe(true);
      expect(page.counts.all).toBe(2);
      expect(page.rows).toHaveLength(2);
      const text = await metricsOf(sidecar);
      expect(series(text, 'tenant_sessions_snapshot_truncated_total', `tenant="${ref}"`)).toBe(1);
      expect(series(text, 'tenant_sessions_snapshot_sessions', `tenant="${ref}"`)).toBe(2);
    } finally {
      await Promise.all(crowd.map((v) => v.close()));
      await sidecar.stop();
    }
  });
});

describe('/metrics', () => {
  it('times each procedure by its name and status (a batch counts each, unknown names as unknown)', async () => {
    const sidecar = await sidecarFor({});
    const other = await sidecarFor({});
    try {
      await listOn(sidecar);
      // Raw: a batch (the typed client here sends one call per request), and a procedure no
      // type can name.
      const input = encodeURIComponent(JSON.stringify({ 0: {}, 1: tenant }));
      const batch = await fetch(`${sidecar.url}/trpc/tenants.list,sessions.list?batch=1&input=${input}`, {
        headers: { authorization: `Bearer ${sidecar.admin}` },
      });
      expect(batch.status).toBe(200);
      expect((await sidecar.query('no.such', {})).status).toBe(404);
      await refused(sidecar.client(null).sessions.list.query(tenant), 401, 'UNAUTHENTICATED');
      const text = await metricsOf(sidecar);
      const count = (labels: string) =>
        series(text, 'tenant_sessions_http_request_duration_seconds_count', labels);
      expect(count('procedure="sessions.list",status="200"')).toBe(2);
      expect(count('procedure="tenants.list",status="200"')).toBe(1);
      expect(count('procedure="unknown",status="404"')).toBe(1);
      expect(count('procedure="sessions.list",status="401"')).toBe(1);
      expect(text).toMatch(/^# HELP tenant_sessions_processlist_read_seconds /m);
      expect(text).toMatch(
        /^tenant_sessions_processlist_read_seconds_bucket\{le="0\.005",tenant="test\/scale"\} \d+$/m,
      );
      // Each app counts its own.
      const quiet = await metricsOf(other);
      expect(
        series(
          quiet,
          'tenant_sessions_http_request_duration_seconds_count',
          'procedure="sessions.list",status="200"',
        ),
      ).toBe(0);
    } finally {
      await sidecar.stop();
      await other.stop();
    }
  });
});
