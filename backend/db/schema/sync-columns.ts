import { sql } from 'drizzle-orm';
import { bigint, pgSequence, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * One counter for every synced table: a row takes the next value each time the server writes it, so "changes after
 * cursor N" is `server_seq > N` across all tables, and a pull can page through them in one order.
 */
export const syncSeq = pgSequence('sync_seq');

export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * The columns every synced row has. Rows are keyed by (user_id, id) with ids made by the client. `updated_at` and
 * `device_id` are the client's and decide last-writer-wins; `deleted_at` makes a row a tombstone that still syncs.
 */
export const syncColumns = () => ({
  userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  id: text('id').notNull(),
  createdAt: timestamptz('created_at').notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
  deviceId: text('device_id').notNull(),
  serverSeq: bigint('server_seq', { mode: 'number' }).notNull().default(sql`nextval('sync_seq')`),
  deletedAt: timestamptz('deleted_at'),
});
