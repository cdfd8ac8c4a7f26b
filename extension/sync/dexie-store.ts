import type { OutboxEntry, ParkedChange, SyncStore } from '../../shared/sync/engine';
import { SYNC_ENTITIES, type Change, type SyncEntity } from '../../shared/sync/protocol';
import { recordChange, type CvPathDb, type SettingsRecord } from '../store/db';
import { getSettings } from '../store/settings';
import { fromSync, syncedTables, tableOf, toSync } from './records';
import { updateSyncState } from './state';

/** The most parked changes kept to show (the oldest go first). */
export const MAX_PARKED = 20;

const pendingFor = (d: CvPathDb, entity: string, id: string) => d.outbox.where('[entity+entityId]').equals([entity, id]).count();

/**
 * The device's side of sync over the extension's Dexie database. Remote changes are written without outbox entries
 * (they are the server's already), and a record that still has an entry in the outbox is left as it is: the device's
 * own change goes to the server next, and the server decides.
 */
export class DexieSyncStore implements SyncStore {
  /** Changes a pull brought that were not valid records, left out rather than stored broken. */
  skipped = 0;

  constructor(
    private readonly d: CvPathDb,
    readonly deviceId: string,
  ) {}

  async outbox(limit: number): Promise<OutboxEntry[]> {
    const rows = await this.d.outbox.orderBy('seq').limit(limit).toArray();
    return rows.map((r) => ({ key: r.seq!, mutationId: r.mutationId, entity: r.entity, entityId: r.entityId, op: r.op, at: r.at }));
  }

  async read(entity: SyncEntity, id: string): Promise<{ updatedAt: string; data: unknown } | undefined> {
    const record = await tableOf(this.d, entity).get(id);
    return record ? toSync(entity, record) : undefined;
  }

  async acknowledge(keys: number[]): Promise<void> {
    if (keys.length) await this.d.outbox.bulkDelete(keys);
  }

  async apply(changes: Change[], cursor?: number): Promise<void> {
    const d = this.d;
    await d.transaction('rw', [...syncedTables(d), d.outbox, d.runTasks, d.sync], async () => {
      await this.applyInTransaction(changes);
      if (cursor !== undefined) await d.sync.update('sync', { cursor });
    });
  }

  /**
   * The pushed entries leave the outbox and the records the server kept instead of losing writes come in, in one
   * transaction: a device stopped between the two would otherwise keep its losing write for good.
   */
  async acknowledgeAndApply(keys: number[], current: Change[]): Promise<void> {
    const d = this.d;
    await d.transaction('rw', [...syncedTables(d), d.outbox, d.runTasks, d.sync], async () => {
      if (keys.length) await d.outbox.bulkDelete(keys);
      await this.applyInTransaction(current);
    });
  }

  /** Writes the server's records; call inside a transaction over every synced table, the outbox and the run tasks. */
  private async applyInTransaction(changes: Change[]): Promise<void> {
    const d = this.d;
    for (const c of changes) {
      if (await pendingFor(d, c.entity, c.id)) continue;
      if (c.op === 'delete') await this.remove(c.entity, c.id);
      else {
        const local: SettingsRecord | undefined = c.entity === 'settings' ? await getSettings(d) : undefined;
        const record = fromSync(c.entity, c.id, c.updatedAt, c.data, local);
        if (record) await tableOf(d, c.entity).put(record as { id: string });
        else this.skipped++;
      }
    }
  }

  async cursor(): Promise<number> {
    return (await this.d.sync.get('sync'))?.cursor ?? 0;
  }

  /**
   * Parked changes go to the sync state's `rejected` list, which the options page shows, before their entries leave
   * the outbox: a worker stopped in between sends them once more and parks them again, never loses them silently.
   */
  async park(changes: ParkedChange[]): Promise<void> {
    await updateSyncState(this.d, (cur) => {
      const kept = (cur.rejected ?? []).filter((r) => !changes.some((c) => c.mutationId === r.mutationId));
      return { rejected: [...kept, ...changes.map(({ mutationId, entity, id, code, error }) => ({ mutationId, entity, id, code, error }))].slice(-MAX_PARKED) };
    });
  }

  private async remove(entity: SyncEntity, id: string): Promise<void> {
    const d = this.d;
    // the settings are never deleted, only changed; a tombstone there would be the server's own doing
    if (entity === 'settings') return;
    await tableOf(d, entity).delete(id);
    if (entity !== 'application') return;
    // what only made sense with the application: its steps (unless changed here meanwhile) and finished task states
    for (const step of await d.interviewSteps.where('applicationId').equals(id).toArray()) {
      if (!(await pendingFor(d, 'interviewStep', step.id))) await d.interviewSteps.delete(step.id);
    }
    await d.runTasks.where('applicationId').equals(id).filter((t) => t.status !== 'running').delete();
  }
}

/**
 * Offers the server everything this device holds: one outbox entry per record, in one transaction. Used when the
 * device syncs with an account for the first time after another (its earlier changes went to that one's server copy).
 * The server keeps whichever copy of each record is newer, so records it already has change nothing.
 */
export async function enqueueEverything(d: CvPathDb): Promise<number> {
  let n = 0;
  await d.transaction('rw', [...syncedTables(d), d.outbox], async (tx) => {
    for (const entity of SYNC_ENTITIES) {
      const ids = await tableOf(d, entity).toCollection().primaryKeys();
      for (const id of ids) await recordChange(tx, entity, id);
      n += ids.length;
    }
  });
  return n;
}
