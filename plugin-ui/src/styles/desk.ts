/**
 * The column layout, the column menu and the session details panel (README, "Columns and
 * details"). Spliced into the parcel's one stylesheet (css.ts), under `.tsp-root` like the rest.
 * The columns' widths are set on their headers (table/layout.ts): the table is laid out fixed,
 * titles may wrap to two lines, values are cut with an ellipsis (whole in the details).
 */
export const DESK_CSS = `
.tsp-root .tsp-table { table-layout: fixed; min-width: 940px; }
.tsp-root .tsp-table th { white-space: normal; padding: 2px 6px; line-height: 1.3; }
.tsp-root .tsp-table td { padding: 4px 6px; overflow: hidden; text-overflow: ellipsis; }
.tsp-root .tsp-table td.tsp-col-actions { overflow: visible; }
.tsp-root .tsp-th { flex-wrap: wrap; row-gap: 2px; }
.tsp-root .tsp-sort { text-align: left; }
.tsp-root th.tsp-num .tsp-sort { text-align: right; }
.tsp-root .tsp-col-sql, .tsp-root .tsp-sql { max-width: none; }
.tsp-root .tsp-sql-preview { min-width: 0; white-space: nowrap; }
.tsp-root .tsp-actions { flex-wrap: wrap; row-gap: 2px; }
.tsp-root .tsp-table tbody tr[tabindex] { cursor: pointer; }
.tsp-root .tsp-table tbody tr[tabindex]:focus-visible { outline: 2px solid var(--_accent); outline-offset: -2px; }
.tsp-root .tsp-table tbody tr.is-open td { background: var(--_hover); }

.tsp-root .tsp-colmenu { display: inline-flex; margin-left: auto; }
.tsp-root th.tsp-col-actions .tsp-th { display: flex; }
.tsp-root .tsp-colmenu-btn { font-size: 14px; color: var(--_muted); }
.tsp-root .tsp-colmenu-icon::before { content: "\\2699"; }
.tsp-root .tsp-colmenu-box { position: fixed; z-index: 920; min-width: 240px; overflow-y: auto; padding: 6px 0 10px; background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); box-shadow: var(--_shadow); font-weight: 400; white-space: nowrap; }
.tsp-root .tsp-colmenu-list { list-style: none; margin: 0 0 8px; padding: 0; }
.tsp-root .tsp-colmenu-list li { display: flex; align-items: center; justify-content: space-between; gap: 12px; padding: 2px 12px; }
.tsp-root .tsp-colmenu-move { display: inline-flex; gap: 2px; }
.tsp-root .tsp-colmenu-reset { margin: 0 12px; }

.tsp-root .tsp-toast { z-index: 960; }
.tsp-root .tsp-details { position: fixed; top: 0; right: 0; bottom: 0; z-index: 950; width: min(460px, 100vw); display: flex; flex-direction: column; background: var(--_bg); border-left: 1px solid var(--_border); box-shadow: var(--_shadow); }
.tsp-root .tsp-details-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 14px 16px 8px; border-bottom: 1px solid var(--_border); }
.tsp-root .tsp-details-head h2 { margin: 0; font-size: 15px; font-weight: 600; }
.tsp-root .tsp-details-body { flex: 1; overflow: auto; padding: 10px 16px 16px; }
.tsp-root .tsp-details-actions { display: flex; align-items: center; gap: 12px; padding: 10px 16px 14px; border-top: 1px solid var(--_border); }
.tsp-root .tsp-details .tsp-facts { grid-template-columns: max-content minmax(0, 1fr) max-content; align-items: start; margin: 0; }
.tsp-root .tsp-details .tsp-facts dd { overflow-wrap: anywhere; }
.tsp-root .tsp-details .tsp-facts dd.tsp-fact-copy { display: flex; align-items: center; gap: 4px; }
.tsp-root .tsp-details .tsp-copy-note { margin: 0; font-size: 11px; }
.tsp-root .tsp-details h3 { margin: 14px 0 6px; font-size: 13px; font-weight: 600; }
.tsp-root .tsp-details .tsp-sql-full { max-height: 40vh; }
`;
