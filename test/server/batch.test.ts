import { LIMITS } from '@tenant-sessions/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HardenedSidecar, startHardened } from '../support/hardened';
import { tenantOn } from '../support/sidecar';
import { main, url } from '../support/testServer';

// Batch amplification: one request may call at most LIMITS.maxBatch procedures, and its answer is bounded.
// (Memory and /healthz under 30 slow readers of the largest batches: npm run bench, "amplification".)
// Raw fetch throughout: these tests are about batching on the wire (tRPC's `?batch=1` GET and POST,
// encoded commas, the batch's status line and Content-Length), which the unbatched typed client
// never sends.
let sidecar: HardenedSidecar;
let small: HardenedSidecar;

beforeAll(async () => {
  sidecar = await startHardened([tenantOn(url, 'main')]);
  small = await startHardened([tenantOn(url, 'main')], { answers: { maxAnswerBytes: 4096 } });
});

afterAll(async () => {
  await sidecar?.stop();
  await small?.stop();
});

const batchGet = async (base: string, token: string, procedures: string[], input: unknown, path?: string) => {
  const inputs = Object.fromEntries(procedures.map((_p, i) => [i, input]));
  const response = await fetch(
    `${base}/trpc/${path ?? procedures.join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text), headers: response.headers };
};

const batchPost = async (base: string, token: string, procedures: string[], input: unknown) => {
  const response = await fetch(`${base}/trpc/${procedures.join(',')}?batch=1`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(Object.fromEntries(procedures.map((_p, i) => [i, input]))),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text), headers: response.headers };
};

describe('the batch bound', () => {
  it(`answers a batch of ${LIMITS.maxBatch} procedures`, async () => {
    const answer = await batchGet(
      sidecar.url,
      sidecar.admin,
      Array(LIMITS.maxBatch).fill('sessions.list'),
      main,
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toHaveLength(LIMITS.maxBatch);
  });

  it('refuses one too many, 157 and 1,000 procedures before running any, saying the limit', async () => {
    for (const count of [LIMITS.maxBatch + 1, 157, 1000]) {
      // 1,000 names do not fit in a URL Node takes (16 KiB of headers): that batch comes by POST.
      const answer =
        count < 1000
          ? await batchGet(sidecar.url, sidecar.admin, Array(count).fill('tenants.list'), {})
          : await batchPost(sidecar.url, sidecar.admin, Array(count).fill('tenants.list'), {});
      expect(answer.status, String(count)).toBe(400);
      expect(answer.body.error.data).toMatchObject({
        reason: 'INVALID_INPUT',
        params: { procedures: String(count), max: String(LIMITS.maxBatch) },
      });
      expect(answer.body.error.message).toBe(
        `A batch may call at most ${LIMITS.maxBatch} procedures, and this one calls ${count}: send them in several requests`,
      );
    }
  });

  it('counts procedures as tRPC reads them: encoded commas, a POST batch', async () => {
    const over = LIMITS.maxBatch + 1;
    const encoded = Array(over).fill('tenants.list').join('%2C');
    const answer = await batchGet(sidecar.url, sidecar.admin, Array(over).fill('tenants.list'), {}, encoded);
    expect(answer.status).toBe(400);
    const post = await batchPost(sidecar.url, sidecar.admin, Array(over).fill('sessions.kill'), {
      ...main,
      sessionKeys: ['x:1#1'],
    });
    expect(post.status).toBe(400);
    expect(post.body.error.message).toContain(`at most ${LIMITS.maxBatch} procedures`);
  });
});

describe('the answer bound', () => {
  it('replaces an answer larger than the bound with PAYLOAD_TOO_LARGE, saying what to do', async () => {
    const answer = await batchGet(small.url, small.admin, Array(LIMITS.maxBatch).fill('sessions.list'), {
      ...main,
      pageSize: 1000,
    });
    expect(answer.status).toBe(413);
    expect(answer.body.error.data.reason).toBe('PAYLOAD_TOO_LARGE');
    expect(answer.body.error.message).toMatch(
      /more than the 4 KiB the sidecar sends for one request: ask for smaller pages or fewer procedures/,
    );
    expect(Number(answer.headers.get('content-length'))).toBe(Buffer.byteLength(answer.text));
    // A small answer still goes through.
    expect((await batchGet(small.url, small.admin, ['tenants.list'], {})).status).toBe(200);
  });
});
