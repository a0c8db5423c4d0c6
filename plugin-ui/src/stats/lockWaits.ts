import type { LocksAvailability, SessionStats } from '@tenant-sessions/contracts';
import type { Translate } from '../i18n/messages';

/** A sidecar that sends no `locks` reports the lock waits as read: they are taken as available. */
const ASSUMED: LocksAvailability = { available: true, reason: null };

/** Whether the statistics' lock waits (`waiting`, `topBlockers`) are a reading at all. */
export const statsLocks = (stats: Pick<SessionStats, 'locks'>): LocksAvailability => stats.locks ?? ASSUMED;

/** Why the lock waits are not available, in the operator's words. */
export const locksOffWhy = (locks: LocksAvailability, t: Translate): string =>
  t('stats.locksOffWhy', { reason: locks.reason ?? t('stats.locksOffDefault') });
