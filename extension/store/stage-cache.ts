import type { StageCache } from '../../shared/pipeline/cache';
import { db, type CvPathDb } from './db';

/** How many stage results to keep: a few hundred runs' worth, a few MB at most. */
export const STAGE_CACHE_MAX = 300;

/**
 * The pipeline's stage cache in IndexedDB, so it outlives the service worker: a master CV version is parsed once across
 * runs, and a run resumed after a worker restart gets the stages that had finished instantly. Bounded: the entries
 * least recently used go first. A cache that cannot be read or written only costs time, so its errors never fail a run.
 */
export class DexieStageCache implements StageCache {
  private writes = 0;
  constructor(
    private readonly d: CvPathDb = db(),
    private readonly max = STAGE_CACHE_MAX,
  ) {}

  async get(key: string): Promise<unknown> {
    try {
      const hit = await this.d.stageCache.get(key);
      if (!hit) return undefined;
      await this.d.stageCache.update(key, { at: new Date().toISOString() });
      return hit.value;
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: unknown): Promise<void> {
    try {
      await this.d.stageCache.put({ key, value, at: new Date().toISOString() });
      // counting is cheap but not free: prune every tenth write, and past the bound by then at most 10 entries
      if (++this.writes % 10 === 1) await this.prune();
    } catch {
      // best effort, see above
    }
  }

  async prune(): Promise<void> {
    await this.d.transaction('rw', this.d.stageCache, async () => {
      const extra = (await this.d.stageCache.count()) - this.max;
      if (extra > 0) await this.d.stageCache.orderBy('at').limit(extra).delete();
    });
  }
}
