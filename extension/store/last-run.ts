import type { CvPathDb } from './db';

export interface LastRun {
  runId: string;
  status: 'running' | 'succeeded';
  /** What the run cost (its provider's price table); 0 offline. */
  costUsd: number;
}

/**
 * The newest result for one job and one CV version: a run still in progress, else the last one that succeeded. Asking
 * to tailor the same posting with the same CV shows this instead of starting (and, with a paid key, paying for) a new
 * run. A failed run is no result, and a CV edited since made a new version, which deserves a run of its own.
 */
export async function lastRunFor(d: CvPathDb, jobId: string, cvVersionId: string): Promise<LastRun | undefined> {
  return d.transaction('r', [d.applications, d.runTasks, d.runs], async () => {
    const app = await d.applications.where('jobId').equals(jobId).first();
    const tasks = app ? await d.runTasks.where('applicationId').equals(app.id).filter((t) => t.cvVersionId === cvVersionId && t.status !== 'failed').toArray() : [];
    const runs = (await d.runs.where('jobId').equals(jobId).toArray()).filter((r) => r.cvVersionId === cvVersionId && r.run.status === 'succeeded');
    const newestTask = tasks.sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
    const newestRun = runs.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    if (newestTask?.status === 'running' && (!newestRun || newestTask.startedAt >= newestRun.createdAt)) return { runId: newestTask.id, status: 'running', costUsd: 0 };
    if (newestRun) return { runId: newestRun.id, status: 'succeeded', costUsd: newestRun.run.totals.costUsd };
    return undefined;
  });
}
