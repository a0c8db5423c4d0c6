import { open, stat } from 'node:fs/promises';
import type { AuditQuery } from '@tenant-sessions/contracts';
import type { Logger } from 'pino';

/** Bytes read at once while indexing (memory stays bounded whatever the file's size). */
const CHUNK = 1 << 20;
const NEWLINE = 0x0a;

type Fields = {
  clusterId?: unknown;
  tenantId?: unknown;
  operator?: unknown;
  outcome?: unknown;
  phase?: unknown;
  id?: unknown;
  settles?: unknown;
};

const groupOf = (v: Fields, outcome: unknown) =>
  JSON.stringify([v.clusterId, v.tenantId, v.operator, outcome]);

/**
 * What audit.list needs to answer a page of a large JSON-lines audit without reading it whole:
 * how many records each (cluster, tenant, operator, outcome) has, and the attempts still without
 * an outcome. Built by reading the file once, forward, in chunks; then brought up to date with
 * what was appended since (its own appends and anyone else's), and rebuilt when the file at the
 * path is another one (rotated) or shorter. `upTo` is where its last whole line ends: a torn last
 * line (no newline yet) is not counted, and said once in the log.
 */
export class AuditFileIndex {
  /** The end of the last whole line read. */
  upTo = 0;
  private ino: number | undefined;
  private counts = new Map<string, number>();
  /** Attempts without an outcome, by id: the group they are counted in. */
  private pending = new Map<string, string>();
  private tornReported = -1;
  private foreign = 0;

  constructor(
    private readonly where: string,
    private readonly log: Logger,
  ) {}

  get unfinished(): number {
    return this.pending.size;
  }

  private reading: Promise<unknown> = Promise.resolve();

  /**
   * Reads what was appended since the last time; resolves with the end of the whole lines. One
   * reading at a time (the start's and a list's), so no line is counted twice.
   */
  catchUp(): Promise<number> {
    const next = this.reading.then(
      () => this.readNew(),
      () => this.readNew(),
    );
    this.reading = next.catch(() => undefined);
    return next;
  }

  private async readNew(): Promise<number> {
    const onDisk = await stat(this.where).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!onDisk) {
      this.reset(undefined);
      return 0;
    }
    if (onDisk.isDirectory()) throw Object.assign(new Error(`${this.where} is a folder`), { code: 'EISDIR' });
    if (onDisk.ino !== this.ino || onDisk.size < this.upTo) this.reset(onDisk.ino);
    if (onDisk.size <= this.upTo) return this.upTo;
    const file = await open(this.where, 'r');
    try {
      const buffer = Buffer.allocUnsafe(CHUNK);
      let position = this.upTo;
      let carry = Buffer.alloc(0);
      for (;;) {
        const { bytesRead } = await file.read(buffer, 0, CHUNK, position);
        if (bytesRead === 0) break;
        position += bytesRead;
        const chunk =
          carry.length > 0
            ? Buffer.concat([carry, buffer.subarray(0, bytesRead)])
            : buffer.subarray(0, bytesRead);
        const last = chunk.lastIndexOf(NEWLINE);
        if (last < 0) {
          carry = Buffer.from(chunk);
          continue;
        }
        for (const line of chunk.toString('utf8', 0, last).split('\n')) this.apply(line);
        carry = Buffer.from(chunk.subarray(last + 1));
        this.upTo = position - carry.length;
      }
      if (carry.length > 0 && this.tornReported !== this.upTo) {
        this.tornReported = this.upTo;
        this.log.warn(
          { audit: this.where, offset: this.upTo, bytes: carry.length },
          'audit: a torn last line (no newline: the writer stopped mid-line) is skipped; it is cut before the next record',
        );
      }
    } finally {
      await file.close();
    }
    return this.upTo;
  }

  /** Records matching the query's filters, all pages together. */
  total(query: AuditQuery): number {
    let total = 0;
    for (const [group, n] of this.counts) {
      const [clusterId, tenantId, operator, outcome] = JSON.parse(group) as unknown[];
      if (clusterId !== query.clusterId || tenantId !== query.tenantId) continue;
      if (query.operator !== undefined && operator !== query.operator) continue;
      if (query.outcome !== undefined && outcome !== query.outcome) continue;
      total += n;
    }
    return total;
  }

  private reset(ino: number | undefined) {
    this.ino = ino;
    this.upTo = 0;
    this.counts.clear();
    this.pending.clear();
    this.foreign = 0;
  }

  private add(group: string, n: number) {
    const now = (this.counts.get(group) ?? 0) + n;
    if (now === 0) this.counts.delete(group);
    else this.counts.set(group, now);
  }

  private apply(line: string) {
    if (line.length === 0) return;
    let v: Fields;
    try {
      v = JSON.parse(line) as Fields;
    } catch {
      this.skipped();
      return;
    }
    if (v === null || typeof v !== 'object') return this.skipped();
    if (typeof v.clusterId !== 'string' || typeof v.tenantId !== 'string') return this.skipped();
    if (typeof v.settles === 'string') {
      // An outcome: its attempt no longer counts as unknown.
      const group = this.pending.get(v.settles);
      if (group !== undefined) {
        this.pending.delete(v.settles);
        this.add(group, -1);
      }
    }
    if (v.phase === 'attempt') {
      const group = groupOf(v, 'unknown');
      this.add(group, 1);
      if (typeof v.id === 'string') this.pending.set(v.id, group);
      return;
    }
    this.add(groupOf(v, v.outcome), 1);
  }

  private skipped() {
    this.foreign += 1;
    if (this.foreign === 1 || this.foreign % 1000 === 0)
      this.log.warn(
        { audit: this.where, skipped: this.foreign },
        'audit: a line that is not a record is skipped',
      );
  }
}
