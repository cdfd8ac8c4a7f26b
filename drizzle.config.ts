import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate` writes the SQL for schema changes into migrations/ (committed, never edited after merge).
// Migrations are applied by the server at start with drizzle's runtime migrator (backend/db/migrate.ts), on PGlite and
// Postgres alike: `drizzle-kit migrate` is not used (it fails silently on PGlite).
export default defineConfig({
  dialect: 'postgresql',
  schema: './backend/db/schema/index.ts',
  out: './migrations',
  schemaFilter: ['public', 'analytics'],
});
