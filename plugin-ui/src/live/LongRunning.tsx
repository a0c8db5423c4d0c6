import type { Session } from '@tenant-sessions/contracts';
import { useT } from '../i18n/useT';
import { useLiveSettings } from './settings';

export type LongLevel = 'warn' | 'alert' | null;

/** How long an ACTIVE session has run, against the host's two thresholds. */
export const longLevelOf = (session: Session, warnSeconds: number, alertSeconds: number): LongLevel =>
  session.status !== 'ACTIVE'
    ? null
    : session.timeSeconds >= alertSeconds
      ? 'alert'
      : session.timeSeconds >= warnSeconds
        ? 'warn'
        : null;

/** The mark of a long-running ACTIVE session: a shape and a name, not only a colour. */
export function LongRunning({ session }: { session: Session }) {
  const t = useT();
  const { warnSeconds, alertSeconds } = useLiveSettings();
  const level = longLevelOf(session, warnSeconds, alertSeconds);
  if (!level) return null;
  const label =
    level === 'alert'
      ? t('live.long.alert', { seconds: alertSeconds })
      : t('live.long.warn', { seconds: warnSeconds });
  return (
    // The shape (● or ▲) is drawn by the style sheet, so the cell's text stays the number.
    <span className={`tsp-long tsp-long-${level}`} role="img" aria-label={label} title={label} />
  );
}
