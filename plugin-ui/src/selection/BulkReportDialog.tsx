import type { KillOutcome } from '@tenant-sessions/contracts';
import { reasonOf } from '../actions/outcomes';
import { Dialog } from '../dialogs/Dialog';
import { useT } from '../i18n/useT';
import type { BulkReport } from './useBulkClose';

const OUTCOMES: KillOutcome[] = ['killed', 'not_found', 'changed', 'protected', 'denied', 'error', 'unknown'];

/**
 * What a bulk close did: how many of each outcome, what was not sent (cancelled, or stopped by an
 * error), and every session that was not closed with its reason in the operator's language.
 */
export function BulkReportDialog({ report, onClose }: { report: BulkReport; onClose: () => void }) {
  const t = useT();
  const word = (outcome: KillOutcome) => t(`bulk.outcome.${outcome}` as 'bulk.outcome.killed');
  const counts = new Map<KillOutcome, number>();
  for (const r of report.results) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
  const notClosed = report.results.filter((r) => r.outcome !== 'killed');
  const left = report.total - report.results.length;
  return (
    <Dialog
      title={t('bulk.report.title')}
      onClose={onClose}
      footer={
        <button type="button" className="tsp-btn tsp-btn-primary" onClick={onClose} data-autofocus>
          {t('bulk.report.done')}
        </button>
      }
    >
      {report.cancelled && (
        <p role="status">
          {t('bulk.report.cancelled', { sent: report.results.length, total: report.total, left })}
        </p>
      )}
      {report.stopped && <p role="alert">{t('bulk.report.stopped', { why: report.stopped(t), left })}</p>}
      <ul className="tsp-bulk-outcomes" aria-label={t('bulk.report.title')}>
        {OUTCOMES.filter((o) => counts.has(o)).map((o) => (
          <li key={o}>
            {t('bulk.report.outcome', {
              outcome: word(o),
              count: counts.get(o) ?? 0,
            })}
          </li>
        ))}
      </ul>
      {notClosed.length === 0 && left === 0 ? (
        <p>{t('bulk.report.allClosed')}</p>
      ) : (
        notClosed.length > 0 && (
          <section aria-label={t('bulk.report.notClosed')}>
            <h3>{t('bulk.report.notClosed')}</h3>
            <ul className="tsp-bulk-notclosed">
              {notClosed.map((r) => (
                <li key={r.sessionKey}>
                  <span className="tsp-mono">{report.sessions.get(r.sessionKey)?.id ?? r.sessionKey}</span>{' '}
                  {word(r.outcome)}: {reasonOf(r, t) ?? ''}
                </li>
              ))}
            </ul>
          </section>
        )
      )}
    </Dialog>
  );
}
