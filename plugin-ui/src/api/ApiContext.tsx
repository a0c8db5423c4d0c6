import { createContext, useContext } from 'react';
import type { SessionsApi } from './client';

export const ApiContext = createContext<SessionsApi | null>(null);

export function useApi(): SessionsApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi must be used inside the parcel root');
  return api;
}
