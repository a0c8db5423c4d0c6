import { type KeyboardEvent, useRef } from 'react';
import { useT } from '../i18n/useT';

export type TabView = 'list' | 'stats';
const VIEWS: TabView[] = ['list', 'stats'];
const LABEL = { list: 'stats.view.list', stats: 'stats.view.stats' } as const;

/** Tenant Session / Session Statistics: the card's two views, as tabs (arrow keys move between them). */
export function ViewTabs({
  view,
  onChange,
  panelId,
}: {
  view: TabView;
  onChange: (view: TabView) => void;
  panelId: string;
}) {
  const t = useT();
  const buttons = useRef<Record<TabView, HTMLButtonElement | null>>({ list: null, stats: null });
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next = VIEWS[(VIEWS.indexOf(view) + 1) % VIEWS.length] as TabView;
    onChange(next);
    buttons.current[next]?.focus();
  };
  return (
    <div className="tsp-views" role="tablist" aria-label={t('stats.views')}>
      {VIEWS.map((v) => (
        <button
          key={v}
          ref={(element) => {
            buttons.current[v] = element;
          }}
          type="button"
          role="tab"
          id={`${panelId}-${v}`}
          aria-selected={view === v}
          aria-controls={panelId}
          tabIndex={view === v ? 0 : -1}
          className={`tsp-view${view === v ? ' is-current' : ''}`}
          onClick={() => onChange(v)}
          onKeyDown={onKeyDown}
        >
          {t(LABEL[v])}
        </button>
      ))}
    </div>
  );
}
