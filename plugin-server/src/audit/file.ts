import { randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
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
 * The JSON-lines audit: one record per line on a file descriptor kept open. `append` writes the
 * line (O_APPEND, one write(2)) into the operating system's page cache: from then on a crash of
 * the sidecar's process cannot lose it, a crash of the machine still can. `flush` fsyncs once
 * for every line appended before it (group commit: one fsync per close call, not per record;
 * concurrent calls share an fsync). `write` is both, for a single record.
 * The file is (re)opened when it is missing or was replaced (log rotation), creating its folder,
 * by `ready()` and `write()` (a close call checks with `ready()` once, then appends its attempts to
 * that descriptor); a replaced file's descriptor is fsync'd before it is closed, so no appended
 * line escapes `flush`.
 */
export const fileSink = (file: string): AuditSink => {
  const where = path.resolve(file);
  let handle: FileHandle | undefined;
  let handleIno: number | undefined;
  /** Lines appended to `handle` since its last fsync. */
  let dirty = false;
  // Writes (and reopenings) one at a time, so lines never interleave.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  /** fsyncs the lines appended since the last fsync; on failure they stay pending (dirty). */
  const syncHandle = async () => {
    if (!handle || !dirty) return;
    await handle.sync();
    dirty = false;
  };

  /** Closes the descriptor once its appended lines are on disk (a failed fsync keeps it open). */
  const closeHandle = async () => {
    await syncHandle();
    const old = handle;
    handle = undefined;
    await old?.close().catch(() => undefined);
  };

  /**
   * One line at the end of the file (O_APPEND). `file`: the open descriptor as `ready()` last
   * checked it (a close call checks once, then appends each attempt without looking again).
   * The write(2) of a few hundred bytes into the page cache is done synchronously, like the
   * logger's own lines: a thread-pool round trip per record cost more than the write itself.
   */
  const appendLine = async (record: NewAuditRecord, file: FileHandle) => {
    const line = Buffer.from(`${JSON.stringify({ id: randomUUID(), ...record })}\n`, 'utf8');
    dirty = true;
    // A short write (disk full…) is finished, or throws.
    let written = 0;
    while (written < line.length) written += writeSync(file.fd, line, written, line.length - written);
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
        await appendLine(record, await current());
        await syncHandle();
      }),
    append: (record: NewAuditRecord) => serial(async () => appendLine(record, handle ?? (await current()))),
    flush: () => serial(syncHandle),
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
