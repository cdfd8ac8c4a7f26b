// Test helpers for sync (imported by tests only; never bundled): the real backend app in-process on a test database,
// and "devices" (a Dexie database each, with its own sync client) talking to it. Test files import
// 'fake-indexeddb/auto' first.
import { testApi, type Api } from '../../backend/test/api';
import type { Config } from '../../backend/config';
import { EXTENSION_ORIGIN } from '../../backend/test/config';
import type { TestDatabase, TestDatabaseKind } from '../../backend/test/databases';
import type { CvPathDb } from '../store/db';
import { freshDb } from '../store/test-db';
import type { Fetch } from './api';
import { SyncClient, type SyncClientDeps } from './client';
import { readSyncStatus } from './state';

export const SERVER_URL = 'http://localhost:8787';

export interface TestBackend {
  api: Api;
  /** Every request body a device sent to `/v1/sync/push`, as sent. */
  pushBodies: string[];
  /** `fetch` as the extension's pages see it: the browser adds the extension's Origin. */
  fetch: Fetch;
  drop(): Promise<void>;
}

export async function startBackend(kind: TestDatabaseKind, config: Partial<Config> = {}): Promise<TestBackend> {
  const database: TestDatabase = await kind.create();
  const api = testApi(database.handle, { config });
  const pushBodies: string[] = [];
  const fetch: Fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const headers = new Headers(init?.headers);
    headers.set('Origin', EXTENSION_ORIGIN);
    if (url.endsWith('/v1/sync/push') && typeof init?.body === 'string') pushBodies.push(init.body);
    return api.app.request(url, { ...init, headers });
  };
  return { api, pushBodies, fetch, drop: () => database.drop() };
}

export interface Device {
  name: string;
  db: CvPathDb;
  client: SyncClient;
  /** While true, every request fails as it does with no network. */
  offline: boolean;
}

/** A device with the extension installed: its own database and sync client, no timers (tests sync explicitly). */
export function device(backend: TestBackend, name: string, deps: Partial<SyncClientDeps> = {}): Device {
  const dev: Device = { name, db: freshDb(), client: undefined as never, offline: false };
  const fetch: Fetch = (input, init) => (dev.offline ? Promise.reject(new TypeError('Failed to fetch')) : backend.fetch(input, init));
  dev.client = new SyncClient({ db: dev.db, fetch, log: () => {}, ...deps });
  // automatic syncs would race the test's own; the test calls syncNow()
  dev.client.stop();
  return dev;
}

/** Everything a device shows, as comparable plain data: provider keys left out (they never leave a device). */
export async function snapshot(d: CvPathDb) {
  const byId = <T extends { id: string }>(xs: T[]) => xs.sort((a, b) => a.id.localeCompare(b.id));
  const settings = await d.settings.get('settings');
  return {
    cvs: byId(await d.cvs.toArray()),
    cvVersions: byId(await d.cvVersions.toArray()),
    jobs: byId(await d.jobs.toArray()),
    applications: byId(await d.applications.toArray()),
    interviewSteps: byId(await d.interviewSteps.toArray()),
    runs: byId(await d.runs.toArray()),
    settings: settings && { ...settings, providers: settings.providers.map(({ key: _key, ...p }) => p) },
  };
}

export const pending = async (d: CvPathDb) => (await readSyncStatus(d)).pending;
