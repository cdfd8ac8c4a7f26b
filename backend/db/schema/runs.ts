import { index, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import type { Run } from '../../../shared/schema/run';
import { syncColumns } from './sync-columns';

/** A finished tailoring: the immutable `Run` snapshot, written once and never overwritten (only tombstoned). */
export const runs = pgTable(
  'runs',
  {
    ...syncColumns(),
    applicationId: text('application_id').notNull(),
    jobId: text('job_id').notNull(),
    cvVersionId: text('cv_version_id').notNull(),
    snapshot: jsonb('snapshot').$type<Run>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.id] }),
    index('runs_user_application').on(t.userId, t.applicationId),
    index('runs_user_seq').on(t.userId, t.serverSeq),
  ],
);
export type RunRow = typeof runs.$inferSelect;
