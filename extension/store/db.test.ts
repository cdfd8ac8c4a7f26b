import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { getApplication } from './applications';
import { openDb } from './db';
import { outboxLines } from './test-db';

describe('database migrations', () => {
  it('upgrades a v1 database: applications get a status history and notes, steps become their own records, and the new tables exist', async () => {
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
      {
        id: 'a2', jobId: 'j2', company: 'Beta', title: 'Lead', status: 'saved', statusHistory: [{ status: 'saved', at: '2026-02-01T00:00:00.000Z' }], notes: 'kept', createdAt: '2026-02-01T00:00:00.000Z', updatedAt: '2026-02-03T00:00:00.000Z',
        steps: [
          { id: 's1', kind: 'screen', title: 'Recruiter call', outcome: 'passed', notes: '' },
          { id: 's2', kind: 'onsite', title: '', at: '2026-02-10T09:00:00.000Z', outcome: 'pending', notes: 'Bring ID' },
        ],
      },
    ]);
    await v1.table('jobs').add({ id: 'j1', contentHash: 'h1', posting: { title: 'Engineer' }, createdAt: 'x', updatedAt: 'x' });
    v1.close();

    const d = openDb(name);
    const a1 = await d.applications.get('a1');
    expect(a1).toMatchObject({ statusHistory: [{ status: 'applied', at: '2026-01-02T00:00:00.000Z' }], notes: '' });
    const a2 = await d.applications.get('a2');
    expect(a2).toMatchObject({ statusHistory: [{ status: 'saved', at: '2026-02-01T00:00:00.000Z' }], notes: 'kept' });
    expect(a2).not.toHaveProperty('steps');
    // the steps moved out, in their order, each queued for sync; the application reads as before
    expect((await getApplication('a2', d))!.steps).toEqual([
      { id: 's1', kind: 'screen', title: 'Recruiter call', outcome: 'passed', notes: '' },
      { id: 's2', kind: 'onsite', title: '', at: '2026-02-10T09:00:00.000Z', outcome: 'pending', notes: 'Bring ID' },
    ]);
    expect(await d.interviewSteps.get('s2')).toMatchObject({ applicationId: 'a2', createdAt: '2026-02-01T00:00:00.001Z', updatedAt: '2026-02-03T00:00:00.000Z' });
    expect((await getApplication('a1', d))!.steps).toEqual([]);
    expect(await outboxLines(d)).toEqual(['interviewStep:put:s1', 'interviewStep:put:s2']);
    expect(await d.jobs.get('j1')).toMatchObject({ contentHash: 'h1' });
    expect(d.verno).toBe(3);
    expect(await d.applications.orderBy('createdAt').primaryKeys()).toEqual(['a1', 'a2']);
    // a pulled copy of a posting saved under another id must not fail on a unique index
    await d.jobs.add({ id: 'j1-other-device', contentHash: 'h1', posting: { title: 'Engineer' } as never, createdAt: 'x', updatedAt: 'x' });
    await d.applications.add({ ...a1!, id: 'a1-other-device' });
    expect(await d.applications.where('jobId').equals('j1').count()).toBe(2);
    expect(await d.runTasks.count()).toBe(0);
    d.close();
  });
});
