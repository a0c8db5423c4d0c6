import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTenants, localTenant } from './load';
import { ConfigError } from './tenants';

let dir: string;
const write = async (name: string, content: unknown) => {
  const file = path.join(dir, name);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

const tenant = {
  id: 'trade',
  name: 'trade',
  connection: { host: '10.0.0.5', port: 2881, user: 'root@trade', passwordEnv: 'TRADE_DB_PASSWORD' },
  dialect: 'oceanbase',
  scope: { kind: 'sys', tenantName: 'trade' },
  poolSize: 2,
  statementTimeoutMs: 5000,
};
const good = { clusters: [{ id: 'prod-1', name: 'Production 1', tenants: [tenant] }] };

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sessions-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('SESSIONS_CONFIG', () => {
  it("reads the README's example, taking the password from the variable it names", async () => {
    const file = await write('good.json', good);
    const [one] = loadTenants({ SESSIONS_CONFIG: file, TRADE_DB_PASSWORD: 's3cret' });
    expect(one).toMatchObject({
      clusterId: 'prod-1',
      clusterName: 'Production 1',
      tenantId: 'trade',
      connection: { host: '10.0.0.5', port: 2881, user: 'root@trade', password: 's3cret' },
      dialect: 'oceanbase',
      scope: { kind: 'sys', tenantName: 'trade' },
      poolSize: 2,
      statementTimeoutMs: 5000,
    });
  });

  it('fills defaults: no dialect, tenant scope, pool of 4, 5 s timeout, no password', async () => {
    const { passwordEnv: _, ...connection } = tenant.connection;
    const minimal = { clusters: [{ id: 'c', name: 'C', tenants: [{ id: 't', name: 'T', connection }] }] };
    const [one] = loadTenants({ SESSIONS_CONFIG: await write('minimal.json', minimal) });
    expect(one).toMatchObject({
      dialect: undefined,
      scope: { kind: 'tenant' },
      poolSize: 4,
      statementTimeoutMs: 5000,
    });
    expect(one?.connection.password).toBeUndefined();
  });

  it.each([
    ['a port that is text', { port: '2881' }, /clusters\[0\]\.tenants\[0\]\.connection\.port/],
    [
      'a password written in the file',
      { password: 'x' },
      /clusters\[0\]\.tenants\[0\]\.connection: .*password/,
    ],
    ['an empty host', { host: '' }, /connection\.host/],
  ])('stops on %s, naming the path and the field', async (_what, change, message) => {
    const bad = {
      clusters: [
        { ...good.clusters[0], tenants: [{ ...tenant, connection: { ...tenant.connection, ...change } }] },
      ],
    };
    const file = await write('bad.json', bad);
    expect(() => loadTenants({ SESSIONS_CONFIG: file, TRADE_DB_PASSWORD: 'x' })).toThrow(message);
    expect(() => loadTenants({ SESSIONS_CONFIG: file, TRADE_DB_PASSWORD: 'x' })).toThrow(file);
  });

  it('stops on duplicate ids, an unknown dialect, a missing password variable, bad JSON, a missing file', async () => {
    const twice = { clusters: [{ ...good.clusters[0], tenants: [tenant, tenant] }] };
    const env = { TRADE_DB_PASSWORD: 'x' };
    const dup = await write('dup.json', twice);
    expect(() => loadTenants({ ...env, SESSIONS_CONFIG: dup })).toThrow(
      /tenants\[1\]\.id: duplicate tenant id "trade"/,
    );
    const dialect = await write('dialect.json', {
      clusters: [{ ...good.clusters[0], tenants: [{ ...tenant, dialect: 'pg' }] }],
    });
    expect(() => loadTenants({ ...env, SESSIONS_CONFIG: dialect })).toThrow(/tenants\[0\]\.dialect/);
    const ok = await write('ok.json', good);
    expect(() => loadTenants({ SESSIONS_CONFIG: ok })).toThrow(
      /passwordEnv names TRADE_DB_PASSWORD, which is not set/,
    );
    const broken = await write('broken.json', '{"clusters": [');
    expect(() => loadTenants({ SESSIONS_CONFIG: broken })).toThrow(/not valid JSON/);
    expect(() => loadTenants({ SESSIONS_CONFIG: path.join(dir, 'none.json') })).toThrow(ConfigError);
  });

  it('reads the OceanBase OBProxy settings: direct access off unless set, booleans only', async () => {
    const env = { TRADE_DB_PASSWORD: 'x' };
    const [plain] = loadTenants({ ...env, SESSIONS_CONFIG: await write('plain.json', good) });
    expect(plain).toMatchObject({ viaObproxy: undefined, directAccess: false });
    const proxied = {
      ...tenant,
      connection: { ...tenant.connection, port: 2883 },
      viaObproxy: true,
      directAccess: true,
    };
    const withProxy = { clusters: [{ ...good.clusters[0], tenants: [proxied] }] };
    const [one] = loadTenants({ ...env, SESSIONS_CONFIG: await write('proxy.json', withProxy) });
    expect(one).toMatchObject({ viaObproxy: true, directAccess: true });
    const bad = { clusters: [{ ...good.clusters[0], tenants: [{ ...tenant, directAccess: 'yes' }] }] };
    const badFile = await write('bad-direct.json', bad);
    expect(() => loadTenants({ ...env, SESSIONS_CONFIG: badFile })).toThrow(
      /clusters\[0\]\.tenants\[0\]\.directAccess: .*boolean/,
    );
  });
});

describe('the local default', () => {
  it('is one cluster `local` with one tenant `local` from MYSQL_URL', () => {
    expect(loadTenants({})).toEqual([localTenant('mysql://root@127.0.0.1:3306')]);
    expect(localTenant('mysql://ops:p%40ss@db.example:3307/app')).toMatchObject({
      clusterId: 'local',
      tenantId: 'local',
      connection: { host: 'db.example', port: 3307, user: 'ops', password: 'p@ss', database: 'app' },
    });
    expect(() => localTenant('postgres://x')).toThrow(/mysql:\/\//);
    expect(() => localTenant('not a url')).toThrow(/MYSQL_URL/);
  });
});
