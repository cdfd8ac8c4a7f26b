import { and, eq, inArray, sql } from 'drizzle-orm';
import { getTableColumns, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { checkData, newer, type Change, type Mutation, type MutationResult, type SyncData, type SyncEntity } from '../../shared/sync/protocol';
import type { Database } from '../db/client';
import { devices, syncMutations } from '../db/schema';
import { lockUser } from './lock';
import { RECORDS, type RecordMap } from './records';

type Cols = Record<string, PgColumn>;
const cols = (table: PgTable) => getTableColumns(table) as Cols;

/** Values for a tombstone of a record the server never saw: its content wiped, and placeholders where a column needs one. */
function tombstoneValues(map: RecordMap<SyncEntity>, id: string): Record<string, unknown> {
  const placeholders: Record<SyncEntity, Record<string, unknown>> = {
    cv: { currentVersionId: '' },
    cvVersion: { cvId: id, contentHash: `deleted:${id}` },
    job: { contentHash: '' },
    application: { jobId: '' },
    interviewStep: { applicationId: '' },
    run: { applicationId: '', jobId: '', cvVersionId: '' },
    settings: {},
  };
  return { ...placeholders[map.entity], ...map.wiped };
}

const excluded = (c: PgColumn): SQL => sql.raw(`excluded."${c.name}"`);
/** An upsert's SET clause, column key → SQL. */
const setOf = (entries: [string, SQL][]): Record<string, SQL> => Object.fromEntries(entries);

/** The server's record as a change (what a pull returns, and what a push answers for a mutation that lost). */
export function toChange(map: RecordMap<SyncEntity>, row: Record<string, unknown>): Change {
  const deleted = row.deletedAt !== null && row.deletedAt !== undefined;
  return {
    entity: map.entity,
    id: row.id as string,
    op: deleted ? 'delete' : 'put',
    updatedAt: (row.updatedAt as Date).toISOString(),
    deviceId: row.deviceId as string,
    seq: Number(row.serverSeq),
    ...(deleted ? {} : { data: map.toData(row) }),
  };
}

interface Valid {
  m: Mutation;
  data?: SyncData[SyncEntity];
}

/**
 * Applies a batch of mutations for one user in one transaction and says what became of each. Retried mutation ids are
 * answered `duplicate` and change nothing; of several writes to one record, last-writer-wins decides, here and against
 * what the server already holds; immutable records keep their first write, and a delete of one is final.
 */
export async function push(db: Database, userId: string, deviceId: string, mutations: Mutation[]): Promise<MutationResult[]> {
  const results = new Map<string, MutationResult>();
  const valid: Valid[] = [];
  const seen = new Set<string>();
  for (const m of mutations) {
    // the same id twice in one batch is one mutation: the first copy decides, and both get its answer
    if (seen.has(m.mutationId)) continue;
    seen.add(m.mutationId);
    if (m.op === 'delete') {
      valid.push({ m });
      continue;
    }
    const checked = checkData(m.entity, m.data);
    if (!checked.ok) results.set(m.mutationId, { mutationId: m.mutationId, status: 'rejected', error: checked.error });
    else valid.push({ m, data: checked.data });
  }
  const settingsIdWrong = valid.filter((v) => v.m.entity === 'settings' && v.m.id !== 'settings');
  for (const v of settingsIdWrong) results.set(v.m.mutationId, { mutationId: v.m.mutationId, status: 'rejected', error: "settings: the id must be 'settings'" });
  const accepted = valid.filter((v) => !results.has(v.m.mutationId));

  await db.transaction(async (tx) => {
    await lockUser(tx, userId);
    await tx
      .insert(devices)
      .values({ userId, deviceId, lastSeenAt: new Date(), pushes: 1 })
      .onConflictDoUpdate({ target: [devices.userId, devices.deviceId], set: { lastSeenAt: new Date(), pushes: sql`${devices.pushes} + 1` } });
    if (accepted.length === 0) return;

    // mutation ids seen before (in an earlier, committed push) are duplicates: nothing of them applies again
    const fresh = new Set<string>();
    for (let i = 0; i < accepted.length; i += 2000) {
      const chunk = accepted.slice(i, i + 2000);
      const inserted = await tx
        .insert(syncMutations)
        .values(chunk.map(({ m }) => ({ userId, mutationId: m.mutationId, entity: m.entity, entityId: m.id })))
        .onConflictDoNothing()
        .returning({ mutationId: syncMutations.mutationId });
      for (const r of inserted) fresh.add(r.mutationId);
    }
    const retried = accepted.filter((v) => !fresh.has(v.m.mutationId));
    for (const { m } of retried) results.set(m.mutationId, { mutationId: m.mutationId, status: 'duplicate' });

    // one winner per record within the batch; the others lost already
    const winners = new Map<string, Valid>();
    const losers: Valid[] = [];
    for (const v of accepted) {
      if (!fresh.has(v.m.mutationId)) continue;
      const key = `${v.m.entity}\u0000${v.m.id}`;
      const held = winners.get(key);
      if (!held) winners.set(key, v);
      else if (beats(v, held)) {
        losers.push(held);
        winners.set(key, v);
      } else losers.push(v);
    }

    const byEntity = new Map<SyncEntity, Valid[]>();
    for (const v of winners.values()) byEntity.set(v.m.entity, [...(byEntity.get(v.m.entity) ?? []), v]);
    const stale: Valid[] = [...losers];
    for (const [entity, list] of byEntity) {
      const written = await write(tx, userId, RECORDS[entity], list);
      for (const v of list) {
        if (written.has(v.m.id)) results.set(v.m.mutationId, { mutationId: v.m.mutationId, status: 'applied' });
        else stale.push(v);
      }
    }

    // a mutation that lost is answered with the record the server keeps, so the device can take it
    const staleByEntity = new Map<SyncEntity, Set<string>>();
    for (const v of [...stale, ...retried]) staleByEntity.set(v.m.entity, (staleByEntity.get(v.m.entity) ?? new Set()).add(v.m.id));
    const current = new Map<string, Change>();
    for (const [entity, ids] of staleByEntity) {
      const map = RECORDS[entity] as RecordMap<SyncEntity>;
      const c = cols(map.table);
      const rows = await tx.select().from(map.table).where(and(eq(c.userId!, userId), inArray(c.id!, [...ids])));
      for (const row of rows as Record<string, unknown>[]) current.set(`${entity}\u0000${row.id as string}`, toChange(map, row));
    }
    for (const v of stale) {
      const now = current.get(`${v.m.entity}\u0000${v.m.id}`);
      results.set(v.m.mutationId, { mutationId: v.m.mutationId, status: 'stale', ...(now ? { current: now } : {}) });
    }
    // A retried mutation that lost (when it first came, or to a write since) is a loser like any other: `stale`, with
    // the record kept. Its first answer may never have reached the device, whose pull cursor can already be past that
    // record: answered a bare `duplicate`, the device would keep its own losing write for good.
    for (const v of retried) {
      const now = current.get(`${v.m.entity}\u0000${v.m.id}`);
      if (now && lostTo(v.m, now)) results.set(v.m.mutationId, { mutationId: v.m.mutationId, status: 'stale', current: now });
    }
  });
  return mutations.map((m) => results.get(m.mutationId)!);
}

/** Whether the record the server holds beats a retried mutation `m` (rather than being `m`'s own write). */
function lostTo(m: Mutation, now: Change): boolean {
  if (now.updatedAt === m.updatedAt && now.deviceId === m.deviceId && now.op === m.op) return false;
  // an immutable record keeps its first write, or its delete: a put that is not that first write lost
  if (RECORDS[m.entity].immutable) return m.op === 'put';
  return newer(now, m);
}

/** Whether mutation `a` wins over `b` for the same record: for immutable records a delete wins, then the first put. */
function beats(a: Valid, b: Valid): boolean {
  if (RECORDS[a.m.entity].immutable) return a.m.op === 'delete' && b.m.op !== 'delete';
  return newer(a.m, b.m);
}

/** Writes one winner per record into `map`'s table and returns the ids of the records it changed. */
async function write(tx: Database, userId: string, map: RecordMap<SyncEntity>, list: Valid[]): Promise<Set<string>> {
  const c = cols(map.table);
  const written = new Set<string>();
  const puts = list.filter((v) => v.m.op === 'put');
  const deletes = list.filter((v) => v.m.op === 'delete');
  const base = (m: Mutation) => ({ userId, id: m.id, updatedAt: new Date(m.updatedAt), deviceId: m.deviceId });
  const lww = sql`(excluded."updated_at", excluded."device_id" collate "C") > (${c.updatedAt}, ${c.deviceId} collate "C")`;
  const nextSeq = sql`nextval('sync_seq')`;

  for (let i = 0; i < puts.length; i += 500) {
    const chunk = puts.slice(i, i + 500);
    const values = chunk.map(({ m, data }) => ({
      ...base(m),
      createdAt: new Date((data as { createdAt: string }).createdAt),
      deletedAt: null,
      ...map.toColumns(data as never),
    }));
    const contentCols = Object.keys(map.toColumns(chunk[0]!.data as never));
    const q = tx.insert(map.table).values(values);
    const rows = map.immutable
      ? await q.onConflictDoNothing().returning({ id: c.id! })
      : await q
          .onConflictDoUpdate({
            target: [c.userId!, c.id!],
            set: setOf([
              ...contentCols.map((k): [string, SQL] => [k, excluded(c[k]!)]),
              // `createdAt` is content too: the winner's record is kept whole, or the device that wrote it (answered
              // `applied`, so it keeps its copy) would disagree with the others (two devices may create one record)
              ['createdAt', excluded(c.createdAt!)],
              ['updatedAt', excluded(c.updatedAt!)],
              ['deviceId', excluded(c.deviceId!)],
              ['deletedAt', sql`null`],
              ['serverSeq', nextSeq],
            ]),
            setWhere: lww,
          })
          .returning({ id: c.id! });
    for (const r of rows) written.add(r.id as string);
  }

  for (let i = 0; i < deletes.length; i += 500) {
    const chunk = deletes.slice(i, i + 500);
    const values = chunk.map(({ m }) => ({ ...base(m), createdAt: new Date(m.updatedAt), deletedAt: new Date(m.updatedAt), ...tombstoneValues(map, m.id) }));
    const wipedCols = Object.keys(map.wiped);
    const set = setOf([
      ...wipedCols.map((k): [string, SQL] => [k, excluded(c[k]!)]),
      ['updatedAt', excluded(c.updatedAt!)],
      ['deviceId', excluded(c.deviceId!)],
      ['deletedAt', excluded(c.deletedAt!)],
      ['serverSeq', nextSeq],
    ]);
    const rows = await tx
      .insert(map.table)
      .values(values)
      .onConflictDoUpdate({
        target: [c.userId!, c.id!],
        set,
        // an immutable record is deleted once; a mutable one by last-writer-wins
        setWhere: map.immutable ? sql`${c.deletedAt} is null` : lww,
      })
      .returning({ id: c.id! });
    for (const r of rows) written.add(r.id as string);
  }
  return written;
}
