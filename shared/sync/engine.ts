import type { Change, Mutation, MutationResult, PullResponse, PushRequest, PushResponse, RejectCode, SyncEntity } from './protocol';
import { DEFAULT_PULL_LIMIT, MAX_PUSH_MUTATIONS } from './protocol';
import { jsonProblem } from './safe-json';

/** One local change waiting to be pushed, as the device's outbox holds it. */
export interface OutboxEntry {
  /** The outbox's own key (Dexie's auto-increment), to remove exactly the entries that were pushed. */
  key: number;
  mutationId: string;
  entity: SyncEntity;
  entityId: string;
  op: 'put' | 'delete';
  /** When the change was made: a delete's `updatedAt`. */
  at: string;
}

/** A change the server refused for good (or that this device knows it would): out of the outbox, kept to be shown. */
export interface ParkedChange {
  mutationId: string;
  entity: SyncEntity;
  id: string;
  op: 'put' | 'delete';
  updatedAt: string;
  code: RejectCode;
  error: string;
}

/**
 * What the engine needs from a device's store. The store is the source of truth on the device; the engine never
 * decides a conflict: the server does, and the store applies what the server says.
 */
export interface SyncStore {
  readonly deviceId: string;
  /** The oldest entries of the outbox, at most `limit`. */
  outbox(limit: number): Promise<OutboxEntry[]>;
  /**
   * A put's content as it is now: `updatedAt` and `data` for the protocol, or undefined when the record is gone (a later
   * delete in the outbox then says so).
   */
  read(entity: SyncEntity, id: string): Promise<{ updatedAt: string; data: unknown } | undefined>;
  /** Removes these outbox entries (pushed and answered); entries added meanwhile stay. */
  acknowledge(keys: number[]): Promise<void>;
  /**
   * `acknowledge(keys)` and then `apply(current)` (the records the server keeps for mutations that lost; the cursor
   * untouched), in one transaction. A store without it gets the two calls, and a device that dies between them keeps
   * its losing write for good: its entries are gone, and its pull cursor may be past the winning record already.
   */
  acknowledgeAndApply?(keys: number[], current: Change[]): Promise<void>;
  /**
   * Applies the server's records, in one transaction with the new cursor when one is given. A record with entries
   * still in the outbox is left as it is: the device's own change goes to the server next, which decides.
   */
  apply(changes: Change[], cursor?: number): Promise<void>;
  cursor(): Promise<number>;
  /**
   * Keeps changes the server refused for good where the user can see them (called before their entries are
   * acknowledged; a second call with the same mutation id after a crash keeps one). The record stays on the device as
   * it is; only its push stops: sent again it would be refused again, and before parking, one such change was retried
   * first on every sync, for ever.
   */
  park?(changes: ParkedChange[]): Promise<void>;
}

export interface SyncTransport {
  push(request: PushRequest): Promise<PushResponse>;
  pull(cursor: number, limit: number): Promise<PullResponse>;
}

export interface SyncReport {
  /** Mutations the server now holds (applied, or applied before: duplicate). */
  pushed: number;
  /** Mutations that lost to a newer write; the device took the server's record. */
  stale: number;
  /** Mutations the server refused for good (or this device knew it would), with why; parked, no longer pushed. */
  rejected: { entity: SyncEntity; id: string; code: RejectCode; error: string }[];
  /** Changes received. */
  pulled: number;
  requests: number;
}

/**
 * A push body stays well under the server's request limit (2 MB by default): a batch of 1,000 mutations with CVs and
 * runs in it can pass that, and a batch refused for its size would be refused again on every sync, for ever.
 */
export const MAX_PUSH_BYTES = 1_000_000;

/** The leading groups whose mutations fit in `max` bytes of JSON (always at least one: a lone large record still goes). */
function bySize(groups: Group[], max: number): Group[] {
  let bytes = 0;
  const out: Group[] = [];
  for (const g of groups) {
    const size = JSON.stringify(g.mutation).length;
    if (out.length > 0 && bytes + size > max) break;
    bytes += size;
    out.push(g);
  }
  return out;
}

/** Outbox entries of one record, pushed as one mutation: the last entry's id and the record as it is now. */
interface Group {
  entries: OutboxEntry[];
  mutation: Mutation | undefined;
}

/**
 * One sync: push the outbox (in batches), then pull until the server has nothing more. Idempotent and safe to stop
 * anywhere: an entry leaves the outbox only after the server answered for it, and a retried mutation id is a duplicate
 * on the server. With nothing to push and nothing new, it is exactly one request.
 */
export class SyncEngine {
  constructor(
    private readonly store: SyncStore,
    private readonly transport: SyncTransport,
    private readonly options: { pushBatch?: number; pullLimit?: number; maxPushBytes?: number } = {},
  ) {}

  async sync(): Promise<SyncReport> {
    const report: SyncReport = { pushed: 0, stale: 0, rejected: [], pulled: 0, requests: 0 };
    await this.pushAll(report);
    await this.pullAll(report);
    return report;
  }

  private async pushAll(report: SyncReport): Promise<void> {
    const batch = Math.min(this.options.pushBatch ?? MAX_PUSH_MUTATIONS, MAX_PUSH_MUTATIONS);
    for (;;) {
      const entries = await this.store.outbox(batch * 4);
      if (entries.length === 0) return;
      const groups = await this.groups(entries);
      // a record the server could never store (or this device could not even serialise: nested thousands deep) is
      // parked here, without a request that would be refused
      const unsafe = groups.flatMap((g) => {
        const p = g.mutation && jsonProblem(g.mutation);
        return p ? [{ g, p }] : [];
      });
      if (unsafe.length) await this.park(report, unsafe.map(({ g, p }) => ({ g, code: p.code, error: p.message })));
      const sendable = bySize(groups.filter((g) => g.mutation && !unsafe.some((u) => u.g === g)).slice(0, batch), this.options.maxPushBytes ?? MAX_PUSH_BYTES);
      // entries whose record is gone and that nothing follows: nothing to tell the server (and the parked ones)
      const empty = groups.filter((g) => !g.mutation || unsafe.some((u) => u.g === g)).flatMap((g) => g.entries.map((e) => e.key));
      if (empty.length) await this.store.acknowledge(empty);
      if (sendable.length === 0) continue;

      report.requests++;
      const { results } = await this.transport.push({ deviceId: this.store.deviceId, mutations: sendable.map((g) => g.mutation!) });
      const byId = new Map<string, MutationResult>(results.map((r) => [r.mutationId, r]));
      const done: number[] = [];
      const current: Change[] = [];
      const refused: { g: Group; code: RejectCode; error: string }[] = [];
      sendable.forEach((g, i) => {
        // answers come in order: one whose mutation id the server could not read back is still this mutation's
        const r = byId.get(g.mutation!.mutationId) ?? (results[i]?.mutationId === '' ? results[i] : undefined);
        if (!r) return;
        done.push(...g.entries.map((e) => e.key));
        if (r.status === 'applied' || r.status === 'duplicate') report.pushed++;
        else if (r.status === 'stale') {
          report.stale++;
          if (r.current) current.push(r.current);
        } else refused.push({ g, code: r.code ?? 'INVALID', error: r.error ?? 'rejected' });
      });
      if (refused.length) await this.park(report, refused);
      // the record the server keeps instead: taken unless the user changed it again meanwhile, in one write with the
      // acknowledgement where the store can (see SyncStore.acknowledgeAndApply)
      if (this.store.acknowledgeAndApply) await this.store.acknowledgeAndApply(done, current);
      else {
        await this.store.acknowledge(done);
        if (current.length) await this.store.apply(current);
      }
      if (done.length === 0) throw new Error('the server answered none of the pushed mutations');
    }
  }

  /** Hands refused changes to the store to keep and show (their entries are acknowledged by the caller, after). */
  private async park(report: SyncReport, refused: { g: Group; code: RejectCode; error: string }[]): Promise<void> {
    const parked = refused.map(({ g, code, error }): ParkedChange => ({ mutationId: g.mutation!.mutationId, entity: g.mutation!.entity, id: g.mutation!.id, op: g.mutation!.op, updatedAt: g.mutation!.updatedAt, code, error }));
    if (this.store.park) await this.store.park(parked);
    for (const p of parked) report.rejected.push({ entity: p.entity, id: p.id, code: p.code, error: p.error });
  }

  private async groups(entries: OutboxEntry[]): Promise<Group[]> {
    const byRecord = new Map<string, OutboxEntry[]>();
    for (const e of entries) {
      const k = `${e.entity}\u0000${e.entityId}`;
      byRecord.set(k, [...(byRecord.get(k) ?? []), e]);
    }
    const groups: Group[] = [];
    for (const list of byRecord.values()) {
      const last = list[list.length - 1]!;
      const base = { mutationId: last.mutationId, entity: last.entity, id: last.entityId, deviceId: this.store.deviceId };
      if (last.op === 'delete') {
        groups.push({ entries: list, mutation: { ...base, op: 'delete', updatedAt: last.at } });
        continue;
      }
      const now = await this.store.read(last.entity, last.entityId);
      groups.push({ entries: list, mutation: now ? { ...base, op: 'put', updatedAt: now.updatedAt, data: now.data } : undefined });
    }
    return groups;
  }

  private async pullAll(report: SyncReport): Promise<void> {
    let cursor = await this.store.cursor();
    for (;;) {
      report.requests++;
      const page = await this.transport.pull(cursor, this.options.pullLimit ?? DEFAULT_PULL_LIMIT);
      if (page.changes.length || page.cursor !== cursor) await this.store.apply(page.changes, page.cursor);
      report.pulled += page.changes.length;
      cursor = page.cursor;
      if (!page.more) return;
    }
  }
}
