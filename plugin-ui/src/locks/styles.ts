/** Sessions and locks: the lock cells, the in-transaction tag, the chain panel. */
export const LOCKS_CSS = `
.tsp-root .tsp-locks-intrx { margin-left: 4px; color: var(--_warning); font-size: 12px; white-space: nowrap; }
.tsp-root .tsp-locks-by { display: inline-flex; flex-wrap: wrap; gap: 2px 6px; }
.tsp-root .tsp-locks-blocking { display: inline-flex; gap: 6px; align-items: baseline; justify-content: flex-end; }
.tsp-root .tsp-locks-blocking strong { color: var(--_danger); }
.tsp-root .tsp-locks-na { font-style: italic; white-space: nowrap; }
.tsp-root .tsp-locks-chain { margin: 8px 0; padding: 8px 12px; border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_subtle); }
.tsp-root .tsp-locks-chain-head { display: flex; justify-content: space-between; align-items: center; gap: 12px; }
.tsp-root .tsp-locks-chain p { margin: 6px 0 0; }
.tsp-root .tsp-locks-paths { margin: 6px 0 0; padding-left: 20px; }
.tsp-root .tsp-locks-release { padding: 6px 10px; border-left: 3px solid var(--_warning); background: var(--_subtle); }
`;
