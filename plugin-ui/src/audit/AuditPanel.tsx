import type { KillOutcome, TenantRef } from '@tenant-sessions/contracts';
import { useId, useState } from 'react';
import { problemOf } from '../api/errors';
import { useAuditPage } from '../api/queries';
import type { Formatters } from '../format';
import { AuditTable } from './AuditTable';

const PAGE_SIZE = 10;
const OUTCOMES: KillOutcome[] = ['killed', 'not_found', 'denied', 'protected', 'changed', 'error'];

type Props = { tenant: TenantRef; tenantName: string; fmt: Formatters };

/**
 * "Recent closes": the tenant's audit, newest first, below the table. Collapsed at first; read
 * only while open, and refreshed after every close (its query sits under the tenant's key).
 */
export function AuditPanel({ tenant, tenantName, fmt }: Props) {
  const [open, setOpen] = useState(false);
  const [pageIndex, setPageIndex] = useState(0);
  const [outcome, setOutcome] = useState<KillOutcome | ''>('');
  const bodyId = useId();
  const input = { ...tenant, pageIndex, pageSize: PAGE_SIZE, ...(outcome ? { outcome } : {}) };
  const page = useAuditPage(input, open);
  const total = page.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <section className="tsp-audit" aria-label={`Recent closes on tenant ${tenantName}`}>
      <h3 className="tsp-audit-title">
        <button
          type="button"
          className="tsp-audit-toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> Recent closes
          {open && page.data ? ` (${fmt.count(total)})` : ''}
        </button>
      </h3>
      {open && (
        <div id={bodyId} className="tsp-audit-body">
          <div className="tsp-audit-bar">
            <label>
              Outcome{' '}
              <select
                className="tsp-select"
                value={outcome}
                onChange={(event) => {
                  setOutcome(event.target.value as KillOutcome | '');
                  setPageIndex(0);
                }}
              >
                <option value="">all</option>
                {OUTCOMES.map((o) => (
                  <option key={o} value={o}>
                    {o.replace('_', ' ')}
                  </option>
                ))}
              </select>
            </label>
            <span className="tsp-pager-nav">
              <button
                type="button"
                className="tsp-btn"
                disabled={pageIndex === 0}
                onClick={() => setPageIndex(pageIndex - 1)}
              >
                Newer
              </button>
              <span className="tsp-pager-page">
                Page {fmt.count(pageIndex + 1)} of {fmt.count(pages)}
              </span>
              <button
                type="button"
                className="tsp-btn"
                disabled={pageIndex + 1 >= pages}
                onClick={() => setPageIndex(pageIndex + 1)}
              >
                Older
              </button>
            </span>
          </div>
          {page.isError ? (
            <p className="tsp-audit-note" role="alert">
              {auditProblem(page.error, tenantName)}
            </p>
          ) : page.isPending ? (
            <p className="tsp-audit-note">Loading recent closes…</p>
          ) : page.data.rows.length === 0 ? (
            <p className="tsp-audit-note">
              {outcome
                ? `No close with outcome ${outcome.replace('_', ' ')} recorded.`
                : 'No close recorded yet.'}
            </p>
          ) : (
            <AuditTable rows={page.data.rows} fmt={fmt} />
          )}
        </div>
      )}
    </section>
  );
}

const auditProblem = (error: unknown, tenantName: string): string => {
  const problem = problemOf(error, tenantName);
  if (problem.reason === 'AUDIT_UNAVAILABLE')
    return `The audit cannot be read now${problem.detail ? `: ${problem.detail}` : ''}`;
  return problem.detail ? `${problem.title}: ${problem.detail}` : problem.title;
};
