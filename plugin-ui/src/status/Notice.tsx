import type { ReactNode } from 'react';
import type { Tone } from '../actions/outcomes';

/** A line of news above the table: an outcome, a limitation, a refusal. */
export function Notice({
  tone,
  children,
  onDismiss,
}: {
  tone: Tone;
  children: ReactNode;
  onDismiss?: () => void;
}) {
  return (
    <div className={`tsp-notice tsp-notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <span className="tsp-notice-text">{children}</span>
      {onDismiss && (
        <button type="button" className="tsp-icon-btn" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      )}
    </div>
  );
}
