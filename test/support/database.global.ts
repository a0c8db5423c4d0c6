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
 * The server tests need a MySQL-compatible server: the one at MYSQL_URL when it answers, else a
 * throwaway mariadbd from the system's binary (stopped after the run); with neither, fail at once.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const wanted = process.env.MYSQL_URL || DEFAULT_URL;
  if (await answers(wanted)) {
    project.provide('mysqlUrl', wanted);
    return async () => undefined;
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
  return () => server.stop();
}
