import type { Session } from '@tenant-sessions/contracts';
import { longLevelOf } from './LongRunning';
import { useRowMarked } from './marks';
import { useLiveSettings } from './settings';

/** A row's live classes: just changed (marked a moment, in place), long-running. */
export function useLiveRowClass(session: Session): string {
  const marked = useRowMarked(session.key);
  const { warnSeconds, alertSeconds } = useLiveSettings();
  const level = longLevelOf(session, warnSeconds, alertSeconds);
  return [marked && 'tsp-live-changed', level && `tsp-row-long-${level}`].filter(Boolean).join(' ');
}
