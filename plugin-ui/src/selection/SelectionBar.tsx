import type { KillKind, ListInput, SessionPage } from '@tenant-sessions/contracts';
import { useState } from 'react';
import { useT } from '../i18n/useT';
import type { BulkClose } from './useBulkClose';
import { PREVIEW_MAX } from './useBulkClose';
import type { Selection } from './useSelection';

/**
 * Above the table: "Close all matching…" (kill right only), and once sessions are selected
 * "Selected {n} · Clear", how many left, "Select all {matched} matching" when the filters match
 * more than the page shows, and the bulk Close Session / Close Current Query.
 */
export function SelectionBar(props: {
  page: SessionPage | undefined;
  input: ListInput;
  selection: Selection;
  bulk: BulkClose;
  canKill: boolean;
}) {
  const { page, input, selection, bulk, canKill } = props;
  const t = useT();
  const [selecting, setSelecting] = useState(false);
  if (!canKill || !page) return null;
  const shown = page.rows.length;
  const more = page.total > shown;
  const ask = (kind: KillKind) => bulk.askSelection(kind, selection.sessions(), selection.dropped);
  const selectMatching = async () => {
    setSelecting(true);
    try {
      selection.add((await bulk.preview(input)).sessions);
    } finally {
      setSelecting(false);
    }
  };
  return (
    <div className="tsp-selection-bar" role="toolbar" aria-label={t('bulk.bar')}>
      {selection.count > 0 && (
        <>
          <span role="status">
            {t('bulk.selected', { count: selection.count })} ·{' '}
            <button type="button" className="tsp-link" onClick={selection.clear}>
              {t('bulk.clear')}
            </button>
          </span>
          <button type="button" className="tsp-btn" onClick={() => ask('session')}>
            {t('bulk.closeSessions')}
          </button>
          <button type="button" className="tsp-btn" onClick={() => ask('query')}>
            {t('bulk.closeQueries')}
          </button>
        </>
      )}
      {selection.dropped > 0 && (
        <span className="tsp-dim">{t('bulk.dropped', { count: selection.dropped })}</span>
      )}
      {more && (
        <button type="button" className="tsp-link" onClick={selectMatching} disabled={selecting}>
          {page.total > PREVIEW_MAX
            ? t('bulk.selectMatchingCapped', { count: page.total, limit: PREVIEW_MAX })
            : t('bulk.selectMatching', { count: page.total })}
        </button>
      )}
      <button
        type="button"
        className="tsp-btn tsp-btn-quiet tsp-close-matching"
        onClick={() => bulk.askFilter('session', input)}
        disabled={bulk.previewing || page.total === 0}
      >
        {bulk.previewing ? t('bulk.previewing') : t('bulk.closeMatching')}
      </button>
    </div>
  );
}
