import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalStatic } from './static';

describe('the portal at /', () => {
  // A build under a dot-folder (~/.local/…, node_modules/.cache/…) must serve its routes too.
  const top = mkdtempSync(path.join(tmpdir(), 'static-'));
  const directory = path.join(top, '.cache', 'dist');
  let server: ReturnType<ReturnType<typeof express>['listen']>;
  let base = '';

  beforeAll(async () => {
    mkdirSync(path.join(directory, 'assets'), { recursive: true });
    writeFileSync(path.join(directory, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(path.join(directory, 'assets', 'a.js'), 'export {};');
    const app = express().use(portalStatic(directory));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
    rmSync(top, { recursive: true, force: true });
  });

  const get = (url: string, accept = 'text/html') => fetch(`${base}${url}`, { headers: { accept } });

  it.each([['/'], ['/clusters/c1/tenants/t1/sessions'], ['/diagnostics/c1/sessions']])(
    'answers the console page for %s',
    async (url) => {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>console</title>');
    },
  );

  it('serves built files as they are, and leaves the API paths alone', async () => {
    expect(await (await get('/assets/a.js', '*/*')).text()).toBe('export {};');
    expect((await get('/trpc/sessions.list')).status).toBe(404);
    expect((await get('/clusters/c1', 'application/json')).status).toBe(404);
  });
});
