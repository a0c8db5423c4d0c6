import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SessionsParcelProps } from '../props';
import { Root } from '../Root';
import { API } from './sidecar';

/** Renders the parcel's root as a host would mount it (entry 1 by default). */
export function renderTab(props: Partial<SessionsParcelProps> = {}) {
  const user = userEvent.setup();
  const view = render(
    // Live refresh off unless a test asks for it (its own tests do: live/*.test.tsx).
    <Root
      clusterId="prod-1"
      tenantId="trade"
      apiUrl={API}
      getAuthToken={() => 'token-1'}
      refreshIntervalMs={0}
      {...props}
    />,
  );
  return { user, ...view };
}
