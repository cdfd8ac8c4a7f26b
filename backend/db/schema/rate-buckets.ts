import { integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './sync-columns';

/**
 * Counters for credential limits, kept here rather than in a process so that every instance behind a load balancer
 * sees the same counts. One row per (kind, key): `sign-in:address` + an IP, `sign-in:account` + a hash of an email…
 * `hits` counts requests in the window that began at `windowStart`; for `sign-in:account`, password attempts since the
 * last right one (`windowStart` the last attempt), and `lockedUntil` the lock they earned. Rows are updated with one
 * `insert … on conflict do update … returning`, so concurrent requests on any instance never lose a count.
 */
export const rateBuckets = pgTable(
  'rate_buckets',
  {
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    hits: integer('hits').notNull().default(0),
    windowStart: timestamptz('window_start').notNull(),
    lockedUntil: timestamptz('locked_until'),
  },
  (t) => [primaryKey({ columns: [t.kind, t.key] })],
);
