import { bigint, date, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './sync-columns';
import { users } from './users';

/**
 * Every mutation id the server has applied, per user: a push that is retried (the answer was lost, the device crashed)
 * finds its mutations here and applies none of them twice.
 */
export const syncMutations = pgTable(
  'sync_mutations',
  {
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    mutationId: text('mutation_id').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    receivedAt: timestamptz('received_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.mutationId] })],
);

/** The devices that sync to an account: shown in the account page, and where each one's pull got to. */
export const devices = pgTable(
  'devices',
  {
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    deviceId: text('device_id').notNull(),
    name: text('name').notNull().default(''),
    lastSeenAt: timestamptz('last_seen_at').notNull().defaultNow(),
    lastCursor: bigint('last_cursor', { mode: 'number' }).notNull().default(0),
    pushes: integer('pushes').notNull().default(0),
    pulls: integer('pulls').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.deviceId] })],
);

/** Counters per user and day (runs, tokens, cost): what quotas and billing read. Summed when a guest joins an account. */
export const usage = pgTable(
  'usage',
  {
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    runs: integer('runs').notNull().default(0),
    inputTokens: bigint('input_tokens', { mode: 'number' }).notNull().default(0),
    outputTokens: bigint('output_tokens', { mode: 'number' }).notNull().default(0),
    costMicros: bigint('cost_micros', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);
