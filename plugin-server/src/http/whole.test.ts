import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wholeAnswers } from './whole';

describe('answers sent whole', () => {
  const app = express();
  app.get('/pieces', wholeAnswers, (_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.write('{"a":');
    res.write(Buffer.from('[1,2,'));
    res.write('"é"]', 'utf8', () => undefined);
    res.end('}');
  });
  app.get('/empty', wholeAnswers, (_req, res) => {
    res.status(204).end();
  });
  let server: ReturnType<typeof app.listen>;
  let base = '';
  beforeAll(async () => {
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  it('sends the pieces written as one body with its Content-Length, not chunked', async () => {
    const response = await fetch(`${base}/pieces`);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ a: [1, 2, 'é'] });
    expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(response.headers.get('transfer-encoding')).toBeNull();
    expect((await fetch(`${base}/empty`)).status).toBe(204);
  });

  it('leaves an answer the caller asked to stream as it is', async () => {
    const response = await fetch(`${base}/pieces`, { headers: { 'trpc-accept': 'application/jsonl' } });
    expect(JSON.parse(await response.text())).toEqual({ a: [1, 2, 'é'] });
    expect(response.headers.get('transfer-encoding')).toBe('chunked');
    expect(response.headers.get('content-length')).toBeNull();
  });
});
