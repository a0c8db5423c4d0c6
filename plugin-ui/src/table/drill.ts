import type { GroupFilter } from '@tenant-sessions/contracts';

/**
 * A Session Statistics count opened as a list: the `group` filter of exactly the sessions it
 * counted, and (By SQL) the normalised statement its chip shows in place of the SQL ID or digest.
 */
export type Drill = { filter: GroupFilter; sample?: string | null };
