import type { GroupBy, TenantRef } from '@tenant-sessions/contracts';
import { problemOf } from '../api/errors';
import type { Formatters } from '../format';
import { useT } from '../i18n/useT';
import { Notice } from '../status/Notice';
import { StatePanel } from '../status/StatePanel';
import type { Drill } from '../table/drill';
import { BlockersTable } from './BlockersTable';
import { GroupTable } from './GroupTable';
import { GROUP_FIELDS } from './groupRows';
import { useSessionStats } from './queries';
import { StatCards } from './StatCards';

type Props = {
  tenant: TenantRef;
  tenantName: string;
  fmt: Formatters;
  /** The list's View Active Sessions Only: it applies here too. */
  activeOnly: boolean;
  onActiveOnly: (value: boolean) => void;
  /** Opens the list on exactly the sessions a count counted (null: no group, the whole list). */
  onDrill: (drill: Drill | null, activeOnly: boolean) => void;
};

const GROUPS: GroupBy[] = ['user', 'source', 'database', 'sql'];

/**
 * Session Statistics: the cards, the top blockers and the four tables over the tenant's snapshot
 * (`sessions.stats`).
 */
export function StatsView({ tenant, tenantName, fmt, activeOnly, onActiveOnly, onDrill }: Props) {
  const t = useT();
  const stats = useSessionStats({ ...tenant, activeOnly });
  const data = stats.data;
  return (
    <div className="tsp-stats" aria-busy={stats.isFetching}>
      <div className="tsp-toolbar">
        <div className="tsp-toolbar-left" />
        <div className="tsp-toolbar-right">
          <label className="tsp-check">
            <input
              type="checkbox"
              checked={activeOnly}
              onChange={(event) => onActiveOnly(event.target.checked)}
            />
            {t('toolbar.activeOnly')}
          </label>
          <span className="tsp-asof" aria-live="polite">
            {data ? t('toolbar.asOf', { time: fmt.time(data.capturedAt) }) : ''}
          </span>
          <button
            type="button"
            className="tsp-btn"
            onClick={() => stats.refetch()}
            disabled={stats.isFetching}
          >
            <span aria-hidden="true" className={stats.isFetching ? 'tsp-spin' : undefined}>
              ↻
            </span>{' '}
            {t('toolbar.refresh')}
          </button>
        </div>
      </div>
      {data?.visibility === 'own-sessions-only' && <Notice tone="info">{t('notice.ownSessionsOnly')}</Notice>}
      {data?.truncated && <Notice tone="warning">{t('stats.truncated', { count: data.counts.all })}</Notice>}
      {stats.isError ? (
        <StatePanel
          kind="error"
          problem={problemOf(stats.error, tenantName, t)}
          onRetry={() => stats.refetch()}
        />
      ) : !data ? (
        <StatePanel kind="loading" />
      ) : (
        <>
          <StatCards stats={data} fmt={fmt} onList={(active) => onDrill(null, active)} />
          <BlockersTable stats={data} fmt={fmt} activeOnly={activeOnly} />
          <div className="tsp-groups">
            {GROUPS.map((by) => (
              <GroupTable
                key={by}
                by={by}
                tenant={tenant}
                tenantName={tenantName}
                rows={data[GROUP_FIELDS[by]]}
                total={data.groupTotals?.[GROUP_FIELDS[by]] ?? data[GROUP_FIELDS[by]].length}
                fmt={fmt}
                activeOnly={activeOnly}
                onDrill={onDrill}
              />
            ))}
          </div>
        </>
      )}
    </div>
  );
}
