import { useEffect, useState } from 'react';
import { copyText } from '../dialogs/copyText';
import { useT } from '../i18n/useT';

const SHOWN_MS = 2000;

/** Copy for one value of the details, named for its field; "Copied" (or why not) for two seconds. */
export function FieldCopy({ text, field }: { text: string; field: string }) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <>
      <button
        type="button"
        className="tsp-link"
        aria-label={t('details.copyOf', { field })}
        onClick={async () => setState((await copyText(text)) ? 'copied' : 'failed')}
      >
        {t('copy.copy')}
      </button>
      <span className="tsp-copy-note" role="status">
        {state === 'copied' ? t('copy.copied') : state === 'failed' ? t('copy.failed') : ''}
      </span>
    </>
  );
}
