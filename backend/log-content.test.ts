import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncData } from '../shared/sync/protocol';
import { createApp } from './app';
import { DevMailTransport } from './auth/mail';
import { memoryLogger } from './logger';
import { createMetrics } from './metrics';
import { put, sampleData, testApi } from './test/api';
import { EXTENSION_ORIGIN, testConfig } from './test/config';
import { DATABASES, type TestDatabase } from './test/databases';
import { suiteLogLine, suiteSecret } from './test/suite-logs';

/**
 * Acceptance 2 of issue 12: what the backend writes to its log while a user works, fails and signs in holds none of
 * their CV, their postings, their password or their tokens. Every line is captured: the app's logger, and anything a
 * library prints to the console or to stdout/stderr on its own.
 */
const PHONE = '+44 7700 900123';
const CV_SENTENCE = 'Rebuilt the lighthouse telemetry for the Orkney ferries';
const POSTING_SENTENCE = 'We are looking for a custodian of quiet glaciers';
const POSTING_PHONE = '+1 415 555 0199';
const PASSWORD = 'marmalade quartz 8812 pelican';
const EMAIL = 'ada.fixture.logs@example.com';

function captureOutput(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const saved = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr), console: { ...console } };
  const keep = (chunk: unknown) => lines.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString() : String(chunk));
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => (keep(chunk), saved.out(chunk as string, ...(rest as []))));
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => (keep(chunk), saved.err(chunk as string, ...(rest as []))));
  for (const k of ['log', 'info', 'warn', 'error', 'debug'] as const) console[k] = (...args: unknown[]) => keep(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  return {
    lines,
    restore() {
      process.stdout.write = saved.out;
      process.stderr.write = saved.err;
      Object.assign(console, saved.console);
    },
  };
}

describe.each(DATABASES)('log content on $kind', ({ create }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await create();
  });
  afterAll(async () => t?.drop());

  it('no CV or posting text, password, address or token reaches any log line, through success, failure and refusal', async () => {
    for (const s of [PHONE, CV_SENTENCE, POSTING_SENTENCE, POSTING_PHONE, PASSWORD, EMAIL]) suiteSecret(s);
    const output = captureOutput();
    try {
      const api = testApi(t.handle);
      const tokens: string[] = [];

      // sign-up, a wrong password, a sign-in
      const me = await api.signUp(EMAIL, PASSWORD);
      tokens.push(me.token);
      expect((await api.call('/api/auth/sign-in/email', { body: { email: EMAIL, password: `${PASSWORD} wrong` } })).status).toBe(401);
      const again = await api.signIn(EMAIL, PASSWORD);
      tokens.push(again.token);
      // a sign-up that fails: the address is taken
      await api.call('/api/auth/sign-up/email', { body: { email: EMAIL, password: PASSWORD, name: 'Ada' } });

      // a push with the CV and the posting, and a pull
      const cv = { basics: { name: 'Ada Fixture', phone: PHONE, summary: CV_SENTENCE }, work: [{ id: 'w1', name: 'Orkney Ferries', position: 'Engineer', highlights: [{ id: 'h1', text: CV_SENTENCE }] }] } as unknown as SyncData['cvVersion']['cv'];
      const job = sampleData.job(`Custodian ${POSTING_PHONE}`);
      job.posting.description = `${POSTING_SENTENCE}. Call ${POSTING_PHONE}.`;
      const results = await api.push(again.token, 'laptop', [
        put('cvVersion', 'v1', { ...sampleData.cvVersion('cv-1', 1), cv, text: `${CV_SENTENCE} ${PHONE}` }),
        put('job', 'j1', job),
        put('application', 'a1', { ...sampleData.application('j1'), notes: `${POSTING_SENTENCE} ${PHONE}` }),
        // failing mutations: content the database cannot hold, next to the record's text
        put('job', 'j2', { ...job, posting: { ...job.posting, title: `${POSTING_SENTENCE}\u0000${PHONE}` } }),
        put('settings', 'settings', sampleData.settings({ note: `${CV_SENTENCE}\ud800` })),
      ]);
      expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'rejected', 'rejected']);
      expect((await api.pullAll(again.token)).changes).toHaveLength(3);
      // a push that fails whole (not JSON) and one with a forged token
      await api.app.request('/v1/sync/push', { method: 'POST', body: `{"deviceId":"${PHONE}",`, headers: { Origin: EXTENSION_ORIGIN, Authorization: `Bearer ${again.token}`, 'Content-Type': 'application/json' } });
      await api.call('/v1/sync/pull', { token: `${again.token}x` });
      // a password reset: the mail holds a link with a token
      await api.call('/api/auth/request-password-reset', { body: { email: EMAIL, redirectTo: '/reset-password' } });
      const link = /https?:\/\/\S+/.exec(api.mail.sent.at(-1)?.text ?? '')?.[0];
      if (link) tokens.push(new URL(link).pathname.split('/').pop()!);
      for (const token of tokens) suiteSecret(token);

      // an unexpected failure whose error carries the record: a failed query with the content as its parameter
      const logger = memoryLogger(suiteLogLine);
      const app = createApp({ db: t.handle, config: testConfig(), logger, mail: new DevMailTransport() });
      app.get('/v1/boom', async () => {
        await t.handle.db.execute(sql`select ${`${CV_SENTENCE} ${PHONE}`}::int`);
        return new Response('unreachable');
      });
      expect((await app.request('/v1/boom')).status).toBe(500);
      const failure = logger.lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'unhandled error');
      // what the log keeps of it: the database's code and a fingerprint to find the same failure again
      expect(failure).toMatchObject({ level: 'error', code: '22P02', fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/) });

      const everything = [...api.logger.lines, ...logger.lines, ...output.lines].join('\n');
      expect(api.logger.lines.length).toBeGreaterThan(8);
      const secrets = [PHONE, '7700 900123', CV_SENTENCE, 'Orkney', POSTING_SENTENCE, 'glaciers', POSTING_PHONE, '555 0199', PASSWORD, EMAIL, ...tokens];
      for (const s of secrets) expect(everything, s).not.toContain(s);
    } finally {
      output.restore();
    }
  });

  it('counts refused requests (429) instead of logging each one', async () => {
    const logger = memoryLogger();
    const metrics = createMetrics();
    const app = createApp({ db: t.handle, config: testConfig({ rateLimit: { capacity: 3, refillPerSecond: 0.001 } }), logger, metrics, mail: new DevMailTransport() });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await app.request('/v1/sync/pull', { headers: { Origin: EXTENSION_ORIGIN } })).status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    expect(metrics.rateLimited).toBe(7);
    expect(logger.lines).toHaveLength(3);
    expect(logger.lines.join('\n')).not.toContain('"status":429');
    expect(await (await app.request('/health/metrics')).text()).toContain('cvpath_rate_limited_total 7');
  });
});
