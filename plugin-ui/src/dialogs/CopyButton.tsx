import { useEffect, useState } from 'react';
import { useT } from '../i18n/useT';
import { copyText } from './copyText';

const SHOWN_MS = 2000;

/** "Copy", then "Copied" (or why not) for two seconds; the timer goes with the button. */
export function CopyButton({ text }: { text: string | null }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const t = useT();

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [state]);

  return (
    <>
      <span className="tsp-copy-note" role="status">
        {state === 'copied' ? t('copy.copied') : state === 'failed' ? t('copy.failed') : ''}
      </span>
      <button
        type="button"
        className="tsp-btn"
        disabled={text === null}
        data-autofocus
        onClick={async () => setState(text !== null && (await copyText(text)) ? 'copied' : 'failed')}
      >
        {t('copy.copy')}
      </button>
    </>
  );
}
