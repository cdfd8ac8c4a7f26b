import { index, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Cv } from '../../../shared/schema/cv';
import { syncColumns } from './sync-columns';

export type CvSource = { kind: 'pdf' | 'docx' | 'json' | 'text' | 'edit'; fileName?: string };

/**
 * One immutable version of a master CV. The same content is stored once per CV, as in the extension's store
 * (`[cvId+contentHash]`): two devices that import the same file end up with one version.
 */
export const cvVersions = pgTable(
  'cv_versions',
  {
    ...syncColumns(),
    cvId: text('cv_id').notNull(),
    /** sha256 of the stable JSON of `cv`. */
    contentHash: text('content_hash').notNull(),
    cv: jsonb('cv').$type<Cv>().notNull(),
    /** The text the CV was parsed from, when it came from a document. */
    text: text('text'),
    source: jsonb('source').$type<CvSource>().notNull(),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.id] }),
    uniqueIndex('cv_versions_user_cv_hash').on(t.userId, t.cvId, t.contentHash),
    index('cv_versions_user_seq').on(t.userId, t.serverSeq),
  ],
);
export type CvVersionRow = typeof cvVersions.$inferSelect;
