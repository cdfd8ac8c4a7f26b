import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from './logger';
import { startServer } from './server';
import { testConfig } from './test/config';
import { createPostgresDatabase } from './test/databases';

const targets = [
  {
    kind: 'pglite',
    async setup() {
      const dir = await mkdtemp(join(tmpdir(), 'cvpath-server-'));
      return { config: testConfig({ port: 0, dataDir: dir }), cleanup: () => rm(dir, { recursive: true, force: true }) };
    },
  },
  {
    kind: 'postgres',
    async setup() {
      const db = await createPostgresDatabase();
      return { config: testConfig({ port: 0, databaseUrl: db.url }), cleanup: () => db.drop() };
    },
  },
];

describe.each(targets)('the real server on $kind', ({ kind, setup }) => {
  it('migrates at start, serves /health and /health/db over HTTP, and shuts down gracefully', async () => {
    const { config, cleanup } = await setup();
    try {
      const server = await startServer(config, memoryLogger(), '127.0.0.1');
      expect(server.port).toBeGreaterThan(0);
      expect(server.db.kind).toBe(kind);
      const health = await fetch(`${server.url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok' });
      const db = await fetch(`${server.url}/health/db`);
      expect(await db.json()).toMatchObject({ status: 'ok', database: kind });

      // a request made as shutdown starts still gets its answer; new connections are refused after
      const inFlight = fetch(`${server.url}/health/db`);
      await new Promise((r) => setTimeout(r, 5));
      await server.close();
      expect((await inFlight).status).toBe(200);
      await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    } finally {
      await cleanup();
    }
  });
});
