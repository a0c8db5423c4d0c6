import type { GroupBy, SessionGroup, TenantRef } from '@tenant-sessions/contracts';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import type { Formatters } from '../format';
import type { Translate } from '../i18n/messages';
import { useT } from '../i18n/useT';
import { Dash } from '../table/cells';
import type { Drill } from '../table/drill';
import { ExportButton } from '../toolbar/ExportButton';
import { DEFAULT_GROUP_SORT, GROUP_FIELDS, type GroupSort, type GroupSortKey, groupRows } from './groupRows';
import { useSessionStats } from './queries';

/** Rows shown at first, and how many more each "Show more" adds. */
export const GROUP_ROWS_SHOWN = 10;

const TITLE = {
  user: 'stats.by.user',
  source: 'stats.by.source',
  database: 'stats.by.database',
  sql: 'stats.by.sql',
} as const;
export const VALUE_COLUMN = {
  user: 'stats.col.user',
  source: 'stats.col.source',
  database: 'stats.col.database',
  sql: 'stats.col.sql',
} as const;
const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

type Props = {
  by: GroupBy;
  /** The tenant, for this table's CSV export (every row of the grouping, not only those shown). */
  tenant: TenantRef;
  tenantName: string;
  /** The grouping's top rows (the sidecar sends at most LIMITS.statsTopRows). */
  rows: SessionGroup[];
  /** How many rows the grouping has in all: more than `rows` holds when the answer was cut. */
  total: number;
  fmt: Formatters;
  /** Whether the statistics count ACTIVE sessions only (a Total then lists active ones too). */
  activeOnly: boolean;
  onDrill: (drill: Drill, activeOnly: boolean) => void;
};

/** The text a row's value stands for: By SQL its normalised statement, none for null. */
export const shownValue = (by: GroupBy, group: Pick<SessionGroup, 'value' | 'sample'>, t: Translate) =>
  (by === 'sql' ? (group.sample ?? group.value) : group.value) ?? t('cell.none');

/**
 * One statistics table (By user / source / database / SQL): value, Active, Total, Longest active
 * (s); sortable by each, searchable over the value, the top rows first. Each count is a button
 * that lists exactly the sessions it counted.
 */
export function GroupTable({ by, tenant, tenantName, rows, total, fmt, activeOnly, onDrill }: Props) {
  const t = useT();
  const titleId = useId();
  const [sort, setSort] = useState<GroupSort>(DEFAULT_GROUP_SORT);
  const [search, setSearch] = useState('');
  const [shown, setShown] = useState(GROUP_ROWS_SHOWN);
  const deferred = useDeferredValue(search);
  // A cut table searches every row of its grouping at the sidecar; a whole one, here.
  const cut = total > rows.length;
  const needle = deferred.trim();
  const remote = cut && needle !== '';
  const found = useSessionStats(
    { clusterId: tenant.clusterId, tenantId: tenant.tenantId, activeOnly, search: { [by]: needle } },
    remote,
  ).data;
  const searched = remote ? found : undefined;
  const own = searched ? searched[GROUP_FIELDS[by]] : rows;
  const ownTotal = searched ? searched.groupTotals[GROUP_FIELDS[by]] : total;
  const sorted = useMemo(() => groupRows(own, deferred, sort), [own, deferred, sort]);

  const visible = sorted.slice(0, shown);
  const column = t(VALUE_COLUMN[by]);

  const header = (key: GroupSortKey, label: string, numeric: boolean) => {
    const on = sort.key === key;
    return (
      <th
        scope="col"
        className={numeric ? 'tsp-num' : undefined}
        aria-sort={on ? ARIA_SORT[sort.desc ? 'desc' : 'asc'] : undefined}
      >
        <button
          type="button"
          className={`tsp-sort${on ? ' is-sorted' : ''}`}
          title={t('stats.sortBy', { column: label })}
          onClick={() => {
            setSort({ key, desc: on ? !sort.desc : key !== 'value' });
            setShown(GROUP_ROWS_SHOWN);
          }}
        >
          {label}
          <span className="tsp-sort-arrow" aria-hidden="true">
            {on ? (sort.desc ? '▼' : '▲') : '↕'}
          </span>
        </button>
      </th>
    );
  };

  const count = (group: SessionGroup, kind: 'active' | 'total') => {
    const n = group[kind];
    if (n === 0) return fmt.count(0);
    const value = shownValue(by, group, t);
    return (
      <button
        type="button"
        className="tsp-link"
        aria-label={t(kind === 'active' ? 'stats.drill.active' : 'stats.drill.total', {
          count: n,
          by: column,
          value,
        })}
        onClick={() =>
          onDrill(
            { filter: { by, value: group.value }, sample: group.sample ?? null },
            kind === 'active' || activeOnly,
          )
        }
      >
        {fmt.count(n)}
      </button>
    );
  };

  return (
    <section className="tsp-group" aria-labelledby={titleId}>
      <div className="tsp-group-head">
        <h3 id={titleId} className="tsp-group-title">
          {t(TITLE[by])}
        </h3>
        <input
          type="search"
          className="tsp-input tsp-group-search"
          aria-label={t('stats.search', { column })}
          placeholder={t('stats.searchPlaceholder', { column })}
          value={search}
          maxLength={256}
          onChange={(event) => {
            setSearch(event.target.value);
            setShown(GROUP_ROWS_SHOWN);
          }}
        />
        <ExportButton
          kind="stats"
          input={{ clusterId: tenant.clusterId, tenantId: tenant.tenantId, by, activeOnly }}
          tenantName={tenantName}
          hint={t('export.statsHint', { grouping: t(TITLE[by]) })}
        />
      </div>
      <table className="tsp-table tsp-group-table" aria-labelledby={titleId}>
        <thead>
          <tr>
            {header('value', column, false)}
            {header('active', t('stats.col.active'), true)}
            {header('total', t('stats.col.total'), true)}
            {header('maxActiveSeconds', t('stats.col.longest'), true)}
          </tr>
        </thead>
        <tbody>
          {visible.length === 0 ? (
            <tr>
              <td colSpan={4} className="tsp-state" role="status">
                {rows.length === 0 ? t('stats.noRows') : t('stats.noMatch')}
              </td>
            </tr>
          ) : (
            visible.map((group) => (
              <tr key={group.value ?? '\u0000none'}>
                <td
                  className={by === 'source' || by === 'sql' ? 'tsp-mono tsp-group-value' : 'tsp-group-value'}
                >
                  <GroupValue by={by} group={group} />
                </td>
                <td className="tsp-num">{count(group, 'active')}</td>
                <td className="tsp-num">{count(group, 'total')}</td>
                <td className="tsp-num">
                  {group.maxActiveSeconds === null ? <Dash /> : fmt.seconds(group.maxActiveSeconds)}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      {ownTotal > own.length && (
        <p className="tsp-dim tsp-group-top">{t('stats.top', { shown: own.length, total: ownTotal })}</p>
      )}
      {sorted.length > GROUP_ROWS_SHOWN && (
        <div className="tsp-group-foot">
          <span className="tsp-dim">{t('stats.range', { shown: visible.length, total: sorted.length })}</span>
          {visible.length < sorted.length && (
            <button
              type="button"
              className="tsp-btn tsp-btn-quiet"
              onClick={() => setShown((s) => s + GROUP_ROWS_SHOWN)}
            >
              {t('stats.more', { count: Math.min(GROUP_ROWS_SHOWN, sorted.length - visible.length) })}
            </button>
          )}
          {shown > GROUP_ROWS_SHOWN && (
            <button
              type="button"
              className="tsp-btn tsp-btn-quiet"
              onClick={() => setShown(GROUP_ROWS_SHOWN)}
            >
              {t('stats.fewer')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

/** A row's value: none for null; By SQL the normalised statement, its SQL ID or digest beside. */
function GroupValue({ by, group }: { by: GroupBy; group: SessionGroup }) {
  if (group.value === null) return <Dash />;
  if (by !== 'sql') return <>{group.value}</>;
  return (
    <>
      <span className="tsp-sql-preview" title={group.sample ?? group.value}>
        {group.sample ?? group.value}
      </span>
      {group.sample && <span className="tsp-dim tsp-group-id">{group.value}</span>}
    </>
  );
}
