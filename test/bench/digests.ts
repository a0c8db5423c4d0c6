import type { Connection as CoreConnection } from 'mysql2';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import type { ProcessRow, RowContext, Statement } from '../../plugin-server/src/dialects/dialect';
import {
  LONG_SQL_COLUMN,
  NO_BLOCKERS,
  NO_OTHER_OBSERVERS,
  processRowToSession,
  sharedText,
  sqlOfRow,
  text,
} from '../../plugin-server/src/dialects/rows';
import { type Account, closeAll, connect, openCrowd } from './database';
import { rawStatement } from './overhead';
import type { Figure } from './report';
import { p50, p95, round, timed } from './stats';

const CONNECTIONS = 1000;
const SAMPLES = 30;
const WARMUP = 5;

/**
 * The statement connection `n` runs: each its own (another column alias: another digest), a
 * third of them longer than the 257 characters the read returns as the head (so the read returns
 * `info_long` and the digest is taken over it), the first 50 with `longest` columns (160: about
 * 2,200 characters, more than the digest memo keeps, 2,048; 120: about 1,650, kept).
 */
const statementOf = (n: number, longest: number): string => {
  const width = n < 50 ? longest : n % 3 === 0 ? 40 : 2;
  const columns = Array.from({ length: width }, (_, j) => `${n * 1000 + j} AS c${n}_${j}`).join(', ');
  return `SELECT SLEEP(600) AS s${n}, ${columns}`;
};

/**
 * processRowToSession without the digest (sqlOfRow skips it when handed an SQL ID): the same
 * row mapping, field by field, so that the two reads differ by the digest work only.
 */
const withoutDigest = (row: ProcessRow, { address }: RowContext) => {
  const id = text(row.id) ?? '0';
  const command = sharedText(row.command) ?? '';
  const { sqlPreview, sqlTruncated } = sqlOfRow(row, '');
  return {
    key: `${address}#${id}`,
    id,
    user: sharedText(row.user) ?? '',
    source: text(row.host) ?? '',
    database: sharedText(row.db),
    command,
    timeSeconds: Number(row.time_seconds ?? 0),
    status: command === 'Killed' ? 'KILLED' : command === 'Sleep' ? 'SLEEP' : 'ACTIVE',
    state: sharedText(row.state) || null,
    sqlPreview,
    sqlTruncated,
    sqlDigest: null,
    observer: address,
    otherObservers: NO_OTHER_OBSERVERS,
    obproxy: null,
    proxySessionId: null,
    traceId: null,
    sqlId: null,
    transactionState: null,
    protected: false,
    protectedReason: null,
    transactionSeconds: null,
    blockedBy: NO_BLOCKERS,
    blocking: 0,
  };
};

/** One read as the sidecar reads (rows streamed, each mapped as it arrives); resolves to the sessions. */
const readWith = (connection: Connection, { sql, values }: Statement, map: (row: ProcessRow) => unknown) =>
  new Promise<unknown[]>((resolve, reject) => {
    const sessions: unknown[] = [];
    (connection as unknown as { connection: CoreConnection }).connection
      .query({ sql, values })
      .on('result', (row) => sessions.push(map(row as RowDataPacket)))
      .on('error', reject)
      .on('end', () => resolve(sessions));
  });

/**
 * The MariaDB processlist read with digests (the dialect's list statement, mapped by the
 * product's processRowToSession) against the same read without them (the statement's
 * `info_long` column as NULL, the mapping without the digest), alternated read by read, at
 * 1,000 connections of which 300 run distinct statements.
 */
export const digestOverhead = async (
  url: string,
  admin: Connection,
  crowdAccount: Account,
  longest: 160 | 120,
): Promise<Figure[]> => {
  const withDigests = await rawStatement(admin);
  const longColumn = LONG_SQL_COLUMN('CONVERT(INFO_BINARY USING utf8mb4)');
  if (!withDigests.sql.includes(longColumn)) throw new Error(`the list statement has no ${longColumn}`);
  const without = { ...withDigests, sql: withDigests.sql.replace(longColumn, 'NULL AS info_long') };
  const reader = await connect(url, { supportBigNumbers: true, bigNumberStrings: true, dateStrings: true });
  const crowd = await openCrowd(url, crowdAccount, CONNECTIONS);
  const running = crowd.slice(0, 300);
  const context = { address: new URL(url).host };
  try {
    for (const [n, connection] of running.entries())
      connection.query(statementOf(n, longest)).catch(() => undefined);
    await waitForRunning(admin, crowdAccount.user, running.length);
    const a: number[] = [];
    const b: number[] = [];
    const c: number[] = [];
    let digested = 0;
    let long = 0;
    for (let i = 0; i < WARMUP + SAMPLES; i++) {
      let sessions: unknown[] = [];
      const x = await timed(async () => {
        sessions = await readWith(reader, withDigests, (row) => {
          if (row.info_long !== null) long++;
          return processRowToSession(row, context);
        });
      });
      const y = await timed(() => readWith(reader, without, (row) => withoutDigest(row, context)));
      // The product's statement (info_long read) mapped without the digest: what the text alone costs.
      const z = await timed(() => readWith(reader, withDigests, (row) => withoutDigest(row, context)));
      if (i < WARMUP) continue;
      a.push(x);
      b.push(y);
      c.push(z);
      digested = sessions.filter((s) => (s as { sqlDigest: string | null }).sqlDigest !== null).length;
    }
    const ratio = p50(a) / p50(b);
    process.stdout.write(`  processlist read with digests: ${round(ratio)} × the read without\n`);
    const section = `processlist read with digests @ ${CONNECTIONS.toLocaleString('en-US')} MariaDB connections, ${longest === 160 ? '50 statements past the digest memo' : 'every statement in the digest memo'}`;
    return [
      {
        section,
        name: 'read with digests p50 / p95',
        value: `${round(p50(a))} / ${round(p95(a))}`,
        unit: 'ms',
        note: `${digested} sessions digested per read; ${Math.round(long / (WARMUP + SAMPLES))} rows a read returned info_long`,
      },
      {
        section,
        name: 'the same read without p50 / p95',
        value: `${round(p50(b))} / ${round(p95(b))}`,
        unit: 'ms',
      },
      {
        section,
        name: 'the read with info_long but no digest, p50 / p95',
        value: `${round(p50(c))} / ${round(p95(c))}`,
        unit: 'ms',
        note: `the whole texts alone: ${round(p50(c) / p50(b))} × the read without; the digests on top: ${round(p50(a) - p50(c))} ms a read`,
      },
      {
        section,
        name: 'read with digests p50 / read without p50',
        value: round(ratio),
        unit: '×',
        target: { max: 1.15, text: '≤ 1.15' },
        note: `alternated read by read on one connection; ${longest === 160 ? 'the 50 statements over 2,048 characters are digested on every read, the rest once (the digest memo)' : 'every statement under 2,048 characters: each digested once (the digest memo)'}`,
      },
    ];
  } finally {
    for (const connection of running)
      await admin.query('KILL ?', [String(connection.threadId)]).catch(() => undefined);
    closeAll(crowd);
    reader.destroy();
  }
};

const waitForRunning = async (admin: Connection, user: string, count: number) => {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const [[row]] = await admin.query<RowDataPacket[]>(
      "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER = ? AND COMMAND = 'Query'",
      [user],
    );
    if (Number(row?.n) >= count) return;
    if (Date.now() > deadline) throw new Error(`only ${row?.n} of ${count} statements started`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};
