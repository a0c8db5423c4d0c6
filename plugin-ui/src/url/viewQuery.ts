import { LIMITS, SORT_COLUMNS, type Sort, type SortColumn } from '@tenant-sessions/contracts';
import type { SearchField } from '../table/features';
import { PAGE_SIZES, SEARCH_FIELDS } from '../table/listInput';

/** The query parameters of a view start with this, so the host's own parameters are left alone. */
export const VIEW_PREFIX = 'ts.';

/** Which of the tab's views shows (the statistics view where the parcel has one). */
export const VIEW_KINDS = ['list', 'stats'] as const;
export type ViewKind = (typeof VIEW_KINDS)[number];

/** A live refresh interval, as `sessions.watch` takes it (docs/api.md: 1000..60000 ms). */
export const REFRESH_MS = { min: 1000, max: 60_000 } as const;

/**
 * What a link reproduces (README, "Links that reproduce a view"): the tenant (entry 2), the
 * column searches, active-only, the Blockers filter, the sort, the page size, the view, the
 * refresh interval.
 */
export type LinkedView = {
  tenantId?: string;
  filters: Partial<Record<SearchField, string>>;
  activeOnly: boolean;
  blockers?: boolean;
  sort: Sort;
  pageSize: number;
  view?: ViewKind;
  refreshMs?: number;
};

const DEFAULT_SORT: Sort = { column: 'timeSeconds', direction: 'desc' };

/**
 * The contract's rules for what a link carries, checked without zod (which the parcel does not
 * ship: the sidecar validates every input with the schemas anyway): the sort columns, the page
 * sizes (those the pager offers), the bounds of texts and ids.
 */
const fitsText = (text: string): boolean => text.length >= 1 && text.length <= LIMITS.maxString;

/** `-timeSeconds` (descending) or `user` (ascending). */
const sortOf = (text: string): Sort | null => {
  const desc = text.startsWith('-');
  const column = desc ? text.slice(1) : text;
  if (!(SORT_COLUMNS as readonly string[]).includes(column)) return null;
  return { column: column as SortColumn, direction: desc ? 'desc' : 'asc' };
};
const sortText = ({ column, direction }: Sort): string => (direction === 'desc' ? `-${column}` : column);

const pageSizeOf = (text: string): number | null => {
  if (!/^\d{1,4}$/.test(text)) return null;
  const size = Number(text);
  return size >= LIMITS.minPageSize &&
    size <= LIMITS.maxPageSize &&
    (PAGE_SIZES as readonly number[]).includes(size)
    ? size
    : null;
};

const flagOf = (text: string): boolean | null =>
  text === '1' || text === 'true' ? true : text === '0' || text === 'false' ? false : null;

type Reader = (text: string, view: Partial<LinkedView>) => boolean;

/** Each known parameter, checked with the contract's schemas; false: the value is refused. */
const READERS: Record<string, Reader> = {
  tenant: (text, view) => {
    const fits = fitsText(text);
    if (fits) view.tenantId = text;
    return fits;
  },
  active: (text, view) => {
    const flag = flagOf(text);
    if (flag !== null) view.activeOnly = flag;
    return flag !== null;
  },
  blockers: (text, view) => {
    const flag = flagOf(text);
    if (flag !== null) view.blockers = flag;
    return flag !== null;
  },
  sort: (text, view) => {
    const parsed = sortOf(text);
    if (parsed) view.sort = parsed;
    return parsed !== null;
  },
  size: (text, view) => {
    const size = pageSizeOf(text);
    if (size !== null) view.pageSize = size;
    return size !== null;
  },
  view: (text, view) => {
    const known = (VIEW_KINDS as readonly string[]).includes(text);
    if (known) view.view = text as ViewKind;
    return known;
  },
  refresh: (text, view) => {
    const ms = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
    const fits = ms >= REFRESH_MS.min && ms <= REFRESH_MS.max;
    if (fits) view.refreshMs = ms;
    return fits;
  },
  ...Object.fromEntries(
    SEARCH_FIELDS.map((field): [string, Reader] => [
      field,
      (text, view) => {
        const trimmed = text.trim();
        if (!fitsText(trimmed)) return false;
        view.filters = { ...view.filters, [field]: trimmed };
        return true;
      },
    ]),
  ),
};

/** What a query string says of a view, and the parameters it ignored (unknown, refused, repeated). */
export type ReadView = { view: Partial<LinkedView>; ignored: string[] };

/** Reads the view's parameters from a query string (`?a=1&ts.user=app`); never throws. */
export function readView(search: string, prefix = VIEW_PREFIX): ReadView {
  const view: Partial<LinkedView> = {};
  const ignored: string[] = [];
  const seen = new Set<string>();
  for (const [key, value] of new URLSearchParams(search)) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    const reader = Object.hasOwn(READERS, name) ? READERS[name] : undefined;
    const shown = value.length > 40 ? `${key}=${value.slice(0, 40)}…` : `${key}=${value}`;
    if (!reader || seen.has(name) || value.length > LIMITS.maxString || !reader(value, view))
      ignored.push(shown);
    seen.add(name);
  }
  return { view, ignored };
}

/** The view's own part of a query string, in a fixed order: what two URLs compare by. */
export function viewPartOf(search: string, prefix = VIEW_PREFIX): string {
  const own = [...new URLSearchParams(search)].filter(([key]) => key.startsWith(prefix));
  return new URLSearchParams(own).toString();
}

/**
 * The query string with the view written in (defaults left out, so a plain view adds nothing)
 * and every other parameter kept as it was. Answers `?…`, or '' when nothing is left.
 */
export function writeView(search: string, view: LinkedView, prefix = VIEW_PREFIX): string {
  const params = new URLSearchParams(search);
  for (const key of [...params.keys()]) if (key.startsWith(prefix)) params.delete(key);
  const put = (name: string, value: string) => params.append(prefix + name, value);
  if (view.tenantId !== undefined) put('tenant', view.tenantId);
  for (const field of SEARCH_FIELDS) {
    const text = view.filters[field as SearchField];
    if (text) put(field, text);
  }
  if (view.activeOnly) put('active', '1');
  if (view.blockers) put('blockers', '1');
  if (view.sort.column !== DEFAULT_SORT.column || view.sort.direction !== DEFAULT_SORT.direction)
    put('sort', sortText(view.sort));
  if (view.pageSize !== LIMITS.defaultPageSize) put('size', String(view.pageSize));
  if (view.view && view.view !== 'list') put('view', view.view);
  if (view.refreshMs !== undefined) put('refresh', String(view.refreshMs));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The parts of a view whose change is a step of its own in the history (Back undoes it). */
export const stepOf = (view: LinkedView): string =>
  JSON.stringify([
    view.tenantId ?? null,
    view.filters,
    view.activeOnly,
    view.blockers ?? false,
    view.view ?? 'list',
  ]);
