import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';

/**
 * Serialises every write to one user's synced rows, until the transaction ends. A row's `server_seq` is taken while
 * the lock is held, so one user's writes commit in the order of their sequence numbers: a pull that has seen seq N
 * can never later find a row of that user with a smaller seq commit (the gap a plain sequence leaves under concurrent
 * transactions, which would make a cursor skip a change). Every writer of synced rows must take it first; lock two
 * users in sorted order.
 */
export async function lockUser(tx: Database, ...userIds: string[]): Promise<void> {
  for (const id of [...new Set(userIds)].sort()) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${id}, 0))`);
}
