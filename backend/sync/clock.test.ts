import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncEngine } from '../../shared/sync/engine';
import { MemoryStore } from '../../shared/sync/memory-store';
import { SETTINGS_ID, type SyncData } from '../../shared/sync/protocol';
import { del, put, sampleData, testApi, type Api, type Session } from '../test/api';
import { DATABASES, type TestDatabase } from '../test/databases';
import { MAX_CLOCK_SKEW_MS, apply } from './push';

/**
 * Acceptance 3 of issue 12: server time bounds last-writer-wins. A device whose clock is ten years ahead used to win
 * every conflict for ten years: a record it wrote could not be changed, a record it deleted could not be made again,
 * and its settings stuck. The devices are the real engine over memory stores, the server the real app.
 */
const TEN_YEARS = 10 * 365.25 * 24 * 3600_000;
const tick = () => new Promise((r) => setTimeout(r, 5));
const title = (s: MemoryStore, id: string) => (s.get('job', id)?.data as SyncData['job'] | undefined)?.posting.title;

describe.each(DATABASES)('clock skew on $kind', ({ create }) => {
  let t: TestDatabase;
  let api: Api;
  let me: Session;
  let future: MemoryStore;
  let correct: MemoryStore;
  const sync = (s: MemoryStore) => new SyncEngine(s, api.transport(me.token)).sync();

  beforeAll(async () => {
    t = await create();
    api = testApi(t.handle);
  });
  afterAll(async () => t?.drop());

  beforeAll(async () => {
    me = await api.guest();
    future = new MemoryStore('device-ahead', { now: () => Date.now() + TEN_YEARS });
    correct = new MemoryStore('device-right');
  });

  it("a device ten years ahead writes; a correct device's later change wins, on both devices", async () => {
    future.put('job', 'j1', sampleData.job('written from the future'));
    expect((await sync(future)).pushed).toBe(1);
    await sync(correct);
    expect(title(correct, 'j1')).toBe('written from the future');
    // what the server keeps is no later than its own clock, whatever the device said
    const [held] = (await api.pullAll(me.token)).changes;
    expect(Date.parse(held!.updatedAt)).toBeLessThanOrEqual(Date.now());

    await tick();
    correct.put('job', 'j1', { ...sampleData.job('corrected on time'), createdAt: (correct.get('job', 'j1')!.data as SyncData['job']).createdAt });
    const report = await sync(correct);
    expect(report).toMatchObject({ pushed: 1, stale: 0 });
    await sync(future);
    expect(title(correct, 'j1')).toBe('corrected on time');
    expect(title(future, 'j1')).toBe('corrected on time');
  });

  it('a record deleted from the future can be made again, and its settings changed', async () => {
    future.put('job', 'j2', sampleData.job('to delete'));
    future.put('settings', SETTINGS_ID, sampleData.settings({ theme: 'future' }));
    await sync(future);
    future.remove('job', 'j2');
    await sync(future);
    await sync(correct);
    expect(correct.get('job', 'j2')).toBeUndefined();
    expect(correct.get('settings', SETTINGS_ID)?.data).toMatchObject({ data: { theme: 'future' } });

    await tick();
    correct.put('job', 'j2', sampleData.job('made again'));
    correct.put('settings', SETTINGS_ID, sampleData.settings({ theme: 'now' }));
    expect(await sync(correct)).toMatchObject({ pushed: 2, stale: 0 });
    await sync(future);
    for (const s of [correct, future]) {
      expect(title(s, 'j2')).toBe('made again');
      expect(s.get('settings', SETTINGS_ID)?.data).toMatchObject({ data: { theme: 'now' } });
    }
  });

  it('a record frozen in the future before writes were bounded comes free: a current write beats it, a deletion too', async () => {
    const FUTURE = '9999-12-31T23:59:59.999Z';
    // written as the server did before this fix (straight to the writer: the route would bound it now)
    const frozen = [put('job', 'old-put', sampleData.job('frozen')), del('job', 'old-delete'), put('settings', SETTINGS_ID, sampleData.settings({ theme: 'frozen' }))].map((m) => ({ m: { ...m, updatedAt: FUTURE, deviceId: 'old-device' }, ...(m.data ? { data: m.data as SyncData['job'] } : {}) }));
    const other = await api.guest();
    await apply(t.handle.db, other.userId, 'old-device', frozen);
    expect((await api.pullAll(other.token)).changes.map((c) => c.updatedAt)).toEqual([FUTURE, FUTURE, FUTURE]);

    const now = new Date().toISOString();
    const results = await api.push(other.token, 'device-right', [
      { ...put('job', 'old-put', sampleData.job('free again')), updatedAt: now, deviceId: 'device-right' },
      { ...put('job', 'old-delete', sampleData.job('made again')), updatedAt: now, deviceId: 'device-right' },
      { ...put('settings', SETTINGS_ID, sampleData.settings({ theme: 'now' })), updatedAt: now, deviceId: 'device-right' },
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const held = new Map((await api.pullAll(other.token)).changes.map((c) => [c.id, c]));
    expect((held.get('old-put')!.data as SyncData['job']).posting.title).toBe('free again');
    expect(held.get('old-delete')!.op).toBe('put');
    expect(held.get(SETTINGS_ID)!.data).toMatchObject({ data: { theme: 'now' } });
  });

  it('a clock a little ahead (within the allowed skew) is trusted as it is', async () => {
    const ahead = new Date(Date.now() + MAX_CLOCK_SKEW_MS / 2).toISOString();
    const [r] = await api.push(me.token, 'device-near', [{ mutationId: 'near-0001', entity: 'job', id: 'j3', op: 'put', updatedAt: ahead, deviceId: 'device-near', data: sampleData.job('near') }]);
    expect(r!.status).toBe('applied');
    expect((await api.pullAll(me.token)).changes.find((c) => c.id === 'j3')!.updatedAt).toBe(ahead);
  });
});
