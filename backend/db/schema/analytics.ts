import { bigserial, index, jsonb, pgSchema, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './sync-columns';

/** Telemetry lives in its own schema, apart from the product's data, so it can be partitioned and pruned on its own. */
export const analytics = pgSchema('analytics');

/**
 * Raw telemetry events (filled by the telemetry issue). No CV or job content and no keys: only names, ids and numbers.
 * `user_id` has no foreign key on purpose: events outlive a deleted account as anonymous counts.
 */
export const events = analytics.table(
  'events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id'),
    deviceId: text('device_id'),
    name: text('name').notNull(),
    props: jsonb('props').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
    at: timestamptz('at').notNull(),
    receivedAt: timestamptz('received_at').notNull().defaultNow(),
  },
  (t) => [index('events_at').on(t.at), index('events_name_at').on(t.name, t.at)],
);
