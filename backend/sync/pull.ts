import { and, eq, inArray, sql } from 'drizzle-orm';
import { getTableColumns } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { SYNC_ENTITIES, type Change, type PullResponse, type SyncEntity } from '../../shared/sync/protocol';
import { rowsOf, type Database } from '../db/client';
import { toChange } from './push';
import { RECORDS, type RecordMap } from './records';

/** One query finds the next page across every synced table, by sequence number; a second fetches only those rows. */
const pageQuery = (userId: string, cursor: number, limit: number) =>
  sql.join(
    [
      sql`select * from (`,
      sql.join(
        SYNC_ENTITIES.map(
          (e) =>
            sql`(select ${e}::text as entity, id, server_seq as seq from ${sql.identifier(RECORDS[e].name)} where user_id = ${userId} and server_seq > ${cursor} order by server_seq limit ${limit})`,
        ),
        sql` union all `,
      ),
      sql`) page order by seq limit ${limit}`,
    ],
    sql``,
  );

/**
 * The changes to one user's records after `cursor`, oldest first, at most `limit` of them. Deleted records come as
 * tombstones (`op: 'delete'`, no data). When nothing changed this is one small indexed query.
 */
export async function pull(db: Database, userId: string, cursor: number, limit: number): Promise<PullResponse> {
  // one more than asked tells whether more are waiting
  const page = rowsOf<{ entity: SyncEntity; id: string; seq: string | number }>(await db.execute(pageQuery(userId, cursor, limit + 1)));
  const more = page.length > limit;
  const wanted = page.slice(0, limit);
  if (wanted.length === 0) return { changes: [], cursor, more: false };

  const idsByEntity = new Map<SyncEntity, string[]>();
  for (const r of wanted) idsByEntity.set(r.entity, [...(idsByEntity.get(r.entity) ?? []), r.id]);
  const byKey = new Map<string, Change>();
  for (const [entity, ids] of idsByEntity) {
    const map = RECORDS[entity] as RecordMap<SyncEntity>;
    const c = getTableColumns(map.table) as Record<string, PgColumn>;
    const rows = await db.select().from(map.table).where(and(eq(c.userId!, userId), inArray(c.id!, ids)));
    for (const row of rows as Record<string, unknown>[]) byKey.set(`${entity}\u0000${row.id as string}`, toChange(map, row));
  }
  // a row rewritten since the page query is sent with its newer content; its newer seq brings it again later, harmlessly
  const changes = wanted.map((r) => byKey.get(`${r.entity}\u0000${r.id}`)).filter((c): c is Change => c !== undefined);
  return { changes, cursor: Number(wanted[wanted.length - 1]!.seq), more };
}
