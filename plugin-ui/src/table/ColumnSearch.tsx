import type { Column } from '@tanstack/react-table';
import { LIMITS, type Session } from '@tenant-sessions/contracts';
import { type FocusEvent, useState } from 'react';
import type { Translate } from '../i18n/messages';
import { EXACT_SEARCHES, type Features } from './features';
import { SESSION_ID_SEARCH } from './listInput';
import { SEARCH_DEBOUNCE_MS, useDebounced } from './useDebounced';

const SearchIcon = () => (
  <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
    <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
    <path d="M10.5 10.5 14 14" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
  </svg>
);

/**
 * The search icon of a header and its box; an applied search is marked on the icon. Typing applies
 * the search once the keys rest for SEARCH_DEBOUNCE_MS (the box stays open); Enter applies it at
 * once and closes the box; Escape closes it, forgetting what was not applied yet.
 */
export function ColumnSearch({
  column,
  label,
  t,
}: {
  column: Column<Features, Session, unknown>;
  label: string;
  t: Translate;
}) {
  const applied = typeof column.getFilterValue() === 'string' ? (column.getFilterValue() as string) : '';
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(applied);
  const field = column.columnDef.meta?.search;
  const exact = field !== undefined && EXACT_SEARCHES.includes(field);
  // A session id search takes digits only: other text is said to be wrong and not applied.
  const digitsOnly = field === 'sessionId';
  const wrong = digitsOnly && draft.trim() !== '' && !SESSION_ID_SEARCH.test(draft.trim());

  const set = (text: string) => {
    const next = text.trim();
    if (digitsOnly && next && !SESSION_ID_SEARCH.test(next)) return;
    if (next !== applied) column.setFilterValue(next || undefined);
  };
  const typed = useDebounced(set, SEARCH_DEBOUNCE_MS);
  const apply = (text: string) => {
    typed.cancel();
    set(text);
    setOpen(false);
  };
  const onBlur = (event: FocusEvent) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: closes the box when focus leaves it
    <span className="tsp-search" onBlur={onBlur}>
      <button
        type="button"
        className={`tsp-search-btn${applied ? ' is-applied' : ''}`}
        aria-label={
          applied
            ? t('search.openApplied', { column: label, value: applied })
            : t('search.open', { column: label })
        }
        aria-expanded={open}
        onClick={() => {
          setDraft(applied);
          setOpen((o) => !o);
        }}
      >
        <SearchIcon />
      </button>
      {open && (
        <form
          className="tsp-search-pop"
          onSubmit={(event) => {
            event.preventDefault();
            apply(draft);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              typed.cancel();
              setOpen(false);
            }
          }}
        >
          <input
            className="tsp-input"
            aria-label={
              exact ? t('stats.equals', { column: label }) : t('search.contains', { column: label })
            }
            placeholder={
              digitsOnly
                ? t('stats.idPlaceholder')
                : exact
                  ? t('stats.equalsPlaceholder', { column: label })
                  : t('search.placeholder', { column: label })
            }
            inputMode={digitsOnly ? 'numeric' : undefined}
            aria-invalid={wrong || undefined}
            aria-describedby={wrong ? `${column.id}-search-wrong` : undefined}
            value={draft}
            maxLength={LIMITS.maxString}
            // biome-ignore lint/a11y/noAutofocus: the box opens on the operator's click to type into it
            autoFocus
            onChange={(event) => {
              setDraft(event.target.value);
              typed.schedule(event.target.value);
            }}
          />
          {wrong && (
            <span id={`${column.id}-search-wrong`} className="tsp-search-wrong" role="alert">
              {t('stats.digitsOnly')}
            </span>
          )}
          <button type="submit" className="tsp-btn tsp-btn-primary" disabled={wrong}>
            {t('search.apply')}
          </button>
          <button
            type="button"
            className="tsp-btn tsp-btn-quiet"
            onClick={() => apply('')}
            disabled={!applied}
          >
            {t('search.clear')}
          </button>
        </form>
      )}
    </span>
  );
}
