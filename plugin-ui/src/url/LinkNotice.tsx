import { useT } from '../i18n/useT';
import { Notice } from '../status/Notice';

/** Says which parameters of the link were ignored (unknown, or refused by the contract's rules). */
export function LinkNotice({ ignored, onDismiss }: { ignored: string[]; onDismiss: () => void }) {
  const t = useT();
  if (ignored.length === 0) return null;
  return (
    <Notice tone="info" onDismiss={onDismiss}>
      {t('link.ignored', { params: ignored.join(', ') })}
    </Notice>
  );
}
