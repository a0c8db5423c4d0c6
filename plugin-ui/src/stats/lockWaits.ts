import type { LocksAvailability, SessionStats } from '@tenant-sessions/contracts';
import type { Translate } from '../i18n/messages';
import { locksOf } from '../locks/LocksContext';

/** Whether the statistics' lock waits (`waiting`, `topBlockers`) are a reading at all (as the list's). */
export const statsLocks = (stats: Pick<SessionStats, 'locks'>): LocksAvailability => locksOf(stats.locks);

/** Why the lock waits are not available, in the operator's words. */
export const locksOffWhy = (locks: LocksAvailability, t: Translate): string =>
  t('stats.locksOffWhy', { reason: locks.reason ?? t('stats.locksOffDefault') });
