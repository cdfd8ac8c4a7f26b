import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../shared/sync/protocol';
import { setApplicationNotes } from '../store/applications';
import { saveJob } from '../store/jobs';
import { getSettings, resolveChain, saveProvider } from '../store/settings';
import { freshDb, samplePosting } from '../store/test-db';
import { DexieSyncStore, enqueueEverything, MAX_PARKED } from './dexie-store';
import { loadSyncState, readSyncStatus } from './state';

const KEY = 'sk-test-openai-0123456789abcdef';
const T = '2027-01-01T00:00:00.000Z';
const change = (c: Partial<Change> & Pick<Change, 'entity' | 'id'>): Change => ({ op: 'put', updatedAt: T, deviceId: 'other-device', seq: 1, ...c });

async function store() {
  const d = freshDb();
  const s = await loadSyncState(d);
  return { d, store: new DexieSyncStore(d, s.deviceId) };
}

describe('the Dexie sync store', () => {
  it('reads records as the protocol wants them: no id, no steps, timestamps in one form, no provider key', async () => {
    const { d, store: st } = await store();
    const { jobId, applicationId } = await saveJob(samplePosting(), d);
    await d.applications.update(applicationId, { createdAt: '2026-11-01T10:00:00Z' }); // a form older versions wrote
    await saveProvider({ provider: 'openai', model: 'gpt-4o-mini', apiKey: KEY }, d);
    const app = await st.read('application', applicationId);
    expect(app!.data).toMatchObject({ jobId, status: 'saved', createdAt: '2026-11-01T10:00:00.000Z' });
    expect(app!.data).not.toHaveProperty('id');
    const settings = await st.read('settings', 'settings');
    expect(settings!.data).toMatchObject({ data: { providers: [{ provider: 'openai', model: 'gpt-4o-mini' }] } });
    expect(JSON.stringify(settings)).not.toMatch(/"key"|"iv"/);
    expect(await st.read('job', 'nothing-here')).toBeUndefined();
  });

  it('applies changes and the cursor in one transaction, leaving alone what waits in the outbox and what is not valid', async () => {
    const { d, store: st } = await store();
    const { applicationId, jobId } = await saveJob(samplePosting(), d);
    await d.outbox.clear();
    await setApplicationNotes(applicationId, 'typed here, not pushed yet', d);
    const job = (await d.jobs.get(jobId))!;
    await st.apply(
      [
        change({ entity: 'application', id: applicationId, data: { jobId, company: 'X', title: 'Y', status: 'offer', statusHistory: [], notes: 'from elsewhere', createdAt: T } }),
        change({ entity: 'job', id: 'job-2', data: { posting: job.posting, contentHash: job.contentHash, createdAt: T } }),
        change({ entity: 'cv', id: 'cv-broken', data: { name: 'no version' } }),
        change({ entity: 'interviewStep', id: 'step-1', data: { applicationId, kind: 'screen', title: 'Call', outcome: 'pending', notes: '', createdAt: T } }),
      ],
      42,
    );
    expect((await d.applications.get(applicationId))!.notes).toBe('typed here, not pushed yet');
    // a second job with the same content hash (another device's older id) is stored next to this one
    expect(await d.jobs.where('contentHash').equals(job.contentHash).count()).toBe(2);
    expect(await d.cvs.get('cv-broken')).toBeUndefined();
    expect(st.skipped).toBe(1);
    expect(await d.interviewSteps.get('step-1')).toMatchObject({ applicationId, title: 'Call', updatedAt: T });
    expect(await st.cursor()).toBe(42);
    // nothing applied went into the outbox
    expect((await d.outbox.toArray()).map((o) => o.entity)).toEqual(['application']);

    // a failing transaction writes neither the changes nor the cursor
    await expect(st.apply([change({ entity: 'job', id: 'job-3', data: { posting: job.posting, contentHash: 'h3', createdAt: T } }), { get entity(): never { throw new Error('boom'); } } as never], 50)).rejects.toThrow('boom');
    expect(await d.jobs.get('job-3')).toBeUndefined();
    expect(await st.cursor()).toBe(42);
  });

  it('takes the server’s record for a losing write in the same transaction that acknowledges it', async () => {
    const { d, store: st } = await store();
    const { applicationId, jobId } = await saveJob(samplePosting(), d);
    await d.outbox.clear();
    await setApplicationNotes(applicationId, 'lost to a newer write elsewhere', d);
    const keys = (await st.outbox(10)).map((e) => e.key);
    const winner = change({ entity: 'application', id: applicationId, data: { jobId, company: 'X', title: 'Y', status: 'applied', statusHistory: [], notes: 'the newer write', createdAt: T } });
    // a failure inside the write leaves both the outbox entry and the local record as they were
    await expect(st.acknowledgeAndApply(keys, [winner, { get entity(): never { throw new Error('boom'); } } as never])).rejects.toThrow('boom');
    expect(await d.outbox.count()).toBe(1);
    expect((await d.applications.get(applicationId))!.notes).toBe('lost to a newer write elsewhere');
    await st.acknowledgeAndApply(keys, [winner]);
    expect(await d.outbox.count()).toBe(0);
    expect((await d.applications.get(applicationId))!.notes).toBe('the newer write');
  });

  it('remote settings keep this device’s key for the same provider at the same address, never elsewhere; a tombstone changes nothing', async () => {
    const { d, store: st } = await store();
    const p = await saveProvider({ provider: 'openai', model: 'gpt-4o-mini', apiKey: KEY }, d);
    const q = await saveProvider({ provider: 'anthropic', model: 'claude-haiku-4-5', apiKey: KEY }, d);
    await d.outbox.clear();
    const remote = {
      providers: [
        { id: p.id, provider: 'openai', model: 'gpt-4.1-mini', key: { iv: [1], data: [2] } },
        { id: q.id, provider: 'anthropic', model: 'claude-haiku-4-5', baseUrl: 'https://elsewhere.example.com' },
        { id: 'new', provider: 'ollama', model: 'llama3.1' },
        { id: 'bogus', provider: 'mistral', model: 'x' },
      ],
      chain: [p.id, 'new'],
      chains: { JOB_PARSER: ['new'], NOT_A_STAGE: ['x'] },
      privacy: { keepRunInputs: false, unknown: true },
    };
    await st.apply([change({ entity: 'settings', id: 'settings', data: { data: remote, createdAt: T } })]);
    const s = await getSettings(d);
    expect(s.providers.map((x) => x.id)).toEqual([p.id, q.id, 'new']);
    expect(s.providers[0]!.key).toEqual(p.key); // this device's own ciphertext, not what came in
    expect(s.providers[1]!.key).toBeUndefined();
    expect(s).toMatchObject({ chain: [p.id, 'new'], chains: { JOB_PARSER: ['new'] }, privacy: { keepRunInputs: false, showPageControl: true }, updatedAt: T });
    expect((await resolveChain(s, d)).chain[0]).toEqual({ provider: 'openai', model: 'gpt-4.1-mini', apiKey: KEY });
    await st.apply([change({ entity: 'settings', id: 'settings', op: 'delete' })]);
    expect((await getSettings(d)).providers).toHaveLength(3);
  });

  it('parks refused changes in the status the options page shows, once each, the newest kept', async () => {
    const { d, store: st } = await store();
    const parked = (n: number) => ({ mutationId: `m-${n}`, entity: 'job' as const, id: `job-${n}`, op: 'put' as const, updatedAt: T, code: 'STRING_INVALID' as const, error: 'data.posting.title contains a NUL character (\\u0000)' });
    await st.park([parked(1)]);
    // a worker stopped before acknowledging sends it again and parks it again: still one
    await st.park([parked(1), parked(2)]);
    expect((await readSyncStatus(d)).rejected).toEqual([
      { mutationId: 'm-1', entity: 'job', id: 'job-1', code: 'STRING_INVALID', error: expect.stringContaining('NUL') },
      { mutationId: 'm-2', entity: 'job', id: 'job-2', code: 'STRING_INVALID', error: expect.stringContaining('NUL') },
    ]);
    await st.park(Array.from({ length: MAX_PARKED + 5 }, (_, i) => parked(10 + i)));
    const shown = (await readSyncStatus(d)).rejected;
    expect(shown).toHaveLength(MAX_PARKED);
    expect(shown.at(-1)).toMatchObject({ id: `job-${10 + MAX_PARKED + 4}` });
  });

  it('offers everything it holds when it joins another account', async () => {
    const { d } = await store();
    const { jobId, applicationId } = await saveJob(samplePosting(), d);
    await d.outbox.clear();
    expect(await enqueueEverything(d)).toBe(2);
    expect((await d.outbox.toArray()).map((o) => `${o.entity}:${o.op}:${o.entityId}`).sort()).toEqual([`application:put:${applicationId}`, `job:put:${jobId}`]);
  });
});
