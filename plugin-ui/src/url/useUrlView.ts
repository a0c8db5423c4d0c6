import { useCallback, useEffect, useRef, useState } from 'react';
import { type LinkedView, type ReadView, readView, stepOf, viewPartOf, writeView } from './viewQuery';

const NOTHING: ReadView = { view: {}, ignored: [] };

export type UrlView = {
  /** What the page's URL says of the view (empty when the URL state is off). */
  linked: Partial<LinkedView>;
  /** Bumped when Back or Forward brought another view: the tab starts again from `linked`. */
  generation: number;
  /** Parameters of the view the URL held that were not understood or refused by the contract. */
  ignored: string[];
  dismissIgnored: () => void;
  /** Writes the view into the URL: a new history entry when its filters changed, else in place. */
  publish: (view: LinkedView) => void;
};

/**
 * The view kept in the page's URL query (README, "Links that reproduce a view"): read once at
 * mount, written on every change (history.pushState for a change of tenant, filters, active-only
 * or view, so Back and Forward step through them; replaceState for sort, page size and refresh),
 * read again on popstate. Off (`enabled` false): the URL is neither read nor written. Other
 * parameters of the host's URL are kept as they are.
 */
export function useUrlView(enabled: boolean): UrlView {
  const [first] = useState(() => (enabled ? readView(window.location.search) : NOTHING));
  const [linked, setLinked] = useState(first.view);
  const [ignored, setIgnored] = useState(first.ignored);
  const [generation, setGeneration] = useState(0);
  /** The view's part of the URL as last read or written: popstate events of our own writes match it. */
  const written = useRef(enabled ? viewPartOf(window.location.search) : '');
  const lastStep = useRef<string | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const follow = () => {
      const part = viewPartOf(window.location.search);
      if (part === written.current) return;
      written.current = part;
      lastStep.current = null;
      const read = readView(window.location.search);
      setLinked(read.view);
      setIgnored(read.ignored);
      setGeneration((g) => g + 1);
    };
    window.addEventListener('popstate', follow);
    return () => window.removeEventListener('popstate', follow);
  }, [enabled]);

  const publish = useCallback(
    (view: LinkedView) => {
      if (!enabled) return;
      const { pathname, search, hash } = window.location;
      const next = writeView(search, view);
      const part = viewPartOf(next);
      const step = stepOf(view);
      const isStep = lastStep.current !== null && lastStep.current !== step;
      lastStep.current = step;
      if (part === written.current) return;
      written.current = part;
      const url = `${pathname}${next}${hash}`;
      if (isStep) window.history.pushState(window.history.state, '', url);
      else window.history.replaceState(window.history.state, '', url);
    },
    [enabled],
  );

  return { linked, generation, ignored, dismissIgnored: () => setIgnored([]), publish };
}
