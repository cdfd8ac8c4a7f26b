import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import type { SyncTransport } from '../../shared/sync/engine';
import { PushResponse, type Change, type Mutation, type MutationResult, type PullResponse, type SyncData, type SyncEntity } from '../../shared/sync/protocol';
import { DevMailTransport } from '../auth/mail';
import type { MergeProbe } from '../auth/merge-guest';
import { createApp } from '../app';
import type { Config } from '../config';
import type { DbHandle } from '../db/client';
import { memoryLogger } from '../logger';
import { EXTENSION_ORIGIN, testConfig } from './config';
import { suiteLogLine, suiteSecret } from './suite-logs';

/** The API in-process (`app.request`), as the extension calls it: from its origin, with a bearer token. */
export function testApi(db: DbHandle, options: { config?: Partial<Config>; mergeProbe?: MergeProbe; now?: () => number } = {}) {
  const mail = new DevMailTransport();
  const logger = memoryLogger(suiteLogLine);
  // every request of app.request() comes from one address: limits a test does not set are out of its way
  const unlimited = { rateLimit: { capacity: 100_000, refillPerSecond: 100_000 }, authLimits: { ...testConfig().authLimits, signInPerAddress: 100_000, signUpPerAddress: 100_000, resetPerAddress: 100_000, guestsPerAddress: 100_000 }, quota: { ...testConfig().quota, requestBurst: 100_000, requestsPerSecond: 100_000 } };
  const app = createApp({ db, config: testConfig({ ...unlimited, ...options.config }), logger, mail, ...(options.mergeProbe ? { mergeProbe: options.mergeProbe } : {}), ...(options.now ? { now: options.now } : {}) });
  return new Api(app, mail, logger);
}

export interface Session {
  token: string;
  userId: string;
}

export class Api {
  constructor(
    readonly app: Hono,
    readonly mail: DevMailTransport,
    readonly logger: ReturnType<typeof memoryLogger>,
  ) {}

  async call(path: string, init: { method?: string; token?: string | undefined; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { Origin: EXTENSION_ORIGIN, ...init.headers };
    if (init.token) headers.Authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    return this.app.request(path, { method: init.method ?? (init.body === undefined ? 'GET' : 'POST'), headers, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
  }

  async json<T>(path: string, init: Parameters<Api['call']>[1] = {}): Promise<T> {
    const res = await this.call(path, init);
    const body = (await res.json()) as T;
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status} ${JSON.stringify(body)}`);
    return body;
  }

  private async session(path: string, body: unknown, token?: string): Promise<Session> {
    const res = await this.call(path, { body, token });
    const json = (await res.json()) as { user?: { id: string }; message?: string };
    const next = res.headers.get('set-auth-token');
    if (!res.ok || !next || !json.user) throw new Error(`${path} → ${res.status} ${JSON.stringify(json)}`);
    suiteSecret(next);
    return { token: next, userId: json.user.id };
  }

  guest(): Promise<Session> {
    return this.session('/api/auth/sign-in/anonymous', {});
  }

  /** Registers, then signs in (sign-up makes no session); with a guest's token, the guest's data moves to the new account. */
  async signUp(email: string, password = 'correct horse battery', guestToken?: string): Promise<Session> {
    suiteSecret(password);
    const res = await this.call('/api/auth/sign-up/email', { body: { email, password, name: email.split('@')[0] } });
    if (!res.ok) throw new Error(`sign-up → ${res.status} ${await res.text()}`);
    return this.signIn(email, password, guestToken);
  }

  signIn(email: string, password = 'correct horse battery', guestToken?: string): Promise<Session> {
    suiteSecret(password);
    return this.session('/api/auth/sign-in/email', { email, password }, guestToken);
  }

  async push(token: string, deviceId: string, mutations: Mutation[]): Promise<MutationResult[]> {
    return (await this.json<{ results: MutationResult[] }>('/v1/sync/push', { token, body: { deviceId, mutations } })).results;
  }

  pull(token: string, cursor = 0, limit?: number): Promise<PullResponse> {
    return this.json<PullResponse>(`/v1/sync/pull?cursor=${cursor}${limit ? `&limit=${limit}` : ''}`, { token });
  }

  /** The real engine's transport, in-process: an answer other than 200 throws with its status and body. */
  transport(token: string): SyncTransport {
    return {
      push: async (request) => PushResponse.parse(await this.json('/v1/sync/push', { token, body: request })),
      pull: (cursor, limit) => this.pull(token, cursor, limit),
    };
  }

  /** Every change after `cursor`, following `more`. */
  async pullAll(token: string, cursor = 0, limit?: number): Promise<{ changes: Change[]; cursor: number; requests: number }> {
    const changes: Change[] = [];
    let requests = 0;
    for (;;) {
      const page = await this.pull(token, cursor, limit);
      requests++;
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.more) return { changes, cursor, requests };
    }
  }
}

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
export const at = (ms: number) => new Date(T0 + ms).toISOString();

/** A put mutation with valid data for each entity. */
export function put<E extends SyncEntity>(entity: E, id: string, data: SyncData[E], options: { at?: number; deviceId?: string; mutationId?: string } = {}): Mutation {
  return { mutationId: options.mutationId ?? randomUUID(), entity, id, op: 'put', updatedAt: at(options.at ?? 0), deviceId: options.deviceId ?? 'device-a', data };
}

export function del(entity: SyncEntity, id: string, options: { at?: number; deviceId?: string; mutationId?: string } = {}): Mutation {
  return { mutationId: options.mutationId ?? randomUUID(), entity, id, op: 'delete', updatedAt: at(options.at ?? 0), deviceId: options.deviceId ?? 'device-a' };
}

export const sampleData = {
  cv: (name = 'Main CV', currentVersionId = 'v1'): SyncData['cv'] => ({ name, currentVersionId, createdAt: at(0) }),
  cvVersion: (cvId = 'cv1', n = 1): SyncData['cvVersion'] => ({
    cvId, contentHash: n.toString(16).padStart(64, '0'), cv: { basics: { name: `Ada ${n}` } } as SyncData['cvVersion']['cv'], source: { kind: 'text' }, createdAt: at(0),
  }),
  job: (title = 'Engineer', hash = 'h1'): SyncData['job'] => ({
    posting: { title, company: 'Acme', remote: 'unknown', description: 'Build things.', url: 'https://example.com/job', site: 'generic', scrapedAt: at(0), warnings: [] },
    url: 'https://example.com/job', site: 'generic', contentHash: hash, createdAt: at(0),
  }),
  application: (jobId = 'j1', status: SyncData['application']['status'] = 'saved'): SyncData['application'] => ({
    jobId, company: 'Acme', title: 'Engineer', status, statusHistory: [{ status, at: at(0) }], notes: '', funnel: { step: 'saved', reached: { saved: true }, reachedAt: { saved: at(0) } }, createdAt: at(0),
  }),
  interviewStep: (applicationId = 'a1', title = 'Phone screen'): SyncData['interviewStep'] => ({ applicationId, kind: 'screen', title, outcome: 'pending', notes: '', createdAt: at(0) }),
  run: (applicationId = 'a1', id = 'r1'): SyncData['run'] => ({
    applicationId, jobId: 'j1', cvVersionId: 'v1', createdAt: at(0),
    run: {
      id, createdAt: at(0), status: 'succeeded', engineVersion: 'test',
      inputs: { cvHash: 'a'.repeat(64), job: sampleData.job().posting, jobHash: 'b'.repeat(64), chain: ['offline'] },
      stages: [], outputs: {}, totals: { inputTokens: 0, outputTokens: 0, costUsd: 0, durationMs: 12 },
    },
  }),
  settings: (data: Record<string, unknown> = { privacy: { showPageControl: true } }): SyncData['settings'] => ({ data, createdAt: at(0) }),
};
