import type { z } from 'zod';
import { CvPathError } from '../../shared/errors';
import { ApplicationStatus, InterviewStep, type Application } from '../../shared/schema/application';
import { stamp } from './clock';
import { db, recordChange, type ApplicationRecord, type CvPathDb, type InterviewStepRecord } from './db';
import { notFound } from './errors';

export type InterviewStepInput = z.input<typeof InterviewStep>;
export type InterviewStepPatch = Partial<Omit<InterviewStepInput, 'id'>>;

/** An application with its interview steps, in the order they were added (steps are stored as records of their own). */
export async function getApplication(id: string, d: CvPathDb = db()): Promise<Application | undefined> {
  const app = await d.applications.get(id);
  return app ? withSteps(d, app) : undefined;
}

/** Puts an application's steps back on it. Call inside a transaction that includes `interviewSteps` to read both at once. */
export async function withSteps(d: CvPathDb, app: ApplicationRecord): Promise<Application> {
  const steps = await d.interviewSteps.where('applicationId').equals(app.id).toArray();
  steps.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return { ...app, steps: steps.map(toStep) };
}

/** Reads, changes and writes one application in a transaction with its outbox entry. */
async function change(d: CvPathDb, id: string, f: (app: ApplicationRecord) => ApplicationRecord | undefined): Promise<Application> {
  return d.transaction('rw', [d.applications, d.interviewSteps, d.outbox], async (tx) => {
    const app = await d.applications.get(id);
    if (!app) throw notFound('This application', 'Reload the dashboard; it may have been deleted in another window.');
    const next = f(app);
    if (!next) return withSteps(d, app);
    const saved = { ...next, updatedAt: stamp() };
    await d.applications.put(saved);
    await recordChange(tx, 'application', id);
    return withSteps(d, saved);
  });
}

/** Moves an application to a status and records when. Setting the status it already has changes nothing. */
export async function setApplicationStatus(id: string, status: ApplicationStatus, d: CvPathDb = db()): Promise<Application> {
  const s = ApplicationStatus.safeParse(status);
  if (!s.success) throw new CvPathError('INPUT_INVALID', `"${String(status)}" is not an application status.`, { hint: `Choose one of: ${ApplicationStatus.options.join(', ')}.` });
  return change(d, id, (app) => (app.status === s.data ? undefined : { ...app, status: s.data, statusHistory: [...app.statusHistory, { status: s.data, at: stamp() }] }));
}

/** Changes one step (or adds it) in a transaction with its outbox entry; the application itself is not rewritten. */
async function changeStep(d: CvPathDb, appId: string, stepId: string, f: (old: InterviewStepRecord | undefined) => InterviewStep | undefined): Promise<InterviewStep> {
  return d.transaction('rw', [d.applications, d.interviewSteps, d.outbox], async (tx) => {
    if (!(await d.applications.get(appId))) throw notFound('This application', 'Reload the dashboard; it may have been deleted in another window.');
    const old = await d.interviewSteps.get(stepId);
    const mine = old?.applicationId === appId ? old : undefined;
    const step = f(mine);
    if (!step) throw notFound('This interview step');
    const now = stamp();
    await d.interviewSteps.put({ ...step, applicationId: appId, createdAt: mine?.createdAt ?? now, updatedAt: now });
    await recordChange(tx, 'interviewStep', stepId);
    return step;
  });
}

export async function addInterviewStep(id: string, step: Omit<InterviewStepInput, 'id'>, d: CvPathDb = db()): Promise<InterviewStep> {
  const created = parseStep({ ...step, id: crypto.randomUUID() });
  return changeStep(d, id, created.id, () => created);
}

export async function updateInterviewStep(id: string, stepId: string, patch: InterviewStepPatch, d: CvPathDb = db()): Promise<InterviewStep> {
  return changeStep(d, id, stepId, (old) => (old ? parseStep({ ...toStep(old), ...patch, id: stepId }) : undefined));
}

export async function removeInterviewStep(id: string, stepId: string, d: CvPathDb = db()): Promise<void> {
  await d.transaction('rw', [d.interviewSteps, d.outbox], async (tx) => {
    const step = await d.interviewSteps.get(stepId);
    if (step?.applicationId !== id) return; // already gone: removing twice is not an error
    await d.interviewSteps.delete(stepId);
    await recordChange(tx, 'interviewStep', stepId, 'delete');
  });
}

export async function setApplicationNotes(id: string, notes: string, d: CvPathDb = db()): Promise<void> {
  await change(d, id, (app) => (app.notes === notes ? undefined : { ...app, notes }));
}

/**
 * Deletes an application with its posting, its interview steps, its runs and their live tasks. The job goes too: it
 * exists only for this application, and reading the posting again starts a fresh one.
 */
export async function deleteApplication(id: string, d: CvPathDb = db()): Promise<void> {
  await d.transaction('rw', [d.applications, d.interviewSteps, d.jobs, d.runs, d.runTasks, d.outbox], async (tx) => {
    const app = await d.applications.get(id);
    if (!app) return; // already gone: deleting twice is not an error
    const runIds = await d.runs.where('applicationId').equals(id).primaryKeys();
    const stepIds = await d.interviewSteps.where('applicationId').equals(id).primaryKeys();
    await d.runs.bulkDelete(runIds);
    await d.interviewSteps.bulkDelete(stepIds);
    await d.runTasks.where('applicationId').equals(id).delete();
    await d.applications.delete(id);
    await d.jobs.delete(app.jobId);
    for (const runId of runIds) await recordChange(tx, 'run', runId, 'delete');
    for (const stepId of stepIds) await recordChange(tx, 'interviewStep', stepId, 'delete');
    await recordChange(tx, 'application', id, 'delete');
    await recordChange(tx, 'job', app.jobId, 'delete');
  });
}

/** A stored step as the schema's InterviewStep (without the fields only storage and sync need). */
export function toStep(r: InterviewStepRecord): InterviewStep {
  const { applicationId: _a, createdAt: _c, updatedAt: _u, ...step } = r;
  return step;
}

function parseStep(step: InterviewStepInput): InterviewStep {
  const r = InterviewStep.safeParse(step);
  if (!r.success) throw new CvPathError('INPUT_INVALID', 'This interview step is not valid.', { hint: 'Check its kind, date and outcome, then save again.', cause: r.error });
  return r.data;
}
