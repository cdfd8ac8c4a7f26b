import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { openDb, type DbHandle } from '../db/client';
import { migrate } from '../db/migrate';

/** The server every Postgres test database is created on; the machine's Postgres 15 unless set. */
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  handle: DbHandle;
  /** Closes the connection and deletes the database. */
  drop(): Promise<void>;
}

export interface TestDatabaseKind {
  kind: DbHandle['kind'];
  /** A new, empty database; migrated unless `migrate: false`. */
  create(options?: { migrate?: boolean }): Promise<TestDatabase>;
}

/** Migrates a new test database, dropping it if that fails so no database outlives the run. */
async function migrated(apply: boolean, t: TestDatabase): Promise<TestDatabase> {
  if (!apply) return t;
  try {
    await migrate(t.handle);
    return t;
  } catch (err) {
    await t.drop();
    throw err;
  }
}

const pglite: TestDatabaseKind = {
  kind: 'pglite',
  async create({ migrate: apply = true } = {}) {
    const dir = await mkdtemp(join(tmpdir(), 'cvpath-pglite-'));
    const handle = await openDb({ dataDir: dir });
    return migrated(apply, {
      handle,
      async drop() {
        await handle.close();
        await rm(dir, { recursive: true, force: true });
      },
    });
  },
};

/** A new empty database on the test server, by URL (for tests that start the real server with DATABASE_URL). */
export async function createPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `cvpath_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = () => postgres(TEST_POSTGRES_URL, { max: 1, onnotice: () => {} });
  const create = admin();
  try {
    await create.unsafe(`create database "${name}"`);
  } finally {
    await create.end();
  }
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const sql = admin();
      try {
        await sql.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await sql.end();
      }
    },
  };
}

const server: TestDatabaseKind = {
  kind: 'postgres',
  async create({ migrate: apply = true } = {}) {
    const database = await createPostgresDatabase();
    const handle = await openDb({ databaseUrl: database.url, dataDir: '', maxConnections: 4 });
    return migrated(apply, {
      handle,
      async drop() {
        await handle.close();
        await database.drop();
      },
    });
  },
};

/** Every backend test runs on both: `describe.each(DATABASES)('on $kind', ({ create }) => …)`. */
export const DATABASES: TestDatabaseKind[] = [pglite, server];
