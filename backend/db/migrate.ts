import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { rowsOf, type Database, type DbHandle } from './client';

/** The SQL drizzle-kit generated from `db/schema`, committed at the top of the repository. */
export const MIGRATIONS_DIR = join(import.meta.dirname, '..', '..', 'migrations');

/** Applies every migration not yet applied; safe to run on each start and from several instances at once. */
export async function migrate(handle: DbHandle, migrationsFolder = MIGRATIONS_DIR): Promise<void> {
  if (handle.kind === 'postgres') {
    // Instances starting together would race on the migrations table (drizzle reads it outside its transaction): one
    // connection of its own holds a lock while it migrates; the others wait for it, then find nothing left to apply.
    const conn = postgres(handle.url, { max: 1, onnotice: () => {} });
    try {
      await conn`select pg_advisory_lock(hashtext('cvpath:migrate'))`;
      await migratePostgres(drizzlePostgres(conn), { migrationsFolder });
    } finally {
      // ending the session releases its lock, whatever happened
      await conn.end();
    }
  } else {
    // one process owns a PGlite directory: queuing the calls is enough
    const previous = pgliteQueue.get(handle.client) ?? Promise.resolve();
    const run = previous.catch(() => {}).then(() => migratePglite(handle.db, { migrationsFolder }));
    pgliteQueue.set(handle.client, run);
    await run;
  }
}

const pgliteQueue = new WeakMap<object, Promise<void>>();

export interface MigrationState {
  applied: number;
  expected: number;
}

/** How many migrations the journal holds and how many the database has applied (0 when it never was migrated). */
export async function migrationState(db: Database, migrationsFolder = MIGRATIONS_DIR): Promise<MigrationState> {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  const exists = rowsOf<{ t: string | null }>(await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`));
  if (!exists[0]?.t) return { applied: 0, expected: journal.entries.length };
  const rows = rowsOf<{ n: number | string }>(await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
  return { applied: Number(rows[0]?.n ?? 0), expected: journal.entries.length };
}
