import { useId, useState } from 'react';
import { send } from '../messaging';
import type { SyncStatus } from '../sync/state';
import { ErrorNotice, useAction } from './error-notice';
import { ensureServerPermission } from './server-permission';

/** The sync server's address: set while signed out (a session belongs to one server), shown while signed in. */
export function ServerField({ status }: { status: SyncStatus }) {
  const id = useId();
  const [url, setUrl] = useState(status.serverUrl);
  const [saved, setSaved] = useState(false);
  const { error, act } = useAction();
  if (status.signedIn) {
    return (
      <p className="small muted" data-testid="server-url-shown">
        Server: <span className="mono">{status.serverUrl}</span> · sign out to use another.
      </p>
    );
  }
  return (
    <form
      className="stack-sm"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        act(async () => {
          await ensureServerPermission(url.trim());
          const next = await send('sync:configure', { serverUrl: url });
          setUrl(next.serverUrl);
          setSaved(true);
        });
      }}
    >
      <div className="field">
        <label htmlFor={id}>Sync server</label>
        <div className="row">
          <input id={id} type="url" data-testid="server-url" value={url} onChange={(e) => {
              setUrl(e.target.value);
              setSaved(false);
            }} />
          <button type="submit" className="btn" data-testid="server-save" disabled={url.trim() === status.serverUrl}>
            Save
          </button>
        </div>
        <span className="help" data-testid="server-help">{saved ? 'Saved.' : 'Your own CVPath server: npm start serves one at http://localhost:8787.'}</span>
      </div>
      {error && <ErrorNotice error={error} />}
    </form>
  );
}
