import { useLingui } from '@lingui/react';
import { useMemo } from 'react';
import { type Translate, translateWith } from './messages';

/** The mount's catalog lookup; a new function after a language switch, so memoized rows render again. */
export function useT(): Translate {
  const { i18n, _ } = useLingui();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `_` changes with the active language
  return useMemo(() => translateWith(i18n), [i18n, _]);
}
