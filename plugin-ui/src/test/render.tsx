import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SessionsParcelProps } from '../props';
import { Root } from '../Root';
import { API } from './sidecar';

/** Renders the parcel's root as a host would mount it (entry 1 by default). */
export function renderTab(props: Partial<SessionsParcelProps> = {}) {
  const user = userEvent.setup();
  const view = render(
    <Root clusterId="prod-1" tenantId="trade" apiUrl={API} getAuthToken={() => 'token-1'} {...props} />,
  );
  return { user, ...view };
}
