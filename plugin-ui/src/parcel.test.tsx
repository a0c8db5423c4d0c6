import { screen, waitFor } from '@testing-library/react';
import { mountRootParcel } from 'single-spa';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as parcel from './index';
import { activeLong, pageOf, SESSIONS } from './test/fixtures';
import { say } from './test/i18n';
import { rowOf } from './test/rows';
import { API, mockSidecar } from './test/sidecar';

/** Timers set and not yet fired or cleared, with where they were set. */
function watchTimers() {
  const live = new Map<unknown, string>();
  const { setTimeout: set, clearTimeout: clear } = globalThis;
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((
    fn: () => void,
    ms?: number,
    ...args: unknown[]
  ) => {
    const id = set(
      () => {
        live.delete(id);
        fn();
      },
      ms,
      ...args,
    );
    live.set(id, new Error().stack ?? '');
    return id;
  }) as typeof setTimeout);
  vi.spyOn(globalThis, 'clearTimeout').mockImplementation((id) => {
    live.delete(id);
    clear(id);
  });
  // single-spa's own lifecycle watchdogs are not the parcel's.
  return () => [...live.values()].filter((stack) => !stack.includes('/single-spa/'));
}

const host = () => {
  const element = document.createElement('div');
  document.body.appendChild(element);
  return element;
};
const styles = () => document.head.querySelectorAll('style[data-tenant-sessions]');
const props = (domElement: HTMLElement, tenantId: string) => ({
  domElement,
  clusterId: 'prod-1',
  tenantId,
  apiUrl: API,
  getAuthToken: () => Promise.resolve('token-1'),
});

afterEach(() => vi.restoreAllMocks());

describe('the parcel through single-spa', () => {
  it('mounts, follows a props update to another tenant, and unmounts leaving nothing behind', async () => {
    const liveTimers = watchTimers();
    let release: (() => void) | undefined;
    let aborted = false;
    const sidecar = mockSidecar({
      'sessions.list': async (input, request) => {
        if ((input as { tenantId: string }).tenantId !== 'slow') return pageOf(SESSIONS);
        request.signal.addEventListener('abort', () => {
          aborted = true;
        });
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return pageOf(SESSIONS);
      },
    });
    const element = host();

    const mounted = mountRootParcel(parcel, props(element, 'trade'));
    await mounted.mountPromise;
    await rowOf(activeLong.id);
    expect(styles()).toHaveLength(1);
    expect(sidecar.calls.every((c) => c.authorization === 'Bearer token-1')).toBe(true);

    await mounted.update?.({ ...props(element, 'pay'), getAuthToken: () => 'token-2' });
    await waitFor(() => expect(sidecar.lastList()).toMatchObject({ tenantId: 'pay' }));
    expect(sidecar.calls.at(-1)?.authorization).toBe('Bearer token-2');
    expect(
      await screen.findByRole('region', { name: say('tenant.region', { tenant: 'pay' }) }),
    ).toBeInTheDocument();

    await mounted.update?.(props(element, 'slow'));
    await waitFor(() => expect(release).toBeDefined());
    await mounted.unmount();

    expect(element.childNodes).toHaveLength(0);
    expect(styles()).toHaveLength(0);
    await waitFor(() => expect(aborted).toBe(true));
    release?.();
    const seen = sidecar.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sidecar.calls).toHaveLength(seen);
    expect(liveTimers()).toEqual([]);
    element.remove();
  });

  it('keeps no cache between mounts: a new mount asks again', async () => {
    const sidecar = mockSidecar();
    const element = host();
    const first = mountRootParcel(parcel, props(element, 'trade'));
    await first.mountPromise;
    await rowOf(activeLong.id);
    await first.unmount();
    const asked = sidecar.inputs('sessions.list').length;

    const second = mountRootParcel(parcel, props(element, 'trade'));
    await second.mountPromise;
    expect(screen.getByText(say('state.loading'))).toBeInTheDocument();
    await rowOf(activeLong.id);
    expect(sidecar.inputs('sessions.list')).toHaveLength(asked + 1);
    await second.unmount();
    element.remove();
  });

  it('shares one style element between two mounts and removes it after the last', async () => {
    mockSidecar();
    const [a, b] = [host(), host()];
    const one = mountRootParcel(parcel, props(a, 'trade'));
    const two = mountRootParcel(parcel, props(b, 'pay'));
    await Promise.all([one.mountPromise, two.mountPromise]);
    expect(styles()).toHaveLength(1);
    await one.unmount();
    expect(styles()).toHaveLength(1);
    await two.unmount();
    expect(styles()).toHaveLength(0);
  });
});
