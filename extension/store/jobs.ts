import { CvPathError } from '../../shared/errors';
import { sha256Hex, stableStringify } from '../../shared/engine/text';
import { JobPosting, type JobPostingInput } from '../../shared/schema/job-posting';
import { BOARD_IDS } from '../../shared/sites/catalogue';
import { sanitizePosting } from '../../shared/sites/sanitize';
import { stamp } from './clock';
import { applicationIdFor, jobIdFor } from './ids';
import { db, recordChange, type ApplicationRecord, type CvPathDb, type JobRecord } from './db';

/**
 * What identifies a posting: its content without when it was read and what the reader warned about, so the same
 * posting read twice (or by two readers that flag different things) is one job.
 */
export async function jobContentHash(posting: JobPosting): Promise<string> {
  return sha256Hex(stableStringify({ ...posting, scrapedAt: undefined, warnings: undefined, contentHash: undefined }));
}

/**
 * Stores a posting and its application. The same content is stored once; the same URL read again with changed text
 * (the employer edited the posting) updates that job instead of making a second one.
 */
export async function saveJob(input: JobPostingInput, d: CvPathDb = db()): Promise<{ jobId: string; applicationId: string; created: boolean }> {
  const parsed = JobPosting.safeParse(input);
  if (!parsed.success) {
    throw new CvPathError('INPUT_INVALID', 'The job posting read from this page is incomplete.', { hint: 'Wait for the page to finish loading and try again, or paste the job text instead.', cause: parsed.error });
  }
  // instructions aimed at a model leave here, from every field, however the posting arrived (page, paste, JSON-LD)
  const clean = sanitizePosting(parsed.data);
  if (!clean.description.trim()) {
    throw new CvPathError('JOB_EMPTY', 'The job posting has no description.', { hint: 'Open the posting itself (not a list of jobs), or paste the full job text.' });
  }
  const posting: JobPosting = { ...clean, contentHash: await jobContentHash(clean) };
  const contentHash = posting.contentHash!;
  const url = posting.url;

  return d.transaction('rw', [d.jobs, d.applications, d.outbox], async (tx) => {
    const now = stamp();
    let job = await d.jobs.where('contentHash').equals(contentHash).first();
    let created = false;
    if (!job && url) {
      const sameUrl = await d.jobs.where('url').equals(url).sortBy('updatedAt');
      // the same posting, edited by the employer. A board's address names one posting, so a new title there is an
      // edit; a careers page may show other postings at one address, so there only the same title and company count,
      // and a different posting must not take over this one's application and history
      const board = BOARD_IDS.includes(posting.site ?? '');
      const prior = sameUrl.filter((j) => j.posting.company === posting.company && (board || j.posting.title === posting.title)).at(-1);
      if (prior) {
        job = { ...prior, posting, contentHash, site: posting.site ?? prior.site, updatedAt: now };
        await d.jobs.put(job);
        await recordChange(tx, 'job', job.id);
      }
    }
    if (!job) {
      // the same posting saved on another device gets the same id, and the two merge when they sync. The id is taken
      // only by a job first saved with this content and edited since (its content hash moved on): then a random one
      const derived = jobIdFor(contentHash);
      const id = (await d.jobs.get(derived)) ? crypto.randomUUID() : derived;
      job = { id, posting, contentHash, createdAt: now, updatedAt: now, ...(url ? { url } : {}), ...(posting.site ? { site: posting.site } : {}) } satisfies JobRecord;
      await d.jobs.add(job);
      await recordChange(tx, 'job', job.id);
      created = true;
    }

    const app = await d.applications.where('jobId').equals(job.id).first();
    if (app) {
      // the list shows the application's own title and company: keep them in step with an edited posting
      if (app.title !== job.posting.title || app.company !== job.posting.company) {
        await d.applications.put({ ...app, title: job.posting.title, company: job.posting.company, updatedAt: now });
        await recordChange(tx, 'application', app.id);
      }
      return { jobId: job.id, applicationId: app.id, created };
    }
    const application = newApplication(job, now);
    await d.applications.add(application);
    await recordChange(tx, 'application', application.id);
    return { jobId: job.id, applicationId: application.id, created };
  });
}


/** A job's application as it starts: saved, with that as the first entry of its history. Its id follows from the job's. */
export function newApplication(job: JobRecord, now: string): ApplicationRecord {
  return {
    id: applicationIdFor(job.id),
    jobId: job.id,
    company: job.posting.company,
    title: job.posting.title,
    ...(job.url ? { url: job.url } : {}),
    status: 'saved',
    statusHistory: [{ status: 'saved', at: now }],
    notes: '',
    createdAt: now,
    updatedAt: now,
  };
}
