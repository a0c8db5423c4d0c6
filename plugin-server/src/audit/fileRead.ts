import { open } from 'node:fs/promises';
import type { AuditQuery, AuditRecord } from '@tenant-sessions/contracts';
import { parseLine, unfinished } from './lines';

/** Bytes read at once, from the end backwards. */
const CHUNK = 256 * 1024;
const NEWLINE = 0x0a;
/** Settled attempts' ids kept while their attempts are looked for. */
const MAX_WAITING = 10_000;

/**
 * One page of records, newest first, read backwards from `end` (the end of the last whole line)
 * in chunks: the memory it takes is a chunk and the page, whatever the file's size, and the
 * newest pages are the quickest. An outcome (a whole record settling an attempt) is met before
 * its attempt: the attempt's id is kept until it is reached, and an attempt not settled reads
 * as `unknown`.
 */
export const readPageBackwards = async (
  where: string,
  end: number,
  query: AuditQuery,
): Promise<AuditRecord[]> => {
  if (end === 0) return [];
  const file = await open(where, 'r');
  const settled = new Set<string>();
  const rows: AuditRecord[] = [];
  let skip = query.pageIndex * query.pageSize;
  const matches = (r: AuditRecord) =>
    r.clusterId === query.clusterId &&
    r.tenantId === query.tenantId &&
    (query.operator === undefined || r.operator === query.operator) &&
    (query.outcome === undefined || r.outcome === query.outcome);
  /** Takes one line (newest first); true once the page is full. */
  const take = (line: string): boolean => {
    if (line.length === 0) return false;
    // Lines of other tenants are passed over without a full validation.
    if (!line.includes(query.tenantId)) return false;
    const parsed = parseLine(line);
    if (parsed.phase === 'foreign') return false;
    let record = parsed.record;
    if (parsed.phase === 'record' && parsed.settles !== undefined) {
      settled.add(parsed.settles);
      // An attempt is written shortly before its outcome: one kept longer belongs to an attempt
      // passed over (another operator's, a torn line), and the oldest kept is dropped.
      if (settled.size > MAX_WAITING) settled.delete(settled.values().next().value as string);
    }
    if (parsed.phase === 'attempt') {
      if (settled.delete(record.id)) return false;
      record = unfinished(record);
    }
    if (!matches(record)) return false;
    if (skip > 0) {
      skip -= 1;
      return false;
    }
    rows.push(record);
    return rows.length >= query.pageSize;
  };
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    let position = end;
    let carry = Buffer.alloc(0);
    while (position > 0) {
      const length = Math.min(CHUNK, position);
      position -= length;
      const { bytesRead } = await file.read(buffer, 0, length, position);
      const chunk = Buffer.concat([buffer.subarray(0, bytesRead), carry]);
      // The bytes before the chunk's first newline may be the end of a line that starts earlier.
      const first = position > 0 ? chunk.indexOf(NEWLINE) : -1;
      if (position > 0 && first < 0) {
        carry = chunk;
        continue;
      }
      const lines = chunk.toString('utf8', first + 1).split('\n');
      carry = position > 0 ? Buffer.from(chunk.subarray(0, first)) : Buffer.alloc(0);
      for (let i = lines.length - 1; i >= 0; i--) if (take(lines[i] as string)) return rows;
    }
    return rows;
  } finally {
    await file.close();
  }
};
