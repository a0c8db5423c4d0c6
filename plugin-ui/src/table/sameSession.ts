import type { Session } from '@tenant-sessions/contracts';

/** True when two sessions carry the same values (arrays compared item by item): the row would look the same. */
export function sameSession(a: Session, b: Session): boolean {
  if (a === b) return true;
  for (const key of Object.keys(a) as Array<keyof Session>) {
    const x = a[key];
    const y = b[key];
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length || x.some((item, i) => item !== y[i])) return false;
    } else if (x !== y) return false;
  }
  return Object.keys(a).length === Object.keys(b).length;
}
