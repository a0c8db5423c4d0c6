/** Sessions and locks in the tab: the lock columns, the Blockers filter, the chain (README, "Sessions and locks"). */
export const locksEn = {
  'column.transactionSeconds': 'Transaction (s)',
  'column.blockedBy': 'Blocked by',
  'column.blocking': 'Blocking',

  'locks.notAvailable': 'not available',
  'locks.notAvailableWhy': 'Locks and transactions not available: {reason}',
  'locks.notAvailableDefault': 'they could not be read',
  'locks.inTransaction': 'in transaction {seconds} s',
  'locks.inTransactionTitle': 'Sleeping with an open transaction for {seconds} s: its row locks are held',
  'locks.showBlocker': 'Show session {id}, which holds a lock this one waits for',
  'locks.blockingCount': '{count, number} sessions wait on session {id}',

  'locks.filter': 'Blockers',
  'locks.filterTitle': 'Only sessions that block others, most blocking first',
  'locks.filterOff': 'Blockers: not available ({reason})',

  'locks.chain': 'Chain',
  'locks.chainOf': 'Show the lock chain of session {id}',
  'locks.chainRegion': 'Lock chain of session {id}',
  'locks.chainTitle': 'Who waits on session {id}',
  'locks.chainClose': 'Hide the lock chain',
  'locks.chainReading': 'Reading the waiting sessions…',
  'locks.chainNone': 'No session waits on session {id} any more.',
  'locks.chainCycle': '(cycle: a deadlock the server has not broken yet)',
  'locks.chainPartial':
    'Only the first {count, number} sessions of the tenant were read: the chain may go on beyond them.',
  'locks.chainMore': '{count, number} more paths not shown.',
  'locks.chainFailed': 'The waiting sessions could not be read: {why}',

  'locks.releaseSession':
    'Sessions waiting on its locks: {count, number}. Closing it should release them; its open transaction is rolled back.',
  'locks.releaseQuery':
    'Sessions waiting on its locks: {count, number}. Stopping the query does not end its transaction, so they stay blocked: close the session to release them.',
} as const;
