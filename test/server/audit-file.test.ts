import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileSink } from '@tenant-sessions/plugin-server';
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
});
