import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, type TestDatabase } from '../test/databases';
import { rowsOf } from './client';
import { migrate, migrationState } from './migrate';

describe.each(DATABASES)('migrations on $kind', ({ create }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await create({ migrate: false });
  });
  afterAll(() => t.drop());

  it('a fresh database has none applied', async () => {
    const state = await migrationState(t.handle.db);
    expect(state.applied).toBe(0);
    expect(state.expected).toBeGreaterThan(0);
  });

  it('applies every migration, creating the product tables in public and telemetry in analytics', async () => {
    await migrate(t.handle);
    const state = await migrationState(t.handle.db);
    expect(state.applied).toBe(state.expected);
    const tables = rowsOf<{ s: string; t: string }>(
      await t.handle.db.execute(sql`select table_schema as s, table_name as t from information_schema.tables where table_schema in ('public', 'analytics') order by 1, 2`),
    ).map((r) => `${r.s}.${r.t}`);
    expect(tables).toEqual([
      'analytics.events', 'public.accounts', 'public.applications', 'public.cv_versions', 'public.cvs', 'public.devices', 'public.interview_steps',
      'public.jobs', 'public.rate_buckets', 'public.runs', 'public.sessions', 'public.settings', 'public.sync_mutations', 'public.usage', 'public.users', 'public.verifications',
    ]);
  });

  it('is a no-op the second time', async () => {
    await migrate(t.handle);
    const state = await migrationState(t.handle.db);
    expect(state.applied).toBe(state.expected);
  });

  it('applies each migration once when instances start together', async () => {
    const fresh = await create({ migrate: false });
    try {
      await Promise.all([migrate(fresh.handle), migrate(fresh.handle), migrate(fresh.handle)]);
      const rows = rowsOf<{ n: number }>(await fresh.handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
      expect(rows[0]!.n).toBe((await migrationState(fresh.handle.db)).expected);
    } finally {
      await fresh.drop();
    }
  });
});
