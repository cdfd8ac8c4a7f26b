import { index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import type { InterviewStep } from '../../../shared/schema/application';
import { syncColumns } from './sync-columns';

/**
 * One step of an interview process, its own record so that two devices adding steps to the same application both keep
 * theirs (last-writer-wins per step, not per application).
 */
export const interviewSteps = pgTable(
  'interview_steps',
  {
    ...syncColumns(),
    applicationId: text('application_id').notNull(),
    kind: text('kind').$type<InterviewStep['kind']>().notNull().default('other'),
    title: text('title').notNull().default(''),
    at: text('at'),
    outcome: text('outcome').$type<InterviewStep['outcome']>().notNull().default('pending'),
    notes: text('notes').notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.id] }),
    index('interview_steps_user_application').on(t.userId, t.applicationId),
    index('interview_steps_user_seq').on(t.userId, t.serverSeq),
  ],
);
export type InterviewStepRow = typeof interviewSteps.$inferSelect;
