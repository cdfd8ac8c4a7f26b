import type { OutboxEntry, ParkedChange, SyncStore } from './engine';
import type { Change, SyncData, SyncEntity } from './protocol';

/** A record as a device holds it: its content and the write (`updatedAt`, `deviceId`) it came from. */
export interface LocalRecord {
  entity: SyncEntity;
  id: string;
  updatedAt: string;
  deviceId: string;
  data: unknown;
}

/** Thrown by a store whose device "died" at that write (see `MemoryStore.crashAtWrite`). */
export class StoreCrash extends Error {
  constructor(what: string) {
    super(`the device crashed before ${what}`);
    this.name = 'StoreCrash';
  }
}

export interface MemoryStoreOptions {
  /** The device's wall clock in milliseconds since the epoch (default `Date.now`); it may stall or go backwards. */
  now?: () => number;
  /** Makes mutation ids (default `crypto.randomUUID`); they must be unique across the account's devices. */
  newId?: () => string;
}

const keyOf = (entity: string, id: string) => `${entity}\u0000${id}`;
const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

/**
 * One device in memory: the same contract as the extension's Dexie store, for tests and tools. Its state is "the disk":
 * nothing is lost when the device crashes. A crash is the engine's sync failing part way (the transport throws before
 * the response is processed, or `crashAtWrite` fails a write); the next `SyncEngine` over the same store is the
 * restarted device, and it goes on from what was written.
 *
 * Local edits (`put`, `remove`) stamp `updatedAt` from the device's clock, never equal to or earlier than the previous
 * stamp even when the clock stalls or goes back, and add an outbox entry with a fresh mutation id. Every write of the
 * engine (`acknowledge`, `apply`) is atomic: it happens whole or, when it crashes, not at all.
 */
export class MemoryStore implements SyncStore {
  private readonly records = new Map<string, LocalRecord>();
  private entries: OutboxEntry[] = [];
  private readonly parkedChanges = new Map<string, ParkedChange>();
  private nextKey = 1;
  private at = 0;
  private lastStamp = -Infinity;
  private crashIn = 0;
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(
    readonly deviceId: string,
    options: MemoryStoreOptions = {},
  ) {
    this.now = options.now ?? (() => Date.now());
    this.newId = options.newId ?? (() => globalThis.crypto.randomUUID());
  }

  // ---- the user's side ----

  /** Creates or replaces a record, as the user does on this device; returns the outbox entry it added. */
  put<E extends SyncEntity>(entity: E, id: string, data: SyncData[E]): OutboxEntry {
    const updatedAt = this.stamp();
    this.records.set(keyOf(entity, id), { entity, id, updatedAt, deviceId: this.deviceId, data: clone(data) });
    return this.enqueue(entity, id, 'put', updatedAt);
  }

  /** Deletes a record the device holds; returns the outbox entry, or undefined when there is no such record. */
  remove(entity: SyncEntity, id: string): OutboxEntry | undefined {
    if (!this.records.delete(keyOf(entity, id))) return undefined;
    return this.enqueue(entity, id, 'delete', this.stamp());
  }

  get(entity: SyncEntity, id: string): LocalRecord | undefined {
    const r = this.records.get(keyOf(entity, id));
    return r && clone(r);
  }

  /** Every live record, ordered by entity then id: what the device shows, for comparing devices and the server. */
  snapshot(): LocalRecord[] {
    return [...this.records.values()].map(clone).sort((a, b) => (a.entity === b.entity ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.entity < b.entity ? -1 : 1));
  }

  /** The whole outbox, oldest first. */
  pending(): OutboxEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  /** Changes the server refused for good, oldest first: what the device shows the user instead of retrying them. */
  parked(): ParkedChange[] {
    return [...this.parkedChanges.values()].map((p) => ({ ...p }));
  }

  /**
   * Simulates the device dying during a sync: its `n`-th engine write from now (1: the next `acknowledge` or `apply`)
   * throws `StoreCrash` before changing anything. Everything written before stays. `crashAtWrite(0)` cancels.
   */
  crashAtWrite(n: number): void {
    this.crashIn = n;
  }

  // ---- the engine's side (SyncStore) ----

  outbox(limit: number): Promise<OutboxEntry[]> {
    return Promise.resolve(this.entries.slice(0, limit).map((e) => ({ ...e })));
  }

  read(entity: SyncEntity, id: string): Promise<{ updatedAt: string; data: unknown } | undefined> {
    const r = this.records.get(keyOf(entity, id));
    return Promise.resolve(r && { updatedAt: r.updatedAt, data: clone(r.data) });
  }

  async acknowledge(keys: number[]): Promise<void> {
    return this.acknowledgeAndApply(keys, []);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- an injected StoreCrash must reach the engine as a rejection, as a real store's failure would
  async acknowledgeAndApply(keys: number[], current: Change[]): Promise<void> {
    this.write('acknowledging');
    const done = new Set(keys);
    this.entries = this.entries.filter((e) => !done.has(e.key));
    this.take(current);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- an injected StoreCrash must reach the engine as a rejection, as a real store's failure would
  async apply(changes: Change[], cursor?: number): Promise<void> {
    this.write('applying changes');
    this.take(changes);
    if (cursor !== undefined) this.at = cursor;
  }

  cursor(): Promise<number> {
    return Promise.resolve(this.at);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- an injected StoreCrash must reach the engine as a rejection, as a real store's failure would
  async park(changes: ParkedChange[]): Promise<void> {
    this.write('parking');
    for (const c of changes) this.parkedChanges.set(c.mutationId, { ...c });
  }

  // ----

  /** The server's records, except those with entries in the outbox. */
  private take(changes: Change[]): void {
    const pending = new Set(this.entries.map((e) => keyOf(e.entity, e.entityId)));
    for (const c of changes) {
      const k = keyOf(c.entity, c.id);
      // the device's own change goes to the server next, and the server decides
      if (pending.has(k)) continue;
      if (c.op === 'delete') this.records.delete(k);
      else this.records.set(k, { entity: c.entity, id: c.id, updatedAt: c.updatedAt, deviceId: c.deviceId, data: clone(c.data) });
    }
  }

  private write(what: string): void {
    if (this.crashIn > 0 && --this.crashIn === 0) throw new StoreCrash(what);
  }

  /** The next `updatedAt`: the clock, or one millisecond after the previous stamp when the clock has not moved past it. */
  private stamp(): string {
    const t = Math.max(Math.floor(this.now()), this.lastStamp + 1);
    this.lastStamp = t;
    return new Date(t).toISOString();
  }

  private enqueue(entity: SyncEntity, entityId: string, op: 'put' | 'delete', at: string): OutboxEntry {
    const entry: OutboxEntry = { key: this.nextKey++, mutationId: this.newId(), entity, entityId, op, at };
    this.entries.push(entry);
    return { ...entry };
  }
}
