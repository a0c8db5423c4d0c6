import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Request, Response } from 'express';
import type { Sheet } from './exportColumns';

/**
 * Writes `rows` to the answer as CSV, one record at a time as the client reads (the writer is a
 * stream fed by a generator, so only what the socket has not taken yet is held, not the file):
 * UTF-8 with a byte-order mark (spreadsheets then read Chinese text right), RFC 4180 (CRLF
 * between records, fields with a comma, a quote or a line break quoted, quotes doubled), the
 * header row first. `fileName` names the download (Content-Disposition).
 */
export const sendCsv = async <Row>(
  req: Request,
  res: Response,
  { sheet, rows, fileName }: { sheet: Sheet<Row>; rows: Iterable<Row>; fileName: string },
): Promise<void> => {
  res.status(200);
  res.type('text/csv; charset=utf-8');
  res.attachment(fileName);
  function* records() {
    yield sheet.header;
    for (const row of rows) yield sheet.record(row);
  }
  const writer = stringify({ bom: true, record_delimiter: 'windows', quote_record_delimiter: true });
  try {
    await pipeline(Readable.from(records(), { objectMode: true, highWaterMark: 64 }), writer, res);
  } catch (error) {
    // The client went away (or the socket failed) mid-file: nothing left to answer.
    req.log?.info({ message: (error as Error).message }, 'export ended before its last record');
  }
};

/** A file name part from an id: letters, digits, `.`, `_` and `-` kept, anything else `_`. */
const part = (text: string): string => text.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 64);

/** `20261201T103257Z` from an ISO time. */
const stamp = (iso: string): string => iso.replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '');

/** `<what>-<cluster>-<tenant>-<time>.csv`: the download's name, naming the tenant and the snapshot's time. */
export const exportFileName = (
  what: string,
  tenant: { clusterId: string; tenantId: string },
  capturedAt: string,
): string => `${what}-${part(tenant.clusterId)}-${part(tenant.tenantId)}-${stamp(capturedAt)}.csv`;
