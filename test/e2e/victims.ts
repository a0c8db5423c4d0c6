import { randomBytes } from 'node:crypto';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import {
  type Account,
  createAccount,
  createDatabase,
  type Database,
  openVictim,
  type Victim,
  waitFor,
  waitUntilRunning,
} from '../support/db';

/** A running victim: its statement's end (the error it fails with, or null) travels with it. */
export type Running = Victim & { ended: Promise<(Error & { errno?: number }) | null> };

/**
 * The accounts, database and victim connections of one browser run. Every account name carries
 * the run's tag, so a User search for the tag shows this run's sessions and nobody else's.
 */
export const createVictims = async (url: string, admin: Connection) => {
  const tag = `e2e${randomBytes(2).toString('hex')}`;
  const opened: Victim[] = [];
  const accounts: Account[] = [];
  const database: Database = await createDatabase(admin, `${tag}_orders`);
  const account = async (name: string, grants: string[] = [`SELECT ON \`${database.name}\`.*`]) => {
    const created = await createAccount(admin, `${tag}_${name}`, grants);
    accounts.push(created);
    return created;
  };

  /** A connection of `who` in the run's database that just connects. */
  const idle = async (who: Account): Promise<Victim> => {
    const victim = await openVictim(url, who, database.name);
    opened.push(victim);
    return victim;
  };

  /** A connection of `who` running `SELECT 1 FROM DUAL WHERE SLEEP(30)`, seen running by the server. */
  const running = async (who: Account): Promise<Running> => {
    const victim = await idle(who);
    const ended = victim.busy();
    await waitUntilRunning(admin, victim.id);
    return { ...victim, ended };
  };

  /** Resolves when the server no longer lists session `id`. */
  const gone = (id: string) =>
    waitFor(async () => {
      const [rows] = await admin.query<RowDataPacket[]>(
        'SELECT 1 FROM information_schema.PROCESSLIST WHERE ID = ?',
        [id],
      );
      return rows.length === 0;
    }, `session ${id} to leave the server's processlist`);

  return {
    tag,
    database,
    account,
    idle,
    running,
    gone,
    /** Closes every victim connection still open. */
    closeAll: async () => {
      for (const victim of opened.splice(0)) await victim.close();
    },
    drop: async () => {
      for (const victim of opened.splice(0)) await victim.close();
      for (const created of accounts.splice(0)) await created.drop();
      await database.drop();
    },
  };
};
export type Victims = Awaited<ReturnType<typeof createVictims>>;

/** The statement's end within `ms`, or a clear failure if it is still running. */
export const endOf = async (victim: Running, ms = 10_000) => {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`session ${victim.id}: its statement still runs after ${ms} ms`)),
      ms,
    );
  });
  try {
    return await Promise.race([victim.ended, late]);
  } finally {
    clearTimeout(timer);
  }
};
