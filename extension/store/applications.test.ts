import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { addInterviewStep, deleteApplication, getApplication, removeInterviewStep, setApplicationNotes, setApplicationStatus, updateInterviewStep } from './applications';
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
    const app = await getApplication(id, d);
    expect(app!.steps).toEqual([updated]);
    expect(app!.notes).toBe('Ask about on-call.');
  });

  it('keeps each interview step as a record of its own: a step change touches neither the application nor the other steps', async () => {
    const d = freshDb();
    const { applicationId: id } = await saveJob(samplePosting(), d);
    const before = (await d.applications.get(id))!;
    await d.outbox.clear();
    const a = await addInterviewStep(id, { kind: 'screen', title: 'First' }, d);
    const b = await addInterviewStep(id, { kind: 'onsite', title: 'Second' }, d);
    await updateInterviewStep(id, a.id, { outcome: 'passed' }, d);
    await removeInterviewStep(id, b.id, d);
    await removeInterviewStep(id, b.id, d);
    expect(await outboxLines(d)).toEqual([`interviewStep:put:${a.id}`, `interviewStep:put:${b.id}`, `interviewStep:put:${a.id}`, `interviewStep:delete:${b.id}`]);
    expect(await d.applications.get(id)).toEqual(before);
    expect(await d.interviewSteps.get(a.id)).toMatchObject({ applicationId: id, outcome: 'passed', createdAt: expect.any(String), updatedAt: expect.any(String) });
    // a step is changed only through its own application
    const other = await saveJob(samplePosting({ url: 'https://x.example/2', description: 'Another job entirely.\n- Go' }), d);
    await expect(updateInterviewStep(other.applicationId, a.id, { notes: 'x' }, d)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(addInterviewStep('gone', {}, d)).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    // the application's readers still see its steps
    expect((await setApplicationStatus(id, 'interviewing', d)).steps.map((s) => s.title)).toEqual(['First']);
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
    const step = await addInterviewStep(id, { title: 'Screen' }, d);
    await d.outbox.clear();
    await deleteApplication(id, d);
    expect(await d.applications.get(id)).toBeUndefined();
    expect(await d.interviewSteps.count()).toBe(0);
    expect(await d.jobs.get(jobId)).toBeUndefined();
    expect((await d.runs.toArray()).map((r) => r.id)).toEqual(['r2']);
    expect(await d.runTasks.count()).toBe(0);
    expect(await outboxLines(d)).toEqual(['run:delete:r1', `interviewStep:delete:${step.id}`, `application:delete:${id}`, `job:delete:${jobId}`]);
    await deleteApplication(id, d);
    expect(await d.outbox.count()).toBe(4);
  });
});
