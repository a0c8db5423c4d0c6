import { type KeyboardEvent, type ReactNode, useId, useLayoutEffect, useRef } from 'react';
import { useT } from '../i18n/useT';

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

const focusables = (root: HTMLElement | null) => [...(root?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];

/**
 * A modal dialog inside the parcel's root (so its scoped styles apply and it leaves with the
 * parcel): focus moves in (to `[data-autofocus]` or the first control), Tab stays inside,
 * Escape closes, and focus returns to where it was.
 */
export function Dialog(props: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer: ReactNode;
}) {
  const { title, onClose, children, footer } = props;
  const box = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const t = useT();

  // A layout effect, so that focus is back before anything mounted with the closing takes it.
  useLayoutEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const preferred = box.current?.querySelector<HTMLElement>('[data-autofocus]:not([disabled])');
    (preferred ?? focusables(box.current)[0] ?? box.current)?.focus();
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab') return;
    const all = focusables(box.current);
    const first = all[0];
    const last = all[all.length - 1];
    if (!first || !last) return event.preventDefault();
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click beside the dialog closes it; Escape is the keyboard way
    <div
      className="tsp-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={box}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="tsp-dialog"
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <header className="tsp-dialog-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="tsp-icon-btn" aria-label={t('dialog.close')} onClick={onClose}>
            ×
          </button>
        </header>
        <div className="tsp-dialog-body">{children}</div>
        <footer className="tsp-dialog-foot">{footer}</footer>
      </div>
    </div>
  );
}
