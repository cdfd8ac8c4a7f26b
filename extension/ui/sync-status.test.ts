import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../sync/state';
import { formatAgo, summarizeSync } from './sync-status';

const NOW = Date.parse('2027-03-01T12:00:00.000Z');
const base: SyncStatus = { enabled: true, serverUrl: 'http://localhost:8787', signedIn: true, syncing: false, pending: 0, rejected: [], user: { id: 'u', email: 'ada@example.com', name: 'Ada', isAnonymous: false } };

describe('the sync status line', () => {
  it('says in one sentence where sync stands', () => {
    expect(summarizeSync({ ...base, signedIn: false, enabled: false, user: undefined }, NOW)).toEqual({ state: 'off', text: 'Sync is off: everything stays in this browser.' });
    expect(summarizeSync({ ...base, lastSyncAt: '2027-03-01T11:57:00.000Z' }, NOW)).toEqual({ state: 'ok', text: 'Synced 3 minutes ago. Everything is sent.' });
    expect(summarizeSync({ ...base, lastSyncAt: '2027-03-01T11:59:50.000Z', pending: 1 }, NOW).text).toBe('Synced just now. 1 change waiting to be sent.');
    expect(summarizeSync({ ...base, syncing: true }, NOW).state).toBe('syncing');
    expect(summarizeSync({ ...base, enabled: false, pending: 4 }, NOW)).toEqual({ state: 'paused', text: 'Sync is paused on this device. 4 changes waiting.' });
    expect(summarizeSync({ ...base, signedIn: false, pending: 2 }, NOW)).toEqual({ state: 'signed-out', text: 'Signed out of sync (ada@example.com). 2 changes on this device wait until you sign in again.' });
  });

  it('an error says what is kept and when the next try is', () => {
    const s = summarizeSync({ ...base, pending: 3, lastSyncAt: '2027-03-01T10:00:00.000Z', nextAttemptAt: '2027-03-01T12:00:20.000Z', lastError: { code: 'SERVER_UNREACHABLE', message: 'x' } }, NOW);
    expect(s).toEqual({ state: 'error', text: 'Could not sync (last synced 2 hours ago). 3 changes kept on this device. Next try in a moment.' });
    expect(summarizeSync({ ...base, lastError: { code: 'INTERNAL', message: 'x' } }, NOW).text).toBe('Could not sync.');
  });

  it('formats how long ago', () => {
    expect(formatAgo('2027-03-01T11:00:00.000Z', NOW)).toBe('1 hour ago');
    expect(formatAgo('2027-03-01T11:59:01.000Z', NOW)).toBe('1 minute ago');
    expect(formatAgo('nonsense', NOW)).toBe('');
  });
});
