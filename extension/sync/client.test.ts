import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DATABASES } from '../../backend/test/databases';
import { setApplicationStatus } from '../store/applications';
import { saveJob } from '../store/jobs';
import { saveProvider } from '../store/settings';
import { freshDb, samplePosting } from '../store/test-db';
import type { Fetch } from './api';
import { BACKOFF, backoffDelay } from './backoff';
import { normalizeServerUrl, SYNC_ALARM, SyncClient, type AlarmsApi } from './client';
import { onOutboxAdd } from './outbox-signal';
import { readSyncStatus } from './state';
import { startBackend, type TestBackend } from './test-devices';

const PASSWORD = 'correct horse battery';
let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend(DATABASES[0]!);
});
afterAll(async () => {
  await backend?.drop();
});

function fakeAlarms(): AlarmsApi & { set: Map<string, { periodInMinutes: number }> } {
  const set = new Map<string, { periodInMinutes: number }>();
  return { set, create: (name, info) => set.set(name, info), clear: (name) => set.delete(name), get: async (name) => set.get(name) };
}

/** A device whose client schedules for real (short debounce), every request counted. */
function live(options: { online?: () => boolean; offline?: () => boolean } = {}) {
  const d = freshDb();
  const requests: string[] = [];
  const fetch: Fetch = (input, init) => {
    requests.push(`${init?.method ?? 'GET'} ${new URL(input instanceof Request ? input.url : input).pathname}`);
    if (options.offline?.()) return Promise.reject(new TypeError('Failed to fetch'));
    return backend.fetch(input, init);
  };
  const alarms = fakeAlarms();
  const client = new SyncClient({ db: d, fetch, alarms, debounceMs: 50, random: () => 0.5, log: () => {}, ...(options.online ? { isOnline: options.online } : {}) });
  const unwatch = onOutboxAdd(d, () => client.nudge('change'));
  return { d, client, requests, alarms, stop: () => (unwatch(), client.stop()) };
}

describe('the sync client', () => {
  it('with sync off, nothing leaves the device, whatever happens on it', async () => {
    const dev = live();
    await dev.client.start();
    const { applicationId } = await saveJob(samplePosting(), dev.d);
    await setApplicationStatus(applicationId, 'applied', dev.d);
    await saveProvider({ provider: 'openai', model: 'gpt-4o-mini', apiKey: 'sk-test-0123456789abcdef' }, dev.d);
    for (const reason of ['change', 'page', 'online', 'alarm', 'start'] as const) dev.client.nudge(reason);
    await new Promise((r) => setTimeout(r, 300));
    expect(dev.requests).toEqual([]);
    expect(dev.alarms.set.size).toBe(0);
    expect(await readSyncStatus(dev.d)).toMatchObject({ enabled: false, signedIn: false, pending: 3 });
    await expect(dev.client.configure({ enabled: true })).rejects.toMatchObject({ code: 'UNAUTHORIZED', hint: expect.stringMatching(/stays on this device/) });
    dev.stop();
  });

  it('syncs shortly after local changes (one push for a burst), keeps a periodic alarm, and stops both when turned off', async () => {
    const dev = live();
    await dev.client.register({ email: `burst-${Date.now()}@example.com`, password: PASSWORD });
    expect(dev.alarms.set.get(SYNC_ALARM)).toEqual({ periodInMinutes: 5 });
    await vi.waitFor(async () => expect((await readSyncStatus(dev.d)).lastSyncAt).toBeDefined(), { timeout: 5_000 });
    dev.requests.length = 0;

    const { applicationId } = await saveJob(samplePosting(), dev.d);
    await setApplicationStatus(applicationId, 'applied', dev.d);
    await setApplicationStatus(applicationId, 'interviewing', dev.d);
    await vi.waitFor(async () => expect((await readSyncStatus(dev.d)).pending).toBe(0), { timeout: 5_000 });
    expect(dev.requests.filter((r) => r.endsWith('/v1/sync/push'))).toHaveLength(1);

    await dev.client.configure({ enabled: false });
    expect(dev.alarms.set.size).toBe(0);
    dev.requests.length = 0;
    await setApplicationStatus(applicationId, 'offer', dev.d);
    dev.client.nudge('alarm');
    await new Promise((r) => setTimeout(r, 300));
    expect(dev.requests).toEqual([]);
    expect((await readSyncStatus(dev.d)).pending).toBe(1);
    dev.stop();
  });

  it('backs off while the server cannot be reached, and tries again at once when the network returns', async () => {
    let offline = false;
    const dev = live({ offline: () => offline });
    await dev.client.register({ email: `backoff-${Date.now()}@example.com`, password: PASSWORD });
    await vi.waitFor(async () => expect((await readSyncStatus(dev.d)).lastSyncAt).toBeDefined(), { timeout: 5_000 });

    offline = true;
    dev.requests.length = 0;
    const started = Date.now();
    await saveJob(samplePosting(), dev.d);
    await vi.waitFor(async () => expect((await dev.d.sync.get('sync'))!.failures).toBe(1), { timeout: 5_000 });
    const first = (await dev.d.sync.get('sync'))!;
    // first wait: half the base fixed plus half of it jittered (random() is 0.5 here)
    expect(Date.parse(first.nextAttemptAt!) - started).toBeGreaterThanOrEqual(backoffDelay(1, () => 0.5) - 100);
    expect(first.lastError).toMatchObject({ code: 'SERVER_UNREACHABLE' });
    // a change meanwhile does not hammer the server: it waits for the backoff
    await saveJob(samplePosting({ url: 'https://boards.example.com/jobs/43', title: 'Another role' }), dev.d);
    await new Promise((r) => setTimeout(r, 300));
    expect(dev.requests).toHaveLength(1);

    offline = false;
    dev.client.nudge('online');
    // the outbox empties when the push is answered; the sync (and its status) ends after the pull that follows
    await vi.waitFor(async () => expect(await readSyncStatus(dev.d)).toMatchObject({ pending: 0, syncing: false }), { timeout: 5_000 });
    const after = (await dev.d.sync.get('sync'))!;
    expect([after.failures, after.lastError, after.nextAttemptAt]).toEqual([0, undefined, undefined]);
    dev.stop();
  });

  it('does not try while the browser says it is offline, and says so', async () => {
    let online = true;
    const dev = live({ online: () => online });
    await dev.client.register({ email: `offline-${Date.now()}@example.com`, password: PASSWORD });
    await vi.waitFor(async () => expect((await readSyncStatus(dev.d)).lastSyncAt).toBeDefined(), { timeout: 5_000 });
    online = false;
    dev.requests.length = 0;
    await saveJob(samplePosting(), dev.d);
    await vi.waitFor(async () => expect((await readSyncStatus(dev.d)).lastError).toMatchObject({ message: 'This device is offline.' }), { timeout: 5_000 });
    expect(dev.requests).toEqual([]);
    online = true;
    dev.client.nudge('online');
    await vi.waitFor(async () => expect((await readSyncStatus(dev.d)).pending).toBe(0), { timeout: 5_000 });
    dev.stop();
  });

  it('after signing in to another account the device starts that account’s history from the beginning', async () => {
    const dev = live();
    const first = `first-${Date.now()}@example.com`;
    const second = `second-${Date.now()}@example.com`;
    await saveJob(samplePosting(), dev.d);
    await dev.client.register({ email: first, password: PASSWORD });
    await dev.client.syncNow();
    expect((await dev.d.sync.get('sync'))!.cursor).toBeGreaterThan(0);
    await dev.client.signOut();
    await dev.client.register({ email: second, password: PASSWORD });
    const s = (await dev.d.sync.get('sync'))!;
    expect(s.cursor).toBe(0);
    expect(s.cursorOwner).toBe(`http://localhost:8787 ${s.user!.id}`);
    // this device's data goes to the new account too
    expect((await readSyncStatus(dev.d)).pending).toBe(2);
    await dev.client.syncNow();
    const token = (await backend.api.signIn(second, PASSWORD)).token;
    expect((await backend.api.pullAll(token)).changes.map((c) => c.entity).sort()).toEqual(['application', 'job']);
    dev.stop();
  });

  it('checks the server address, and keeps it while signed in', async () => {
    expect(normalizeServerUrl(' https://cvpath.example.com/ ')).toBe('https://cvpath.example.com');
    expect(() => normalizeServerUrl('localhost:8787')).toThrow(/https:\/\/ or http:\/\//);
    expect(() => normalizeServerUrl('https://user:pw@cvpath.example.com')).toThrow(/credentials/);
    const dev = live();
    await dev.client.configure({ serverUrl: 'http://127.0.0.1:9999/' });
    expect((await readSyncStatus(dev.d)).serverUrl).toBe('http://127.0.0.1:9999');
    await dev.client.configure({ serverUrl: 'http://localhost:8787' });
    await dev.client.signInAsGuest();
    await expect(dev.client.configure({ serverUrl: 'https://elsewhere.example.com' })).rejects.toMatchObject({ message: /Sign out/ });
    dev.stop();
  });
});

describe('backoff', () => {
  it('doubles from the base up to the cap, with jitter in the upper half, and honours Retry-After', () => {
    expect(backoffDelay(1, () => 0)).toBe(BACKOFF.baseMs / 2);
    expect(backoffDelay(1, () => 1)).toBe(BACKOFF.baseMs);
    expect(backoffDelay(3, () => 1)).toBe(BACKOFF.baseMs * 4);
    expect(backoffDelay(50, () => 1)).toBe(BACKOFF.maxMs);
    expect(backoffDelay(50, () => 0)).toBe(BACKOFF.maxMs / 2);
    expect(backoffDelay(1, () => 0, 30_000)).toBe(30_000);
  });
});
