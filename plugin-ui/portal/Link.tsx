import type { ReactNode } from 'react';
import { navigateToUrl } from 'single-spa';

/** An in-console link: single-spa navigates without reloading the page. */
export function Link({ to, children, active }: { to: string; children: ReactNode; active?: boolean }) {
  return (
    <a
      href={to}
      onClick={navigateToUrl}
      className={active ? 'is-active' : undefined}
      aria-current={active ? 'page' : undefined}
    >
      {children}
    </a>
  );
}
