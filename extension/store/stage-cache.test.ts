import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DexieStageCache } from './stage-cache';
import { freshDb } from './test-db';

describe('DexieStageCache', () => {
  it('returns what was stored, across instances (a restarted worker)', async () => {
    const d = freshDb();
    await new DexieStageCache(d).set('k', { a: [1, 2], __by: { provider: 'openai', model: 'm' } });
    expect(await new DexieStageCache(d).get('k')).toEqual({ a: [1, 2], __by: { provider: 'openai', model: 'm' } });
    expect(await new DexieStageCache(d).get('missing')).toBeUndefined();
  });

  it('stays bounded, dropping the least recently used entries', async () => {
    const d = freshDb();
    const cache = new DexieStageCache(d, 5);
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 2));
      await cache.set(`k${i}`, i);
    }
    await new Promise((r) => setTimeout(r, 5));
    await cache.get('k0'); // used again: it stays
    for (let i = 5; i < 7; i++) {
      await new Promise((r) => setTimeout(r, 2));
      await cache.set(`k${i}`, i);
    }
    await cache.prune();
    const keys = (await d.stageCache.toArray()).map((e) => e.key).sort();
    expect(keys).toEqual(['k0', 'k3', 'k4', 'k5', 'k6']);
  });

  it('never fails a run because the database does', async () => {
    const d = freshDb();
    d.close();
    const cache = new DexieStageCache(d);
    await expect(cache.set('k', 1)).resolves.toBeUndefined();
    await expect(cache.get('k')).resolves.toBeUndefined();
  });
});
