import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite, type PgliteDatabase } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Schema = typeof schema;
/** What queries take: either driver, or a transaction of either (`(db, params)` queries). */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type DbHandle =
  | { kind: 'postgres'; db: PostgresJsDatabase<Schema>; client: postgres.Sql; url: string; close(): Promise<void> }
  | { kind: 'pglite'; db: PgliteDatabase<Schema>; client: PGlite; close(): Promise<void> };

export interface DbOptions {
  /** A Postgres server; without it the database is embedded (PGlite) in `dataDir`. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; `memory://` keeps them in memory. */
  dataDir: string;
  /** Connections per instance on a real server. */
  maxConnections?: number;
}

export async function openDb(options: DbOptions): Promise<DbHandle> {
  if (options.databaseUrl) {
    // notices ("schema already exists, skipping") are for people at a psql prompt, not for our logs
    const client = postgres(options.databaseUrl, { max: options.maxConnections ?? 10, onnotice: () => {} });
    return { kind: 'postgres', db: drizzlePostgres(client, { schema }), client, url: options.databaseUrl, close: () => client.end({ timeout: 5 }) };
  }
  const dir = options.dataDir.startsWith('memory://') ? options.dataDir : resolve(options.dataDir, 'pglite');
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const client = await PGlite.create(dir);
  return { kind: 'pglite', db: drizzlePglite(client, { schema }), client, close: () => client.close() };
}

/** `db.execute()` answers an array on postgres.js and `{ rows }` on PGlite. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
