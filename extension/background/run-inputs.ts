import { CvPathError } from '../../shared/errors';
import type { CvPathDb, CvVersionRecord, JobRecord, RunTaskRecord, SettingsRecord } from '../store/db';
import { getSettings } from '../store/settings';

const NO_CV_HINT = "Import your master CV in CVPath's options first.";

/** The CV version a new run uses: the one asked for, else the active CV's current version. */
export async function resolveCvVersionId(d: CvPathDb, cvVersionId?: string): Promise<string> {
  if (cvVersionId) {
    if (!(await d.cvVersions.get(cvVersionId))) throw new CvPathError('CV_EMPTY', 'The CV version chosen for this run no longer exists.', { hint: "Choose a CV in CVPath's options and start again." });
    return cvVersionId;
  }
  const settings = await getSettings(d);
  // no active CV but some CV (synced from another device, say): the most recently changed one is the best guess
  const cv = (settings.activeCvId ? await d.cvs.get(settings.activeCvId) : undefined) ?? (await d.cvs.orderBy('updatedAt').last());
  if (!cv || !(await d.cvVersions.get(cv.currentVersionId))) throw new CvPathError('CV_EMPTY', 'You have no master CV in CVPath yet.', { hint: NO_CV_HINT });
  return cv.currentVersionId;
}

export interface RunInputs {
  job: JobRecord;
  version: CvVersionRecord;
  settings: SettingsRecord;
}

/** What a run works from, read as of now: a run resumed later fails clearly if its job or CV was deleted meanwhile. */
export async function loadRunInputs(d: CvPathDb, task: RunTaskRecord): Promise<RunInputs> {
  return d.transaction('r', [d.jobs, d.cvVersions, d.settings], async () => {
    const [job, version, settings] = await Promise.all([d.jobs.get(task.jobId), d.cvVersions.get(task.cvVersionId), getSettings(d)]);
    if (!job) throw new CvPathError('INPUT_INVALID', 'The job posting this run was for has been deleted.', { hint: 'Open the posting again and start a new run from there.' });
    if (!version) throw new CvPathError('CV_EMPTY', 'The CV version this run was using has been deleted.', { hint: "Choose a CV in CVPath's options and start the run again." });
    return { job, version, settings };
  });
}
