import type { CvPathDb } from '../store/db';
import type { ApplicationRow } from './filters';

/** Every application with its posting's text and its latest match, for the dashboard list. */
export async function loadApplicationRows(d: CvPathDb): Promise<ApplicationRow[]> {
  const apps = await d.applications.toArray();
  const [jobs, runs] = await Promise.all([
    d.jobs.bulkGet(apps.map((a) => a.jobId)),
    d.runs.bulkGet(apps.map((a) => a.lastRunId ?? '')),
  ]);
  return apps.map((app, i) => {
    const score = runs[i]?.run.outputs.score;
    return { app, jobText: jobs[i]?.posting.description, match: score ? { before: score.before.match, after: score.after.match } : undefined };
  });
}
