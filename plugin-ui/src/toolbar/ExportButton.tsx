import { useLingui } from '@lingui/react';
import type { ExportKind } from '@tenant-sessions/contracts';
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../api/ApiContext';
import { problemOf, sayProblem } from '../api/errors';
import type { ExportInputs } from '../api/exportCsv';
import { useT } from '../i18n/useT';
import { Notice } from '../status/Notice';
import { saveFile } from './saveFile';

type Props<K extends ExportKind> = {
  kind: K;
  /** The view's input: its filters and sort (paging is ignored: every matching row is written). */
  input: ExportInputs[K];
  /** Named in a refusal. */
  tenantName: string;
  /** The accessible description (what the file holds). */
  hint: string;
};

/**
 * "Export": downloads the view as CSV from the sidecar (header row in the operator's language),
 * with the token in the Authorization header, under the file name the sidecar gave. A refusal
 * shows as a notice beside the button; an unmount aborts a download in flight.
 */
export function ExportButton<K extends ExportKind>({ kind, input, tenantName, hint }: Props<K>) {
  const t = useT();
  const { i18n } = useLingui();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const running = useRef<AbortController | null>(null);
  useEffect(() => () => running.current?.abort(), []);

  const start = async () => {
    const controller = new AbortController();
    running.current = controller;
    setBusy(true);
    setFailure(null);
    try {
      const file = await api.exportCsv(kind, input, i18n.locale, controller.signal);
      if (!controller.signal.aborted) saveFile(file.blob, file.fileName);
    } catch (error) {
      if (!controller.signal.aborted) setFailure(sayProblem(problemOf(error, tenantName, t), t));
    } finally {
      if (running.current === controller) {
        running.current = null;
        setBusy(false);
      }
    }
  };

  return (
    <>
      <button type="button" className="tsp-btn" onClick={start} disabled={busy} title={hint}>
        <span aria-hidden="true">⤓</span>{' '}
        {busy ? t('export.busy') : t(kind === 'sessions' ? 'export.sessions' : 'export.stats')}
      </button>
      {failure && (
        <Notice tone="error" onDismiss={() => setFailure(null)}>
          {t('export.failed', { problem: failure })}
        </Notice>
      )}
    </>
  );
}
