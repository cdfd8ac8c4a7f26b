import { index, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import type { JobPosting } from '../../../shared/schema/job-posting';
import { syncColumns } from './sync-columns';

/**
 * A job posting as read from a page. `content_hash` finds the same posting read twice; it is not unique here because
 * two offline devices may each save the posting under their own id before they sync.
 */
export const jobs = pgTable(
  'jobs',
  {
    ...syncColumns(),
    posting: jsonb('posting').$type<JobPosting>().notNull(),
    url: text('url'),
    site: text('site'),
    contentHash: text('content_hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.id] }),
    index('jobs_user_hash').on(t.userId, t.contentHash),
    index('jobs_user_seq').on(t.userId, t.serverSeq),
  ],
);
export type JobRow = typeof jobs.$inferSelect;
