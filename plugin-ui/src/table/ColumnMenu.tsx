import type { Column } from '@tanstack/react-table';
import type { Session } from '@tenant-sessions/contracts';
import {
  type CSSProperties,
  type FocusEvent,
  type KeyboardEvent,
  useId,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import type { Features } from './features';
import { FIXED_COLUMNS, WIDE_ONLY } from './layout';
import type { SessionsTableInstance } from './useSessionsTable';

type AnyColumn = Column<Features, Session, unknown>;
const FIXED: readonly string[] = FIXED_COLUMNS;
const WIDE: readonly string[] = WIDE_ONLY;

/**
 * The column menu (in the Actions header): a box with a checkbox per column (shown or not), Move
 * left / Move right, and Reset columns. The table's column visibility and order state; the
 * choices are remembered per browser (useColumnLayout.ts). Escape or leaving it closes it and
 * focus goes back to its button. It is placed fixed under its button, so the grid's scroll box
 * does not cut it off.
 */
export function ColumnMenu({ table }: { table: SessionsTableInstance }) {
  const meta = table.options.meta;
  const [place, setPlace] = useState<CSSProperties | null>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const boxId = useId();
  const open = place !== null;

  useLayoutEffect(() => {
    if (open) box.current?.querySelector<HTMLElement>('input, button')?.focus();
  }, [open]);

  if (!meta) return null;
  const { t } = meta;
  const title = (column: AnyColumn) => {
    const key = column.columnDef.meta?.title;
    return key ? t(key) : column.id;
  };
  const movable = table.getAllLeafColumns().filter((c) => !FIXED.includes(c.id));

  const close = () => {
    setPlace(null);
    trigger.current?.focus();
  };
  const toggle = () => {
    if (open) return close();
    const r = trigger.current?.getBoundingClientRect();
    // Below the trigger, and no taller than the window leaves (it scrolls inside).
    setPlace(
      r
        ? {
            top: r.bottom + 4,
            right: Math.max(8, window.innerWidth - r.right),
            maxHeight: Math.max(160, window.innerHeight - r.bottom - 12),
          }
        : {},
    );
  };
  const move = (column: AnyColumn, by: -1 | 1) => {
    const ids = table.getAllLeafColumns().map((c) => c.id);
    const at = ids.indexOf(column.id);
    const to = at + by;
    const other = ids[to];
    if (other === undefined || FIXED.includes(other)) return;
    [ids[at], ids[to]] = [other, column.id];
    table.setColumnOrder(ids);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
    }
  };
  const onBlur = (event: FocusEvent) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setPlace(null);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: keys and focus of the box its controls hold
    <span className="tsp-colmenu" onKeyDown={onKeyDown} onBlur={onBlur}>
      <button
        ref={trigger}
        type="button"
        className="tsp-icon-btn tsp-colmenu-btn"
        aria-label={t('columns.menu')}
        title={t('columns.menuLabel')}
        aria-expanded={open}
        aria-controls={open ? boxId : undefined}
        onClick={toggle}
      >
        <span aria-hidden="true" className="tsp-colmenu-icon" />
      </button>
      {place && (
        <div
          ref={box}
          id={boxId}
          role="dialog"
          aria-label={t('columns.menuLabel')}
          className="tsp-colmenu-box"
          style={place}
        >
          <ul className="tsp-colmenu-list">
            {movable.map((column, i) => (
              <li key={column.id} title={WIDE.includes(column.id) ? t('columns.narrowNote') : undefined}>
                <label className="tsp-check">
                  <input
                    type="checkbox"
                    checked={column.getIsVisible()}
                    disabled={!column.getCanHide()}
                    onChange={(event) => column.toggleVisibility(event.target.checked)}
                  />
                  {title(column)}
                </label>
                <span className="tsp-colmenu-move">
                  <button
                    type="button"
                    className="tsp-icon-btn"
                    aria-label={t('columns.up', { column: title(column) })}
                    disabled={i === 0}
                    onClick={() => move(column, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="tsp-icon-btn"
                    aria-label={t('columns.down', { column: title(column) })}
                    disabled={i === movable.length - 1}
                    onClick={() => move(column, 1)}
                  >
                    ↓
                  </button>
                </span>
              </li>
            ))}
          </ul>
          <button type="button" className="tsp-btn tsp-colmenu-reset" onClick={() => meta.columns?.reset()}>
            {t('columns.reset')}
          </button>
        </div>
      )}
    </span>
  );
}
