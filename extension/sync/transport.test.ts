import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleData } from '../../backend/test/api';
import { DATABASES } from '../../backend/test/databases';
import { recordChange } from '../store/db';
import { saveJob } from '../store/jobs';
import { samplePosting } from '../store/test-db';
import { createApi } from './api';
import { splitBySize } from './transport';
import { device, startBackend, type TestBackend } from './test-devices';

const LIMIT = 64 * 1024;
let backend: TestBackend;
beforeAll(async () => {
  // a server that takes small bodies, as a production one behind a strict proxy might
  backend = await startBackend(DATABASES[0]!, { bodyLimit: LIMIT });
});
afterAll(async () => {
  await backend?.drop();
});

describe('the push transport', () => {
  it('splits a batch into parts the server takes; a record too large on its own is refused here, and the rest syncs', async () => {
    const dev = device(backend, 'a');
    const { applicationId, jobId } = await saveJob(samplePosting(), dev.db);
    const note = (kb: number) => 'x'.repeat(kb * 1024);
    await dev.db.transaction('rw', [dev.db.runs, dev.db.outbox], async (tx) => {
      for (let i = 0; i < 12; i++) {
        const id = `run-${i}`;
        const { run } = sampleData.run(applicationId, id);
        // twelve runs of ~20 KB (more than the server takes at once), and one of ~100 KB (more than it takes at all)
        const big = i === 11 ? 100 : 20;
        await dev.db.runs.add({ id, applicationId, jobId, cvVersionId: 'v1', createdAt: run.createdAt, run: { ...run, engineVersion: note(big) } });
        await recordChange(tx, 'run', id);
      }
    });
    const before = backend.pushBodies.length;
    await dev.client.register({ email: `big-${Date.now()}@example.com`, password: 'correct horse battery' });
    await dev.client.syncNow();
    const status = await dev.client.status();
    expect(status.pending).toBe(0);
    expect(status.lastError).toBeUndefined();
    expect(status.rejected).toEqual([{ mutationId: expect.any(String), entity: 'run', id: 'run-11', code: 'TOO_LARGE', error: expect.stringMatching(/too large for the server \(\d+ KB\), so it stays on this device/) }]);
    expect(await dev.db.runs.get('run-11')).toBeDefined();
    expect(backend.pushBodies.length - before).toBeGreaterThan(2);

    const other = device(backend, 'b');
    await other.client.signIn({ email: status.user!.email!, password: 'correct horse battery' });
    await other.client.syncNow();
    expect((await other.db.runs.toCollection().primaryKeys()).sort()).toEqual(Array.from({ length: 11 }, (_, i) => `run-${i}`).sort());
  });

  it('parts keep the order of the batch and never exceed the target unless one mutation alone does', () => {
    const m = (id: string, kb: number) => ({ mutationId: `m-${id}`, entity: 'run' as const, id, op: 'put' as const, updatedAt: '2027-01-01T00:00:00.000Z', deviceId: 'd', data: 'y'.repeat(kb * 1024) });
    const parts = splitBySize([m('a', 4), m('b', 4), m('c', 12), m('d', 1)], 10 * 1024);
    expect(parts.map((p) => p.map((x) => x.id))).toEqual([['a', 'b'], ['c'], ['d']]);
  });

  it('maps a server that is not there, or not CVPath, to errors that say what to do', async () => {
    const down = createApi({ serverUrl: 'http://localhost:8787', fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    await expect(down.call(() => down.client.v1.account.$get())).rejects.toMatchObject({ code: 'SERVER_UNREACHABLE', retryable: true, hint: expect.stringMatching(/npm start/) });
    const slow = createApi({ serverUrl: 'http://localhost:8787', timeoutMs: 20, fetch: (_i, init) => new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error))) });
    await expect(slow.call(() => slow.client.v1.account.$get())).rejects.toMatchObject({ code: 'SERVER_UNREACHABLE', message: expect.stringMatching(/did not answer in time/) });
    const other = createApi({ serverUrl: 'http://localhost:8787', fetch: async () => new Response('<h1>Not found</h1>', { status: 404, headers: { 'content-type': 'text/html' } }) });
    await expect(other.call(() => other.client.v1.account.$get())).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/not like a CVPath server/) });
    const busy = createApi({ serverUrl: 'http://localhost:8787', fetch: async () => Response.json({ error: { code: 'RATE_LIMITED', message: 'Too many requests.' } }, { status: 429, headers: { 'retry-after': '7' } }) });
    await expect(busy.call(() => busy.client.v1.account.$get())).rejects.toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterMs: 7000, hint: expect.any(String) });
    // a client with no session: the real server's answer, with what to do
    const anonymous = createApi({ serverUrl: 'http://localhost:8787', fetch: backend.fetch });
    await expect(anonymous.call(() => anonymous.client.v1.sync.pull.$get({ query: { cursor: '0', limit: '10' } }))).rejects.toMatchObject({ code: 'UNAUTHORIZED', status: 401 });
  });
});
