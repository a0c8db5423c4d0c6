import type { Problem } from '../api/errors';

/** What stands in the table's place: loading, nothing to show, or a failure with Retry. */
export function StatePanel(
  props:
    | { kind: 'loading' }
    | { kind: 'empty'; filtered: boolean }
    | { kind: 'error'; problem: Problem; onRetry: () => void },
) {
  if (props.kind === 'loading') {
    return (
      <div className="tsp-state" role="status">
        <span className="tsp-spinner" aria-hidden="true" /> Loading sessions…
      </div>
    );
  }
  if (props.kind === 'empty') {
    return (
      <div className="tsp-state" role="status">
        {props.filtered
          ? 'No session matches the searches and filters.'
          : 'This tenant has no sessions right now.'}
      </div>
    );
  }
  return (
    <div className="tsp-state tsp-state-error" role="alert">
      <strong>{props.problem.title}</strong>
      {props.problem.detail && <span className="tsp-state-detail">{props.problem.detail}</span>}
      <button type="button" className="tsp-btn" onClick={props.onRetry}>
        Retry
      </button>
    </div>
  );
}
