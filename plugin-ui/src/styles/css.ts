import { LIVE_CSS } from '../live/css';
import { LOCKS_CSS } from '../locks/styles';
import { DESK_CSS } from './desk';

/**
 * The parcel's only stylesheet. Every rule sits under `.tsp-root`; the look is themable by the
 * host through the `--tsp-*` custom properties (README, "Theming"), each with a default here.
 */
export const CSS = `
.tsp-root {
  --_font: var(--tsp-font, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", sans-serif);
  --_mono: var(--tsp-font-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace);
  --_size: var(--tsp-font-size, 13px);
  --_fg: var(--tsp-fg, #1f2329);
  --_muted: var(--tsp-muted, #646a73);
  --_bg: var(--tsp-bg, #ffffff);
  --_subtle: var(--tsp-bg-subtle, #f5f6f7);
  --_hover: var(--tsp-row-hover, #f2f6ff);
  --_border: var(--tsp-border, #dee0e3);
  --_accent: var(--tsp-accent, #1664ff);
  --_on-accent: var(--tsp-on-accent, #ffffff);
  --_danger: var(--tsp-danger, #d83931);
  --_success: var(--tsp-success, #2ea121);
  --_warning: var(--tsp-warning, #de7802);
  --_radius: var(--tsp-radius, 4px);
  --_row: var(--tsp-row-height, 34px);
  --_shadow: var(--tsp-shadow, 0 6px 24px rgba(31, 35, 41, 0.16));
  font-family: var(--_font);
  font-size: var(--_size);
  line-height: 1.45;
  color: var(--_fg);
  background: var(--_bg);
  box-sizing: border-box;
}
.tsp-root *, .tsp-root *::before, .tsp-root *::after { box-sizing: inherit; }
.tsp-root button, .tsp-root input, .tsp-root select { font: inherit; color: inherit; }
.tsp-root :focus-visible { outline: 2px solid var(--_accent); outline-offset: 1px; }
.tsp-root .tsp-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.tsp-root .tsp-dim { color: var(--_muted); }
.tsp-root .tsp-mono { font-family: var(--_mono); font-size: 12px; }

.tsp-root .tsp-head { display: flex; align-items: center; gap: 16px; margin: 0 0 10px; }
.tsp-root .tsp-title { font-size: 16px; font-weight: 600; margin: 0; }
.tsp-root .tsp-tenant-name { color: var(--_muted); }
.tsp-root .tsp-picker { display: inline-flex; align-items: center; gap: 8px; color: var(--_muted); }

.tsp-root .tsp-toolbar { display: flex; align-items: center; justify-content: space-between; gap: 12px; flex-wrap: wrap; padding: 8px 0; }
.tsp-root .tsp-toolbar-left, .tsp-root .tsp-toolbar-right { display: flex; align-items: center; gap: 14px; }
.tsp-root .tsp-toolbar-right { flex-wrap: wrap; justify-content: flex-end; row-gap: 6px; }
.tsp-root .tsp-toolbar-right > * { white-space: nowrap; }
.tsp-root .tsp-count { color: var(--_muted); }
.tsp-root .tsp-count strong { color: var(--_fg); font-weight: 600; }
.tsp-root .tsp-server { color: var(--_muted); border: 1px solid var(--_border); border-radius: 10px; padding: 0 8px; font-size: 12px; }
.tsp-root .tsp-check { display: inline-flex; align-items: center; gap: 6px; cursor: pointer; }
.tsp-root .tsp-asof { color: var(--_muted); font-size: 12px; min-width: 8em; text-align: right; }

.tsp-root .tsp-btn { display: inline-flex; align-items: center; gap: 4px; height: 28px; padding: 0 12px; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_bg); cursor: pointer; }
.tsp-root .tsp-btn:hover:not(:disabled) { border-color: var(--_accent); color: var(--_accent); }
.tsp-root .tsp-btn:disabled { opacity: 0.55; cursor: default; }
.tsp-root .tsp-btn-primary { background: var(--_accent); border-color: var(--_accent); color: var(--_on-accent); }
.tsp-root .tsp-btn-primary:hover:not(:disabled) { color: var(--_on-accent); filter: brightness(1.08); }
.tsp-root .tsp-btn-danger { background: var(--_danger); border-color: var(--_danger); color: #fff; }
.tsp-root .tsp-btn-danger:hover:not(:disabled) { color: #fff; filter: brightness(1.08); }
.tsp-root .tsp-btn-quiet { background: transparent; }
.tsp-root .tsp-icon-btn { min-width: 24px; height: 24px; padding: 0 4px; border: 1px solid transparent; border-radius: var(--_radius); background: transparent; cursor: pointer; line-height: 1; }
.tsp-root .tsp-icon-btn:hover:not(:disabled) { background: var(--_subtle); border-color: var(--_border); }
.tsp-root .tsp-icon-btn:disabled { opacity: 0.4; cursor: default; }
.tsp-root .tsp-link { border: 0; padding: 0; background: none; color: var(--_accent); cursor: pointer; white-space: nowrap; }
.tsp-root .tsp-link:hover:not(:disabled) { text-decoration: underline; }
.tsp-root .tsp-link:disabled { color: var(--_muted); cursor: not-allowed; }
.tsp-root .tsp-select, .tsp-root .tsp-input { height: 28px; padding: 0 8px; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_bg); }
.tsp-root .tsp-input { width: 180px; }

.tsp-root .tsp-chips { display: flex; gap: 8px; list-style: none; margin: 0 0 8px; padding: 0; flex-wrap: wrap; }
.tsp-root .tsp-chip { display: inline-flex; align-items: center; gap: 4px; padding: 1px 4px 1px 10px; border-radius: 12px; background: #e8efff; color: var(--_accent); font-size: 12px; }
.tsp-root .tsp-chip-x { border: 0; background: none; cursor: pointer; color: inherit; padding: 0 4px; font-size: 14px; }

.tsp-root .tsp-notice { display: flex; align-items: flex-start; justify-content: space-between; gap: 8px; padding: 7px 12px; margin: 0 0 8px; border-radius: var(--_radius); border: 1px solid; }
.tsp-root .tsp-notice-info { background: #f0f4ff; border-color: #c2d4ff; }
.tsp-root .tsp-notice-success { background: #effaf0; border-color: #b7e4bc; }
.tsp-root .tsp-notice-warning { background: #fff7e8; border-color: #ffd591; }
.tsp-root .tsp-notice-error { background: #fff0f0; border-color: #ffc9c7; }
.tsp-root .tsp-notice-text { padding-top: 2px; }
.tsp-root .tsp-toast { position: fixed; right: 24px; bottom: 24px; z-index: 900; max-width: min(560px, calc(100vw - 48px)); margin: 0; box-shadow: var(--_shadow); }

.tsp-root .tsp-scroll { overflow: auto; border: 1px solid var(--_border); border-radius: var(--_radius); max-height: var(--tsp-table-max-height, none); }
.tsp-root .tsp-scroll-long { max-height: var(--tsp-table-max-height-long, 70vh); }
.tsp-root .tsp-table { width: 100%; border-collapse: separate; border-spacing: 0; }
.tsp-root .tsp-table th { position: sticky; top: 0; z-index: 1; background: var(--_subtle); text-align: left; font-weight: 600; white-space: nowrap; padding: 0 8px; height: var(--_row); border-bottom: 1px solid var(--_border); }
.tsp-root .tsp-table td { padding: 4px 8px; height: var(--_row); border-bottom: 1px solid var(--_border); vertical-align: middle; white-space: nowrap; }
.tsp-root .tsp-table tbody tr:last-child td { border-bottom: 0; }
.tsp-root .tsp-table tbody tr:hover td { background: var(--_hover); }
.tsp-root .tsp-num { text-align: right; font-variant-numeric: tabular-nums; }
.tsp-root th.tsp-num .tsp-th { justify-content: flex-end; }
.tsp-root .tsp-th { display: inline-flex; align-items: center; gap: 4px; }
.tsp-root .tsp-sort { display: inline-flex; align-items: center; gap: 4px; border: 0; padding: 0; background: none; font-weight: 600; cursor: pointer; }
.tsp-root .tsp-sort-arrow { font-size: 9px; color: var(--_muted); opacity: 0.6; }
.tsp-root .tsp-sort.is-sorted .tsp-sort-arrow { color: var(--_accent); opacity: 1; }
.tsp-root .tsp-search { position: relative; display: inline-flex; }
.tsp-root .tsp-search-btn { display: inline-flex; align-items: center; justify-content: center; width: 22px; height: 22px; border: 1px solid transparent; border-radius: var(--_radius); background: none; color: var(--_muted); cursor: pointer; }
.tsp-root .tsp-search-btn:hover { background: var(--_bg); border-color: var(--_border); }
.tsp-root .tsp-search-btn:hover { color: var(--_accent); }
.tsp-root .tsp-search-btn.is-applied { color: var(--_on-accent); background: var(--_accent); }
.tsp-root .tsp-search-pop { position: absolute; top: 26px; left: -8px; z-index: 5; display: flex; gap: 6px; padding: 8px; background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); box-shadow: var(--_shadow); font-weight: 400; }

.tsp-root .tsp-col-sql { max-width: 250px; }
.tsp-root .tsp-sql { display: flex; align-items: center; gap: 8px; max-width: 250px; }
.tsp-root .tsp-table .tsp-col-actions { position: sticky; right: 0; background: var(--_bg); box-shadow: -1px 0 0 var(--_border); }
.tsp-root .tsp-table th.tsp-col-actions { background: var(--_subtle); z-index: 2; }
.tsp-root .tsp-table tbody tr:hover td.tsp-col-actions { background: var(--_hover); }
.tsp-root .tsp-table td.tsp-col-actions:focus-within { z-index: 3; }
.tsp-root .tsp-sql-preview { overflow: hidden; text-overflow: ellipsis; font-family: var(--_mono); font-size: 12px; color: var(--_fg); }
.tsp-root .tsp-status { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12px; font-weight: 500; }
.tsp-root .tsp-status-active { background: #e4f7e6; color: #237b19; }
.tsp-root .tsp-status-sleep { background: var(--_subtle); color: var(--_muted); }
.tsp-root .tsp-status-killed { background: #ffecec; color: var(--_danger); }
.tsp-root .tsp-tag { margin-left: 6px; padding: 0 5px; border-radius: 3px; background: #fff3e0; color: #b45d00; font-size: 11px; font-family: var(--_font); }
.tsp-root .tsp-also { display: block; color: var(--_muted); font-size: 11px; }
.tsp-root .tsp-actions { display: flex; align-items: center; gap: 8px; }
.tsp-root .tsp-protected { font-size: 11px; color: var(--_warning); border: 1px solid currentColor; border-radius: 3px; padding: 0 4px; cursor: help; }
.tsp-root .tsp-menu-wrap { position: relative; display: inline-flex; }
.tsp-root .tsp-caret { margin-left: 2px; font-size: 10px; }
.tsp-root .tsp-menu { position: absolute; right: calc(100% + 4px); top: -4px; z-index: 6; min-width: 170px; padding: 4px 0; background: var(--_bg); border: 1px solid var(--_border); border-radius: var(--_radius); box-shadow: var(--_shadow); }
.tsp-root .tsp-menu-item { display: block; width: 100%; padding: 6px 12px; white-space: nowrap; border: 0; background: none; text-align: left; cursor: pointer; color: var(--_danger); }
.tsp-root .tsp-menu-item:hover, .tsp-root .tsp-menu-item:focus { background: var(--_subtle); }

.tsp-root .tsp-audit { margin-top: 14px; border-top: 1px solid var(--_border); padding-top: 8px; }
.tsp-root .tsp-audit-title { margin: 0; font-size: inherit; font-weight: 600; }
.tsp-root .tsp-audit-toggle { border: 0; padding: 4px 0; background: none; color: var(--_fg); font: inherit; cursor: pointer; }
.tsp-root .tsp-audit-toggle:focus-visible { outline: 2px solid var(--_accent); outline-offset: 2px; }
.tsp-root .tsp-audit-bar { display: flex; align-items: center; justify-content: space-between; gap: 12px; padding: 6px 0; color: var(--_muted); }
.tsp-root .tsp-audit-note { margin: 6px 0; color: var(--_muted); }
.tsp-root .tsp-audit-table { width: 100%; border-collapse: collapse; }
.tsp-root .tsp-audit-table th, .tsp-root .tsp-audit-table td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--_border); }
.tsp-root .tsp-audit-table th { background: var(--_subtle); font-weight: 500; color: var(--_muted); }
.tsp-root .tsp-audit-sql { max-width: 320px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.tsp-root .tsp-outcome { font-weight: 500; }
.tsp-root .tsp-outcome-killed { color: var(--_success); }
.tsp-root .tsp-outcome-denied, .tsp-root .tsp-outcome-error { color: var(--_danger); }
.tsp-root .tsp-outcome-changed, .tsp-root .tsp-outcome-not_found { color: var(--_warning); }
.tsp-root .tsp-pager { display: flex; align-items: center; justify-content: flex-end; gap: 16px; padding: 10px 0 0; color: var(--_muted); }
.tsp-root .tsp-pager-size { display: inline-flex; align-items: center; gap: 8px; }
.tsp-root .tsp-pager-nav { display: inline-flex; align-items: center; gap: 4px; }
.tsp-root .tsp-pager-page { padding: 0 6px; color: var(--_fg); }

.tsp-root .tsp-state { display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 8px; min-height: 160px; border: 1px dashed var(--_border); border-radius: var(--_radius); color: var(--_muted); text-align: center; padding: 24px; }
.tsp-root .tsp-state-error { border-style: solid; border-color: #ffc9c7; background: #fff8f8; color: var(--_fg); }
.tsp-root .tsp-state-error strong { color: var(--_danger); font-size: 14px; }
.tsp-root .tsp-state-detail { font-family: var(--_mono); font-size: 12px; color: var(--_muted); }
.tsp-root .tsp-error-text { color: var(--_danger); }
.tsp-root .tsp-spinner, .tsp-root .tsp-spin { display: inline-block; animation: tsp-rotate 0.9s linear infinite; }
.tsp-root .tsp-spinner { width: 16px; height: 16px; border: 2px solid var(--_border); border-top-color: var(--_accent); border-radius: 50%; }
@keyframes tsp-rotate { to { transform: rotate(360deg); } }

.tsp-root .tsp-backdrop { position: fixed; inset: 0; z-index: 1000; display: flex; align-items: center; justify-content: center; background: rgba(31, 35, 41, 0.45); }
.tsp-root .tsp-dialog { width: min(760px, calc(100vw - 48px)); max-height: calc(100vh - 64px); display: flex; flex-direction: column; background: var(--_bg); border-radius: 6px; box-shadow: var(--_shadow); }
.tsp-root .tsp-dialog-head { display: flex; align-items: center; justify-content: space-between; padding: 14px 20px 6px; }
.tsp-root .tsp-dialog-head h2 { margin: 0; font-size: 15px; font-weight: 600; }
.tsp-root .tsp-dialog-body { padding: 6px 20px 12px; overflow: auto; }
.tsp-root .tsp-dialog-meta { margin: 0 0 8px; color: var(--_muted); }
.tsp-root .tsp-dialog-foot { display: flex; justify-content: flex-end; align-items: center; gap: 8px; padding: 10px 20px 16px; }
.tsp-root .tsp-copy-note { color: var(--_success); margin-right: auto; }
.tsp-root .tsp-sql-full { margin: 0; padding: 12px; max-height: 55vh; overflow: auto; white-space: pre-wrap; word-break: break-word; font-family: var(--_mono); font-size: 12px; line-height: 1.55; background: var(--_subtle); border: 1px solid var(--_border); border-radius: var(--_radius); }
.tsp-root .tsp-facts { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 12px 0 0; }
.tsp-root .tsp-facts dt { color: var(--_muted); }
.tsp-root .tsp-facts dd { margin: 0; }
.tsp-root .tsp-sql-preview-block { margin: 0; padding: 8px; max-height: 120px; overflow: auto; white-space: pre-wrap; word-break: break-word; font-family: var(--_mono); font-size: 12px; background: var(--_subtle); border-radius: var(--_radius); }
${LOCKS_CSS}
${LIVE_CSS}
${DESK_CSS}
/* Session Statistics (plugin-ui/src/stats) and the list's new searches */
.tsp-root .tsp-views { display: flex; gap: 0; border-bottom: 1px solid var(--_border); margin: 0 0 8px; }
.tsp-root .tsp-view { border: 0; border-bottom: 2px solid transparent; background: none; padding: 6px 14px; cursor: pointer; color: var(--_muted); margin-bottom: -1px; }
.tsp-root .tsp-view.is-current { color: var(--_accent); border-bottom-color: var(--_accent); font-weight: 600; }
.tsp-root .tsp-cards { list-style: none; display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; margin: 4px 0 14px; padding: 0; }
.tsp-root .tsp-card { display: flex; flex-direction: column; gap: 4px; padding: 12px 16px; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_subtle); }
.tsp-root .tsp-card-label { color: var(--_muted); }
.tsp-root .tsp-card-value { font-size: 22px; font-weight: 600; text-align: left; }
.tsp-root .tsp-card-note { font-size: 12px; color: var(--_muted); }
.tsp-root .tsp-blockers { margin: 0 0 16px; max-width: 840px; }
.tsp-root .tsp-blockers .tsp-group-table th:first-child { width: 24%; }
.tsp-root .tsp-blockers th.tsp-num { text-align: right; }
.tsp-root .tsp-groups { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
.tsp-root .tsp-group { min-width: 0; }
.tsp-root .tsp-group-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin: 0 0 6px; }
.tsp-root .tsp-group-title { font-size: 14px; font-weight: 600; margin: 0; }
.tsp-root .tsp-group-table { table-layout: fixed; min-width: 0; }
.tsp-root .tsp-group { overflow-x: auto; }
.tsp-root .tsp-group-table th:first-child { width: 46%; }
.tsp-root .tsp-group-value { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.tsp-root .tsp-group-value .tsp-sql-preview { display: block; overflow: hidden; text-overflow: ellipsis; }
.tsp-root .tsp-group-id { display: block; font-size: 11px; overflow: hidden; text-overflow: ellipsis; }
.tsp-root .tsp-group-foot { display: flex; align-items: center; gap: 8px; justify-content: flex-end; padding: 6px 0; }
.tsp-root .tsp-group-top { margin: 4px 0 0; font-size: 12px; }
.tsp-root .tsp-search-wrong { color: var(--_danger); font-size: 12px; }
.tsp-root .tsp-chip-group { max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
/* Close many at once (selection/): the selection bar, the preview confirmation, the report. */
.tsp-root .tsp-selection-bar { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; padding: 4px 0 8px; }
.tsp-root .tsp-selection-bar .tsp-close-matching { margin-left: auto; }
.tsp-root .tsp-select { margin: 0; cursor: pointer; }
.tsp-root .tsp-select:disabled { cursor: not-allowed; }
.tsp-root .tsp-bulk-counts { display: flex; gap: 24px; flex-wrap: wrap; }
.tsp-root .tsp-bulk-counts h3 { font-size: 12px; margin: 8px 0 4px; color: var(--_muted); }
.tsp-root .tsp-bulk-counts ul { list-style: none; margin: 0; padding: 0; }
.tsp-root .tsp-bulk-list { max-height: 320px; overflow: auto; margin: 8px 0; contain: content; }
.tsp-root .tsp-bulk-sql { font-family: var(--_mono); font-size: 12px; max-width: 320px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.tsp-root .tsp-bulk-type { display: flex; gap: 8px; align-items: center; margin-top: 8px; }
.tsp-root .tsp-bulk-progress { display: flex; gap: 8px; align-items: center; margin-right: auto; }
.tsp-root .tsp-audit-call-head { text-align: left; font-weight: normal; background: var(--_subtle); }
`;
