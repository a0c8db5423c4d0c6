import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Session } from '@tenant-sessions/contracts';
import type { Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  connect,
  createAccount,
  createDatabase,
  type Database,
  openVictim,
  waitFor,
} from '../support/db';
import { spawnMain } from '../support/mainProcess';
import { freePort } from '../support/mariadbd';
import { url } from '../support/testServer';

let admin: Connection;
let frank: Account;
let shop: Database;
let child: ChildProcess | undefined;
let output = '';

beforeAll(async () => {
  admin = await connect(url);
  shop = await createDatabase(admin, 'shop');
  frank = await createAccount(admin, 'frank', [`ALL ON \`${shop.name}\`.*`]);
});

afterAll(async () => {
  // tsx runs the sidecar in a child of its own: end the whole group, or a failed test leaves it up.
  if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  await frank?.drop();
  await shop?.drop();
  await admin?.end();
});

describe('npm start (plugin-server/src/main.ts) against the local default', () => {
  it('refuses to start on a bad SESSIONS_CONFIG, naming the file, the path and the field', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sessions-main-'));
    const file = path.join(dir, 'sessions.json');
    await writeFile(
      file,
      JSON.stringify({ clusters: [{ id: 'c', name: 'C', tenants: [{ id: 't', name: 'T' }] }] }),
    );
    const failing = spawnMain({ ...process.env, SESSIONS_CONFIG: file, PORT: String(await freePort()) });
    let errors = '';
    failing.stderr?.on('data', (chunk) => {
      errors += String(chunk);
    });
    const code = await new Promise<number | null>((resolve) => failing.once('exit', resolve));
    await rm(dir, { recursive: true, force: true });
    expect(code).toBe(1);
    expect(errors).toContain(file);
    expect(errors).toContain('clusters[0].tenants[0].connection');
  });

  it('prints an operator token and a curl line that lists sessions, and stops on SIGTERM', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), MYSQL_URL: url, LOG_LEVEL: 'info' };
    delete env.SESSIONS_JWT_SECRET;
    delete env.SESSIONS_CONFIG;
    child = spawnMain(env, { detached: true });
    child.stdout?.on('data', (chunk) => {
      output += String(chunk);
    });
    child.stderr?.on('data', (chunk) => {
      output += String(chunk);
    });
    const curl = await waitFor(
      async () => /^curl .*$/m.exec(output)?.[0],
      `the curl line in:\n${output}`,
      20_000,
    );
    const [, token, address] = /Bearer ([^']+)' '([^']+)'/.exec(curl) ?? [];
    expect(address).toBe(
      `http://127.0.0.1:${port}/trpc/sessions.list?input=${encodeURIComponent('{"clusterId":"local","tenantId":"local","pageSize":1000}')}`,
    );

    // Raw: the test is that the printed line works as printed (its address, its header).
    const victim = await openVictim(url, frank, shop.name);
    const response = await fetch(address ?? '', { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const rows: Session[] = (await response.json()).result.data.rows;
    const row = rows.find((r) => r.id === victim.id);
    expect(row).toMatchObject({ user: frank.user, database: shop.name, command: 'Sleep' });
    expect(row?.source).toMatch(new RegExp(`:${victim.localPort}$`));
    await victim.close();

    // The portal signs operators in: the secret was generated for this run and it listens on loopback.
    const signin = await fetch(`http://127.0.0.1:${port}/portal/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portal-signin': '1' },
      body: '{}',
    });
    expect(signin.status).toBe(200);

    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toMatch(/"msg":"stopped"/);
  });
});
