import { setupServer } from 'msw/node';

/** The MSW server of the parcel's tests; each test installs the sidecar it needs (sidecar.ts). */
export const server = setupServer();
