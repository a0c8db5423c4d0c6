import { useInsertionEffect } from 'react';
import { CSS } from './css';

let mounts = 0;
let element: HTMLStyleElement | null = null;

/** Adds the parcel's one `<style>` while at least one instance is mounted; removes it after the last. */
export function useScopedStyles(): void {
  useInsertionEffect(() => {
    mounts += 1;
    if (!element) {
      element = document.createElement('style');
      element.setAttribute('data-tenant-sessions', '');
      element.textContent = CSS;
      document.head.appendChild(element);
    }
    return () => {
      mounts -= 1;
      if (mounts === 0) {
        element?.remove();
        element = null;
      }
    };
  }, []);
}
