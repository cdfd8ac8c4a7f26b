import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { syncColumns } from './sync-columns';

export const SETTINGS_ID = 'settings';

/**
 * The user's settings: one row per user (id is always 'settings'), merged by last-writer-wins as a whole. Provider
 * keys never reach this table: the extension keeps them encrypted on the device.
 */
export const settings = pgTable(
  'settings',
  {
    ...syncColumns(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.id] }),
    check('settings_singleton', sql`${t.id} = 'settings'`),
    index('settings_user_seq').on(t.userId, t.serverSeq),
  ],
);
export type SettingsRow = typeof settings.$inferSelect;
