import type { ListInput } from '@tenant-sessions/contracts';
import type { Connection } from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Account, connect, createAccount, openVictim, type Victim } from '../support/db';
import { refused, unchecked } from '../support/refusal';
import { startSidecar, type TestSidecar, tenantOn, tokenFor } from '../support/sidecar';
import { keyOf, main, refOf, url } from '../support/testServer';

let admin: Connection;
let sidecar: TestSidecar;
let dave: Account;
let victim: Victim;

beforeAll(async () => {
  admin = await connect(url);
  dave = await createAccount(admin, 'dave');
  victim = await openVictim(url, dave);
  sidecar = await startSidecar([tenantOn(url, 'main'), tenantOn(url, 'other')]);
});

// Whatever a bad call was, the victim opened before it is still alive after it.
afterEach(async () => {
  expect(await victim.alive()).toBe(true);
});

afterAll(async () => {
  await sidecar?.stop();
  await victim?.close();
  await dave?.drop();
  await admin?.end();
});

describe('bad input answers BAD_REQUEST / INVALID_INPUT naming the field, and changes nothing', () => {
  it.each([
    ['not decimal', keyOf('abc')],
    ['negative', keyOf(`-${victim?.id ?? 1}`)],
    ['21 digits', keyOf('123456789012345678901')],
    ['above 2^64 - 1', keyOf('18446744073709551616')],
    ['SQL in the id', keyOf('1 OR 1=1')],
  ])('refuses a session id that is %s', async (_what, key) => {
    for (const procedure of ['kill', 'killQuery'] as const) {
      const error = await refused(
        sidecar.api.sessions[procedure].mutate({ ...main, sessionKeys: [key] }),
        400,
        'INVALID_INPUT',
      );
      expect(error.data?.code).toBe('BAD_REQUEST');
      expect(error.data?.issues?.[0]?.path).toEqual(['sessionKeys', 0]);
      expect(error.message).toContain('sessionKeys.0');
    }
    const error = await refused(
      sidecar.api.sessions.sql.query({ ...main, sessionKey: key }),
      400,
      'INVALID_INPUT',
    );
    expect(error.data?.issues?.[0]?.path).toEqual(['sessionKey']);
  });

  it.each([["' OR 1=1 -- "], ['%'], ['_'], ['\\'], ['\\%'], ['%_\\\\']])(
    'takes the filter %j as text: answers, matches literally, kills nothing',
    async (needle) => {
      for (const field of ['user', 'source', 'database'] as const) {
        const page = await sidecar.api.sessions.list.query({ ...main, [field]: needle });
        for (const row of page.rows) expect(String(row[field]).toLowerCase()).toContain(needle.toLowerCase());
      }
    },
  );

  it.each([
    ['a filter of 257 characters', { ...main, user: 'x'.repeat(257) }, ['user']],
    ['a cluster id of 257 characters', { ...main, clusterId: 'c'.repeat(257) }, ['clusterId']],
    ['a page size of 1001', { ...main, pageSize: 1001 }, ['pageSize']],
    ['an unknown field', { ...main, orderBy: 'id; DROP TABLE x' }, []],
  ])('refuses %s', async (_what, input, field) => {
    const error = await refused(
      sidecar.api.sessions.list.query(unchecked<ListInput>(input)),
      400,
      'INVALID_INPUT',
    );
    expect(error.data?.issues?.[0]?.path).toEqual(field);
  });

  it('refuses 101 session keys and a key of 257 characters', async () => {
    const keys = Array.from({ length: 101 }, (_, i) => keyOf(String(i + 1)));
    const many = await refused(
      sidecar.api.sessions.kill.mutate({ ...main, sessionKeys: keys }),
      400,
      'INVALID_INPUT',
    );
    expect(many.data?.issues?.[0]?.path).toEqual(['sessionKeys']);
    const long = `${'h'.repeat(250)}#${victim.id.padStart(7, '0')}`;
    await refused(sidecar.api.sessions.kill.mutate({ ...main, sessionKeys: [long] }), 400, 'INVALID_INPUT');
  });

  it('answers UNKNOWN_TENANT to a caller who may read the whole cluster', async () => {
    const error = await refused(sidecar.api.sessions.list.query(refOf('nope')), 404, 'UNKNOWN_TENANT');
    expect(error.data?.code).toBe('NOT_FOUND');
  });

  // Raw: JSON cut short (in a POST body, in a GET's input), which no client sends, and the HTTP
  // error shape it is answered with.
  it('answers malformed JSON with INVALID_INPUT', async () => {
    const response = await fetch(`${sidecar.url}/trpc/sessions.kill`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${sidecar.admin}` },
      body: `{"clusterId":"test","tenantId":"main","sessionKeys":["${keyOf(victim.id)}"`,
    });
    const body = await response.json();
    expect(response.status).toBe(400);
    expect(body.error.data.reason).toBe('INVALID_INPUT');
    expect(body.error.message).toMatch(/JSON/);
    const query = await fetch(`${sidecar.url}/trpc/sessions.list?input=%7B%22clusterId`, {
      headers: { authorization: `Bearer ${sidecar.admin}` },
    });
    expect(query.status).toBe(400);
    expect((await query.json()).error.data.reason).toBe('INVALID_INPUT');
  });

  // Raw: the body's size, declared in content-length or streamed in chunks, is the wire's.
  it('answers a 1 MiB body with 413 PAYLOAD_TOO_LARGE, declared or streamed', async () => {
    const huge = JSON.stringify({
      ...main,
      sessionKeys: [keyOf(victim.id)],
      pad: 'x'.repeat(1 << 20),
    });
    const declared = await fetch(`${sidecar.url}/trpc/sessions.kill`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${sidecar.admin}` },
      body: huge,
    });
    expect(declared.status).toBe(413);
    const body = await declared.json();
    expect(body.error.data.reason).toBe('PAYLOAD_TOO_LARGE');
    expect(body.error.message).toMatch(/64 KiB/);
    const bytes = new TextEncoder().encode(huge);
    const streamed = await fetch(`${sidecar.url}/trpc/sessions.kill`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${sidecar.admin}` },
      body: new ReadableStream({
        start(controller) {
          for (let at = 0; at < bytes.length; at += 16384) controller.enqueue(bytes.slice(at, at + 16384));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error.data.reason).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('identity', () => {
  const kill = (token: string | null) =>
    sidecar.client(token).sessions.kill.mutate({ ...main, sessionKeys: [keyOf(victim.id)] });

  it('refuses a call without a token, with a wrong signature, or expired: UNAUTHENTICATED', async () => {
    await refused(kill(null), 401, 'UNAUTHENTICATED');
    await refused(sidecar.client('not-a-jwt').tenants.list.query({}), 401, 'UNAUTHENTICATED');
    const forged = await tokenFor(
      { '*/*': ['read', 'kill'] },
      { secret: new TextEncoder().encode('x'.repeat(40)) },
    );
    expect((await refused(kill(forged), 401, 'UNAUTHENTICATED')).message).toMatch(/signature/);
    const expired = await tokenFor(
      { '*/*': ['read', 'kill'] },
      { expiresIn: Math.floor(Date.now() / 1000) - 120 },
    );
    expect((await refused(kill(expired), 401, 'UNAUTHENTICATED')).message).toMatch(/exp/);
  });

  it('refuses a read-only token killing: NO_KILL', async () => {
    const reader = await tokenFor({ 'test/*': ['read'] });
    await refused(kill(reader), 403, 'NO_KILL');
    await refused(
      sidecar.client(reader).sessions.killQuery.mutate({ ...main, sessionKeys: ['x#1'] }),
      403,
      'NO_KILL',
    );
    await expect(sidecar.client(reader).sessions.list.query(main)).resolves.toHaveProperty('rows');
  });

  it('refuses a token for another tenant: NO_READ, alike for an unknown tenant', async () => {
    const otherOnly = await tokenFor({ 'test/other': ['read', 'kill'] });
    const known = await refused(kill(otherOnly), 403, 'NO_READ');
    const unknown = await refused(
      sidecar.client(otherOnly).sessions.list.query(refOf('nope')),
      403,
      'NO_READ',
    );
    expect(known.message.replace('main', 'X')).toBe(unknown.message.replace('nope', 'X'));
    const tenants = await sidecar.client(otherOnly).tenants.list.query({});
    expect(tenants.map((t) => t.tenantId)).toEqual(['other']);
  });
});
