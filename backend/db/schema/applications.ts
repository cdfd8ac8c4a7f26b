import { index, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import type { ApplicationStatus, StatusChange, WorkflowStep } from '../../../shared/schema/application';
import { syncColumns } from './sync-columns';

/**
 * A job the user is pursuing: the shared `Application` as columns (so status and the funnel can be queried), with its
 * status history as JSON. Its interview steps are records of their own (`interview_steps`). Checked against the zod schema in `schema.test.ts`.
 */
export const applications = pgTable(
  'applications',
  {
    ...syncColumns(),
    jobId: text('job_id').notNull(),
    company: text('company').notNull().default(''),
    title: text('title').notNull().default(''),
    url: text('url'),
    status: text('status').$type<ApplicationStatus>().notNull().default('saved'),
    statusHistory: jsonb('status_history').$type<StatusChange[]>().notNull().default([]),
    notes: text('notes').notNull().default(''),
    lastRunId: text('last_run_id'),
    /** The funnel: how far the user got in CVPath's workflow for this job, which steps were reached, and when. */
    /** Null for an application saved before the funnel was recorded. */
    workflowStep: text('workflow_step').$type<WorkflowStep>(),
    reached: jsonb('reached').$type<Partial<Record<WorkflowStep, boolean>>>().notNull().default({}),
    reachedAt: jsonb('reached_at').$type<Partial<Record<WorkflowStep, string>>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.id] }),
    index('applications_user_job').on(t.userId, t.jobId),
    index('applications_user_status').on(t.userId, t.status),
    index('applications_user_seq').on(t.userId, t.serverSeq),
  ],
);
export type ApplicationRow = typeof applications.$inferSelect;
