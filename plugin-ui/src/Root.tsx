import { I18nProvider } from '@lingui/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ApiContext } from './api/ApiContext';
import { createSessionsApi, type GetAuthToken } from './api/client';
import { catalogLocaleOf, intlLocaleOf } from './i18n/locale';
import { activateTag, createTabI18n } from './i18n/messages';
import { LiveSettingsContext, liveSettingsOf } from './live/settings';
import type { SessionsParcelProps } from './props';
import { retire } from './retire';
import { useScopedStyles } from './styles/useScopedStyles';
import { TabFrame } from './TabFrame';

const newQueryClient = () =>
  new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
      mutations: { retry: false },
    },
  });

/** Reads the latest token getter (module level: it must not close over a mount's props). */
const readingFrom = (tokens: { current: GetAuthToken }) => () => tokens.current();

/**
 * One mount: its own query cache, its own abort signal, its style element. Unmounting aborts
 * every request in flight, empties the cache and removes the style. No closure made here may
 * capture the props object: it holds the mount's element (`domElement`), and anything such a
 * closure reaches that outlives the mount (a V8 inline cache pinning a table's getter was seen
 * to) would keep the element and its root's listeners alive.
 */
export function Root({
  apiUrl,
  getAuthToken,
  name,
  clusterId,
  tenantId,
  locale,
  urlState,
  refreshIntervalMs,
  longRunningWarnSeconds,
  longRunningAlertSeconds,
}: SessionsParcelProps & { name?: string }) {
  const [lifetime] = useState(() => new AbortController());
  const [queryClient] = useState(newQueryClient);
  const tokens = useRef(getAuthToken);
  tokens.current = getAuthToken;
  const api = useMemo(
    () => createSessionsApi({ url: apiUrl, getAuthToken: readingFrom(tokens), lifetime: lifetime.signal }),
    [apiUrl, lifetime],
  );
  const live = useMemo(
    () => liveSettingsOf({ refreshIntervalMs, longRunningWarnSeconds, longRunningAlertSeconds }),
    [refreshIntervalMs, longRunningWarnSeconds, longRunningAlertSeconds],
  );
  useScopedStyles();
  // One Lingui instance per mount; a `locale` prop update switches its language in place.
  const [i18n] = useState(() => createTabI18n(locale));
  useLayoutEffect(() => activateTag(i18n, locale), [i18n, locale]);

  useEffect(
    () => () => {
      lifetime.abort();
      retire(name, queryClient);
    },
    [lifetime, queryClient, name],
  );

  return (
    <div className="tsp-root" lang={catalogLocaleOf(locale)}>
      <I18nProvider i18n={i18n}>
        <ApiContext value={api}>
          <QueryClientProvider client={queryClient}>
            <LiveSettingsContext value={live}>
              <TabFrame
                clusterId={clusterId}
                tenantId={tenantId}
                locale={intlLocaleOf(locale)}
                urlState={urlState}
              />
            </LiveSettingsContext>
          </QueryClientProvider>
        </ApiContext>
      </I18nProvider>
    </div>
  );
}
