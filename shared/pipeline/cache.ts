/** Stage results by content hash. In memory by default; the extension and backend plug in persistent stores. */
export interface StageCache {
  /** `undefined` when the key is not cached. */
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

export class MemoryCache implements StageCache {
  private readonly map = new Map<string, unknown>();
  constructor(private readonly maxEntries = 500) {}
  // eslint-disable-next-line @typescript-eslint/require-await -- structuredClone throws on uncloneable values: callers get that as a rejection
  async get(key: string): Promise<unknown> {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v); // least recently used goes first
    }
    return v === undefined ? undefined : structuredClone(v);
  }
  // eslint-disable-next-line @typescript-eslint/require-await -- structuredClone throws on uncloneable values: callers get that as a rejection
  async set(key: string, value: unknown): Promise<void> {
    this.map.set(key, structuredClone(value));
    while (this.map.size > this.maxEntries) this.map.delete(this.map.keys().next().value as string);
  }
  get size(): number {
    return this.map.size;
  }
}
