import type { KillInput, SessionPreview } from '@tenant-sessions/contracts';
import type { AppRouter } from '@tenant-sessions/plugin-server';
import { TRPCClientError } from '@trpc/client';
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCrowd, goneOf, openCrowd, stillListed } from '../support/crowd';
import { type Account, connect, createAccount, openVictim } from '../support/db';
import { startSidecar, type TestSidecar, tenantOn } from '../support/sidecar';
import { main, url } from '../support/testServer';

// Close by filter (docs/api.md, "sessions.preview"), the way the tab and the README's script do
// it: preview the filters, then close exactly the previewed keys with their `expected`, in calls
// of at most 100 keys, every record of the calls carrying the filter. Real sessions, real KILLs.
let admin: Connection;
let sidecar: TestSidecar;
let bulk: Account;
let other: Account;

const urlAs = (account: Account): string => {
  const u = new URL(url);
  u.username = account.user;
  u.password = account.password;
  return u.toString();
};

/** The previewed keys in calls of at most 100, each with its part of `expected` and the filter. */
const callsOf = (preview: SessionPreview, filter: KillInput['filter']): KillInput[] => {
  const keys = preview.sessions.map((s) => s.key);
  const calls: KillInput[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    const sessionKeys = keys.slice(i, i + 100);
    const expected = Object.fromEntries(
      sessionKeys.map((k) => [k, preview.expected[k] as { user: string; source: string }]),
    );
    calls.push({ ...main, sessionKeys, expected, filter });
  }
  return calls;
};

beforeAll(async () => {
  admin = await connect(url);
  bulk = await createAccount(admin, 'bulk');
  other = await createAccount(admin, 'bulkother');
  sidecar = await startSidecar([tenantOn(url, 'main')]);
});

afterAll(async () => {
  await sidecar?.stop();
  await bulk?.drop();
  await other?.drop();
  await admin?.end();
});

describe('sessions.preview and a close by filter', () => {
  it('previews 150 victims, then closes exactly them in two calls, the filter on every record', async () => {
    const crowd = await openCrowd(urlAs(bulk), 150);
    const ids = crowd.map((c) => String(c.threadId));
    const bystander = await openVictim(url, other);
    try {
      const filter = { user: bulk.user };
      const preview = await sidecar.api.sessions.preview.query({
        ...main,
        ...filter,
        sort: { column: 'id', direction: 'asc' },
      });
      expect(preview.matched).toBe(150);
      expect(preview.skipped).toEqual({ protected: 0, beyondLimit: 0 });
      expect(new Set(preview.sessions.map((s) => s.id))).toEqual(new Set(ids));
      // In the list's sort order (the one asked for: by id, ascending).
      const order = preview.sessions.map((s) => BigInt(s.id));
      expect(order).toEqual([...order].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      for (const s of preview.sessions)
        expect(preview.expected[s.key]).toEqual({ user: bulk.user, source: s.source });

      const calls = callsOf(preview, filter);
      expect(calls.map((c) => c.sessionKeys.length)).toEqual([100, 50]);
      const reports = [];
      for (const call of calls) reports.push(await sidecar.api.sessions.kill.mutate(call));
      expect(reports.flatMap((r) => r.results.map((x) => x.outcome))).toEqual(Array(150).fill('killed'));
      expect(await goneOf(admin, ids)).toHaveLength(150);
      expect(await bystander.alive()).toBe(true);

      const audit = await sidecar.api.audit.list.query({ ...main, pageSize: 200 });
      const ours = audit.rows.filter((r) => ids.includes(r.sessionId));
      expect(ours).toHaveLength(150);
      expect(new Set(ours.map((r) => r.callId))).toEqual(new Set(reports.map((r) => r.callId)));
      for (const record of ours) expect(record.filter).toEqual({ activeOnly: false, user: bulk.user });
    } finally {
      closeCrowd(crowd);
      await bystander.close();
    }
  });

  it('is bounded by limit, leaves protected sessions out and counts them', async () => {
    const crowd = await openCrowd(urlAs(bulk), 12);
    try {
      const preview = await sidecar.api.sessions.preview.query({
        ...main,
        user: bulk.user,
        limit: 5,
        sort: { column: 'id', direction: 'desc' },
      });
      expect(preview).toMatchObject({ matched: 12, skipped: { protected: 0, beyondLimit: 7 } });
      expect(preview.sessions).toHaveLength(5);
      expect(Object.keys(preview.expected)).toEqual(preview.sessions.map((s) => s.key));
      const newest = crowd
        .map((c) => BigInt(c.threadId))
        .sort((a, b) => (a < b ? 1 : -1))
        .slice(0, 5);
      expect(preview.sessions.map((s) => BigInt(s.id))).toEqual(newest);
      // The sidecar's own connections match a filter on its account, and are never previewed.
      const own = await sidecar.api.sessions.preview.query({ ...main, user: 'root' });
      expect(own.skipped.protected).toBeGreaterThanOrEqual(1);
      expect(own.sessions.some((s) => s.protected)).toBe(false);
      expect(own.matched).toBe(own.sessions.length + own.skipped.protected + own.skipped.beyondLimit);
      // Nothing was closed by previewing.
      expect(
        (
          await stillListed(
            admin,
            crowd.map((c) => String(c.threadId)),
          )
        ).size,
      ).toBe(12);
    } finally {
      closeCrowd(crowd);
    }
  });

  it('refuses a previewed session that is now another user’s or source’s: changed, left alive', async () => {
    const victim = await openVictim(url, bulk);
    try {
      const preview = await sidecar.api.sessions.preview.query({ ...main, user: bulk.user });
      const key = preview.sessions[0]?.key as string;
      expect(preview.sessions.map((s) => s.id)).toEqual([victim.id]);
      for (const expected of [
        { user: other.user, source: preview.expected[key]?.source as string },
        { user: bulk.user, source: '10.9.9.9:4000' },
      ]) {
        const report = await sidecar.api.sessions.kill.mutate({
          ...main,
          sessionKeys: [key],
          expected: { [key]: expected },
          filter: { user: bulk.user },
        });
        expect(report.results[0]).toMatchObject({ outcome: 'changed', code: 'changed.owner' });
        expect(await victim.alive()).toBe(true);
      }
    } finally {
      await victim.close();
    }
  });

  it.each([
    [{ limit: 0 }, /limit/],
    [{ limit: 1001 }, /limit/],
    [{ limit: 1.5 }, /limit/],
    [{ nonsense: true }, /nonsense/],
  ])('answers BAD_REQUEST naming the field for %j', async (extra, field) => {
    const error = await sidecar.api.sessions.preview
      .query({ ...main, ...(extra as object) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<AppRouter>).data?.code).toBe('BAD_REQUEST');
    expect((error as Error).message).toMatch(field);
  });

  it('refuses a filter that is not a list filter, closing nothing', async () => {
    const victim = await openVictim(url, bulk);
    try {
      const { status, body } = await sidecar.mutate('sessions.kill', {
        ...main,
        sessionKeys: [`${new URL(url).hostname}:${new URL(url).port || 3306}#${victim.id}`],
        filter: { user: bulk.user, pageSize: 5 },
      });
      expect(status).toBe(400);
      expect(JSON.stringify(body)).toMatch(/pageSize/);
      expect(await victim.alive()).toBe(true);
    } finally {
      await victim.close();
    }
  });
});

describe('the sessions rate (SESSIONS_CLOSE_SESSIONS_RATE)', () => {
  it('refuses, whole, a call that would pass the sessions an operator may close in a minute', async () => {
    const limited = await startSidecar([tenantOn(url, 'main')], { closeSessionsPerMinute: 120 });
    const crowd = await openCrowd(urlAs(bulk), 150);
    try {
      const preview = await limited.api.sessions.preview.query({ ...main, user: bulk.user });
      const [first, second] = callsOf(preview, { user: bulk.user });
      const report = await limited.api.sessions.kill.mutate(first as KillInput);
      expect(report.results.every((r) => r.outcome === 'killed')).toBe(true);
      const refused = await limited.api.sessions.kill.mutate(second as KillInput).catch((e: unknown) => e);
      expect((refused as { data?: { reason?: string } }).data?.reason).toBe('TOO_MANY_REQUESTS');
      expect((refused as Error).message).toMatch(/At most 120 sessions a minute per operator/);
      const rest = (second as KillInput).sessionKeys.map((k) => k.split('#')[1] as string);
      expect((await stillListed(admin, rest)).size).toBe(50);
    } finally {
      closeCrowd(crowd);
      await limited.stop();
    }
  });
});
