import type { Column } from '@tanstack/react-table';
import { LIMITS, type Session } from '@tenant-sessions/contracts';
import { type FocusEvent, useState } from 'react';
import type { Translate } from '../i18n/messages';
import type { Features } from './features';
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

  const set = (text: string) => {
    const next = text.trim();
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
            aria-label={t('search.contains', { column: label })}
            placeholder={t('search.placeholder', { column: label })}
            value={draft}
            maxLength={LIMITS.maxString}
            // biome-ignore lint/a11y/noAutofocus: the box opens on the operator's click to type into it
            autoFocus
            onChange={(event) => {
              setDraft(event.target.value);
              typed.schedule(event.target.value);
            }}
          />
          <button type="submit" className="tsp-btn tsp-btn-primary">
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
