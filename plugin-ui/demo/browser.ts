import { setupWorker } from 'msw/browser';
import { demoHandlers } from './handlers';
import { DemoStore } from './store';

/** Starts MSW's service worker with the demo's handlers: no sidecar, no database. */
export async function startDemo(): Promise<void> {
  // The sessions move (times advance, visitors come and go), so the live refresh has news.
  const worker = setupWorker(...demoHandlers(new DemoStore(Date.now, { moving: true })));
  await worker.start({
    serviceWorker: { url: '/mockServiceWorker.js' },
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
}
