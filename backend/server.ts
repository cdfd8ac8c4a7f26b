import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { loadConfig, type Config } from './config';
import { openDb, type DbHandle } from './db/client';
import { migrate } from './db/migrate';
import { createLogger, describeError, redact, type Logger } from './logger';

export interface RunningServer {
  url: string;
  port: number;
  db: DbHandle;
  /** Stops taking connections, lets requests in flight finish, then closes the database. */
  close(): Promise<void>;
}

/** Opens the database, applies pending migrations, then serves the API. */
export async function startServer(config: Config, logger: Logger = createLogger(), hostname = '0.0.0.0'): Promise<RunningServer> {
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  const app = createApp({ db, config, logger });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname }, () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://localhost:${port}`,
    port,
    db,
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((resolve, reject) => {
          server.close((err) => (err ? reject(err) : resolve()));
          // keep-alive sockets with no request in flight would hold close() open until they time out
          if ('closeIdleConnections' in server) server.closeIdleConnections();
        });
        await db.close();
      })()),
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger();
  const running = await startServer(config, logger);
  const where = running.db.kind === 'pglite' ? `embedded PGlite in ${join(config.dataDir, 'pglite')}` : 'Postgres from DATABASE_URL';
  console.log(`CVPath backend ${config.version} listening on ${running.url} (database: ${running.db.kind}, ${where})`);
  console.log(`  health: ${running.url}/health  ${running.url}/health/db   API docs: ${running.url}/docs`);
  const extension = join(process.cwd(), '.output', 'chrome-mv3');
  if (existsSync(join(extension, 'manifest.json'))) {
    console.log(`  extension: load ${extension} unpacked (chrome://extensions → Developer mode → Load unpacked)`);
  }
  console.log('  Ctrl+C stops it.');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info('shutting down', { signal });
      // a second signal, or requests that never finish, must not keep the process alive for ever
      setTimeout(() => process.exit(1), 10_000).unref();
      running.close().then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error('shutdown failed', describeError(err));
          process.exit(1);
        },
      );
    });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(`CVPath backend could not start: ${redact(err instanceof Error ? err.message : String(err))}`);
    process.exit(1);
  });
}
