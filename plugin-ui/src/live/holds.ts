import { type FocusEvent, useState } from 'react';

/** Focus that means the operator is busy in the table: typing a search, or in an open menu. */
const busyFocus = (element: Element | null) =>
  element instanceof HTMLElement &&
  (element.matches('input, textarea, select') || element.closest('[role="menu"], [role="dialog"]') !== null);

/**
 * The operator's hold on the table area: while the pointer is over it, or focus is in one of its
 * search boxes or menus, a live refresh waits. Spread `area` on the element around the table.
 */
export function useTableHold() {
  const [pointer, setPointer] = useState(false);
  const [focus, setFocus] = useState(false);
  return {
    held: pointer || focus,
    area: {
      onPointerEnter: () => setPointer(true),
      onPointerLeave: () => setPointer(false),
      onFocus: (event: FocusEvent) => setFocus(busyFocus(event.target)),
      onBlur: (event: FocusEvent) => {
        const next = event.relatedTarget;
        setFocus(
          next instanceof Node && event.currentTarget.contains(next) ? busyFocus(next as Element) : false,
        );
      },
    },
  };
}
