import { setupWorker } from 'msw/browser';
import { demoHandlers } from './handlers';

/** Starts MSW's service worker with the demo's handlers: no sidecar, no database. */
export async function startDemo(): Promise<void> {
  const worker = setupWorker(...demoHandlers());
  await worker.start({
    serviceWorker: { url: '/mockServiceWorker.js' },
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
}
