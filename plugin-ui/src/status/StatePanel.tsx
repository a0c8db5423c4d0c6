import type { Problem } from '../api/errors';
import { useT } from '../i18n/useT';

/** What stands in the table's place: loading, nothing to show, or a failure with Retry. */
export function StatePanel(
  props:
    | { kind: 'loading' }
    | { kind: 'empty'; filtered: boolean }
    | { kind: 'error'; problem: Problem; onRetry: () => void },
) {
  const t = useT();
  if (props.kind === 'loading') {
    return (
      <div className="tsp-state" role="status">
        <span className="tsp-spinner" aria-hidden="true" /> {t('state.loading')}
      </div>
    );
  }
  if (props.kind === 'empty') {
    return (
      <div className="tsp-state" role="status">
        {props.filtered ? t('state.noMatch') : t('state.empty')}
      </div>
    );
  }
  return (
    <div className="tsp-state tsp-state-error" role="alert">
      <strong>{props.problem.title}</strong>
      {props.problem.detail && <span className="tsp-state-detail">{props.problem.detail}</span>}
      <button type="button" className="tsp-btn" onClick={props.onRetry}>
        {t('state.retry')}
      </button>
    </div>
  );
}
