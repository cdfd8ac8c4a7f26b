import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../store/db';
import { readSyncStatus } from '../sync/state';
import { AccountDetails } from './account-details';
import { AccountForms } from './account-forms';
import { ServerField } from './server-field';
import { SyncStatusLine } from './sync-status-line';

/** Account & sync: opt-in sync with an account (or as a guest), its status, sessions and devices, and the server. */
export function SyncSection() {
  const status = useLiveQuery(() => readSyncStatus(db()), []);
  if (!status) return null;
  const guest = status.signedIn && !!status.user?.isAnonymous;
  return (
    <div className="stack" data-testid="sync-section">
      <SyncStatusLine status={status} />
      {status.signedIn && <AccountDetails status={status} />}
      {(!status.signedIn || guest) && <AccountForms key={status.user?.id ?? 'none'} status={status} />}
      <ServerField status={status} />
    </div>
  );
}
