import { createContext, useCallback, useContext, useState } from 'react';

/** The refresh control's choices, in milliseconds (0: off). */
export const REFRESH_CHOICES = [0, 1000, 3000, 5000, 15_000, 30_000] as const;
export const DEFAULT_REFRESH_MS = 3000;

/** What the host sets about live refresh (README, "Mounting the parcel in a host console"). */
export type LiveSettings = {
  /** The refresh control's default where this browser remembers none (0: off). */
  defaultIntervalMs: number;
  /** ACTIVE sessions running longer than this are marked (warning). */
  warnSeconds: number;
  /** ACTIVE sessions running longer than this are marked (alert). */
  alertSeconds: number;
};

export const DEFAULT_LIVE: LiveSettings = {
  defaultIntervalMs: DEFAULT_REFRESH_MS,
  warnSeconds: 10,
  alertSeconds: 60,
};

export const LiveSettingsContext = createContext<LiveSettings>(DEFAULT_LIVE);
export const useLiveSettings = () => useContext(LiveSettingsContext);

/** The host's props, with the defaults where they are absent or out of range. */
export function liveSettingsOf(props: {
  refreshIntervalMs?: number;
  longRunningWarnSeconds?: number;
  longRunningAlertSeconds?: number;
}): LiveSettings {
  const positive = (value: number | undefined, fallback: number) =>
    typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
  const interval = props.refreshIntervalMs;
  return {
    defaultIntervalMs: interval === 0 ? 0 : nearestChoice(positive(interval, DEFAULT_REFRESH_MS)),
    warnSeconds: positive(props.longRunningWarnSeconds, DEFAULT_LIVE.warnSeconds),
    alertSeconds: positive(props.longRunningAlertSeconds, DEFAULT_LIVE.alertSeconds),
  };
}

/** A host's interval as one of the control's choices (the closest one that is on). */
const nearestChoice = (ms: number) =>
  REFRESH_CHOICES.filter((c) => c > 0).reduce((best, c) =>
    Math.abs(c - ms) < Math.abs(best - ms) ? c : best,
  );

export const STORAGE_KEY = 'tenant-sessions.refreshIntervalMs';

const remembered = (): number | null => {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    const value = raw === null || raw === undefined ? Number.NaN : Number(raw);
    return (REFRESH_CHOICES as readonly number[]).includes(value) ? value : null;
  } catch {
    return null; // storage refused (privacy mode): the host's default
  }
};

/**
 * The refresh interval: a link's (`linkedMs`, the nearest choice), else the one this browser
 * remembers, else the host's default; a change is remembered. The third value: whether the
 * interval is the view's own (the link's, or chosen in this mount), which a link then keeps.
 */
export function useRefreshInterval(linkedMs?: number): [number, (ms: number) => void, boolean] {
  const { defaultIntervalMs } = useLiveSettings();
  const [ms, setMs] = useState(() =>
    linkedMs !== undefined ? nearestChoice(linkedMs) : (remembered() ?? defaultIntervalMs),
  );
  const [own, setOwn] = useState(linkedMs !== undefined);
  const choose = useCallback((next: number) => {
    setMs(next);
    setOwn(true);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, String(next));
    } catch {
      // not remembered: it still applies to this mount
    }
  }, []);
  return [ms, choose, own];
}
