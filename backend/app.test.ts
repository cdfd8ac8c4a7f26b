import { hc } from 'hono/client';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { createApp, type AppType } from './app';
import { memoryLogger } from './logger';
import { validate } from './middleware/validate';
import { EXTENSION_ORIGIN, testConfig } from './test/config';
import { DATABASES, type TestDatabase } from './test/databases';
import type { Config } from './config';

type ErrorJson = { error: { code: string; message: string } };

describe.each(DATABASES)('the API on $kind', ({ create }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await create();
  });
  afterAll(() => t.drop());

  /** The app with one extra JSON route, standing in for the sync routes until they exist. */
  function appWith(config: Partial<Config> = {}) {
    const logger = memoryLogger();
    const app = createApp({ db: t.handle, config: testConfig(config), logger });
    app.post('/v1/probe', validate('json', z.object({ name: z.string() })), (c) => c.json({ hello: c.req.valid('json').name }, 200));
    return { app, logger };
  }

  it('answers an unknown route with 404 and the error shape', async () => {
    const res = await appWith().app.request('/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.message).toContain('/docs');
  });

  it('refuses a body over the limit with 413, declared or not', async () => {
    const { app } = appWith({ bodyLimit: 1024 });
    const big = JSON.stringify({ name: 'x'.repeat(2000) });
    const declared = await app.request('/v1/probe', { method: 'POST', body: big, headers: { 'Content-Type': 'application/json' } });
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as ErrorJson).error.code).toBe('PAYLOAD_TOO_LARGE');
    const stream = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(big)), c.close()) });
    const streamed = await app.request('/v1/probe', { method: 'POST', body: stream, headers: { 'Content-Type': 'application/json' }, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it('the default limit is 2 MB', async () => {
    const { app } = appWith();
    const ok = await app.request('/v1/probe', { method: 'POST', body: JSON.stringify({ name: 'x'.repeat(1024 * 1024) }), headers: { 'Content-Type': 'application/json' } });
    expect(ok.status).toBe(200);
    const tooBig = await app.request('/v1/probe', { method: 'POST', body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }), headers: { 'Content-Type': 'application/json' } });
    expect(tooBig.status).toBe(413);
  });

  it('answers malformed JSON and an invalid body with 400 VALIDATION_FAILED', async () => {
    const { app } = appWith();
    const bad = await app.request('/v1/probe', { method: 'POST', body: '{"name": ', headers: { 'Content-Type': 'application/json' } });
    expect(bad.status).toBe(400);
    const badBody = (await bad.json()) as ErrorJson;
    expect(badBody.error.code).toBe('VALIDATION_FAILED');
    expect(badBody.error.message).toMatch(/JSON.*send it again/);
    const invalid = await app.request('/v1/probe', { method: 'POST', body: '{"name": 3}', headers: { 'Content-Type': 'application/json' } });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as ErrorJson).error.message).toMatch(/at name/);
  });

  it('allows the extension and the dashboard through CORS, and no one else', async () => {
    const { app } = appWith({ cors: { extensionIds: [], dashboardOrigin: 'https://app.cvpath.example' } });
    const preflight = (origin: string) =>
      app.request('/v1/probe', { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,authorization' } });

    const ext = await preflight(EXTENSION_ORIGIN);
    expect(ext.status).toBe(204);
    expect(ext.headers.get('access-control-allow-origin')).toBe(EXTENSION_ORIGIN);
    expect(ext.headers.get('access-control-allow-headers')).toMatch(/Authorization/i);
    expect((await preflight('https://app.cvpath.example')).headers.get('access-control-allow-origin')).toBe('https://app.cvpath.example');

    const evil = await preflight('https://evil.example');
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight('chrome-extension://not-an-extension-id')).status).toBe(403);

    const read = await app.request('/health', { headers: { Origin: 'https://evil.example' } });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
    const write = await app.request('/v1/probe', { method: 'POST', body: '{"name":"x"}', headers: { Origin: 'https://evil.example', 'Content-Type': 'application/json' } });
    expect(write.status).toBe(403);
    expect(((await write.json()) as ErrorJson).error.code).toBe('FORBIDDEN');
    // the command line sends no Origin
    expect((await app.request('/v1/probe', { method: 'POST', body: '{"name":"x"}', headers: { 'Content-Type': 'application/json' } })).status).toBe(200);
  });

  it('allows only the pinned extension ids when EXTENSION_IDS is set', async () => {
    const { app } = appWith({ cors: { extensionIds: ['bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'], dashboardOrigin: 'http://localhost:8787' } });
    const res = await app.request('/health', { headers: { Origin: EXTENSION_ORIGIN } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const pinned = await app.request('/health', { headers: { Origin: 'chrome-extension://bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' } });
    expect(pinned.headers.get('access-control-allow-origin')).toBe('chrome-extension://bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb');
  });

  it('sends security headers on every answer, errors included', async () => {
    const { app } = appWith();
    for (const path of ['/health', '/v1/nothing-here', '/docs']) {
      const res = await app.request(path);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      expect(res.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
    }
  });

  it('says the time spent in the server in Server-Timing, errors included, and lets the extension read it', async () => {
    const { app } = appWith();
    const answers = [
      await app.request('/health', { headers: { Origin: EXTENSION_ORIGIN } }),
      await app.request('/v1/nothing-here', { headers: { Origin: EXTENSION_ORIGIN } }),
      await app.request('/v1/probe', { method: 'POST', body: '{"name":"x"}', headers: { Origin: EXTENSION_ORIGIN, 'Content-Type': 'application/json' } }),
      await app.request('/v1/probe', { method: 'POST', body: '{"name": 3}', headers: { Origin: EXTENSION_ORIGIN, 'Content-Type': 'application/json' } }),
      // a response better-auth made itself, not through the context
      await app.request('/api/auth/sign-up/email', { method: 'POST', body: JSON.stringify({ email: 'timing@example.com', password: 'correct horse battery', name: 'timing' }), headers: { Origin: EXTENSION_ORIGIN, 'Content-Type': 'application/json' } }),
      await app.request('/api/auth/sign-in/email', { method: 'POST', body: JSON.stringify({ email: 'timing@example.com', password: 'correct horse battery' }), headers: { Origin: EXTENSION_ORIGIN, 'Content-Type': 'application/json' } }),
    ];
    expect(answers.at(-1)!.headers.get('set-auth-token')).toBeTruthy();
    for (const res of answers) {
      expect(res.headers.get('x-request-id')).toMatch(/^[\w-]+$/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('access-control-allow-origin')).toBe(EXTENSION_ORIGIN);
      expect(res.headers.get('vary')).toMatch(/Origin/);
      const m = /^app;dur=(\d+(?:\.\d+)?)$/.exec(res.headers.get('server-timing') ?? '');
      expect(m, `Server-Timing on ${res.status}`).not.toBeNull();
      expect(Number(m![1])).toBeGreaterThanOrEqual(0);
      expect(Number.isFinite(Number(m![1]))).toBe(true);
      expect(res.headers.get('access-control-expose-headers')).toMatch(/(^|,\s*)Server-Timing(\s*,|$)/i);
      expect(res.headers.get('access-control-expose-headers')).toMatch(/(^|,\s*)set-auth-token(\s*,|$)/i);
    }
  });

  it('limits each client to its bucket with 429 RATE_LIMITED and Retry-After, but never the health probes', async () => {
    const { app } = appWith({ rateLimit: { capacity: 3, refillPerSecond: 1 }, trustProxy: 1 });
    const from = (ip: string) => app.request('/openapi.json', { headers: { 'X-Forwarded-For': ip } });
    for (let i = 0; i < 3; i++) expect((await from('10.0.0.1')).status).toBe(200);
    const limited = await from('10.0.0.1');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(((await limited.json()) as ErrorJson).error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/Wait 1 s/) });
    expect((await from('10.0.0.2')).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await app.request('/health', { headers: { 'X-Forwarded-For': '10.0.0.1' } })).status).toBe(200);
  });

  it('reads the client from the right of X-Forwarded-For, so rotating the entries a client writes gains nothing', async () => {
    const oneProxy = appWith({ rateLimit: { capacity: 3, refillPerSecond: 1 }, trustProxy: 1 }).app;
    const rotated = (app: typeof oneProxy, i: number, tail: string) => app.request('/openapi.json', { headers: { 'X-Forwarded-For': `198.51.100.${i}, ${tail}` } });
    const one = [];
    for (let i = 0; i < 10; i++) one.push((await rotated(oneProxy, i, '10.0.0.9')).status);
    expect(one.filter((s) => s === 429)).toHaveLength(7);
    // behind two proxies the client is second from the right; the entries left of it are still the client's own
    const twoProxies = appWith({ rateLimit: { capacity: 3, refillPerSecond: 1 }, trustProxy: 2 }).app;
    const two = [];
    for (let i = 0; i < 10; i++) two.push((await rotated(twoProxies, i, '10.0.0.9, 10.1.1.1')).status);
    expect(two.filter((s) => s === 429)).toHaveLength(7);
    expect((await rotated(twoProxies, 0, '10.0.0.8, 10.1.1.1')).status).toBe(200);
  });

  it('logs one JSON line per request, with no secret, e-mail, body or query string in it', async () => {
    const { app, logger } = appWith();
    const secret = 'sk-proj-abcdefghijklmnop1234567890';
    await app.request(`/v1/probe?api_key=${secret}`, {
      method: 'POST',
      body: JSON.stringify({ name: `ada@example.com ${secret}` }),
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secret}`, Cookie: `session=${secret}` },
    });
    await app.request(`/v1/users/ada@example.com/${secret}`);
    const lines = logger.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'request', method: 'POST', path: '/v1/probe', status: 200 });
    expect(lines[0]).toHaveProperty('requestId');
    expect(lines[0]).toHaveProperty('durationMs');
    expect(lines[1]).toMatchObject({ status: 404, path: '/v1/users/:param/:param' });
    const all = logger.lines.join('\n');
    expect(all).not.toContain(secret);
    expect(all).not.toContain('ada@example.com');
    expect(all).not.toContain('api_key');
  });

  it('answers an unexpected failure with 500 INTERNAL, the request id, and no internals', async () => {
    const logger = memoryLogger();
    const app = createApp({ db: t.handle, config: testConfig(), logger });
    app.get('/v1/boom', () => {
      throw new Error('connection to postgres://cvpath:hunter2@db.internal failed');
    });
    const res = await app.request('/v1/boom');
    expect(res.status).toBe(500);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe('INTERNAL');
    expect(body.error.message).toContain(res.headers.get('x-request-id')!);
    expect(body.error.message).not.toContain('postgres');
    expect(logger.lines.join('\n')).not.toContain('hunter2');
    expect(logger.lines.some((l) => l.includes('"level":"error"') && l.includes('unhandled error'))).toBe(true);
  });

  it('serves an OpenAPI document built from the zod schemas, and a docs page', async () => {
    const { app } = appWith();
    const doc = (await (await app.request('/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health', '/health/db']));
    expect(doc.paths['/health/db']).toMatchObject({ get: { responses: { 200: { content: { 'application/json': { schema: { type: 'object' } } } }, 503: {} } } });
    expect(doc.components.schemas.Error).toMatchObject({ type: 'object' });
    const page = await app.request('/docs');
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('/health/db');
  });

  it('gives the extension a typed client: hc<AppType>', async () => {
    const app = createApp({ db: t.handle, config: testConfig(), logger: memoryLogger() });
    const client = hc<AppType>('http://cvpath.test', { fetch: (input: RequestInfo | URL, init?: RequestInit) => app.request(input, init) });
    const res = await client.health.db.$get();
    expect(res.status).toBe(200);
    if (res.status === 200) {
      const body = await res.json();
      expectTypeOf(body.migrations.applied).toEqualTypeOf<number>();
      expect(body.database).toBe(t.handle.kind);
    }
  });
});
