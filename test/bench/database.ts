import type { Connection, RowDataPacket } from 'mysql2/promise';
import { type Account, connect, createAccount } from '../support/db';
import {
  answers,
  findMariadbBinaries,
  startThrowawayMariadb,
  type ThrowawayServer,
} from '../support/mariadbd';
import { inBatches } from './stats';

const DEFAULT_URL = 'mysql://root@127.0.0.1:3306';

/** The database of `npm test`: MYSQL_URL when it answers, else a throwaway mariadbd (stopped after). */
export const provision = async (): Promise<{ url: string; throwaway: ThrowawayServer | null }> => {
  const wanted = process.env.MYSQL_URL || DEFAULT_URL;
  if (await answers(wanted)) return { url: wanted, throwaway: null };
  if (!findMariadbBinaries())
    throw new Error(
      `No database for the bench: nothing answers at ${wanted} and no mariadbd binary is installed (apt-get install mariadb-server, or set MYSQL_URL)`,
    );
  const throwaway = await startThrowawayMariadb();
  return { url: throwaway.url, throwaway };
};

/** Global variables changed for the run, put back by `restore`. */
export const globals = async (admin: Connection) => {
  const [[row]] = await admin.query<RowDataPacket[]>(
    'SELECT @@GLOBAL.max_connections AS max_connections, @@GLOBAL.userstat AS userstat',
  );
  const was = { maxConnections: Number(row?.max_connections), userstat: Number(row?.userstat) };
  return {
    was,
    raiseConnections: async (atLeast: number) => {
      if (atLeast > was.maxConnections) await admin.query('SET GLOBAL max_connections = ?', [atLeast]);
    },
    countStatements: () => admin.query('SET GLOBAL userstat = 1'),
    restore: async () => {
      await admin.query('SET GLOBAL max_connections = ?', [was.maxConnections]);
      await admin.query('SET GLOBAL userstat = ?', [was.userstat]);
    },
  };
};

/** SELECTs the server counted for `account` (USER_STATISTICS; final once its connections ended). */
export const selectsOf = async (admin: Connection, account: Account): Promise<number> => {
  const [rows] = await admin.query<RowDataPacket[]>(
    'SELECT SELECT_COMMANDS AS n FROM information_schema.USER_STATISTICS WHERE USER = ?',
    [account.user],
  );
  return Number(rows[0]?.n ?? 0);
};

/** Ends every connection of `account` (its statement counters become final). */
export const endConnectionsOf = async (admin: Connection, account: Account): Promise<void> => {
  const [rows] = await admin.query<RowDataPacket[]>(
    'SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?',
    [account.user],
  );
  for (const row of rows) await admin.query('KILL ?', [String(row.ID)]).catch(() => undefined);
};

/** `count` idle client connections of `account`, opened `width` at a time. */
export const openCrowd = async (
  url: string,
  account: Account,
  count: number,
  width = 50,
): Promise<Connection[]> =>
  inBatches(
    Array.from({ length: count }, (_, i) => i),
    width,
    async () => {
      const connection = await connect(url, { user: account.user, password: account.password });
      connection.on('error', () => undefined);
      return connection;
    },
  );

export const closeAll = (connections: Connection[]) => {
  for (const connection of connections) connection.destroy();
};

export { type Account, connect, createAccount };
