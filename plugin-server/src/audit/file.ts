import { randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type AuditRecord, auditRecord } from '@tenant-sessions/contracts';
import { pageOfRecords } from './page';
import type { AuditSink, NewAuditRecord } from './sink';

/** Makes a new file's name durable too (its folder's entry), where the system allows it. */
const syncFolder = async (folder: string) => {
  const dir = await open(folder, 'r').catch(() => undefined);
  await dir?.sync().catch(() => undefined);
  await dir?.close();
};

/**
 * The JSON-lines audit: one record per line, appended and fsync'd before the write resolves.
 * The file is (re)opened when it is missing or was replaced (log rotation), creating its folder.
 */
export const fileSink = (file: string): AuditSink => {
  const where = path.resolve(file);
  let handle: FileHandle | undefined;
  let handleIno: number | undefined;
  // Writes (and reopenings) one at a time, so lines never interleave.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const closeHandle = async () => {
    const old = handle;
    handle = undefined;
    await old?.close().catch(() => undefined);
  };

  /** The open file, reopened if the path now names another file or none. */
  const current = async (): Promise<FileHandle> => {
    const onDisk = await stat(where).catch(() => undefined);
    if (handle && onDisk?.ino === handleIno) return handle;
    await closeHandle();
    await mkdir(path.dirname(where), { recursive: true });
    const opened = await open(where, 'a', 0o640);
    handleIno = (await opened.stat()).ino;
    handle = opened;
    if (!onDisk) await syncFolder(path.dirname(where));
    return opened;
  };

  return {
    where,
    ready: () => serial(async () => void (await current())),
    write: (record: NewAuditRecord) =>
      serial(async () => {
        const file = await current();
        const line = `${JSON.stringify({ id: randomUUID(), ...record })}\n`;
        await file.appendFile(line, 'utf8');
        await file.sync();
      }),
    list: async (query) => {
      const text = await readFile(where, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return '';
        throw error;
      });
      const records: AuditRecord[] = [];
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        // A torn or foreign line is skipped rather than hiding every other record.
        try {
          const parsed = auditRecord.safeParse(JSON.parse(line));
          if (parsed.success) records.push(parsed.data);
        } catch {}
      }
      return pageOfRecords(records, query);
    },
    close: () => serial(closeHandle),
  };
};
