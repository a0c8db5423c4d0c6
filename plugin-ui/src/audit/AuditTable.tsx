import type { AuditRecord } from '@tenant-sessions/contracts';
import type { Formatters } from '../format';
import type { MessageKey } from '../i18n/messages';
import { useT } from '../i18n/useT';
import { groupByCall } from './byCall';

const KIND = {
  session: 'actions.closeSession',
  query: 'actions.closeQuery',
} as const satisfies Record<AuditRecord['kind'], MessageKey>;

/** An outcome's label in the active language. */
export const outcomeKey = <O extends AuditRecord['outcome']>(outcome: O): `outcome.${O}` =>
  `outcome.${outcome}`;

/** The records of one page: when, who, which session, what it ran, what was asked, what came of it. */
export function AuditTable({ rows, fmt }: { rows: AuditRecord[]; fmt: Formatters }) {
  const t = useT();
  return (
    <table className="tsp-audit-table">
      <thead>
        <tr>
          <th scope="col">{t('audit.col.time')}</th>
          <th scope="col">{t('audit.col.operator')}</th>
          <th scope="col">{t('audit.col.action')}</th>
          <th scope="col">{t('audit.col.session')}</th>
          <th scope="col">{t('column.user')}</th>
          <th scope="col">{t('column.source')}</th>
          <th scope="col">{t('column.sql')}</th>
          <th scope="col">{t('audit.outcome')}</th>
        </tr>
      </thead>
      {groupByCall(rows).map((group) => (
        <tbody key={group.rows[0]?.id} className={group.rows.length > 1 ? 'tsp-audit-call' : undefined}>
          {group.rows.length > 1 && (
            <tr>
              <th scope="rowgroup" colSpan={8} className="tsp-audit-call-head">
                {t('bulk.auditCall', { count: group.rows.length })}{' '}
                <span className="tsp-mono tsp-dim">{group.callId}</span>
              </th>
            </tr>
          )}
          {group.rows.map((r) => (
            <tr key={r.id}>
              <td title={r.time}>{fmt.time(r.time)}</td>
              <td>{r.operator}</td>
              <td>{t(KIND[r.kind])}</td>
              <td className="tsp-mono">{r.sessionId}</td>
              <td>{r.user ?? '—'}</td>
              <td>{r.source ?? '—'}</td>
              <td className="tsp-mono tsp-audit-sql" title={r.sql ?? undefined}>
                {r.sql === null ? '—' : `${r.sql}${r.sqlTruncated ? '…' : ''}`}
              </td>
              <td>
                <span className={`tsp-outcome tsp-outcome-${r.outcome}`}>{t(outcomeKey(r.outcome))}</span>
                {r.message && <div className="tsp-dim">{r.message}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}
