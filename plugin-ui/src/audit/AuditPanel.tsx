import type { KillOutcome, TenantRef } from '@tenant-sessions/contracts';
import { useId, useState } from 'react';
import { problemOf, sayProblem } from '../api/errors';
import { useAuditPage } from '../api/queries';
import type { Formatters } from '../format';
import type { Translate } from '../i18n/messages';
import { useT } from '../i18n/useT';
import { AuditTable, outcomeKey } from './AuditTable';

const PAGE_SIZE = 10;
const OUTCOMES: KillOutcome[] = ['killed', 'not_found', 'denied', 'protected', 'changed', 'error', 'unknown'];

type Props = { tenant: TenantRef; tenantName: string; fmt: Formatters };

/**
 * "Recent closes": the tenant's audit, newest first, below the table. Collapsed at first; read
 * only while open, and refreshed after every close (its query sits under the tenant's key).
 */
export function AuditPanel({ tenant, tenantName, fmt }: Props) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [pageIndex, setPageIndex] = useState(0);
  const [outcome, setOutcome] = useState<KillOutcome | ''>('');
  const bodyId = useId();
  const input = { ...tenant, pageIndex, pageSize: PAGE_SIZE, ...(outcome ? { outcome } : {}) };
  const page = useAuditPage(input, open);
  const total = page.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  return (
    <section className="tsp-audit" aria-label={t('audit.region', { tenant: tenantName })}>
      <h3 className="tsp-audit-title">
        <button
          type="button"
          className="tsp-audit-toggle"
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => setOpen(!open)}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>{' '}
          {open && page.data ? t('audit.toggleCount', { count: total }) : t('audit.toggle')}
        </button>
      </h3>
      {open && (
        <div id={bodyId} className="tsp-audit-body">
          <div className="tsp-audit-bar">
            <label>
              {t('audit.outcome')}{' '}
              <select
                className="tsp-select"
                value={outcome}
                onChange={(event) => {
                  setOutcome(event.target.value as KillOutcome | '');
                  setPageIndex(0);
                }}
              >
                <option value="">{t('audit.all')}</option>
                {OUTCOMES.map((o) => (
                  <option key={o} value={o}>
                    {t(outcomeKey(o))}
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
                {t('audit.newer')}
              </button>
              <span className="tsp-pager-page">{t('pager.page', { page: pageIndex + 1, pages })}</span>
              <button
                type="button"
                className="tsp-btn"
                disabled={pageIndex + 1 >= pages}
                onClick={() => setPageIndex(pageIndex + 1)}
              >
                {t('audit.older')}
              </button>
            </span>
          </div>
          {page.isError ? (
            <p className="tsp-audit-note" role="alert">
              {auditProblem(page.error, tenantName, t)}
            </p>
          ) : page.isPending ? (
            <p className="tsp-audit-note">{t('audit.loading')}</p>
          ) : page.data.rows.length === 0 ? (
            <p className="tsp-audit-note">
              {outcome ? t('audit.noneWithOutcome', { outcome: t(outcomeKey(outcome)) }) : t('audit.none')}
            </p>
          ) : (
            <AuditTable rows={page.data.rows} fmt={fmt} />
          )}
        </div>
      )}
    </section>
  );
}

const auditProblem = (error: unknown, tenantName: string, t: Translate): string => {
  const problem = problemOf(error, tenantName, t);
  return sayProblem(
    problem.reason === 'AUDIT_UNAVAILABLE' ? { ...problem, title: t('audit.unavailable') } : problem,
    t,
  );
};
