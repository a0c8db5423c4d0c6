import { type Session, sessionDigest } from '@tenant-sessions/contracts';
import type { Connection as CoreConnection } from 'mysql2';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import type { ProcessRow, RowContext, Statement } from '../../plugin-server/src/dialects/dialect';
import {
  completeDigests,
  digestPending,
  LONG_SQL_COLUMN,
  LONG_SQL_HASH_COLUMN,
  NO_BLOCKERS,
  NO_OTHER_OBSERVERS,
  processRowToSession,
  sharedText,
  sqlOfRow,
  text,
} from '../../plugin-server/src/dialects/rows';
import { type Account, closeAll, connect, openCrowd } from './database';
import { benchDialect } from './overhead';
import type { Figure } from './report';
import { p50, p95, round, timed } from './stats';

const CONNECTIONS = 1000;
const SAMPLES = 30;
const WARMUP = 5;

/**
 * The statement connection `n` runs: each its own (another column alias: another digest), a
 * third of them (133) longer than the 257 characters the read returns as the head (so the read
 * returns their hash, and their digest is taken over the whole text), the first 50 with `longest`
 * columns (160: 2,203–2,794 characters; 120: 1,603–2,074, 40 of them over 2,048, the most a
 * text-keyed memo keeps).
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
 * product's processRowToSession, then the whole texts of the long statements whose hash the
 * digest memo did not know, read and digested as readSnapshot does) against the same read
 * without them (the statement's `info_hash` column as NULL, the mapping without the digest),
 * alternated read by read, at 1,000 connections of which 300 run distinct statements. Beside
 * them, for context, the read that brought every long statement's whole text every time.
 */
export const digestOverhead = async (
  url: string,
  admin: Connection,
  crowdAccount: Account,
  longest: 160 | 120,
): Promise<Figure[]> => {
  const dialect = await benchDialect(admin);
  const withDigests = dialect.listSessions(10_000);
  const info = 'CONVERT(INFO_BINARY USING utf8mb4)';
  const hashColumn = LONG_SQL_HASH_COLUMN('INFO_BINARY');
  if (!withDigests.sql.includes(hashColumn)) throw new Error(`the list statement has no ${hashColumn}`);
  const wholeTexts = dialect.wholeTexts;
  if (!wholeTexts) throw new Error('the dialect reads no whole texts');
  const without = { ...withDigests, sql: withDigests.sql.replace(hashColumn, 'NULL AS info_hash') };
  const wholeEveryTime = { ...withDigests, sql: withDigests.sql.replace(hashColumn, LONG_SQL_COLUMN(info)) };
  const reader = await connect(url, { supportBigNumbers: true, bigNumberStrings: true, dateStrings: true });
  const crowd = await openCrowd(url, crowdAccount, CONNECTIONS);
  const running = crowd.slice(0, 300);
  const context = { address: new URL(url).host };
  const ownId = String(reader.threadId);
  const readWhole = async (ids: string[]) =>
    (await reader.query<RowDataPacket[]>(wholeTexts(ids, 10_000)))[0] as ProcessRow[];
  try {
    for (const [n, connection] of running.entries())
      connection.query(statementOf(n, longest)).catch(() => undefined);
    await waitForRunning(admin, crowdAccount.user, running.length);
    const a: number[] = [];
    const b: number[] = [];
    const c: number[] = [];
    let first = 0;
    let firstPending = 0;
    let digested = 0;
    let hashed = 0;
    let pendingAfter = 0;
    for (let i = 0; i < WARMUP + SAMPLES; i++) {
      let sessions: Session[] = [];
      let pending: Session[] = [];
      const withRead = () =>
        timed(async () => {
          pending = [];
          sessions = (await readWith(reader, withDigests, (row) => {
            if (row.info_hash !== null) hashed++;
            const session = processRowToSession(row, context);
            // As readSnapshot: the reading connection's own statement over its preview.
            if (digestPending(row)) {
              if (session.id === ownId) session.sqlDigest = sessionDigest(session.sqlPreview);
              else pending.push(session);
            }
            return session;
          })) as Session[];
          if (pending.length > 0) await completeDigests(pending, readWhole);
        });
      const withoutRead = () => timed(() => readWith(reader, without, (row) => withoutDigest(row, context)));
      // Every long statement's whole text on every read, mapped without the digest: for context.
      const wholeRead = () =>
        timed(() => readWith(reader, wholeEveryTime, (row) => withoutDigest(row, context)));
      // Every other round the other way round: none of the three always runs first.
      let x = 0;
      let y = 0;
      let z = 0;
      if (i % 2 === 0) {
        x = await withRead();
        y = await withoutRead();
        z = await wholeRead();
      } else {
        z = await wholeRead();
        y = await withoutRead();
        x = await withRead();
      }

      if (i === 0) {
        first = x;
        firstPending = pending.length;
      }
      if (i < WARMUP) continue;
      pendingAfter += pending.length;
      a.push(x);
      b.push(y);
      c.push(z);
      digested = sessions.filter((s) => s.sqlDigest !== null).length;
    }
    const ratio = p50(a) / p50(b);
    process.stdout.write(`  processlist read with digests: ${round(ratio)} × the read without\n`);
    const section = `processlist read with digests @ ${CONNECTIONS.toLocaleString('en-US')} MariaDB connections, the 50 longest statements of ${longest} columns`;
    return [
      {
        section,
        name: 'read with digests p50 / p95',
        value: `${round(p50(a))} / ${round(p95(a))}`,
        unit: 'ms',
        note: `${digested} sessions digested per read; ${Math.round(hashed / (WARMUP + SAMPLES))} rows a read returned a hash; whole texts read after the measured reads: ${pendingAfter}; the first read (${firstPending} whole texts read after it, the memo empty of them): ${round(first)} ms`,
      },
      {
        section,
        name: 'the same read without p50 / p95',
        value: `${round(p50(b))} / ${round(p95(b))}`,
        unit: 'ms',
      },
      {
        section,
        name: 'the read with every long statement whole, no digest, p50 / p95',
        value: `${round(p50(c))} / ${round(p95(c))}`,
        unit: 'ms',
        note: `how the list read before the hash: ${round(p50(c) / p50(b))} × the read without`,
      },
      {
        section,
        name: 'read with digests p50 / read without p50',
        value: round(ratio),
        unit: '×',
        target: { max: 1.15, text: '≤ 1.15' },
        note: 'alternated read by read on one connection, the order turned every round; each long statement read whole once (its digest then found by its hash), the short ones digested once (the text memo)',
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
