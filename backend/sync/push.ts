import { and, eq, inArray, sql } from 'drizzle-orm';
import { getTableColumns, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { newer, parseMutation, type Change, type Mutation, type MutationResult, type SyncData, type SyncEntity } from '../../shared/sync/protocol';
import type { Quota } from '../config';
import type { Database } from '../db/client';
import { quotaGuard } from '../quota/storage';
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

export interface Valid {
  m: Mutation;
  data?: SyncData[SyncEntity];
}

/** How far ahead of the server's clock a device's `updatedAt` may be before it is taken as the server's time. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * A device's `updatedAt` bounded by the server's clock. Last-writer-wins trusts device clocks; a write from one far
 * ahead (a wrong clock, or a stolen token) would beat every later write for years and make a record, its deletion or
 * the settings permanent. Past the allowed skew it counts as written now: still the latest write, no longer forever.
 */
export function boundedUpdatedAt(updatedAt: string, now: number): string {
  return Date.parse(updatedAt) > now + MAX_CLOCK_SKEW_MS ? new Date(now).toISOString() : updatedAt;
}

/**
 * Applies a batch of mutations for one user in one transaction and says what became of each, in order. Each mutation
 * is checked on its own (`parseMutation`): one the database cannot hold is answered `rejected` with a code, and so is
 * one the database refuses anyway (a savepoint keeps the others); the rest apply. Retried mutation ids are answered
 * `duplicate` and change nothing; of several writes to one record, last-writer-wins decides, here and against what the
 * server already holds; immutable records keep their first write, and a delete of one is final.
 */
export async function push(db: Database, userId: string, deviceId: string, mutations: unknown[], options: PushOptions = {}): Promise<MutationResult[]> {
  const now = options.now ?? Date.now();
  // the same id twice in one batch is one mutation: the first copy decides, and every copy gets its answer
  const first = new Map<string, MutationResult | string>();
  const answers: (MutationResult | string)[] = [];
  const valid: Valid[] = [];
  for (const raw of mutations) {
    const p = parseMutation(raw);
    const id = p.ok ? p.mutation.mutationId : p.mutationId;
    const decided = id ? first.get(id) : undefined;
    if (decided !== undefined) {
      answers.push(decided);
      continue;
    }
    const answer = p.ok ? id : ({ mutationId: id, status: 'rejected', code: p.code, error: p.error } satisfies MutationResult);
    if (id) first.set(id, answer);
    answers.push(answer);
    if (!p.ok) continue;
    const m = { ...p.mutation, updatedAt: boundedUpdatedAt(p.mutation.updatedAt, now) };
    valid.push(p.data ? { m, data: p.data } : { m });
  }
  const results = await apply(db, userId, deviceId, valid, now, options.quota);
  return answers.map((a) => (typeof a === 'string' ? results.get(a)! : a));
}

/** Writes mutations that passed `parseMutation` (and only those: the database is not where bad values are found). */
export interface PushOptions {
  /** The server's clock (tests pass their own). */
  now?: number;
  /** The user's storage quota: a batch that would take them past it applies not at all (QUOTA_EXCEEDED). */
  quota?: Pick<Quota, 'records' | 'bytes'>;
}

export async function apply(db: Database, userId: string, deviceId: string, accepted: Valid[], now = Date.now(), quota?: PushOptions['quota']): Promise<Map<string, MutationResult>> {
  const results = new Map<string, MutationResult>();
  const bound = new Date(now + MAX_CLOCK_SKEW_MS);
  await db.transaction(async (tx) => {
    await lockUser(tx, userId);
    // the batch applies whole or not at all when it would take the user past a quota (QUOTA_EXCEEDED)
    const guard = await quotaGuard(tx, userId, quota, accepted.map((v) => v.m));
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
      const { written, refused } = await writeEach(tx, userId, RECORDS[entity], list, bound);
      for (const v of list) {
        const code = refused.get(v.m.mutationId);
        if (code !== undefined) {
          results.set(v.m.mutationId, { mutationId: v.m.mutationId, status: 'rejected', code: 'STORE_FAILED', error: `The server could not store this ${entity} (database error ${code}).` });
        } else if (written.has(v.m.id)) results.set(v.m.mutationId, { mutationId: v.m.mutationId, status: 'applied' });
        else stale.push(v);
      }
    }
    // a refused mutation did not happen: its id is forgotten, so a retry is judged again rather than called a duplicate
    const refusedIds = [...results.values()].filter((r) => r.code === 'STORE_FAILED').map((r) => r.mutationId);
    if (refusedIds.length) await tx.delete(syncMutations).where(and(eq(syncMutations.userId, userId), inArray(syncMutations.mutationId, refusedIds)));

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
    await guard.check();
  });
  return results;
}

/** SQLSTATE classes that are about the values written (data exception, integrity, program limit), not the database. */
const RECORD_ERROR = /^(22|23|54)/;

/**
 * The SQLSTATE of an error the values of one write caused, or undefined for any other error (a lost connection, a
 * deadlock: the whole push fails and the device retries it, which is right for those). drizzle wraps the driver's error.
 */
export function recordErrorCode(err: unknown): string | undefined {
  for (let e: unknown = err, i = 0; e && i < 3; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && RECORD_ERROR.test(code)) return code;
    // the value failed in the driver before it reached the server (a serialiser out of stack, a type it cannot send)
    if (e instanceof RangeError || e instanceof TypeError) return e.name;
  }
  return undefined;
}

/**
 * `write` in a savepoint; when the database refuses the batch for a value in it, each record again in a savepoint of
 * its own, so that one bad record is refused alone and the rest of the batch still applies.
 */
async function writeEach(tx: Database, userId: string, map: RecordMap<SyncEntity>, list: Valid[], bound: Date): Promise<{ written: Set<string>; refused: Map<string, string> }> {
  const refused = new Map<string, string>();
  try {
    return { written: await tx.transaction((sp) => write(sp, userId, map, list, bound)), refused };
  } catch (err) {
    if (recordErrorCode(err) === undefined) throw err;
  }
  const written = new Set<string>();
  for (const v of list) {
    try {
      for (const id of await tx.transaction((sp) => write(sp, userId, map, [v], bound))) written.add(id);
    } catch (err) {
      const code = recordErrorCode(err);
      if (code === undefined) throw err;
      refused.set(v.m.mutationId, code);
    }
  }
  return { written, refused };
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
async function write(tx: Database, userId: string, map: RecordMap<SyncEntity>, list: Valid[], bound: Date): Promise<Set<string>> {
  const c = cols(map.table);
  const written = new Set<string>();
  const puts = list.filter((v) => v.m.op === 'put');
  const deletes = list.filter((v) => v.m.op === 'delete');
  const base = (m: Mutation) => ({ userId, id: m.id, updatedAt: new Date(m.updatedAt), deviceId: m.deviceId });
  // A time the server holds beyond its clock's bound was written before writes were bounded (boundedUpdatedAt): not a
  // real time, so any write beats it, and records frozen that way before come free without rewriting them.
  const held = sql`case when ${c.updatedAt} > ${bound.toISOString()}::timestamptz then '-infinity'::timestamptz else ${c.updatedAt} end`;
  const lww = sql`(excluded."updated_at", excluded."device_id" collate "C") > (${held}, ${c.deviceId} collate "C")`;
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
