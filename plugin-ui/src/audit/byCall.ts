import type { AuditRecord } from '@tenant-sessions/contracts';

/** Records of one close call side by side (the list is newest first, a call's records together). */
export type CallGroup = { callId: string | null; rows: AuditRecord[] };

/** Groups a page's records by call id: consecutive records of one call form one group. */
export const groupByCall = (rows: AuditRecord[]): CallGroup[] => {
  const groups: CallGroup[] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    const callId = row.callId ?? null;
    if (last && callId !== null && last.callId === callId) last.rows.push(row);
    else groups.push({ callId, rows: [row] });
  }
  return groups;
};
