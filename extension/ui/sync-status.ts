import type { SyncStatus } from '../sync/state';

/** How the sync status reads at a glance: its tone (for colour and tests) and one sentence. */
export interface SyncSummary {
  state: 'off' | 'signed-out' | 'paused' | 'syncing' | 'error' | 'ok' | 'never';
  text: string;
}

/** "just now", "3 minutes ago", "yesterday at 14:02": when something last happened, as a person says it. */
export function formatAgo(iso: string, now = Date.now()): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} minute${m === 1 ? '' : 's'} ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} hour${h === 1 ? '' : 's'} ago`;
  return new Date(t).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

const changes = (n: number) => (n === 1 ? '1 change' : `${n} changes`);

export function summarizeSync(s: SyncStatus, now = Date.now()): SyncSummary {
  if (!s.signedIn) {
    if (s.user) return { state: 'signed-out', text: `Signed out of sync${s.user.email ? ` (${s.user.email})` : ''}. ${s.pending ? `${changes(s.pending)} on this device wait until you sign in again.` : 'Sign in again to go on syncing.'}` };
    return { state: 'off', text: 'Sync is off: everything stays in this browser.' };
  }
  const waiting = s.pending ? `${changes(s.pending)} waiting to be sent.` : 'Everything is sent.';
  if (!s.enabled) return { state: 'paused', text: `Sync is paused on this device. ${s.pending ? `${changes(s.pending)} waiting.` : ''}`.trim() };
  if (s.syncing) return { state: 'syncing', text: 'Syncing…' };
  if (s.lastError) {
    const retry = s.nextAttemptAt ? ` Next try ${Date.parse(s.nextAttemptAt) - now < 60_000 ? 'in a moment' : `at ${new Date(s.nextAttemptAt).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}`}.` : '';
    return { state: 'error', text: `Could not sync${s.lastSyncAt ? ` (last synced ${formatAgo(s.lastSyncAt, now)})` : ''}. ${s.pending ? `${changes(s.pending)} kept on this device.` : ''}${retry}`.replace(/\s+/g, ' ').trim() };
  }
  if (!s.lastSyncAt) return { state: 'never', text: `Not synced yet. ${waiting}` };
  return { state: 'ok', text: `Synced ${formatAgo(s.lastSyncAt, now)}. ${waiting}` };
}
