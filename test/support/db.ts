import { randomBytes } from 'node:crypto';
import mysql, { type Connection } from 'mysql2/promise';

/** A connection of the test itself (an account that may create users). */
export const connect = (url: string, overrides: mysql.ConnectionOptions = {}): Promise<Connection> =>
  mysql.createConnection({ uri: url, supportBigNumbers: true, bigNumberStrings: true, ...overrides });

const suffix = () => randomBytes(4).toString('hex');

/** The host and port of a mysql:// URL. */
export const endpoint = (url: string): { host: string; port: number } => {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || 3306) };
};

export type Account = { user: string; password: string; drop: () => Promise<void> };

/**
 * A new account `ts_<name>_<random>`@'%' with `grants` (e.g. 'PROCESS ON *.*', 'SELECT ON db.*');
 * `drop` removes it after killing whatever it still has open.
 */
export const createAccount = async (
  admin: Connection,
  name: string,
  grants: string[] = [],
): Promise<Account> => {
  const user = `ts_${name}_${suffix()}`.slice(0, 32);
  const password = `pw-${suffix()}`;
  await admin.query('CREATE USER ?@? IDENTIFIED BY ?', [user, '%', password]);
  for (const grant of grants) await admin.query(`GRANT ${grant} TO ?@?`, [user, '%']);
  return {
    user,
    password,
    drop: async () => {
      const [rows] = await admin.query<mysql.RowDataPacket[]>(
        'SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?',
        [user],
      );
      for (const row of rows) await admin.query('KILL ?', [String(row.ID)]).catch(() => undefined);
      await admin.query('DROP USER IF EXISTS ?@?', [user, '%']);
    },
  };
};

export type Database = { name: string; drop: () => Promise<void> };

export const createDatabase = async (admin: Connection, name: string): Promise<Database> => {
  const database = `ts_${name}_${suffix()}`;
  await admin.query(`CREATE DATABASE \`${database}\``);
  return {
    name: database,
    drop: async () => void (await admin.query(`DROP DATABASE IF EXISTS \`${database}\``)),
  };
};

/** A client connection whose session the tests list and kill. */
export type Victim = {
  connection: Connection;
  /** Its processlist ID as a decimal string. */
  id: string;
  /** Its source as the server shows it: 127.0.0.1:<local port>. */
  localPort: number;
  /** Starts `SELECT 1 FROM DUAL WHERE SLEEP(30)` (or `sql`); resolves to the error it ends with, or null. */
  busy: (sql?: string) => Promise<(Error & { errno?: number }) | null>;
  /** True when the connection still answers SELECT 1. */
  alive: () => Promise<boolean>;
  close: () => Promise<void>;
};

export const SLEEPING_SQL = 'SELECT 1 FROM DUAL WHERE SLEEP(30)';

export const openVictim = async (
  url: string,
  account?: { user: string; password: string },
  database?: string,
): Promise<Victim> => {
  const connection = await connect(url, {
    ...(account ? { user: account.user, password: account.password } : {}),
    ...(database ? { database } : {}),
  });
  connection.on('error', () => undefined);
  const socket = (connection as unknown as { connection: { stream: { localPort: number } } }).connection
    .stream;
  return {
    connection,
    id: String(connection.threadId),
    localPort: socket.localPort,
    busy: (sql = SLEEPING_SQL) =>
      connection.query(sql).then(
        () => null,
        (error: Error & { errno?: number }) => error,
      ),
    alive: () =>
      Promise.race([
        connection.query('SELECT 1').then(
          () => true,
          () => false,
        ),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000)),
      ]),
    close: async () => {
      connection.destroy();
    },
  };
};

/** Polls `check` until it answers a truthy value, or fails after `timeoutMs`. */
export const waitFor = async <T>(
  check: () => Promise<T>,
  what: string,
  timeoutMs = 5000,
): Promise<NonNullable<T>> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

/** Waits until the server shows session `id` running a statement (its command is Query). */
export const waitUntilRunning = (admin: Connection, id: string): Promise<true> =>
  waitFor(async () => {
    const [rows] = await admin.query<mysql.RowDataPacket[]>(
      "SELECT 1 FROM information_schema.PROCESSLIST WHERE ID = ? AND COMMAND = 'Query' AND STATE = 'User sleep'",
      [id],
    );
    return rows.length > 0 ? (true as const) : null;
  }, `session ${id} to be running its statement`);
