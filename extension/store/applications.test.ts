import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { addInterviewStep, deleteApplication, removeInterviewStep, setApplicationNotes, setApplicationStatus, updateInterviewStep } from './applications';
import { saveJob } from './jobs';
import { freshDb, outboxLines, samplePosting } from './test-db';
import type { Run } from '../../shared/schema/run';

describe('applications', () => {
  it('records every status change with its time, and ignores setting the same status', async () => {
    const d = freshDb();
    const { applicationId: id } = await saveJob(samplePosting(), d);
    await d.outbox.clear();
    await setApplicationStatus(id, 'applied', d);
    await setApplicationStatus(id, 'applied', d);
    const app = await setApplicationStatus(id, 'interviewing', d);
    expect(app.status).toBe('interviewing');
    expect(app.statusHistory.map((h) => h.status)).toEqual(['saved', 'applied', 'interviewing']);
    expect(app.updatedAt >= app.statusHistory[2]!.at).toBe(true);
    expect(await outboxLines(d)).toEqual([`application:put:${id}`, `application:put:${id}`]);
    await expect(setApplicationStatus(id, 'ghosted' as never, d)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(setApplicationStatus('gone', 'applied', d)).rejects.toMatchObject({ code: 'INPUT_INVALID', hint: expect.stringMatching(/Reload/) });
  });

  it('adds, edits and removes interview steps, and keeps notes', async () => {
    const d = freshDb();
    const { applicationId: id } = await saveJob(samplePosting(), d);
    const step = await addInterviewStep(id, { kind: 'screen', title: 'Recruiter call', at: '2026-11-05T09:00:00Z' }, d);
    expect(step).toMatchObject({ kind: 'screen', outcome: 'pending', notes: '' });
    const other = await addInterviewStep(id, {}, d);
    expect(other.kind).toBe('other');
    const updated = await updateInterviewStep(id, step.id, { outcome: 'passed', notes: 'Went well' }, d);
    expect(updated).toMatchObject({ id: step.id, title: 'Recruiter call', outcome: 'passed', notes: 'Went well' });
    await expect(updateInterviewStep(id, step.id, { outcome: 'maybe' as never }, d)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(updateInterviewStep(id, 'gone', { notes: 'x' }, d)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await removeInterviewStep(id, other.id, d);
    await setApplicationNotes(id, 'Ask about on-call.', d);
    const app = await d.applications.get(id);
    expect(app!.steps).toEqual([updated]);
    expect(app!.notes).toBe('Ask about on-call.');
  });

  it('deletes an application with its job, runs and tasks, and records the deletes', async () => {
    const d = freshDb();
    const { applicationId: id, jobId } = await saveJob(samplePosting(), d);
    const other = await saveJob(samplePosting({ url: 'https://x.example/2', description: 'Another job entirely.\n- Go' }), d);
    const at = new Date().toISOString();
    await d.runs.bulkAdd([
      { id: 'r1', applicationId: id, jobId, cvVersionId: 'v', createdAt: at, run: {} as Run },
      { id: 'r2', applicationId: other.applicationId, jobId: other.jobId, cvVersionId: 'v', createdAt: at, run: {} as Run },
    ]);
    await d.runTasks.add({ id: 'r1', applicationId: id, jobId, cvVersionId: 'v', status: 'succeeded', attempts: 1, startedAt: at, heartbeatAt: at, updatedAt: at, stages: {}, events: [] });
    await d.outbox.clear();
    await deleteApplication(id, d);
    expect(await d.applications.get(id)).toBeUndefined();
    expect(await d.jobs.get(jobId)).toBeUndefined();
    expect((await d.runs.toArray()).map((r) => r.id)).toEqual(['r2']);
    expect(await d.runTasks.count()).toBe(0);
    expect(await outboxLines(d)).toEqual(['run:delete:r1', `application:delete:${id}`, `job:delete:${jobId}`]);
    await deleteApplication(id, d);
    expect(await d.outbox.count()).toBe(3);
  });
});
