import * as React from 'react';
import * as ReactDOMClient from 'react-dom/client';
import singleSpaReact from 'single-spa-react';
import type { SessionsParcelProps } from './props';
import { Root } from './Root';

/**
 * The single-spa lifecycles of the Tenant Session tab. Mount with `mountRootParcel(parcel,
 * { domElement, clusterId, tenantId?, apiUrl, getAuthToken, locale? })`; `update` with new props
 * refetches; `unmount` leaves the element empty.
 */
const lifecycles = singleSpaReact<SessionsParcelProps>({
  React,
  ReactDOMClient,
  rootComponent: Root,
  errorBoundary: (error) => (
    <div className="tsp-root" role="alert">
      The Tenant Session tab failed: {error.message}
    </div>
  ),
});

export const { bootstrap, mount, unmount } = lifecycles;
export const update = lifecycles.update;
