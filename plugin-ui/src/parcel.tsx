import * as React from 'react';
import * as ReactDOMClient from 'react-dom/client';
import singleSpaReact from 'single-spa-react';
import type { SessionsParcelProps } from './props';
import { Root } from './Root';
import { retired } from './retire';

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

export const { bootstrap, mount } = lifecycles;
export const update = lifecycles.update;
/** React's unmount, then the end of the mount's cache (after its aborted requests settle). */
export const unmount: typeof lifecycles.unmount = async (props) => {
  await lifecycles.unmount(props);
  await retired(props.name);
};
