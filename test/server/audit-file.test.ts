import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileSink } from '@tenant-sessions/plugin-server';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSinkContract, sampleRecord } from '../support/auditSinks';

const root = mkdtempSync(path.join(tmpdir(), 'ts-audit-unit-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const query = { clusterId: 'prod-1', tenantId: 'trade', pageIndex: 0, pageSize: 20 };

describe('the JSON-lines audit file', () => {
  it('keeps the sink contract', async () => {
    const sink = fileSink(path.join(root, 'contract', 'audit.jsonl'));
    await checkSinkContract(sink, 'trade');
    await sink.close();
  });

  it('creates its folder, writes one JSON line per record, and a new sink reads them back', async () => {
    const file = path.join(root, 'deep', 'er', 'audit.jsonl');
    const first = fileSink(file);
    await first.write(sampleRecord());
    await first.write(sampleRecord({ outcome: 'protected', message: 'system thread' }));
    await first.close();
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).outcome)).toEqual(['killed', 'protected']);
    const second = fileSink(file);
    expect((await second.list(query)).total).toBe(2);
    await second.close();
  });

  it('skips a torn line instead of hiding the others', async () => {
    const file = path.join(root, 'torn', 'audit.jsonl');
    const sink = fileSink(file);
    await sink.write(sampleRecord());
    writeFileSync(file, '{"id":"x","time":', { flag: 'a' });
    writeFileSync(file, '\n', { flag: 'a' });
    await sink.write(sampleRecord({ outcome: 'error' }));
    expect((await sink.list(query)).rows.map((r) => r.outcome)).toEqual(['error', 'killed']);
    await sink.close();
  });

  it('follows a rotated file: the next record goes to a new file at the path', async () => {
    const file = path.join(root, 'rotated', 'audit.jsonl');
    const sink = fileSink(file);
    await sink.write(sampleRecord());
    renameSync(file, `${file}.1`);
    await sink.write(sampleRecord({ outcome: 'changed' }));
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
    expect(readFileSync(`${file}.1`, 'utf8').trim().split('\n')).toHaveLength(1);
    await sink.close();
  });

  it('rejects ready() and write() when the path cannot be a file, and lists nothing', async () => {
    const blocker = path.join(root, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const sink = fileSink(path.join(blocker, 'audit.jsonl'));
    await expect(sink.ready()).rejects.toMatchObject({ code: expect.stringMatching(/EEXIST|ENOTDIR/) });
    await expect(sink.write(sampleRecord())).rejects.toThrow();
    await expect(sink.list(query)).rejects.toMatchObject({ code: 'ENOTDIR' });
    await sink.close();
  });

  it('appends records that can be read at once, and makes them durable with one flush', async () => {
    const file = path.join(root, 'grouped', 'audit.jsonl');
    const sink = fileSink(file);
    await sink.ready();
    await sink.append(sampleRecord());
    await sink.append(sampleRecord({ outcome: 'denied' }));
    // Written to the file before any fsync: another reader (and a restarted sidecar) sees them.
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(2);
    await sink.flush();
    await sink.flush();
    await sink.append(sampleRecord({ outcome: 'error' }));
    renameSync(file, `${file}.1`);
    // A replaced file: its pending line is fsync'd before the descriptor is closed and reopened.
    await sink.write(sampleRecord({ outcome: 'changed' }));
    expect(readFileSync(`${file}.1`, 'utf8').trim().split('\n')).toHaveLength(3);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
    await sink.close();
  });

  it('rejects append() when the path cannot be a file', async () => {
    const blocker = path.join(root, 'another-file');
    writeFileSync(blocker, 'not a folder');
    const sink = fileSink(path.join(blocker, 'audit.jsonl'));
    await expect(sink.append(sampleRecord())).rejects.toThrow();
    await sink.flush();
    await sink.close();
  });

  it('reads an attempt without its outcome as unknown, and counts the unfinished at start', async () => {
    const file = path.join(root, 'unfinished', 'audit.jsonl');
    const sink = fileSink(file);
    const attempt = (n: number) => ({
      ...sampleRecord({ sessionId: String(n), sessionKey: `db:3306#${n}` }),
      id: `a-${n}`,
    });
    await sink.intend([
      attempt(1),
      attempt(2),
      sampleRecord({ outcome: 'protected', message: 'system thread' }),
    ]);
    await sink.settle([
      {
        attempt: attempt(1),
        outcome: {
          time: '2026-11-24T03:00:01.000Z',
          outcome: 'killed',
          message: null,
          code: 'killed',
          params: {},
        },
      },
    ]);
    await sink.flush();
    await sink.close();
    // A new start: one attempt has no outcome.
    const again = fileSink(file);
    expect(await again.recover()).toEqual({ unfinished: 1 });
    const { rows, total } = await again.list(query);
    expect(total).toBe(3);
    expect(rows.map((r) => [r.sessionId, r.outcome])).toEqual([
      // Newest first by when the outcome was written: 1's came after the batch.
      ['1', 'killed'],
      ['3221487617', 'protected'],
      ['2', 'unknown'],
    ]);
    expect(rows.find((r) => r.sessionId === '2')).toMatchObject({
      message: 'the sidecar stopped before the answer: check whether the session is still there',
      code: 'unknown.stopped',
    });
    expect((await again.list({ ...query, outcome: 'unknown' })).total).toBe(1);
    expect((await again.list({ ...query, outcome: 'killed' })).rows.map((r) => r.sessionId)).toEqual(['1']);
    await again.close();
  });

  it('skips a torn last line (logged), reads every whole record before it, and cuts it before the next', async () => {
    const file = path.join(root, 'torn-last', 'audit.jsonl');
    const logs: Array<Record<string, unknown>> = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    const first = fileSink(file, log);
    await first.write(sampleRecord());
    await first.write(sampleRecord({ outcome: 'denied' }));
    await first.close();
    writeFileSync(file, '{"id":"torn","time":"2026-', { flag: 'a' });
    const sink = fileSink(file, log);
    expect((await sink.list(query)).rows.map((r) => r.outcome)).toEqual(['denied', 'killed']);
    expect(logs.some((l) => String(l.msg).includes('torn last line'))).toBe(true);
    await sink.write(sampleRecord({ outcome: 'error' }));
    // One JSON object a line: the fragment is gone, nothing after it lost.
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).outcome)).toEqual(['killed', 'denied', 'error']);
    expect((await sink.list(query)).total).toBe(3);
    expect(logs.some((l) => String(l.msg).includes('cut it before the next record'))).toBe(true);
    await sink.close();
  });

  it('reopens its file once the path is a file again (it was a folder for a while), without a restart', async () => {
    const file = path.join(root, 'reopen', 'audit.jsonl');
    const logs: Array<Record<string, unknown>> = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    const sink = fileSink(file, log);
    await sink.write(sampleRecord());
    renameSync(file, `${file}.kept`);
    mkdirSync(file);
    await expect(sink.write(sampleRecord({ outcome: 'denied' }))).rejects.toMatchObject({ code: 'EISDIR' });
    rmSync(file, { recursive: true });
    renameSync(`${file}.kept`, file);
    await sink.write(sampleRecord({ outcome: 'error' }));
    expect((await sink.list(query)).rows.map((r) => r.outcome)).toEqual(['error', 'killed']);
    expect(sink.fsyncs).toBe(2);
    await sink.close();
  });
});
