import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { memoryLogger } from '../logger';
import { testConfig } from '../test/config';
import { DATABASES, type TestDatabase } from '../test/databases';

describe.each(DATABASES)('health on $kind', ({ kind, create }) => {
  let migrated: TestDatabase;
  let fresh: TestDatabase;
  beforeAll(async () => {
    [migrated, fresh] = await Promise.all([create(), create({ migrate: false })]);
  });
  afterAll(() => Promise.all([migrated.drop(), fresh.drop()]));

  it('/health answers without touching the database', async () => {
    const res = await createApp({ db: fresh.handle, config: testConfig(), logger: memoryLogger() }).request('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', version: testConfig().version });
  });

  it('/health/db is ok once the migrations are applied', async () => {
    const res = await createApp({ db: migrated.handle, config: testConfig(), logger: memoryLogger() }).request('/health/db');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { database: string; migrations: { applied: number; expected: number } };
    expect(body).toMatchObject({ status: 'ok', database: kind });
    expect(body.migrations.applied).toBe(body.migrations.expected);
  });

  it('/health/db is 503 MIGRATIONS_PENDING on a database that was never migrated', async () => {
    const res = await createApp({ db: fresh.handle, config: testConfig(), logger: memoryLogger() }).request('/health/db');
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('MIGRATIONS_PENDING');
    expect(body.error.message).toMatch(/0 of \d+ migrations applied.*Restart/);
  });

  it('/health/db is 503 DB_UNAVAILABLE when the database is gone', async () => {
    const gone = await create({ migrate: false });
    const app = createApp({ db: gone.handle, config: testConfig(), logger: memoryLogger() });
    await gone.drop();
    const res = await app.request('/health/db');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('DB_UNAVAILABLE');
  });
});
