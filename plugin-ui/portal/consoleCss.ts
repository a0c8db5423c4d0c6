/** The demo console's own look (the host's, global on purpose; the parcel brings its own). */
export const CONSOLE_CSS = `
* { box-sizing: border-box; }
body { margin: 0; font: 13px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2329; background: #f2f3f5; }
a { color: #1664ff; text-decoration: none; }
a:hover { text-decoration: underline; }
.console { min-height: 100vh; display: flex; flex-direction: column; }
.console-bar { display: flex; align-items: center; gap: 12px; height: 48px; padding: 0 20px; background: #1b2330; color: #e8ecf2; }
.console-brand { font-weight: 600; font-size: 15px; letter-spacing: 0.2px; }
.console-badge { font-size: 11px; padding: 1px 8px; border-radius: 10px; background: #de7802; color: #fff; }
.console-spacer { flex: 1; }
.console-switch { display: inline-flex; align-items: center; gap: 6px; cursor: pointer; }
.console-user { padding: 2px 10px; border-radius: 12px; background: rgba(255,255,255,0.1); }
.console-body { display: flex; flex: 1; min-height: 0; }
.console-nav { width: 220px; flex: none; padding: 12px 0; background: #fff; border-right: 1px solid #dee0e3; }
.console-nav > a, .console-nav li a { display: block; padding: 6px 20px; color: #1f2329; }
.console-nav a.is-active { background: #e8efff; color: #1664ff; font-weight: 500; border-right: 3px solid #1664ff; }
.console-nav a:hover { background: #f5f6f7; text-decoration: none; }
.console-nav h3 { margin: 14px 20px 4px; font-size: 11px; text-transform: uppercase; letter-spacing: 0.6px; color: #8f959e; }
.console-nav ul { list-style: none; margin: 0; padding: 0; }
.console-main { flex: 1; min-width: 0; padding: 16px 24px 32px; }
.console-main h1 { margin: 2px 0 12px; font-size: 20px; font-weight: 600; }
.console-trail { margin: 0; color: #8f959e; font-size: 12px; }
.console-tabs { display: flex; gap: 24px; border-bottom: 1px solid #dee0e3; margin-bottom: 12px; }
.console-tabs span { padding: 8px 0; color: #646a73; }
.console-tabs .is-active { color: #1664ff; border-bottom: 2px solid #1664ff; font-weight: 500; }
.console-card { background: #fff; border: 1px solid #e5e6eb; border-radius: 6px; padding: 16px 20px; }
.console-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 16px; }
.console-grid h2 { margin: 0 0 4px; font-size: 15px; }
.console-dim { color: #646a73; margin: 0 0 10px; }
.console-table { width: 100%; border-collapse: collapse; }
.console-table th, .console-table td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #eef0f2; }
.console-table th { color: #646a73; font-weight: 500; }
.console-problem { padding: 8px 12px; background: #fff0f0; border: 1px solid #ffc9c7; border-radius: 4px; }
`;
