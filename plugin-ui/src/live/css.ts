/** Live refresh: the control, the marks of changed and long-running rows, stale rows. */
export const LIVE_CSS = `
.tsp-root .tsp-live { display: inline-flex; align-items: center; gap: 8px; }
.tsp-root .tsp-live-interval { display: inline-flex; align-items: center; gap: 4px; color: var(--_muted); }
.tsp-root .tsp-live-state { display: inline-grid; align-items: center; justify-items: start; white-space: nowrap; }
.tsp-root .tsp-live-state > *, .tsp-root .tsp-live-state::after { grid-area: 1 / 1; display: inline-flex; align-items: center; gap: 6px; }
.tsp-root .tsp-live-state::after { content: attr(data-sizer); visibility: hidden; padding-right: 28px; }
.tsp-root .tsp-live-on { color: var(--_success); }
.tsp-root .tsp-live-paused { color: var(--_warning); }
.tsp-root .tsp-btn-small { padding: 0 8px; height: 24px; }
.tsp-root .tsp-live-changed > td { background-color: #fff7d6; transition: background-color 0s; }
.tsp-root tr:not(.tsp-live-changed) > td { transition: background-color 1.2s ease-out; }
.tsp-root .tsp-long { display: inline-block; margin-right: 6px; font-size: 10px; }
.tsp-root .tsp-long-warn { color: var(--_warning); }
.tsp-root .tsp-long-warn::before { content: '●'; }
.tsp-root .tsp-long-alert { color: var(--_danger); }
.tsp-root .tsp-long-alert::before { content: '▲'; }
.tsp-root .tsp-row-long-alert > td:first-child { box-shadow: inset 3px 0 0 var(--_danger); }
.tsp-root .tsp-row-long-warn > td:first-child { box-shadow: inset 3px 0 0 var(--_warning); }
.tsp-root .tsp-live-stale .tsp-table tbody { opacity: 0.6; }
`;
