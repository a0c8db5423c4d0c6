import { LIMITS } from '@tenant-sessions/contracts';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refused } from '../support/refusal';
import { startSidecar, TEST_SECRET, type TestSidecar, tenantOn } from '../support/sidecar';
import { main, url } from '../support/testServer';

// The property-based run of the second hardening pass, beside property.test.ts: batches of any
// length and mix, and tokens with any `sub` and any lifetime, against a real sidecar. Read-only
// procedures and tokens only: nothing here can close a session.
const RUNS = 120;
const SEED = Number(process.env.FC_SEED ?? 20261201);

let sidecar: TestSidecar;
beforeAll(async () => {
  sidecar = await startSidecar([tenantOn(url, 'main')]);
});
afterAll(() => sidecar?.stop());

const READS = ['tenants.list', 'sessions.list', 'sessions.sql', 'audit.list', 'no.such'] as const;
const inputOf: Record<(typeof READS)[number], unknown> = {
  'tenants.list': {},
  'sessions.list': { ...main, pageSize: 1000 },
  'sessions.sql': { ...main, sessionKey: '127.0.0.1:3306#1' },
  'audit.list': main,
  'no.such': {},
};

describe('batches of any length', () => {
  // Raw: batches (GET and POST, an unknown procedure among them), which the typed client never sends.
  it(`answer at most ${LIMITS.maxBatch} procedures, refuse more saying so, and never a 5xx (${RUNS} runs)`, async () => {
    const reader = await new SignJWT({ sessions: { 'test/*': ['read'] } })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('prop-batch')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(TEST_SECRET);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...READS), { minLength: 1, maxLength: 40 }),
        fc.constantFrom<'GET' | 'POST'>('GET', 'POST'),
        async (procedures, method) => {
          const inputs = JSON.stringify(Object.fromEntries(procedures.map((p, i) => [i, inputOf[p]])));
          const path = `${sidecar.url}/trpc/${procedures.join(',')}?batch=1`;
          const headers = { authorization: `Bearer ${reader}` };
          const response =
            method === 'GET'
              ? await fetch(`${path}&input=${encodeURIComponent(inputs)}`, { headers })
              : await fetch(path, {
                  method: 'POST',
                  headers: { ...headers, 'content-type': 'application/json' },
                  body: inputs,
                });
          const text = await response.text();
          expect(response.status, text.slice(0, 200)).toBeLessThan(500);
          const body = JSON.parse(text);
          if (procedures.length > LIMITS.maxBatch) {
            expect(response.status).toBe(400);
            expect(body.error.message).toContain(
              `at most ${LIMITS.maxBatch} procedures, and this one calls ${procedures.length}`,
            );
          } else {
            // Each procedure answered on its own (queries by POST are refused one by one).
            expect(body).toHaveLength(procedures.length);
          }
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

/** Independent of auth/subject.ts: a name a person can read, of at most 256 characters. */
const goodName = (sub: unknown): boolean =>
  typeof sub === 'string' &&
  sub.trim() !== '' &&
  [...sub].length <= 256 &&
  ![...sub].some((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code < 0x20 || (code >= 0x7f && code <= 0x9f) || /[\p{Cf}\p{Cs}\u2028\u2029]/u.test(ch);
  });

describe('tokens with any sub and any lifetime', () => {
  it(`are accepted exactly when sub is a printable name and the token lives at most 12 h (${RUNS} runs)`, async () => {
    const now = Math.floor(Date.now() / 1000);
    const subArb = fc.oneof(
      { arbitrary: fc.string({ minLength: 1, maxLength: 40 }), weight: 4 },
      { arbitrary: fc.string({ unit: 'binary', maxLength: 300 }), weight: 2 },
      {
        arbitrary: fc.constantFrom('', ' ', 'a\nb', 'x\u202Ey', 'é'.repeat(256), 'é'.repeat(257)),
        weight: 1,
      },
      { arbitrary: fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.string()), fc.object()), weight: 1 },
    );
    const lifeArb = fc.oneof(
      { arbitrary: fc.integer({ min: 60, max: 12 * 3600 }), weight: 3 },
      { arbitrary: fc.integer({ min: 12 * 3600 + 60, max: 400 * 86_400 }), weight: 2 },
      { arbitrary: fc.constantFrom(253402300799 - now, 1e20), weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(subArb, lifeArb, fc.boolean(), async (sub, lives, withIat) => {
        const token = await new SignJWT({
          sub,
          sessions: { 'test/*': ['read'] },
          exp: now + lives,
          ...(withIat ? { iat: now } : {}),
        } as Record<string, unknown>)
          .setProtectedHeader({ alg: 'HS256' })
          .sign(TEST_SECRET);
        const answer = sidecar.client(token).tenants.list.query({});
        const accepted = goodName(sub) && lives <= 12 * 3600;
        // Accepted: the typed call resolves (a 200); refused: a 401 saying why.
        if (accepted) await answer;
        else
          await refused(answer, 401, 'UNAUTHENTICATED', goodName(sub) ? /SESSIONS_TOKEN_MAX_TTL/ : /"sub"/);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
