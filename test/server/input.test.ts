import type { Connection } from 'mysql2/promise';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Account, connect, createAccount, endpoint, openVictim, type Victim } from '../support/db';
import { type CallResult, startSidecar, type TestSidecar, tenantOn, tokenFor } from '../support/sidecar';

const url = inject('mysqlUrl');
const main = { clusterId: 'test', tenantId: 'main' };
const { host, port } = endpoint(url);

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

const refused = (result: CallResult, status: number, reason: string) => {
  expect(result.status, JSON.stringify(result.body)).toBe(status);
  expect(result.body.error.data.reason).toBe(reason);
  return result.body.error;
};

describe('bad input answers BAD_REQUEST / INVALID_INPUT naming the field, and changes nothing', () => {
  it.each([
    ['not decimal', `${host}:${port}#abc`],
    ['negative', `${host}:${port}#-${victim?.id ?? 1}`],
    ['21 digits', `${host}:${port}#123456789012345678901`],
    ['above 2^64 - 1', `${host}:${port}#18446744073709551616`],
    ['SQL in the id', `${host}:${port}#1 OR 1=1`],
  ])('refuses a session id that is %s', async (_what, key) => {
    for (const procedure of ['sessions.kill', 'sessions.killQuery']) {
      const error = refused(
        await sidecar.mutate(procedure, { ...main, sessionKeys: [key] }),
        400,
        'INVALID_INPUT',
      );
      expect(error.data.code).toBe('BAD_REQUEST');
      expect(error.data.issues[0].path).toEqual(['sessionKeys', 0]);
      expect(error.message).toContain('sessionKeys.0');
    }
    const error = refused(
      await sidecar.query('sessions.sql', { ...main, sessionKey: key }),
      400,
      'INVALID_INPUT',
    );
    expect(error.data.issues[0].path).toEqual(['sessionKey']);
  });

  it.each([["' OR 1=1 -- "], ['%'], ['_'], ['\\'], ['\\%'], ['%_\\\\']])(
    'takes the filter %j as text: answers, matches literally, kills nothing',
    async (needle) => {
      for (const field of ['user', 'source', 'database']) {
        const { status, body } = await sidecar.query('sessions.list', { ...main, [field]: needle });
        expect(status).toBe(200);
        for (const row of body.result.data.rows)
          expect(String(row[field]).toLowerCase()).toContain(needle.toLowerCase());
      }
    },
  );

  it.each([
    ['a filter of 257 characters', 'sessions.list', { ...main, user: 'x'.repeat(257) }, ['user']],
    [
      'a cluster id of 257 characters',
      'sessions.list',
      { ...main, clusterId: 'c'.repeat(257) },
      ['clusterId'],
    ],
    ['a page size of 1001', 'sessions.list', { ...main, pageSize: 1001 }, ['pageSize']],
    ['an unknown field', 'sessions.list', { ...main, orderBy: 'id; DROP TABLE x' }, []],
  ])('refuses %s', async (_what, path, input, field) => {
    const error = refused(await sidecar.query(path, input), 400, 'INVALID_INPUT');
    expect(error.data.issues[0].path).toEqual(field);
  });

  it('refuses 101 session keys and a key of 257 characters', async () => {
    const keys = Array.from({ length: 101 }, (_, i) => `${host}:${port}#${i + 1}`);
    const many = refused(
      await sidecar.mutate('sessions.kill', { ...main, sessionKeys: keys }),
      400,
      'INVALID_INPUT',
    );
    expect(many.data.issues[0].path).toEqual(['sessionKeys']);
    const long = `${'h'.repeat(250)}#${victim.id.padStart(7, '0')}`;
    refused(await sidecar.mutate('sessions.kill', { ...main, sessionKeys: [long] }), 400, 'INVALID_INPUT');
  });

  it('answers UNKNOWN_TENANT to a caller who may read the whole cluster', async () => {
    const error = refused(
      await sidecar.query('sessions.list', { clusterId: 'test', tenantId: 'nope' }),
      404,
      'UNKNOWN_TENANT',
    );
    expect(error.data.code).toBe('NOT_FOUND');
  });

  it('answers malformed JSON with INVALID_INPUT', async () => {
    const response = await fetch(`${sidecar.url}/trpc/sessions.kill`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${sidecar.admin}` },
      body: `{"clusterId":"test","tenantId":"main","sessionKeys":["${host}:${port}#${victim.id}"`,
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

  it('answers a 1 MiB body with 413 PAYLOAD_TOO_LARGE, declared or streamed', async () => {
    const huge = JSON.stringify({
      ...main,
      sessionKeys: [`${host}:${port}#${victim.id}`],
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
    sidecar.mutate('sessions.kill', { ...main, sessionKeys: [`${host}:${port}#${victim.id}`] }, token);

  it('refuses a call without a token, with a wrong signature, or expired: UNAUTHENTICATED', async () => {
    refused(await kill(null), 401, 'UNAUTHENTICATED');
    refused(await sidecar.query('tenants.list', {}, 'not-a-jwt'), 401, 'UNAUTHENTICATED');
    const forged = await tokenFor(
      { '*/*': ['read', 'kill'] },
      { secret: new TextEncoder().encode('x'.repeat(40)) },
    );
    expect(refused(await kill(forged), 401, 'UNAUTHENTICATED').message).toMatch(/signature/);
    const expired = await tokenFor(
      { '*/*': ['read', 'kill'] },
      { expiresIn: Math.floor(Date.now() / 1000) - 120 },
    );
    expect(refused(await kill(expired), 401, 'UNAUTHENTICATED').message).toMatch(/exp/);
  });

  it('refuses a read-only token killing: NO_KILL', async () => {
    const reader = await tokenFor({ 'test/*': ['read'] });
    refused(await kill(reader), 403, 'NO_KILL');
    refused(
      await sidecar.mutate('sessions.killQuery', { ...main, sessionKeys: ['x#1'] }, reader),
      403,
      'NO_KILL',
    );
    expect((await sidecar.query('sessions.list', main, reader)).status).toBe(200);
  });

  it('refuses a token for another tenant: NO_READ, alike for an unknown tenant', async () => {
    const otherOnly = await tokenFor({ 'test/other': ['read', 'kill'] });
    const known = refused(await kill(otherOnly), 403, 'NO_READ');
    const unknown = refused(
      await sidecar.query('sessions.list', { clusterId: 'test', tenantId: 'nope' }, otherOnly),
      403,
      'NO_READ',
    );
    expect(known.message.replace('main', 'X')).toBe(unknown.message.replace('nope', 'X'));
    const { body } = await sidecar.query('tenants.list', {}, otherOnly);
    expect(body.result.data.map((t: { tenantId: string }) => t.tenantId)).toEqual(['other']);
  });
});
