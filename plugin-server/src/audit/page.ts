import type { AuditPage, AuditQuery, AuditRecord } from '@tenant-sessions/contracts';

/** Filters records kept oldest first, then answers the page asked for, newest first. */
export const pageOfRecords = (oldestFirst: AuditRecord[], query: AuditQuery): AuditPage => {
  const matching = oldestFirst.filter(
    (r) =>
      r.clusterId === query.clusterId &&
      r.tenantId === query.tenantId &&
      (query.operator === undefined || r.operator === query.operator) &&
      (query.outcome === undefined || r.outcome === query.outcome),
  );
  const end = matching.length - query.pageIndex * query.pageSize;
  const start = Math.max(0, end - query.pageSize);
  return { rows: end > 0 ? matching.slice(start, end).reverse() : [], total: matching.length };
};
