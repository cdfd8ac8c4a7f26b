import { useState, type FormEvent } from 'react';
import { send } from '../messaging';
import type { SyncStatus } from '../sync/state';
import { ErrorNotice, toShownError, type ShownError } from './error-notice';
import { ensureServerPermission } from './server-permission';
import { TextField } from './text-field';

type Mode = 'register' | 'sign-in';

/**
 * Signed out, or syncing as a guest: register, sign in, or (signed out) sync as a guest. A guest who registers or
 * signs in keeps everything: the server moves the guest's data into the account.
 */
export function AccountForms({ status }: { status: SyncStatus }) {
  const guest = status.signedIn && !!status.user?.isAnonymous;
  // no form open at first: an account is optional, and the page should not look like it asks for one
  const [mode, setMode] = useState<Mode | null>(null);
  const [email, setEmail] = useState(status.user?.email ?? '');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function run(f: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await ensureServerPermission(status.serverUrl);
      await f();
      setPassword('');
    } catch (e) {
      setError(toShownError(e));
    } finally {
      setBusy(false);
    }
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(() => (mode === 'register' ? send('account:register', { email, password, ...(name.trim() ? { name } : {}) }) : send('account:sign-in', { email, password })));
  };
  const forgot = () =>
    void run(async () => {
      await send('account:forgot-password', { email });
      setNotice(`If ${email.trim()} has an account, a link to choose a new password is on its way. Open it, set the password, then sign in here.`);
    });

  return (
    <div className="stack-sm account-forms" data-testid="account-forms">
      {guest ? (
        <p className="small">Register to keep this data if the browser is lost and to sync another device with it; signing in to an existing account brings it there too.</p>
      ) : (
        <div className="spread">
          <p className="small muted">Sync keeps your CVs, jobs, applications and runs on your own server and on your other browsers. Keys of AI providers never leave this browser.</p>
          <button type="button" className="btn" data-testid="sync-guest" disabled={busy} onClick={() => void run(() => send('account:guest', {}))}>
            Sync as guest
          </button>
        </div>
      )}
      <div className="row small" role="tablist" aria-label="Account">
        {(['register', 'sign-in'] as const).map((m) => (
          <button key={m} type="button" role="tab" aria-selected={mode === m} className={`btn btn-sm${mode === m ? ' btn-primary' : ''}`} data-testid={`account-mode-${m}`} onClick={() => setMode(m)}>
            {m === 'register' ? 'Register' : 'Sign in'}
          </button>
        ))}
      </div>
      {mode && <form className="stack-sm" onSubmit={submit}>
        <div className="field-row">
          <TextField label="Email" type="email" value={email} onChange={setEmail} testId="account-email" autoComplete="username" />
          <TextField label="Password" type="password" value={password} onChange={setPassword} testId="account-password" autoComplete={mode === 'register' ? 'new-password' : 'current-password'} help={mode === 'register' ? 'At least 10 characters.' : undefined} />
          {mode === 'register' && <TextField label="Name (optional)" value={name} onChange={setName} testId="account-name" autoComplete="name" />}
        </div>
        <div className="row-wrap">
          <button type="submit" className="btn btn-primary" data-testid="account-submit" disabled={busy}>
            {mode === 'register' ? (guest ? 'Register and keep my data' : 'Register') : 'Sign in'}
          </button>
          {mode === 'sign-in' && (
            <button type="button" className="btn btn-link" data-testid="forgot-password" disabled={busy} onClick={forgot}>
              Forgot password?
            </button>
          )}
          {busy && <span className="small muted">Working…</span>}
        </div>
      </form>}
      {notice && <p className="notice notice-info" role="status" data-testid="account-notice">{notice}</p>}
      {error && <ErrorNotice error={error} testId="account-error" />}
    </div>
  );
}
