import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { SYNC_ENTITIES } from '../../shared/sync/protocol';
import { rowsOf, type Database } from '../db/client';
import { lockUser } from '../sync/lock';
import { RECORDS } from '../sync/records';

/** Called after each step of a merge, inside its transaction: tests throw here to prove a merge is all or nothing. */
export type MergeProbe = (step: string) => void | Promise<void>;

export interface MergeSummary {
  /** Rows that changed owner (or were merged into the account's), per table. */
  moved: Record<string, number>;
}

const count = (result: unknown): number => {
  const r = result as { count?: number; affectedRows?: number; rowCount?: number };
  return Number(r.count ?? r.affectedRows ?? r.rowCount ?? rowsOf(result).length);
};

/**
 * Moves everything a guest has to an account, in one transaction: either all of it happens or none does.
 *
 * - Synced records the account does not have change owner and take a new sequence number, so the account's other
 *   devices pull them. Where both hold the same record (the settings singleton, a posting saved on both), the newer
 *   `(updatedAt, deviceId)` is kept, as sync would decide; immutable records keep the account's.
 * - A guest CV version with the same content as one of the account's is dropped and what pointed at it points at the
 *   account's.
 * - Usage counters are summed per day; devices keep their newest sighting; mutation ids move too, so a push the guest's
 *   device retries after signing in is still recognised.
 * - The guest user is deleted last, with its sessions.
 */
export async function mergeGuest(db: Database, guestId: string, accountId: string, probe: MergeProbe = () => {}): Promise<MergeSummary> {
  if (guestId === accountId) return { moved: {} };
  return db.transaction(async (tx) => {
    await lockUser(tx, guestId, accountId);
    const moved: Record<string, number> = {};
    const run = async (step: string, q: SQL) => {
      moved[step] = (moved[step] ?? 0) + count(await tx.execute(q));
    };

    // CV versions are unique per (cv, content): a guest's duplicate gives way to the account's
    await run(
      'cvs',
      sql`update cvs c set current_version_id = a.id from cv_versions g join cv_versions a
            on a.user_id = ${accountId} and a.cv_id = g.cv_id and a.content_hash = g.content_hash and a.id <> g.id
          where g.user_id = ${guestId} and c.user_id = ${guestId} and c.current_version_id = g.id`,
    );
    await run(
      'runs',
      sql`update runs r set cv_version_id = a.id from cv_versions g join cv_versions a
            on a.user_id = ${accountId} and a.cv_id = g.cv_id and a.content_hash = g.content_hash and a.id <> g.id
          where g.user_id = ${guestId} and r.user_id = ${guestId} and r.cv_version_id = g.id`,
    );
    await run(
      'cv_versions',
      sql`delete from cv_versions g using cv_versions a
          where g.user_id = ${guestId} and a.user_id = ${accountId} and a.cv_id = g.cv_id and a.content_hash = g.content_hash and a.id <> g.id`,
    );
    await probe('cv_versions deduplicated');

    for (const entity of SYNC_ENTITIES) {
      const map = RECORDS[entity];
      const t = sql.identifier(map.name);
      if (!map.immutable) {
        // the guest's copy is newer: it replaces the account's
        const columns = Object.values(getTableColumns(map.table) as Record<string, PgColumn>)
          .map((c) => c.name)
          .filter((n) => n !== 'user_id' && n !== 'id' && n !== 'server_seq');
        const set = sql.join(
          [...columns.map((n) => sql`${sql.identifier(n)} = g.${sql.identifier(n)}`), sql`server_seq = nextval('sync_seq')`],
          sql`, `,
        );
        await run(
          map.name,
          sql`update ${t} a set ${set} from ${t} g
              where a.user_id = ${accountId} and g.user_id = ${guestId} and g.id = a.id
                and (g.updated_at, g.device_id collate "C") > (a.updated_at, a.device_id collate "C")`,
        );
      }
      // the guest's copies of records the account holds are merged now
      await tx.execute(sql`delete from ${t} g using ${t} a where g.user_id = ${guestId} and a.user_id = ${accountId} and a.id = g.id`);
      await run(map.name, sql`update ${t} set user_id = ${accountId}, server_seq = nextval('sync_seq') where user_id = ${guestId}`);
      await probe(map.name);
    }

    await run(
      'usage',
      sql`insert into usage (user_id, day, runs, input_tokens, output_tokens, cost_micros)
          select ${accountId}, day, runs, input_tokens, output_tokens, cost_micros from usage where user_id = ${guestId}
          on conflict (user_id, day) do update set runs = usage.runs + excluded.runs, input_tokens = usage.input_tokens + excluded.input_tokens,
            output_tokens = usage.output_tokens + excluded.output_tokens, cost_micros = usage.cost_micros + excluded.cost_micros`,
    );
    await tx.execute(sql`delete from usage where user_id = ${guestId}`);
    await probe('usage');

    await run(
      'devices',
      sql`insert into devices (user_id, device_id, name, last_seen_at, last_cursor, pushes, pulls)
          select ${accountId}, device_id, name, last_seen_at, 0, pushes, pulls from devices where user_id = ${guestId}
          on conflict (user_id, device_id) do update set last_seen_at = greatest(devices.last_seen_at, excluded.last_seen_at),
            pushes = devices.pushes + excluded.pushes, pulls = devices.pulls + excluded.pulls,
            name = case when excluded.last_seen_at > devices.last_seen_at then excluded.name else devices.name end`,
    );
    await probe('devices');

    await run(
      'sync_mutations',
      sql`insert into sync_mutations (user_id, mutation_id, entity, entity_id, received_at)
          select ${accountId}, mutation_id, entity, entity_id, received_at from sync_mutations where user_id = ${guestId}
          on conflict do nothing`,
    );
    await probe('sync_mutations');

    // telemetry keeps counting the same person
    await run('analytics.events', sql`update analytics.events set user_id = ${accountId} where user_id = ${guestId}`);
    await probe('analytics.events');

    // the guest goes, with its sessions, devices, usage and mutation ids (all moved above)
    await tx.execute(sql`delete from users where id = ${guestId} and is_anonymous`);
    await probe('guest deleted');
    return { moved };
  });
}
