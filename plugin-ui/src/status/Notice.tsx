import type { ReactNode } from 'react';
import type { Tone } from '../actions/outcomes';
import { useT } from '../i18n/useT';

type Props = { tone: Tone; children: ReactNode; onDismiss?: () => void; toast?: boolean };

/** A line of news above the table (a limitation, a refusal), or a toast (the outcome of a close). */
export function Notice({ tone, children, onDismiss, toast }: Props) {
  const t = useT();
  return (
    <div
      className={`tsp-notice tsp-notice-${tone}${toast ? ' tsp-toast' : ''}`}
      role={tone === 'error' ? 'alert' : 'status'}
    >
      <span className="tsp-notice-text">{children}</span>
      {onDismiss && (
        <button
          type="button"
          className="tsp-icon-btn"
          aria-label={t('notice.dismiss')}
          onClick={onDismiss}
          // biome-ignore lint/a11y/noAutofocus: the outcome of a close takes the focus the closed row held
          autoFocus={toast}
        >
          ×
        </button>
      )}
    </div>
  );
}
