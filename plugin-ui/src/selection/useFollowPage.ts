import type { ListInput, SessionPage } from '@tenant-sessions/contracts';
import { useEffect } from 'react';
import type { Selection } from './useSelection';

/** Hands each page the table shows to the selection, so it can tell which selected sessions left. */
export function useFollowPage(selection: Selection, page: SessionPage | undefined, input: ListInput) {
  const { follow } = selection;
  const listKey = JSON.stringify(input);
  useEffect(() => {
    follow({ page, listKey });
  }, [follow, page, listKey]);
}
