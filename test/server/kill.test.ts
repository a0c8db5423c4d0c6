import type { KillInput, KillReport, ListInput, Session } from '@tenant-sessions/contracts';
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Account, connect, createAccount, openVictim, waitUntilRunning } from '../support/db';
import { startSidecar, type TestSidecar, tenantOn } from '../support/sidecar';
import { keyOf, main, refOf, url } from '../support/testServer';

const limited = refOf('limited');

let admin: Connection;
let sidecar: TestSidecar;
let carol: Account;
let watcher: Account;

const kill = (procedure: 'kill' | 'killQuery', input: KillInput): Promise<KillReport> =>
  sidecar.api.sessions[procedure].mutate(input);
const list = async (tenant = main, input: Partial<ListInput> = {}): Promise<Session[]> =>
  (await sidecar.api.sessions.list.query({ ...tenant, pageSize: 1000, ...input })).rows;

beforeAll(async () => {
  admin = await connect(url);
  carol = await createAccount(admin, 'carol');
  // The limited sidecar account may see every session (PROCESS) but not kill other accounts' ones.
  watcher = await createAccount(admin, 'watcher', ['PROCESS ON *.*']);
  sidecar = await startSidecar([tenantOn(url, 'main'), tenantOn(url, 'limited', { account: watcher })]);
});

afterAll(async () => {
  await sidecar?.stop();
  await carol?.drop();
  await watcher?.drop();
  await admin?.end();
});

describe('sessions.killQuery', () => {
  it('interrupts the running statement (errno 1317) and leaves the connection usable', async () => {
    const victim = await openVictim(url, carol);
    const ended = victim.busy();
    await waitUntilRunning(admin, victim.id);
    await list(main, { user: carol.user });
    const report = await kill('killQuery', { ...main, sessionKeys: [keyOf(victim.id)] });
    expect(report.results).toEqual([
      { sessionKey: keyOf(victim.id), outcome: 'killed', message: null, code: 'killed', params: {} },
    ]);
    const error = await ended;
    expect(error?.errno).toBe(1317);
    expect(await victim.alive()).toBe(true);
    const again = (await list(main, { user: carol.user })).find((r) => r.id === victim.id);
    expect(again?.status).toBe('SLEEP');
    await victim.close();
  });
});

describe('sessions.kill', () => {
  it('closes the session: the connection is dead and the next list no longer shows it', async () => {
    const victim = await openVictim(url, carol);
    const report = await kill('kill', { ...main, sessionKeys: [keyOf(victim.id)] });
    expect(report.results).toEqual([
      { sessionKey: keyOf(victim.id), outcome: 'killed', message: null, code: 'killed', params: {} },
    ]);
    expect(await victim.alive()).toBe(false);
    expect((await list(main, { user: carol.user })).map((r) => r.id)).not.toContain(victim.id);
    await victim.close();
  });

  it('logs every attempt as one structured line', async () => {
    const victim = await openVictim(url, carol);
    await kill('kill', { ...main, sessionKeys: [keyOf(victim.id)] });
    const line = sidecar.logs.find((l) => l.event === 'kill' && l.key === keyOf(victim.id));
    expect(line).toMatchObject({
      operator: 'tester',
      tenant: 'test/main',
      id: victim.id,
      user: carol.user,
      kind: 'session',
      outcome: 'killed',
    });
    expect(String(line?.source)).toMatch(new RegExp(`:${victim.localPort}$`));
    expect(typeof line?.reqId).toBe('string');
    await victim.close();
  });

  it("refuses the sidecar's own connections with `protected`, sending nothing", async () => {
    const own = (await list()).filter((r) => r.protectedReason === "one of this sidecar's own connections");
    expect(own.length).toBeGreaterThan(0);
    const report = await kill('kill', { ...main, sessionKeys: own.map((r) => r.key) });
    expect(report.results.map((r) => r.outcome)).toEqual(own.map(() => 'protected'));
    expect(report.results[0]?.message).toMatch(/own connections/);
    // The pool connection is still there: the same thread id answers again.
    const [rows] = await admin.query('SELECT ID FROM information_schema.PROCESSLIST WHERE ID = ?', [
      own[0]?.id,
    ]);
    expect(rows).toHaveLength(1);
  });

  it('answers not_found for a vanished id', async () => {
    const victim = await openVictim(url, carol);
    const { id } = victim;
    await victim.connection.end();
    const gone = keyOf(id);
    const report = await kill('kill', { ...main, sessionKeys: [gone, keyOf('18446744073709551615')] });
    expect(report.results.map((r) => r.outcome)).toEqual(['not_found', 'not_found']);
    expect(report.results[0]?.message).toContain(id);
  });

  it('answers changed, sending nothing, when the key now names another user or source', async () => {
    const victim = await openVictim(url, carol);
    const ended = victim.busy();
    await waitUntilRunning(admin, victim.id);
    const report = await kill('killQuery', {
      ...main,
      sessionKeys: [keyOf(victim.id)],
      expected: { [keyOf(victim.id)]: { user: 'someone-else', source: '10.9.9.9:1234' } },
    });
    expect(report.results[0]?.outcome).toBe('changed');
    expect(report.results[0]?.message).toContain(carol.user);
    const still = (await list(main, { user: carol.user })).find((r) => r.id === victim.id);
    expect(still?.status).toBe('ACTIVE');
    await admin.query('KILL QUERY ?', [victim.id]);
    expect((await ended)?.errno).toBe(1317);
    await victim.close();
  });

  it('answers denied, naming the missing privilege, when the account may not kill other users', async () => {
    const victim = await openVictim(url, carol);
    await list(limited, { user: carol.user });
    const report = await kill('kill', { ...limited, sessionKeys: [keyOf(victim.id)] });
    expect(report.results[0]?.outcome).toBe('denied');
    expect(report.results[0]?.message).toMatch(/CONNECTION.ADMIN/);
    expect(report.results[0]?.message).toContain(watcher.user);
    expect(await victim.alive()).toBe(true);
    await victim.close();
  });

  it('answers each key of a mixed call, one failure never stopping the others', async () => {
    const first = await openVictim(url, carol);
    const second = await openVictim(url, carol);
    const changed = await openVictim(url, carol);
    const own = (await list()).find((r) => r.protected);
    const keys = [
      keyOf(first.id),
      own?.key ?? '',
      keyOf('999999999999'),
      keyOf(changed.id),
      keyOf(second.id),
    ];
    const report = await kill('kill', {
      ...main,
      sessionKeys: keys,
      expected: { [keyOf(changed.id)]: { user: carol.user, source: '10.0.0.1:1' } },
    });
    expect(report.results.map((r) => [r.sessionKey, r.outcome])).toEqual([
      [keys[0], 'killed'],
      [keys[1], 'protected'],
      [keys[2], 'not_found'],
      [keys[3], 'changed'],
      [keys[4], 'killed'],
    ]);
    expect(await first.alive()).toBe(false);
    expect(await second.alive()).toBe(false);
    expect(await changed.alive()).toBe(true);
    for (const v of [first, second, changed]) await v.close();
  });
});
