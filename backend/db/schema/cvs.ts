import { index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { syncColumns } from './sync-columns';

/** A master CV the user keeps (mutable: its name and which version is current); the content lives in cv_versions. */
export const cvs = pgTable(
  'cvs',
  {
    ...syncColumns(),
    name: text('name').notNull().default(''),
    currentVersionId: text('current_version_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.id] }), index('cvs_user_seq').on(t.userId, t.serverSeq)],
);
export type CvRow = typeof cvs.$inferSelect;
