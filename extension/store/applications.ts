import type { z } from 'zod';
import { CvPathError } from '../../shared/errors';
import { ApplicationStatus, InterviewStep } from '../../shared/schema/application';
import { stamp } from './clock';
import { db, recordChange, type ApplicationRecord, type CvPathDb } from './db';
import { notFound } from './errors';

export type InterviewStepInput = z.input<typeof InterviewStep>;
export type InterviewStepPatch = Partial<Omit<InterviewStepInput, 'id'>>;

/** Reads, changes and writes one application in a transaction with its outbox entry. */
async function change(d: CvPathDb, id: string, f: (app: ApplicationRecord) => ApplicationRecord | undefined): Promise<ApplicationRecord> {
  return d.transaction('rw', [d.applications, d.outbox], async (tx) => {
    const app = await d.applications.get(id);
    if (!app) throw notFound('This application', 'Reload the dashboard; it may have been deleted in another window.');
    const next = f(app);
    if (!next) return app;
    const saved = { ...next, updatedAt: stamp() };
    await d.applications.put(saved);
    await recordChange(tx, 'application', id);
    return saved;
  });
}

/** Moves an application to a status and records when. Setting the status it already has changes nothing. */
export async function setApplicationStatus(id: string, status: ApplicationStatus, d: CvPathDb = db()): Promise<ApplicationRecord> {
  const s = ApplicationStatus.safeParse(status);
  if (!s.success) throw new CvPathError('INPUT_INVALID', `"${String(status)}" is not an application status.`, { hint: `Choose one of: ${ApplicationStatus.options.join(', ')}.` });
  return change(d, id, (app) => (app.status === s.data ? undefined : { ...app, status: s.data, statusHistory: [...app.statusHistory, { status: s.data, at: stamp() }] }));
}

export async function addInterviewStep(id: string, step: Omit<InterviewStepInput, 'id'>, d: CvPathDb = db()): Promise<InterviewStep> {
  const created = parseStep({ ...step, id: crypto.randomUUID() });
  await change(d, id, (app) => ({ ...app, steps: [...app.steps, created] }));
  return created;
}

export async function updateInterviewStep(id: string, stepId: string, patch: InterviewStepPatch, d: CvPathDb = db()): Promise<InterviewStep> {
  let updated!: InterviewStep;
  await change(d, id, (app) => {
    const old = app.steps.find((s) => s.id === stepId);
    if (!old) throw notFound('This interview step');
    updated = parseStep({ ...old, ...patch, id: stepId });
    return { ...app, steps: app.steps.map((s) => (s.id === stepId ? updated : s)) };
  });
  return updated;
}

export async function removeInterviewStep(id: string, stepId: string, d: CvPathDb = db()): Promise<void> {
  await change(d, id, (app) => (app.steps.some((s) => s.id === stepId) ? { ...app, steps: app.steps.filter((s) => s.id !== stepId) } : undefined));
}

export async function setApplicationNotes(id: string, notes: string, d: CvPathDb = db()): Promise<void> {
  await change(d, id, (app) => (app.notes === notes ? undefined : { ...app, notes }));
}

/**
 * Deletes an application with its posting, its runs and their live tasks. The job goes too: it exists only for this
 * application, and reading the posting again starts a fresh one.
 */
export async function deleteApplication(id: string, d: CvPathDb = db()): Promise<void> {
  await d.transaction('rw', [d.applications, d.jobs, d.runs, d.runTasks, d.outbox], async (tx) => {
    const app = await d.applications.get(id);
    if (!app) return; // already gone: deleting twice is not an error
    const runIds = (await d.runs.where('applicationId').equals(id).primaryKeys()) as string[];
    await d.runs.bulkDelete(runIds);
    await d.runTasks.where('applicationId').equals(id).delete();
    await d.applications.delete(id);
    await d.jobs.delete(app.jobId);
    for (const runId of runIds) await recordChange(tx, 'run', runId, 'delete');
    await recordChange(tx, 'application', id, 'delete');
    await recordChange(tx, 'job', app.jobId, 'delete');
  });
}

function parseStep(step: InterviewStepInput): InterviewStep {
  const r = InterviewStep.safeParse(step);
  if (!r.success) throw new CvPathError('INPUT_INVALID', 'This interview step is not valid.', { hint: 'Check its kind, date and outcome, then save again.', cause: r.error });
  return r.data;
}
