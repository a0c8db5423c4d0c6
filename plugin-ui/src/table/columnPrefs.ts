/**
 * The operator's column choices, remembered per browser (localStorage): which columns were shown
 * or hidden on purpose, and their order. Only what the operator chose is kept, so a column left
 * alone follows the layout's default for the tab's width. A stored value that is not of this
 * shape, or names columns that no longer exist, is read as far as it is valid.
 */
export type ColumnPrefs = { visibility: Record<string, boolean>; order: string[] };

export const PREFS_KEY = 'tenant-sessions.columns.v1';
export const NO_PREFS: ColumnPrefs = { visibility: {}, order: [] };

const storage = (): Storage | null => {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage refused (privacy settings): choices last for the mount only
  }
};

export function readPrefs(known: readonly string[]): ColumnPrefs {
  let raw: unknown;
  try {
    raw = JSON.parse(storage()?.getItem(PREFS_KEY) ?? 'null');
  } catch {
    return NO_PREFS;
  }
  if (!raw || typeof raw !== 'object') return NO_PREFS;
  const { visibility, order } = raw as Partial<Record<keyof ColumnPrefs, unknown>>;
  const vis =
    visibility && typeof visibility === 'object'
      ? Object.fromEntries(
          Object.entries(visibility).filter(
            ([id, shown]) => known.includes(id) && typeof shown === 'boolean',
          ),
        )
      : {};
  const ids = Array.isArray(order) ? order.filter((id): id is string => known.includes(id)) : [];
  return { visibility: vis as Record<string, boolean>, order: [...new Set(ids)] };
}

export function writePrefs(prefs: ColumnPrefs): void {
  try {
    const s = storage();
    if (!s) return;
    if (Object.keys(prefs.visibility).length === 0 && prefs.order.length === 0) s.removeItem(PREFS_KEY);
    else s.setItem(PREFS_KEY, JSON.stringify(prefs));
  } catch {
    // full or refused: the choice still holds for this mount
  }
}
