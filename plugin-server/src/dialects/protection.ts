import type { Session } from '@tenant-sessions/contracts';

/**
 * System, background and replication threads of MySQL and MariaDB: never killed from here.
 * Matching is on the user and command the server reports, which clients cannot choose.
 */
export const systemThreadReason = ({ user, command, state }: Session): string | null => {
  if (user === 'system user')
    return 'a system thread of the server (replication, Galera or a background task)';
  if (user === 'event_scheduler') return 'the event scheduler';
  if (command === 'Daemon') return 'a background thread of the server (Daemon)';
  if (command === 'Binlog Dump' || command === 'Binlog Dump GTID')
    return `a replication thread serving a replica (${command})`;
  if (command.startsWith('Slave_') || command.startsWith('Replica_'))
    return `a replication thread (${command})`;
  if (/^wsrep/i.test(state ?? '') || /^wsrep/i.test(user)) return 'a Galera replication thread';
  return null;
};
