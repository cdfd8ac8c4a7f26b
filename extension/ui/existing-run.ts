import type { JobPosting } from '../../shared/schema/job-posting';
import type { CvPathDb } from '../store/db';
import { latestTask } from './run-view';

export interface ExistingRun {
  jobId?: string;
  applicationId?: string;
  /** The newest run of this job: a task still running, or the last finished one. */
  runId?: string;
}

/** Has this posting been tailored before? Found by the posting's content hash, else by its URL. */
export async function findExistingRun(d: CvPathDb, posting: Pick<JobPosting, 'contentHash' | 'url'> | null): Promise<ExistingRun> {
  if (!posting) return {};
  const job = (posting.contentHash ? await d.jobs.where('contentHash').equals(posting.contentHash).first() : undefined) ?? (posting.url ? await d.jobs.where('url').equals(posting.url).last() : undefined);
  if (!job) return {};
  const app = await d.applications.where('jobId').equals(job.id).first();
  if (!app) return { jobId: job.id };
  const task = latestTask(await d.runTasks.where('applicationId').equals(app.id).toArray());
  const lastRun = app.lastRunId ? await d.runs.get(app.lastRunId) : undefined;
  const runId = task && (!lastRun || task.startedAt >= lastRun.createdAt) ? task.id : app.lastRunId;
  return { jobId: job.id, applicationId: app.id, runId };
}
