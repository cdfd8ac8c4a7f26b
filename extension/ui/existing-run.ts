import type { JobPosting } from '../../shared/schema/job-posting';
import type { CvPathDb } from '../store/db';
import { lastRunFor } from '../store/last-run';

export interface ExistingRun {
  jobId?: string;
  applicationId?: string;
  /** The newest result for this posting and this CV version: a run still going, or the last one that succeeded. */
  runId?: string;
  /** What that run cost: the estimate for running it again. */
  costUsd?: number;
}

/**
 * Has this posting been tailored with this CV version before? The posting is found by its content hash, else by its
 * URL. The popup shows that result rather than offering a new run that would repeat it (and, with a key, pay for it).
 */
export async function findExistingRun(d: CvPathDb, posting: Pick<JobPosting, 'contentHash' | 'url'> | null, cvVersionId: string | undefined): Promise<ExistingRun> {
  if (!posting) return {};
  const job = (posting.contentHash ? await d.jobs.where('contentHash').equals(posting.contentHash).first() : undefined) ?? (posting.url ? await d.jobs.where('url').equals(posting.url).last() : undefined);
  if (!job) return {};
  const app = await d.applications.where('jobId').equals(job.id).first();
  if (!app) return { jobId: job.id };
  const last = cvVersionId ? await lastRunFor(d, job.id, cvVersionId) : undefined;
  return { jobId: job.id, applicationId: app.id, runId: last?.runId, costUsd: last?.costUsd };
}
