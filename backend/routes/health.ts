import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Config } from '../config';
import type { DbHandle } from '../db/client';
import { migrationState } from '../db/migrate';
import { ApiError } from '../errors';
import { prometheusText, type Metrics } from '../metrics';
import type { RouteDocs } from '../openapi';

export const Liveness = z.object({ status: z.literal('ok'), version: z.string() });
export const DbHealth = z.object({
  status: z.literal('ok'),
  database: z.enum(['postgres', 'pglite']),
  migrations: z.object({ applied: z.number().int(), expected: z.number().int() }),
});

export interface HealthDeps {
  db: DbHandle;
  config: Pick<Config, 'version'>;
  migrationsFolder?: string;
  metrics?: Metrics;
}

/** `/health` says the process answers (for a load balancer); `/health/db` that it can serve data (for a readiness probe). */
export function healthRoutes({ db, config, migrationsFolder, metrics }: HealthDeps) {
  return new Hono()
    .get('/', (c) => c.json({ status: 'ok' as const, version: config.version }, 200))
    // counters for a Prometheus scraper; like the probes, not rate limited
    .get('/metrics', (c) => c.text(metrics ? prometheusText(metrics) : '', 200, { 'Content-Type': 'text/plain; version=0.0.4' }))
    .get('/db', async (c) => {
      try {
        await db.db.execute(sql`select 1`);
      } catch (cause) {
        throw new ApiError('DB_UNAVAILABLE', 'The database cannot be reached. Check DATABASE_URL and that the server is up.', { cause });
      }
      const migrations = await migrationState(db.db, migrationsFolder);
      if (migrations.applied < migrations.expected) {
        throw new ApiError(
          'MIGRATIONS_PENDING',
          `The database has ${migrations.applied} of ${migrations.expected} migrations applied. Restart the server: it applies them at start.`,
        );
      }
      return c.json({ status: 'ok' as const, database: db.kind, migrations }, 200);
    });
}

export const healthDocs: RouteDocs = {
  '/health': { get: { summary: 'Liveness: the process answers', tags: ['health'], responses: { 200: { description: 'Alive', schema: Liveness } } } },
  '/health/metrics': { get: { summary: 'Counters of this process, as Prometheus text (cvpath_rate_limited_total)', tags: ['health'], responses: { 200: { description: 'The counters' } } } },
  '/health/db': {
    get: {
      summary: 'Readiness: the database answers and every migration is applied',
      tags: ['health'],
      responses: { 200: { description: 'Ready', schema: DbHealth }, 503: { description: 'Database unreachable (DB_UNAVAILABLE) or migrations missing (MIGRATIONS_PENDING)', error: true } },
    },
  },
};
