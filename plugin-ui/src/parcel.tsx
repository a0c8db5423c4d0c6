import * as React from 'react';
import * as ReactDOMClient from 'react-dom/client';
import type { AppProps } from 'single-spa';
import singleSpaReact from 'single-spa-react';
import { createTabI18n, translateWith } from './i18n/messages';
import type { SessionsParcelProps } from './props';
import { Root } from './Root';
import { retired } from './retire';

/**
 * The single-spa lifecycles of the Tenant Session tab. Mount with `mountRootParcel(parcel,
 * { domElement, clusterId, tenantId?, apiUrl, getAuthToken, locale? })`; `update` with new props
 * refetches; `unmount` leaves the element empty.
 */
/**
 * The tab's error boundary, one class for every mount. (Given `errorBoundary` instead,
 * single-spa-react builds this class on the first mount, closing over that mount's props, and
 * keeps it: the first mount's element and its root's listeners would then never be collected.)
 */
class TabErrorBoundary extends React.Component<
  React.PropsWithChildren<SessionsParcelProps & AppProps>,
  { error: Error | null }
> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="tsp-root" role="alert">
        {translateWith(createTabI18n(this.props.locale))('tab.failed', { message: error.message })}
      </div>
    );
  }
}

const lifecycles = singleSpaReact<SessionsParcelProps>({
  React,
  ReactDOMClient,
  rootComponent: Root,
  errorBoundaryClass: TabErrorBoundary,
});

export const { bootstrap, mount } = lifecycles;
export const update = lifecycles.update;
/** React's unmount, then the end of the mount's cache (after its aborted requests settle). */
export const unmount: typeof lifecycles.unmount = async (props) => {
  await lifecycles.unmount(props);
  await retired(props.name);
};
