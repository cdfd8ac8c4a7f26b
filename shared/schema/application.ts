import { z } from 'zod';

/** Where an application stands in the job seeker's funnel. `offer` and `rejected` are outcomes; both end the funnel. */
export const APPLICATION_STATUSES = ['saved', 'applied', 'interviewing', 'offer', 'rejected'] as const;
export const ApplicationStatus = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;

/** One step of an interview process: a phone screen, a take-home, an on-site loop. */
export const InterviewStep = z.object({
  id: z.string().min(1),
  kind: z.enum(['screen', 'technical', 'take_home', 'onsite', 'hiring_manager', 'final', 'other']).default('other'),
  title: z.string().default(''),
  /** ISO date-time the step is or was scheduled for. */
  at: z.string().optional(),
  outcome: z.enum(['pending', 'passed', 'failed', 'cancelled']).default('pending'),
  notes: z.string().default(''),
});
export type InterviewStep = z.infer<typeof InterviewStep>;

export const StatusChange = z.object({ status: ApplicationStatus, at: z.string() });
export type StatusChange = z.infer<typeof StatusChange>;

/**
 * The user's way through CVPath for one job, for the funnel: the job is saved, a CV is tailored to it, the documents are
 * downloaded, the user applies. Steps are reached in any order (a user may apply without downloading), so each has its
 * own flag and the time it was first reached; `step` is the furthest one.
 */
export const WORKFLOW_STEPS = ['saved', 'tailored', 'downloaded', 'applied'] as const;
export const WorkflowStep = z.enum(WORKFLOW_STEPS);
export type WorkflowStep = z.infer<typeof WorkflowStep>;

export const ApplicationFunnel = z.object({
  step: WorkflowStep.default('saved'),
  reached: z.partialRecord(WorkflowStep, z.boolean()).default({}),
  /** ISO date-time each step was first reached. */
  reachedAt: z.partialRecord(WorkflowStep, z.string()).default({}),
});
export type ApplicationFunnel = z.infer<typeof ApplicationFunnel>;

/** A job the user is pursuing: one per job posting, with its status history, interview steps and notes. */
export const Application = z.object({
  id: z.string().min(1),
  jobId: z.string().min(1),
  company: z.string().default(''),
  title: z.string().default(''),
  url: z.string().optional(),
  status: ApplicationStatus.default('saved'),
  statusHistory: z.array(StatusChange).default([]),
  steps: z.array(InterviewStep).default([]),
  notes: z.string().default(''),
  /** The latest run for this application (runs are immutable snapshots; this points at the newest). */
  lastRunId: z.string().optional(),
  /** Absent on applications saved before the funnel was recorded. */
  funnel: ApplicationFunnel.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Application = z.infer<typeof Application>;
export type ApplicationInput = z.input<typeof Application>;
