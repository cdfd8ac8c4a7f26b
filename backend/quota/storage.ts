import { getTableColumns, sql } from 'drizzle-orm';
import type { Mutation } from '../../shared/sync/protocol';
import type { Quota } from '../config';
import { rowsOf, type Database } from '../db/client';
import { ApiError } from '../errors';
import { RECORDS } from '../sync/records';

export interface StorageUsage {
  /** Live records (tombstones are not counted: deleting a record frees its place). */
  records: number;
  /** The rows' size as Postgres stores them (`pg_column_size` of each column, after compression), tombstones included. */
  bytes: number;
}

/** Bytes Postgres adds to every row (tuple header and item pointer), so a flood of tiny rows is not free either. */
const ROW_OVERHEAD = 28;

/**
 * Each synced table's size expression: the sum of its columns' stored sizes. Column by column, since
 * `pg_column_size` of a column reads only its TOAST pointer, where the size of a whole row (`t.*`) would fetch every
 * large value from TOAST.
 */
const TABLES = Object.values(RECORDS).map((m) => ({
  name: m.name,
  size: sql.join(Object.values(getTableColumns(m.table)).map((c) => sql`coalesce(pg_column_size(t.${sql.identifier(c.name)}), 0)`), sql` + `),
}));

/**
 * What one user stores through sync, in one query over the synced tables (each read by its (user_id, id) key). Cheap
 * enough per push at the sizes a quota allows; a usage row kept by every write would be cheaper, at the price of a
 * hook in every write path (push, the guest merge, account deletion).
 */
export async function storageUsage(db: Database, p: { userId: string }): Promise<StorageUsage> {
  const parts = TABLES.map(
    (t) => sql`select count(*) filter (where t.deleted_at is null) as records, coalesce(sum(${t.size} + ${sql.raw(String(ROW_OVERHEAD))}), 0) as bytes from ${sql.identifier(t.name)} t where t.user_id = ${p.userId}`,
  );
  const result = await db.execute(sql`select coalesce(sum(records), 0)::bigint as records, coalesce(sum(bytes), 0)::bigint as bytes from (${sql.join(parts, sql` union all `)}) u`);
  const [row] = rowsOf<{ records: string | number; bytes: string | number }>(result);
  return { records: Number(row?.records ?? 0), bytes: Number(row?.bytes ?? 0) };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * The quota check of one push, inside its transaction: usage before the batch, then `check()` after it, which throws
 * QUOTA_EXCEEDED (rolling the whole batch back) when the batch took the user past a quota and grew what they store.
 * A batch that shrinks usage always applies, so a user over quota (after the quota was lowered, say) can delete their
 * way back under it; a batch of deletes alone costs no query at all.
 */
export async function quotaGuard(db: Database, userId: string, quota: Pick<Quota, 'records' | 'bytes'> | undefined, mutations: readonly Mutation[]): Promise<{ check(): Promise<void> }> {
  if (!quota || !mutations.some((m) => m.op === 'put')) return { check: async () => {} };
  const before = await storageUsage(db, { userId });
  return {
    async check() {
      const after = await storageUsage(db, { userId });
      if (after.records > quota.records && after.records > before.records) {
        throw new ApiError('QUOTA_EXCEEDED', `This account may keep ${quota.records} synced records; this change would make ${after.records}. Nothing of it was saved.`, {
          hint: 'Delete jobs, applications or runs you no longer need, then sync again.',
        });
      }
      if (after.bytes > quota.bytes && after.bytes > before.bytes) {
        throw new ApiError('QUOTA_EXCEEDED', `This account may store ${mb(quota.bytes)} of synced data; this change would make ${mb(after.bytes)}. Nothing of it was saved.`, {
          hint: 'Delete old CV versions, jobs or runs you no longer need, then sync again.',
        });
      }
    },
  };
}
