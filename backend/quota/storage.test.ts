import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Quota } from '../config';
import { del, put, sampleData, testApi } from '../test/api';
import { testConfig } from '../test/config';
import { DATABASES, type TestDatabase } from '../test/databases';
import { storageUsage } from './storage';

interface ErrorJson {
  error: { code: string; message: string; hint?: string };
}

describe.each(DATABASES)('storage quota on $kind', ({ create }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await create();
  });
  afterAll(() => t.drop());

  const withQuota = (quota: Partial<Quota>) => testApi(t.handle, { config: { quota: { ...testConfig().quota, ...quota } } });
  const job = (id: string, description = 'Build things.', at = 0) => {
    const data = sampleData.job(`Job ${id}`, `h-${id}`);
    return put('job', id, { ...data, posting: { ...data.posting, description } }, { at });
  };

  it('a guest past its record quota gets QUOTA_EXCEEDED with a hint, nothing of that batch applies, and deleting makes room', async () => {
    const api = withQuota({ records: 5 });
    const guest = await api.guest();
    const push = (mutations: ReturnType<typeof job>[]) => api.call('/v1/sync/push', { token: guest.token, body: { deviceId: 'd1', mutations } });

    expect((await push([1, 2, 3, 4].map((i) => job(`j${i}`)))).status).toBe(200);
    const over = await push([job('j5'), job('j6')]);
    expect(over.status).toBe(413);
    const body = (await over.json()) as ErrorJson;
    expect(body.error).toMatchObject({ code: 'QUOTA_EXCEEDED', message: expect.stringMatching(/5 synced records.*would make 6/), hint: expect.stringMatching(/Delete/) });
    // the whole batch rolled back, j5 with it
    expect((await api.pullAll(guest.token)).changes.map((c) => c.id).sort()).toEqual(['j1', 'j2', 'j3', 'j4']);

    // updating a record it has is no growth in count; a delete frees a place
    expect((await push([job('j5')])).status).toBe(200);
    expect((await push([job('j6')])).status).toBe(413);
    expect((await push([job('j1', 'Build other things.', 10)])).status).toBe(200);
    expect((await api.call('/v1/sync/push', { token: guest.token, body: { deviceId: 'd1', mutations: [del('job', 'j2', { at: 20 })] } })).status).toBe(200);
    expect((await push([job('j6')])).status).toBe(200);
    expect(await storageUsage(t.handle.db, { userId: guest.userId })).toMatchObject({ records: 5 });
  });

  it('a guest past its byte quota gets QUOTA_EXCEEDED, and another user is not affected', async () => {
    const api = withQuota({ bytes: 64 * 1024 });
    const guest = await api.guest();
    // random text does not compress: its size is what the database keeps
    const big = () => randomBytes(12 * 1024).toString('hex');
    const push = (token: string, id: string) => api.call('/v1/sync/push', { token, body: { deviceId: 'd1', mutations: [job(id, big())] } });
    expect((await push(guest.token, 'big1')).status).toBe(200);
    expect((await push(guest.token, 'big2')).status).toBe(200);
    const over = await push(guest.token, 'big3');
    expect(over.status).toBe(413);
    expect(((await over.json()) as ErrorJson).error).toMatchObject({ code: 'QUOTA_EXCEEDED', message: expect.stringMatching(/may store 0\.1 MB/) });
    const usage = await storageUsage(t.handle.db, { userId: guest.userId });
    expect(usage.bytes).toBeGreaterThan(2 * 24 * 1024);
    expect(usage.bytes).toBeLessThanOrEqual(64 * 1024);

    const other = await api.guest();
    expect((await push(other.token, 'big1')).status).toBe(200);
  });

  it('limits requests per user, whatever address they come from', async () => {
    const api = withQuota({ requestBurst: 5, requestsPerSecond: 1 });
    const guest = await api.guest();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await api.call('/v1/sync/pull', { token: guest.token, headers: { 'X-Forwarded-For': `10.9.0.${i}` } })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429]);
    // another user has a bucket of its own
    const other = await api.guest();
    expect((await api.call('/v1/account', { token: other.token })).status).toBe(200);
  });
});
