import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiContext } from './api/ApiContext';
import { createSessionsApi } from './api/client';
import type { SessionsParcelProps } from './props';
import { retire } from './retire';
import { SessionsTab } from './SessionsTab';
import { useScopedStyles } from './styles/useScopedStyles';

const newQueryClient = () =>
  new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
      mutations: { retry: false },
    },
  });

/**
 * One mount: its own query cache, its own abort signal, its style element. Unmounting aborts
 * every request in flight, empties the cache and removes the style.
 */
export function Root(props: SessionsParcelProps & { name?: string }) {
  const [lifetime] = useState(() => new AbortController());
  const [queryClient] = useState(newQueryClient);
  const tokens = useRef(props.getAuthToken);
  tokens.current = props.getAuthToken;
  const api = useMemo(
    () =>
      createSessionsApi({
        url: props.apiUrl,
        getAuthToken: () => tokens.current(),
        lifetime: lifetime.signal,
      }),
    [props.apiUrl, lifetime],
  );
  useScopedStyles();

  const name = props.name;
  useEffect(
    () => () => {
      lifetime.abort();
      retire(name, queryClient);
    },
    [lifetime, queryClient, name],
  );

  return (
    <div className="tsp-root" lang={props.locale}>
      <ApiContext value={api}>
        <QueryClientProvider client={queryClient}>
          <SessionsTab clusterId={props.clusterId} tenantId={props.tenantId} locale={props.locale} />
        </QueryClientProvider>
      </ApiContext>
    </div>
  );
}
