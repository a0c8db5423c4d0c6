import type { LocksAvailability } from '@tenant-sessions/contracts';
import { createContext, useContext } from 'react';

/** A sidecar that sends no `locks` reports the lock fields as read: they are taken as available. */
const ASSUMED: LocksAvailability = { available: true, reason: null };

/** Whether the page's locks and transactions were read (`SessionPage.locks`), for the lock cells. */
export const LocksContext = createContext<LocksAvailability>(ASSUMED);

export const useLocks = (): LocksAvailability => useContext(LocksContext);

export const locksOf = (locks: LocksAvailability | undefined): LocksAvailability => locks ?? ASSUMED;
