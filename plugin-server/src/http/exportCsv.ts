import { stringify } from 'csv-stringify/sync';
import type { Request, Response } from 'express';
import type { Sheet } from './exportColumns';

/** Records written per piece: one string handed to the socket at a time. */
const BATCH = 500;

/** Resolves once `res` takes more ('drain'), or false when the client went away first. */
const drained = (res: Response): Promise<boolean> =>
  new Promise((resolve) => {
    const done = (more: boolean) => () => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(more);
    };
    const onDrain = done(true);
    const onClose = done(false);
    res.once('drain', onDrain);
    res.once('close', onClose);
  });

/**
 * Writes `rows` to the answer as CSV as the client reads it: BATCH records at a time go through
 * the CSV writer and to the socket, and the next batch waits while the socket holds more than
 * its high-water mark, so what is held is a batch, never the file. UTF-8 with a byte-order mark
 * (spreadsheets then read Chinese text right), RFC 4180 (CRLF between records; a field with a
 * comma, a quote or a line break quoted, its quotes doubled), the header row first. `fileName`
 * names the download (Content-Disposition).
 */
export const sendCsv = async <Row>(
  req: Request,
  res: Response,
  { sheet, rows, fileName }: { sheet: Sheet<Row>; rows: readonly Row[]; fileName: string },
): Promise<void> => {
  res.status(200);
  res.type('text/csv; charset=utf-8');
  res.attachment(fileName);
  const options = { record_delimiter: 'windows', quote_record_delimiter: true } as const;
  let more = res.write(stringify([sheet.header], { ...options, bom: true }));
  for (let start = 0; start < rows.length; start += BATCH) {
    if (!more && !(await drained(res))) {
      req.log?.info(
        { written: start, rows: rows.length },
        'export ended before its last record: the client went away',
      );
      return;
    }
    if (res.destroyed) return;
    const records: Array<Array<string | number>> = [];
    for (let i = start; i < Math.min(rows.length, start + BATCH); i++)
      records.push(sheet.record(rows[i] as Row));
    more = res.write(stringify(records, options));
  }
  res.end();
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
