import type { AuditRecord } from '@tenant-sessions/contracts';
import type { Formatters } from '../format';

const KIND: Record<AuditRecord['kind'], string> = { session: 'Close Session', query: 'Close Current Query' };

/** The records of one page: when, who, which session, what it ran, what was asked, what came of it. */
export function AuditTable({ rows, fmt }: { rows: AuditRecord[]; fmt: Formatters }) {
  return (
    <table className="tsp-audit-table">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Operator</th>
          <th scope="col">Action</th>
          <th scope="col">Session</th>
          <th scope="col">User</th>
          <th scope="col">Source</th>
          <th scope="col">SQL</th>
          <th scope="col">Outcome</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td title={r.time}>{fmt.time(r.time)}</td>
            <td>{r.operator}</td>
            <td>{KIND[r.kind]}</td>
            <td className="tsp-mono">{r.sessionId}</td>
            <td>{r.user ?? '—'}</td>
            <td>{r.source ?? '—'}</td>
            <td className="tsp-mono tsp-audit-sql" title={r.sql ?? undefined}>
              {r.sql === null ? '—' : `${r.sql}${r.sqlTruncated ? '…' : ''}`}
            </td>
            <td>
              <span className={`tsp-outcome tsp-outcome-${r.outcome}`}>{r.outcome.replace('_', ' ')}</span>
              {r.message && <div className="tsp-dim">{r.message}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
