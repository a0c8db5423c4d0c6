import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { AuditSink, KillAttempt, NewAuditRecord } from './sink';
import { closeAudit } from './trail';

const attempt = (n: number): KillAttempt => ({
  sessionKey: `db:3306#${n}`,
  sessionId: String(n),
  user: 'app',
  source: '10.0.0.1:5000',
  database: null,
  sql: null,
  sqlTruncated: false,
  kind: 'session',
  outcome: 'killed',
  message: null,
});

/** A sink whose appends answer in the reverse order of their arrival (as two connections might). */
const slowFirstSink = (): AuditSink & { appended: string[] } => {
  const appended: string[] = [];
  let pending = 0;
  return {
    where: 'memory',
    appended,
    ready: async () => undefined,
    write: async () => undefined,
    append: async (record: NewAuditRecord) => {
      pending += 1;
      await new Promise((resolve) => setTimeout(resolve, 30 / pending));
      appended.push(record.sessionId);
    },
    intend: async () => undefined,
    settle: async () => undefined,
    flush: async () => undefined,
    recover: async () => ({ unfinished: 0 }),
    list: async () => ({ rows: [], total: 0 }),
    close: async () => undefined,
  };
};

describe('the audit of one close call', () => {
  it('appends the attempts one after the other, in the order they were recorded', async () => {
    const sink = slowFirstSink();
    const audit = closeAudit(sink, {
      operator: 'op',
      tenant: { clusterId: 'c', tenantId: 't' },
      log: pino({ level: 'silent' }),
      callId: 'call-1',
    });
    await Promise.all([1, 2, 3].map((n) => audit.recorder.record(attempt(n))));
    expect(sink.appended).toEqual(['1', '2', '3']);
  });

  it('answers the failed append on its own record, and fails the ones queued behind it at once', async () => {
    const sink = slowFirstSink();
    const failing: AuditSink = {
      ...sink,
      append: async (record) => {
        if (record.sessionId === '2') throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
        await sink.append(record);
      },
    };
    const audit = closeAudit(failing, {
      operator: 'op',
      tenant: { clusterId: 'c', tenantId: 't' },
      log: pino({ level: 'silent' }),
      callId: 'call-1',
    });
    const results = await Promise.allSettled([1, 2, 3].map((n) => audit.recorder.record(attempt(n))));
    // A call stops its KILLs at the first failed record; a hung audit (a table server that does
    // not answer) must not make each later record wait for its own timeout.
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(sink.appended).toEqual(['1']);
  });
});
