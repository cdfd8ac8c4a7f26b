import type { Run } from '../../shared/schema/run';
import { recordChange, type CvPathDb, type RunRecord, type RunTaskRecord } from '../store/db';
import { forHistory, stagesOf, summaryOf, taskErrorOfRun, type TaskError } from './run-task';

/**
 * Ends a run in one transaction: the immutable run record (added, never put, so nothing overwrites it), the application
 * pointed at it when it succeeded, and the task's final state. Returns the task as written, or nothing when the task
 * is no longer running (deleted with its application or with all data): then nothing is written at all.
 */
export async function finishTask(d: CvPathDb, live: RunTaskRecord, run: Run, keepInputs: boolean, at: string): Promise<RunTaskRecord | undefined> {
  const runId = live.id;
  return d.transaction('rw', [d.runs, d.runTasks, d.applications, d.outbox], async (tx) => {
    const stored = await d.runTasks.get(runId);
    if (!stored || stored.status !== 'running') return undefined;
    // the live state, not the stored one: the last progress write may not have happened yet
    const task: RunTaskRecord = { ...stored, stages: live.stages, events: live.events };
    const app = await d.applications.get(task.applicationId);
    if (!app) return failed(d, task, { code: 'INPUT_INVALID', message: 'The job was deleted while CVPath was tailoring your CV for it.', hint: 'Open the posting again and start a new run.' }, at);

    const record: RunRecord = { id: runId, applicationId: task.applicationId, jobId: task.jobId, cvVersionId: task.cvVersionId, createdAt: run.createdAt, run: forHistory(run, runId, keepInputs) };
    await d.runs.add(record);
    await recordChange(tx, 'run', runId);
    const base = { ...task, stages: stagesOf(run, task.stages), heartbeatAt: at, updatedAt: at };
    if (run.status !== 'succeeded') {
      // a failed run is kept for what it tells (which provider failed, how), but the application keeps its last good one
      const next: RunTaskRecord = { ...base, status: 'failed', error: taskErrorOfRun(run) };
      await d.runTasks.put(next);
      return next;
    }
    await d.applications.put({ ...app, lastRunId: runId, updatedAt: at });
    await recordChange(tx, 'application', app.id);
    const next: RunTaskRecord = { ...base, status: 'succeeded', summary: summaryOf(run) };
    await d.runTasks.put(next);
    return next;
  });
}

/** Marks a running task failed (no run record: there is no run). Nothing when it is no longer running. */
export async function failTask(d: CvPathDb, runId: string, error: TaskError, at: string): Promise<RunTaskRecord | undefined> {
  return d.transaction('rw', d.runTasks, async () => {
    const task = await d.runTasks.get(runId);
    if (!task || task.status !== 'running') return undefined;
    return failed(d, task, error, at);
  });
}

async function failed(d: CvPathDb, task: RunTaskRecord, error: TaskError, at: string): Promise<RunTaskRecord> {
  const stages = Object.fromEntries(Object.entries(task.stages).map(([k, s]) => [k, s?.status === 'running' ? { ...s, status: 'failed' } : s]));
  const next: RunTaskRecord = { ...task, status: 'failed', error, stages, heartbeatAt: at, updatedAt: at };
  await d.runTasks.put(next);
  return next;
}
