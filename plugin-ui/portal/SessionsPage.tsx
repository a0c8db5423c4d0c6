import type { ParcelConfigObject } from 'single-spa';
import Parcel from 'single-spa-react/parcel';
import type { Auth } from './auth';

/** The parcel's URL comes from the import map, like any shared module. */
const PARCEL = '@tenant-sessions/parcel';
const loadParcel = () => import(/* webpackIgnore: true */ PARCEL) as Promise<ParcelConfigObject>;

type Props = {
  auth: Auth;
  clusterId: string;
  tenantId?: string;
  /** The console's language, handed to the parcel as its `locale` prop. */
  locale: string;
  title: string;
  trail: string[];
  tabs: string[];
};

/** A console page that hosts the Tenant Session tab: both entries mount the same parcel. */
export function SessionsPage({ auth, clusterId, tenantId, locale, title, trail, tabs }: Props) {
  return (
    <>
      <p className="console-trail">{trail.join(' / ')}</p>
      <h1>{title}</h1>
      <div className="console-tabs" role="presentation">
        {tabs.map((tab, i) => (
          <span key={tab} className={i === 1 ? 'is-active' : undefined}>
            {tab}
          </span>
        ))}
      </div>
      <div className="console-card">
        <Parcel
          config={loadParcel}
          // No mountParcel: <Parcel> takes the console application's own from single-spa-react's
          // context, so the parcel is owned by it. single-spa 6.0.3 never forgets a root parcel
          // (mountRootParcel) after its unmount: each visit would keep its DOM and listeners alive.
          wrapWith="div"
          wrapClassName="console-parcel"
          clusterId={clusterId}
          tenantId={tenantId}
          apiUrl="/trpc"
          getAuthToken={auth.getAuthToken}
          locale={locale}
          handleError={(error: Error) => console.error('Tenant Session tab', error)}
        />
      </div>
    </>
  );
}
