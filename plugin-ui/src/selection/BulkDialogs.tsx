import type { Formatters } from '../format';
import { useT } from '../i18n/useT';
import { Notice } from '../status/Notice';
import { BulkConfirm } from './BulkConfirm';
import { BulkReportDialog } from './BulkReportDialog';
import type { BulkClose } from './useBulkClose';
import type { Selection } from './useSelection';

/** The bulk close's confirmation (with its progress), its report, and a preview that failed. */
export function BulkDialogs({
  bulk,
  selection,
  fmt,
}: {
  bulk: BulkClose;
  selection: Selection;
  fmt: Formatters;
}) {
  const t = useT();
  return (
    <>
      {bulk.problem && (
        <Notice tone="error" onDismiss={bulk.dismissProblem} toast>
          {bulk.problem(t)}
        </Notice>
      )}
      {bulk.plan && (
        <BulkConfirm
          plan={bulk.plan}
          fmt={fmt}
          progress={bulk.progress}
          onCancel={bulk.cancel}
          onConfirm={async () => {
            const report = await bulk.confirm();
            if (report)
              selection.remove(
                report.results
                  .filter((r) => r.outcome === 'killed' || r.outcome === 'not_found')
                  .map((r) => r.sessionKey),
              );
          }}
        />
      )}
      {bulk.report && <BulkReportDialog report={bulk.report} onClose={bulk.dismissReport} />}
    </>
  );
}
