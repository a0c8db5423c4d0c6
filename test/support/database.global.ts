import mysql from 'mysql2/promise';
import type { TestProject } from 'vitest/node';
import { answers, findMariadbBinaries, startThrowawayMariadb } from './mariadbd';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A URL of an account that may create users and databases (root on a test server). */
    mysqlUrl: string;
  }
}

const DEFAULT_URL = 'mysql://root@127.0.0.1:3306';

/**
 * Room for the tests' connections: the close-by-filter tests hold 150 victims while other files
 * run beside them, past a default server's 151. Raised for the run (where the account may),
 * put back afterwards if it was raised here.
 */
const CONNECTIONS_NEEDED = 800;
async function roomForConnections(url: string): Promise<() => Promise<void>> {
  const admin = await mysql.createConnection({ uri: url });
  try {
    const [rows] = await admin.query<mysql.RowDataPacket[]>('SELECT @@GLOBAL.max_connections AS n');
    const was = Number(rows[0]?.n);
    if (!(was < CONNECTIONS_NEEDED)) return async () => undefined;
    await admin.query('SET GLOBAL max_connections = ?', [CONNECTIONS_NEEDED]);
    return async () => {
      const back = await mysql.createConnection({ uri: url });
      await back.query('SET GLOBAL max_connections = ?', [was]).finally(() => back.end());
    };
  } catch (error) {
    process.stdout.write(
      `server tests: could not raise max_connections to ${CONNECTIONS_NEEDED} (${(error as Error).message}); tests that hold many connections may fail\n`,
    );
    return async () => undefined;
  } finally {
    await admin.end();
  }
}

/**
 * The server tests need a MySQL-compatible server: the one at MYSQL_URL when it answers, else a
 * throwaway mariadbd from the system's binary (stopped after the run); with neither, fail at once.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const wanted = process.env.MYSQL_URL || DEFAULT_URL;
  if (await answers(wanted)) {
    project.provide('mysqlUrl', wanted);
    return roomForConnections(wanted);
  }
  if (!findMariadbBinaries())
    throw new Error(
      `No database for the server tests: nothing answers at ${wanted} and no mariadbd binary is installed. ` +
        'Install mariadb-server (apt-get install mariadb-server) or set MYSQL_URL to a server where the account may create users.',
    );
  const server = await startThrowawayMariadb();
  process.stdout.write(
    `server tests: nothing answers at ${wanted}; started a throwaway mariadbd at ${server.url}\n`,
  );
  project.provide('mysqlUrl', server.url);
  const putBack = await roomForConnections(server.url);
  return async () => {
    await putBack();
    await server.stop();
  };
}
