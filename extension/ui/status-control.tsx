import { useState } from 'react';
import { APPLICATION_STATUSES, type Application, type ApplicationStatus } from '../../shared/schema/application';
import { setApplicationStatus } from '../store/applications';
import { ErrorNotice, toShownError, type ShownError } from './error-notice';
import { formatDateTime } from './format';
import { STATUS_LABELS, StatusPill } from './status-pill';

/** Where the application stands, and every change of it with its date. */
export function StatusControl({ app }: { app: Application }) {
  const [error, setError] = useState<ShownError | null>(null);
  return (
    <div className="stack-sm">
      <div className="field" style={{ maxWidth: 240 }}>
        <label htmlFor="status-select">Status</label>
        <select
          id="status-select"
          data-testid="status-select"
          value={app.status}
          onChange={(e) => {
            setError(null);
            setApplicationStatus(app.id, e.target.value as ApplicationStatus).catch((err: unknown) => setError(toShownError(err)));
          }}
        >
          {APPLICATION_STATUSES.map((s) => (
            <option key={s} value={s}>{STATUS_LABELS[s]}</option>
          ))}
        </select>
      </div>
      {error && <ErrorNotice error={error} />}
      {app.statusHistory.length > 0 && (
        <ol className="history" data-testid="status-history" aria-label="Status history">
          {[...app.statusHistory].reverse().map((h, i) => (
            <li key={i} className="row small">
              <StatusPill status={h.status} />
              <span className="muted">{formatDateTime(h.at)}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
