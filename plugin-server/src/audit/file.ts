import { randomUUID } from 'node:crypto';
import { fstatSync, ftruncateSync, writeSync } from 'node:fs';
import { type FileHandle, mkdir, open, stat } from 'node:fs/promises';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { codeOf } from '../errors/driver';
import { AuditFileIndex } from './fileIndex';
import { readPageBackwards } from './fileRead';
import { attemptLine, outcomeLine, recordLine } from './lines';
import type { AuditIntent, AuditSink, NewAuditRecord } from './sink';

/** Makes a new file's name durable too (its folder's entry), where the system allows it. */
const syncFolder = async (folder: string) => {
  const dir = await open(folder, 'r').catch(() => undefined);
  await dir?.sync().catch(() => undefined);
  await dir?.close().catch(() => undefined);
};

/**
 * The JSON-lines audit (audit/lines.ts): one JSON object a line, on a file descriptor kept open.
 * Lines are written with write(2) (O_APPEND) into the operating system's page cache, where a
 * crash of the sidecar's process cannot lose them; an fsync makes them survive a crash of the
 * machine. Write ahead: `intend` writes a batch of attempts in one write and fsyncs once before
 * it resolves (no KILL goes out before); `settle` appends a call's outcomes in one write and `flush` fsyncs once for
 * all of them (group commit; concurrent calls share an fsync).
 *
 * Recover, do not wedge: a failed write or fsync marks the descriptor suspect; the next call
 * closes it and opens the path again (saying so in the log), and a last line left without its
 * newline (a failed or torn write) is cut before the next record, so no record is ever glued to
 * a fragment. The file is also reopened when it is missing or was replaced (log rotation),
 * creating its folder.
 */
export const fileSink = (file: string, log: Logger = pino({ level: 'silent' })): AuditSink => {
  const where = path.resolve(file);
  const index = new AuditFileIndex(where, log);
  let handle: FileHandle | undefined;
  let handleIno: number | undefined;
  /** Lines written to `handle` since its last fsync. */
  let dirty = false;
  /** The failure that made the descriptor untrustworthy: reopen before the next line. */
  let suspect: unknown;
  let fsyncs = 0;
  // Writes (and reopenings) one at a time, so lines never interleave.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  /** The whole text at the end of the file (a short write is finished, or throws). */
  const writeAll = (fd: number, text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
  };

  /**
   * The lines, in one write(2) of a few hundred bytes per line into the page cache, done
   * synchronously like the logger's own lines: a thread-pool round trip per line cost more than
   * the write itself.
   */
  const writeLines = (to: FileHandle, text: string) => {
    dirty = true;
    let before: number | undefined;
    try {
      before = fstatSync(to.fd).size;
      writeAll(to.fd, text);
    } catch (error) {
      suspect = error;
      // A part written (disk full, a size limit) is cut at once where the file allows it; else
      // the next opening cuts it.
      if (before !== undefined)
        try {
          ftruncateSync(to.fd, before);
        } catch {}
      throw error;
    }
  };

  /** fsyncs the lines written since the last fsync; on failure they stay pending (dirty). */
  const syncHandle = async () => {
    if (!handle || !dirty) return;
    try {
      await handle.sync();
    } catch (error) {
      suspect = error;
      throw error;
    }
    fsyncs += 1;
    dirty = false;
  };

  /** Lets go of the descriptor: its lines fsync'd first when it can be trusted. */
  const dropHandle = async () => {
    const old = handle;
    handle = undefined;
    if (!old) return;
    if (suspect === undefined) await syncHandle().catch(() => undefined);
    await old.close().catch(() => undefined);
  };

  /**
   * Cuts a last line left without its newline (a torn or failed write) back to the end of the
   * last whole line, so the file stays one JSON object a line and the next record stands alone.
   * Such a fragment is never a KILL's record: a KILL is sent only once its attempt is whole and
   * fsync'd.
   */
  const cutPartialLine = async (opened: FileHandle, size: number) => {
    if (size === 0) return;
    const window = Buffer.alloc(Math.min(size, 1 << 20));
    const from = size - window.length;
    await opened.read(window, 0, window.length, from);
    if (window[window.length - 1] === 0x0a) return;
    const last = window.lastIndexOf(0x0a);
    const keep = last >= 0 ? from + last + 1 : 0;
    await opened.truncate(keep);
    log.warn(
      { audit: where, offset: keep, bytes: size - keep },
      'audit: the last line was partial (a torn or failed write): cut it before the next record',
    );
  };

  /** The open file, reopened after a failure or when the path now names another file or none. */
  const current = async (): Promise<FileHandle> => {
    const onDisk = await stat(where).catch(() => undefined);
    if (handle && suspect === undefined && onDisk?.ino === handleIno) return handle;
    const after = suspect;
    await dropHandle();
    await mkdir(path.dirname(where), { recursive: true });
    const opened = await open(where, 'a+', 0o640);
    try {
      const st = await opened.stat();
      if (st.isFile()) await cutPartialLine(opened, st.size);
      handleIno = st.ino;
    } catch (error) {
      await opened.close().catch(() => undefined);
      throw error;
    }
    handle = opened;
    if (after !== undefined) {
      log.warn(
        { audit: where, after: codeOf(after) },
        'audit: reopened its file after a failed write or fsync',
      );
      suspect = undefined;
      // Lines written before the failure may still be in the page cache: the next flush covers them.
      dirty = true;
    }
    if (!onDisk) await syncFolder(path.dirname(where));
    return opened;
  };

  /** The descriptor as last checked (an outcome goes where its attempt went), else `current()`. */
  const known = async () => (handle && suspect === undefined ? handle : current());

  const withId = (record: NewAuditRecord) => ({ id: randomUUID(), ...record });

  return {
    where,
    get fsyncs() {
      return fsyncs;
    },
    ready: () => serial(async () => void (await current())),
    write: (record: NewAuditRecord) =>
      serial(async () => {
        writeLines(await current(), recordLine(withId(record)));
        await syncHandle();
      }),
    append: (record: NewAuditRecord) =>
      serial(async () => writeLines(await known(), recordLine(withId(record)))),
    intend: (batch: AuditIntent[]) =>
      serial(async () => {
        const text = batch
          .map((r) => (r.id === undefined ? recordLine(withId(r)) : attemptLine({ ...r, id: r.id })))
          .join('');
        writeLines(await current(), text);
        await syncHandle();
      }),
    settle: (batch) =>
      serial(async () => {
        if (batch.length === 0) return;
        const text = batch
          .map(({ attempt, outcome }) => outcomeLine(randomUUID(), attempt, outcome))
          .join('');
        writeLines(await known(), text);
      }),
    flush: () => serial(syncHandle),
    list: async (query) => {
      const end = await index.catchUp();
      const total = index.total(query);
      // Past the last matching record (or none at all): nothing to read.
      if (query.pageIndex * query.pageSize >= total) return { rows: [], total };
      return { rows: await readPageBackwards(where, end, query), total };
    },
    recover: async () => {
      await index.catchUp();
      return { unfinished: index.unfinished };
    },
    close: () => serial(dropHandle),
  };
};
