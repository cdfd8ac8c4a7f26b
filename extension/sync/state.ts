import type { CvPathDb, SyncStateRecord } from '../store/db';

/** Where `npm start` serves the backend on the user's own machine. */
export const DEFAULT_SERVER_URL = 'http://localhost:8787';

/** What the options page shows about sync. Never the session token. */
export interface SyncStatus {
  enabled: boolean;
  serverUrl: string;
  deviceId?: string;
  user?: SyncStateRecord['user'];
  signedIn: boolean;
  syncing: boolean;
  lastSyncAt?: string;
  lastError?: { code: string; message: string; hint?: string };
  nextAttemptAt?: string;
  /** Records changed on this device that the server does not have yet. */
  pending: number;
  /** Changes the server refused for good: parked, never sent again (see DexieSyncStore.park). */
  rejected: NonNullable<SyncStateRecord['rejected']>;
}

/** A sync that started longer ago than this without finishing belongs to a worker that was stopped mid-way. */
const SYNCING_STALE_MS = 2 * 60_000;

function initial(): SyncStateRecord {
  return { id: 'sync', deviceId: crypto.randomUUID(), enabled: false, serverUrl: DEFAULT_SERVER_URL, cursor: 0, failures: 0 };
}

/** The sync state, made on first use (with this install's device id). */
export async function loadSyncState(d: CvPathDb): Promise<SyncStateRecord> {
  const found = await d.sync.get('sync');
  if (found) return found;
  return d.transaction('rw', d.sync, async () => {
    const again = await d.sync.get('sync');
    if (again) return again;
    const fresh = initial();
    await d.sync.add(fresh);
    return fresh;
  });
}

/** Changes the sync state in one transaction; `patch` may compute the change from the current state. */
export async function updateSyncState(d: CvPathDb, patch: Partial<SyncStateRecord> | ((s: SyncStateRecord) => Partial<SyncStateRecord>)): Promise<SyncStateRecord> {
  return d.transaction('rw', d.sync, async () => {
    const s = (await d.sync.get('sync')) ?? initial();
    const next = { ...s, ...(typeof patch === 'function' ? patch(s) : patch), id: 'sync' as const };
    await d.sync.put(next);
    return next;
  });
}

/** The number of records with changes waiting in the outbox (a record changed three times counts once). */
export async function pendingCount(d: CvPathDb): Promise<number> {
  return (await d.outbox.orderBy('[entity+entityId]').uniqueKeys()).length;
}

/** The status, read only (so a page's live query can call it): a device that never synced reads as sync off. */
export async function readSyncStatus(d: CvPathDb, now = Date.now()): Promise<SyncStatus> {
  const [s, pending] = await Promise.all([d.sync.get('sync'), pendingCount(d)]);
  const attempt = s?.lastAttemptAt ? Date.parse(s.lastAttemptAt) : 0;
  return {
    enabled: !!s?.enabled,
    serverUrl: s?.serverUrl ?? DEFAULT_SERVER_URL,
    ...(s?.deviceId ? { deviceId: s.deviceId } : {}),
    ...(s?.user ? { user: s.user } : {}),
    signedIn: !!s?.token,
    syncing: !!s?.syncing && now - attempt < SYNCING_STALE_MS,
    ...(s?.lastSyncAt ? { lastSyncAt: s.lastSyncAt } : {}),
    ...(s?.lastError ? { lastError: s.lastError } : {}),
    ...(s?.nextAttemptAt ? { nextAttemptAt: s.nextAttemptAt } : {}),
    pending,
    rejected: s?.rejected ?? [],
  };
}
