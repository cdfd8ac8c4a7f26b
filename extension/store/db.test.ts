import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDb } from './db';

describe('database migrations', () => {
  it('upgrades a v1 database: applications get a status history, steps and notes, and the new tables exist', async () => {
    const name = `cvpath-migrate-${crypto.randomUUID()}`;
    // the v1 layout exactly as shipped
    const v1 = new Dexie(name);
    v1.version(1).stores({
      cvs: 'id, updatedAt',
      cvVersions: 'id, cvId, [cvId+contentHash], createdAt',
      jobs: 'id, &contentHash, url, updatedAt',
      applications: 'id, &jobId, status, updatedAt',
      runs: 'id, applicationId, jobId, createdAt',
      settings: 'id',
      outbox: '++seq, &mutationId, entity',
      vault: 'id',
    });
    await v1.table('applications').bulkAdd([
      { id: 'a1', jobId: 'j1', company: 'Acme', title: 'Engineer', status: 'applied', createdAt: '2026-01-02T00:00:00.000Z', updatedAt: '2026-01-03T00:00:00.000Z' },
      { id: 'a2', jobId: 'j2', company: 'Beta', title: 'Lead', status: 'saved', statusHistory: [{ status: 'saved', at: '2026-02-01T00:00:00.000Z' }], steps: [], notes: 'kept', createdAt: '2026-02-01T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z' },
    ]);
    await v1.table('jobs').add({ id: 'j1', contentHash: 'h1', posting: { title: 'Engineer' }, createdAt: 'x', updatedAt: 'x' });
    v1.close();

    const d = openDb(name);
    const a1 = await d.applications.get('a1');
    expect(a1).toMatchObject({ statusHistory: [{ status: 'applied', at: '2026-01-02T00:00:00.000Z' }], steps: [], notes: '' });
    const a2 = await d.applications.get('a2');
    expect(a2).toMatchObject({ statusHistory: [{ status: 'saved', at: '2026-02-01T00:00:00.000Z' }], notes: 'kept' });
    expect(await d.jobs.get('j1')).toMatchObject({ contentHash: 'h1' });
    expect(d.verno).toBe(2);
    expect(await d.runTasks.count()).toBe(0);
    expect(await d.applications.orderBy('createdAt').primaryKeys()).toEqual(['a1', 'a2']);
    d.close();
  });
});
