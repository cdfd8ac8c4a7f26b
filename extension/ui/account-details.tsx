import { useCallback, useEffect, useState } from 'react';
import { send, type Res } from '../messaging';
import type { SyncStatus } from '../sync/state';
import { ErrorNotice, toShownError, useAction, type ShownError } from './error-notice';
import { formatDateTime } from './format';
import { formatAgo } from './sync-status';

type Account = Res<'account:get'>;

/** "Chrome on Linux" rather than the whole user-agent string. */
function browserName(ua: string | undefined): string {
  if (!ua) return 'Unknown browser';
  const name = /Edg\//.test(ua) ? 'Edge' : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Firefox\//.test(ua) ? 'Firefox' : /Safari\//.test(ua) ? 'Safari' : 'Browser';
  const os = /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Android/.test(ua) ? 'Android' : /Linux/.test(ua) ? 'Linux' : /iPhone|iPad/.test(ua) ? 'iOS' : '';
  return os ? `${name} on ${os}` : name;
}

/** Signed in: who, sign out, the account's sessions (revocable) and the devices that sync with it. */
export function AccountDetails({ status }: { status: SyncStatus }) {
  const [account, setAccount] = useState<Account | null>(null);
  const [loadError, setLoadError] = useState<ShownError | null>(null);
  const { error, act } = useAction();
  const guest = !!status.user?.isAnonymous;
  const load = useCallback(() => {
    setLoadError(null);
    send('account:get', {}).then(setAccount, (e: unknown) => setLoadError(toShownError(e)));
  }, []);
  useEffect(load, [load, status.user?.id]);
  const andReload = (f: () => Promise<unknown>) => act(async () => {
    await f();
    load();
  });

  return (
    <div className="stack-sm" data-testid="account-details">
      <div className="spread">
        <p data-testid="account-user">
          {guest ? 'Syncing as a guest (no email yet).' : <>Signed in as <strong>{status.user?.email}</strong>.</>}
        </p>
        <button type="button" className="btn btn-sm" data-testid="sign-out" onClick={() => act(() => send('account:sign-out', {}))}>
          Sign out
        </button>
      </div>
      {guest && <p className="small muted">Signing out of a guest account leaves its copy on the server out of reach: register first to keep it. Your data stays in this browser either way.</p>}
      {error && <ErrorNotice error={error} />}
      {loadError &&
        (loadError.code === 'SERVER_UNREACHABLE' ? (
          // the status line above already says the server cannot be reached
          <p className="small muted">Sessions and devices show here once the server can be reached.</p>
        ) : (
          <ErrorNotice error={loadError} title="The account could not be loaded." />
        ))}
      {account && (
        <details className="account-lists" onToggle={(e) => {
          // opened: the lists as they are now (another device may have synced since)
          if (e.currentTarget.open) load();
        }}>
          <summary>
            {account.sessions.length === 1 ? '1 session' : `${account.sessions.length} sessions`} · {account.devices.length === 1 ? '1 device' : `${account.devices.length} devices`}
          </summary>
          <h3>Signed-in sessions</h3>
          <table className="plain">
            <tbody>
              {account.sessions.map((s) => (
                <tr key={s.id} data-testid="session-row">
                  <td>
                    {browserName(s.userAgent)} {s.current && <span className="pill pill-ok">This browser</span>}
                    <div className="small muted">Since {formatDateTime(s.createdAt)}{s.ipAddress ? ` · ${s.ipAddress}` : ''}</div>
                  </td>
                  <td className="num">
                    <button type="button" className="btn btn-sm btn-danger" data-testid="session-revoke" onClick={() => andReload(() => send('account:revoke-session', { sessionId: s.id }))}>
                      {s.current ? 'Sign out' : 'Revoke'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Devices that sync</h3>
          <table className="plain">
            <tbody>
              {account.devices.map((x) => (
                <tr key={x.deviceId} data-testid="device-row">
                  <td>
                    {x.name || `Device ${x.deviceId.slice(0, 8)}`} {x.current && <span className="pill pill-ok">This device</span>}
                    <div className="small muted">Last synced {formatAgo(x.lastSeenAt)}</div>
                  </td>
                  <td className="num">
                    {!x.current && (
                      <button type="button" className="btn btn-sm" data-testid="device-forget" onClick={() => andReload(() => send('account:forget-device', { deviceId: x.deviceId }))}>
                        Forget
                      </button>
                    )}
                  </td>
                </tr>
              ))}
              {account.devices.length === 0 && (
                <tr>
                  <td className="small muted">No device has sent changes yet.</td>
                </tr>
              )}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}
