import { useEffect, useState } from 'react';
import { send } from '../messaging';
import type { SyncStatus } from '../sync/state';
import { ErrorNotice, useAction } from './error-notice';
import { summarizeSync } from './sync-status';

/** Re-renders every `ms`, so "3 minutes ago" stays true while the page is open. */
function useNow(ms = 30_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** Where sync stands in one sentence, what went wrong and what to do, and the switch and button that act on it. */
export function SyncStatusLine({ status }: { status: SyncStatus }) {
  const summary = summarizeSync(status, useNow());
  const { error, act } = useAction();
  // a failed "Sync now" is also the status' last error: shown once
  const shown = error && error.message !== status.lastError?.message ? error : null;
  return (
    <div className="stack-sm">
      <div className="spread sync-line">
        <p data-testid="sync-status" data-state={summary.state} role="status" className={`sync-state sync-${summary.state}`}>
          {summary.text}
        </p>
        {status.signedIn && (
          <div className="row">
            <label className="check">
              <input type="checkbox" data-testid="sync-enabled" checked={status.enabled} onChange={(e) => act(() => send('sync:configure', { enabled: e.target.checked }))} />
              <span>Sync this device</span>
            </label>
            <button type="button" className="btn btn-sm" data-testid="sync-now" disabled={!status.enabled || status.syncing} onClick={() => act(() => send('sync:now', {}))}>
              Sync now
            </button>
          </div>
        )}
      </div>
      {status.lastError && <ErrorNotice error={status.lastError} testId="sync-error" />}
      {shown && <ErrorNotice error={shown} />}
      {status.rejected.length > 0 && (
        <div className="notice notice-warn" data-testid="sync-rejected">
          <strong>The server refused {status.rejected.length === 1 ? 'one change' : `${status.rejected.length} changes`}; they stay on this device only.</strong>
          <ul className="small">
            {status.rejected.map((r) => (
              <li key={`${r.entity}:${r.id}`}>{r.error}</li>
            ))}
          </ul>
          <p className="small">Update the extension and the server to the same version; editing the record again sends it again.</p>
          <button type="button" className="btn btn-sm" onClick={() => act(() => send('sync:dismiss-rejected', {}))}>Dismiss</button>
        </div>
      )}
    </div>
  );
}
