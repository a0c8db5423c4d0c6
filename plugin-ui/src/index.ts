/** The parcel module: single-spa lifecycles and the props contract. */

export type { GetAuthToken } from './api/client';
export { bootstrap, mount, unmount, update } from './parcel';
export type { SessionsParcelProps } from './props';
