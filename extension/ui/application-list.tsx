import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { APPLICATION_STATUSES } from '../../shared/schema/application';
import { db } from '../store/db';
import { loadApplicationRows } from './application-rows';
import { DataSection } from './data-section';
import { filterApplications, filterFromQuery, filterToQuery, type ListFilter } from './filters';
import { formatDate, round } from './format';
import { routeHref } from './route';
import { STATUS_LABELS, StatusPill } from './status-pill';
import { useReady } from './use-ready';

/** Every application: search, filter by status and date, and the latest match at a glance. */
export function ApplicationList({ query }: { query: string }) {
  const rows = useLiveQuery(() => loadApplicationRows(db()), []);
  useReady(rows !== undefined);
  const [filter, setState] = useState(() => filterFromQuery(query));
  // mirrored into the hash, so a filtered list survives a reload and can be linked
  const setFilter = (patch: Partial<ListFilter>) => {
    const next = { ...filter, ...patch };
    setState(next);
    history.replaceState(null, '', routeHref({ page: 'list', query: filterToQuery(next) }));
  };
  if (!rows) return null;
  const shown = filterApplications(rows, filter);
  return (
    <div className="stack">
      <div className="filters card">
        <div className="field grow">
          <label htmlFor="search">Search</label>
          <input id="search" type="search" data-testid="search" placeholder="Company, title or text of the posting" value={filter.query} onChange={(e) => setFilter({ query: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="status-filter">Status</label>
          <select id="status-filter" data-testid="status-filter" value={filter.status} onChange={(e) => setFilter({ status: e.target.value as ListFilter['status'] })}>
            <option value="all">All</option>
            {APPLICATION_STATUSES.map((s) => (
              <option key={s} value={s}>{STATUS_LABELS[s]}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="from">From</label>
          <input id="from" type="date" data-testid="date-from" value={filter.from ?? ''} onChange={(e) => setFilter({ from: e.target.value || undefined })} />
        </div>
        <div className="field">
          <label htmlFor="to">To</label>
          <input id="to" type="date" data-testid="date-to" value={filter.to ?? ''} onChange={(e) => setFilter({ to: e.target.value || undefined })} />
        </div>
      </div>

      {rows.length === 0 ? (
        <div className="card empty">
          <h2>No applications yet</h2>
          <p className="muted">Open a job posting and click the CVPath icon: each job you tailor your CV to shows up here.</p>
        </div>
      ) : (
        <div className="card table-card">
          <table className="plain apps">
            <thead>
              <tr>
                <th>Company</th>
                <th>Role</th>
                <th>Added</th>
                <th>Status</th>
                <th className="num">Match</th>
              </tr>
            </thead>
            <tbody>
              {shown.map(({ app, match }) => (
                <tr key={app.id} data-testid="application-row" data-application-id={app.id} onClick={() => (location.hash = routeHref({ page: 'application', id: app.id }))}>
                  <td><strong>{app.company || '—'}</strong></td>
                  <td><a href={routeHref({ page: 'application', id: app.id })} onClick={(e) => e.stopPropagation()}>{app.title || 'Untitled job'}</a></td>
                  <td className="muted">{formatDate(app.createdAt)}</td>
                  <td><StatusPill status={app.status} /></td>
                  <td className="num tabular">{match ? <><span className="faint">{round(match.before)}</span> → <strong>{round(match.after)}</strong></> : <span className="faint">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length === 0 && <p className="muted" style={{ padding: 16 }}>Nothing matches these filters.</p>}
          <p className="small faint" style={{ padding: '8px 8px 0' }}>{shown.length} of {rows.length} applications</p>
        </div>
      )}

      <section className="card stack-sm">
        <h2>Your data</h2>
        <p className="small muted">Everything here lives in this browser. Take it with you, or remove it.</p>
        <DataSection />
      </section>
    </div>
  );
}
