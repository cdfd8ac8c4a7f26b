import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_ENTITIES, type Mutation, type SyncData, type SyncEntity } from '../../shared/sync/protocol';
import { createAuth } from '../auth/auth';
import { DevMailTransport } from '../auth/mail';
import { rowsOf } from '../db/client';
import { events, usage } from '../db/schema';
import { memoryLogger } from '../logger';
import { at, del, put, sampleData, testApi, type Api, type Session } from '../test/api';
import { testConfig } from '../test/config';
import { DATABASES, type TestDatabase } from '../test/databases';

/**
 * Walks every route the app serves, as user B, aimed at user A's ids: no route lets one user read or change another's
 * data. The routes come from the app itself (and better-auth's own endpoints behind `/api/auth/*`), so a route added
 * later without a case here fails the first test.
 */

const PASSWORD = 'correct horse battery';
const A_SECRET = 'ALICE-PRIVATE';
const B_MARK = 'BOB-OWN';

let emails = 0;
const email = (who: string) => `${who}${++emails}.${Date.now()}@example.com`;

/** One record of every entity, its free text marked with whose it is. */
function records(mark: string, ids: (e: SyncEntity) => string): Mutation[] {
  const data: { [E in SyncEntity]: SyncData[E] } = {
    cv: sampleData.cv(`${mark} CV`, ids('cvVersion')),
    cvVersion: { ...sampleData.cvVersion(ids('cv'), mark === A_SECRET ? 1 : 2), text: `${mark} cv text` },
    job: { ...sampleData.job(`${mark} job`), url: `https://jobs.example/${mark}` },
    application: { ...sampleData.application(ids('job')), notes: `${mark} notes` },
    interviewStep: sampleData.interviewStep(ids('application'), `${mark} step`),
    run: { ...sampleData.run(ids('application'), ids('run')), run: { ...sampleData.run().run, engineVersion: mark } },
    settings: sampleData.settings({ note: `${mark} settings` }),
  };
  return SYNC_ENTITIES.map((e) => put(e, ids(e), data[e], { at: 100, deviceId: 'laptop' }));
}
const aIds = (e: SyncEntity) => (e === 'settings' ? 'settings' : `a-${e}`);
const bIds = (e: SyncEntity) => (e === 'settings' ? 'settings' : `b-${e}`);

interface User extends Session {
  email: string;
}

interface Ctx {
  api: Api;
  db: TestDatabase;
  a: User & { tokens: string[]; sessionIds: string[]; accountId: string };
  /** B, made for this case. */
  b: User;
}

interface Case {
  /** What the case shows. */
  does: string;
  /** The case changes B (its sessions, password, records or account): it gets a B of its own. */
  fresh?: boolean;
  /** Runs as B; returns every response B got, to be searched for anything of A's. */
  run(ctx: Ctx): Promise<Response[]>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const json = async <T>(res: Response): Promise<T> => (await res.clone().json()) as T;

describe.each(DATABASES)('every route, as another user, on $kind', ({ create }) => {
  let t: TestDatabase;
  let api: Api;
  let a: Ctx['a'];
  beforeAll(async () => {
    t = await create();
    api = testApi(t.handle);
    const address = email('alice');
    const first = await api.signUp(address, PASSWORD);
    const second = await api.signIn(address, PASSWORD);
    const ok = await api.push(first.token, 'a-laptop', records(A_SECRET, aIds));
    expect(ok.every((r) => r.status === 'applied')).toBe(true);
    // a tombstone too, and a device id B will also use
    await api.push(first.token, 'dev-same', [del('job', 'a-deleted-job', { at: 50 })]);
    await t.handle.db.insert(usage).values({ userId: first.userId, day: '2026-01-01', runs: 7, inputTokens: 7000, outputTokens: 700, costMicros: 77 });
    await t.handle.db.insert(events).values({ userId: first.userId, deviceId: 'a-laptop', name: 'page_view', props: { page: A_SECRET }, at: new Date() });
    const [account] = rowsOf<{ id: string }>(await t.handle.db.execute(sql`select id from accounts where user_id = ${first.userId}`));
    const sessions = rowsOf<{ id: string }>(await t.handle.db.execute(sql`select id from sessions where user_id = ${first.userId}`));
    a = { ...first, email: address, tokens: [first.token, second.token], sessionIds: sessions.map((s) => s.id), accountId: account!.id };
  });
  afterAll(() => t.drop());

  const query = async <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => rowsOf<T>(await t.handle.db.execute(q));

  /** Everything of A's in the database: the user row and every row of every table with a user_id. */
  async function stateOfA(): Promise<Record<string, unknown>> {
    const tables = await query<{ s: string; n: string }>(
      sql`select table_schema as s, table_name as n from information_schema.columns where column_name = 'user_id' and table_schema in ('public', 'analytics') order by 1, 2`,
    );
    // one query: each table's rows of A as JSON, in a stable order
    const agg = (from: ReturnType<typeof sql>, where: ReturnType<typeof sql>) => sql`(select coalesce(json_agg(to_jsonb(x) order by to_jsonb(x)::text), '[]')::text from ${from} x where ${where})`;
    const columns = [
      sql`${agg(sql`users`, sql`x.id = ${a.userId}`)} as ${sql.identifier('users')}`,
      ...tables.map(({ s, n }) => sql`${agg(sql`${sql.identifier(s)}.${sql.identifier(n)}`, sql`x.user_id = ${a.userId}`)} as ${sql.identifier(`${s}.${n}`)}`),
    ];
    const [row] = await query<Record<string, string>>(sql`select ${sql.join(columns, sql`, `)}`);
    expect(Object.keys(row!)).toHaveLength(tables.length + 1);
    return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, JSON.parse(v) as unknown]));
  }

  /** A user B with data of its own in every entity, a device of its own and one with the id of one of A's. */
  async function newB(): Promise<User> {
    const address = email('bob');
    const b = await api.signUp(address, PASSWORD);
    expect((await api.push(b.token, 'b-laptop', records(B_MARK, bIds))).every((r) => r.status === 'applied')).toBe(true);
    await api.push(b.token, 'dev-same', []);
    await t.handle.db.insert(usage).values({ userId: b.userId, day: '2026-01-01', runs: 1, inputTokens: 10, outputTokens: 1, costMicros: 3 });
    return { ...b, email: address };
  }

  /** As B: a JSON request with B's token unless another is given. */
  const as = (token: string | undefined, method: Method, path: string, body?: unknown) => api.call(path, { method, token, ...(body !== undefined ? { body } : {}) });

  /** The routes the app serves: Hono's (middleware left out), with `/api/auth/*` opened into better-auth's endpoints. */
  function routesOfApp(): string[] {
    const hono = api.app.routes.filter((r) => !(r.method === 'ALL' && r.handler.length >= 2)).map((r) => `${r.method} ${r.path}`);
    const auth = createAuth({ db: t.handle, config: testConfig(), mail: new DevMailTransport(), logger: memoryLogger() });
    const endpoints = Object.values(auth.api as Record<string, { path?: string; options?: { method?: string | string[]; metadata?: { SERVER_ONLY?: boolean } } }>)
      .filter((e) => e.path && !e.options?.metadata?.SERVER_ONLY)
      .flatMap((e) => [e.options?.method ?? []].flat().map((m) => `${m} /api/auth${e.path}`));
    const out = new Set<string>();
    for (const r of hono) {
      if (r === 'GET /api/auth/*' || r === 'POST /api/auth/*') {
        const method = r.split(' ')[0]!;
        for (const e of endpoints) if (e.startsWith(`${method} `) || e.startsWith('* ')) out.add(e.replace(/^\* /, `${method} `));
      } else out.add(r);
    }
    return [...out].sort();
  }

  const redirectTo = 'http://localhost:8787/reset-password';

  const CASES: Record<string, Case> = {
    'GET /health': { does: 'public', run: async ({ b }) => [await as(b.token, 'GET', '/health')] },
    'GET /health/db': { does: 'public', run: async ({ b }) => [await as(b.token, 'GET', '/health/db')] },
    'GET /health/metrics': { does: 'public', run: async ({ b }) => [await as(b.token, 'GET', '/health/metrics')] },
    'GET /openapi.json': { does: 'public', run: async ({ b }) => [await as(b.token, 'GET', '/openapi.json')] },
    'GET /docs': { does: 'public', run: async ({ b }) => [await as(b.token, 'GET', '/docs')] },
    'GET /reset-password': { does: 'a page with the token given, nothing else', run: async ({ b }) => [await as(b.token, 'GET', `/reset-password?token=guess&email=${encodeURIComponent(a.email)}`)] },
    'POST /reset-password': {
      does: "without A's token, A's password stays",
      run: async () => {
        const res = await api.app.request('/reset-password', {
          method: 'POST',
          body: new URLSearchParams({ token: a.userId, password: 'taken over!!', again: 'taken over!!', email: a.email }).toString(),
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        });
        expect(res.status).toBe(400);
        return [res];
      },
    },

    'POST /v1/sync/push': {
      fresh: true,
      does: "puts and deletes with A's ids write B's own rows only",
      run: async ({ b }) => {
        // later than B's own copies (B holds a settings record already), with A's ids in every place a body can hold one
        const mine = records(B_MARK, aIds).map((m) => ({ ...m, updatedAt: at(150), userId: a.userId, user_id: a.userId }));
        const res = await as(b.token, 'POST', '/v1/sync/push', { deviceId: 'a-laptop', userId: a.userId, mutations: mine });
        const { results } = await json<{ results: { status: string }[] }>(res);
        // "stale" would mean A's record was seen (and sent back); every one is new to B
        expect(results.map((r) => r.status)).toEqual(mine.map(() => 'applied'));
        const dels = SYNC_ENTITIES.map((e) => del(e, aIds(e), { at: 200 }));
        const res2 = await as(b.token, 'POST', '/v1/sync/push', { deviceId: 'b-laptop', mutations: [...dels, del('job', 'a-deleted-job', { at: 10 })] });
        expect((await json<{ results: { status: string }[] }>(res2)).results.every((r) => r.status === 'applied')).toBe(true);
        for (const e of SYNC_ENTITIES) {
          const table = sql.identifier(e === 'cvVersion' ? 'cv_versions' : e === 'interviewStep' ? 'interview_steps' : e === 'settings' ? 'settings' : `${e}s`);
          const owners = await query<{ user_id: string; deleted: boolean }>(
            sql`select user_id, deleted_at is not null as deleted from ${table} where id = ${aIds(e)} and user_id in (${a.userId}, ${b.userId}) order by user_id = ${a.userId}`,
          );
          expect(owners, e).toEqual([
            { user_id: b.userId, deleted: true },
            { user_id: a.userId, deleted: false },
          ]);
        }
        // A still pulls its own content
        const aPull = await api.pullAll(a.token);
        expect(JSON.stringify(aPull.changes)).toContain(A_SECRET);
        expect(JSON.stringify(aPull.changes)).not.toContain(B_MARK);
        return [res, res2];
      },
    },
    'GET /v1/sync/pull': {
      does: "returns none of A's records, whatever the query says",
      run: async ({ b }) => {
        const out = [];
        for (const q of ['', '?cursor=0&limit=1000', `?cursor=0&userId=${a.userId}&user_id=${a.userId}`, '?cursor=1&limit=1']) {
          const res = await as(b.token, 'GET', `/v1/sync/pull${q}`);
          expect(res.status).toBe(200);
          const { changes } = await json<{ changes: { id: string }[] }>(res);
          for (const c of changes) expect(c.id).toMatch(/^b-|^settings$/);
          out.push(res);
        }
        const all = await api.pullAll(b.token);
        expect(all.changes.map((c) => c.id).sort()).toEqual(SYNC_ENTITIES.map(bIds).sort());
        expect(JSON.stringify(all.changes)).toContain(B_MARK);
        return out;
      },
    },
    'GET /v1/account': {
      does: "B's devices and usage only",
      run: async ({ b }) => {
        const res = await as(b.token, 'GET', `/v1/account?userId=${a.userId}`);
        const body = await json<{ user: { id: string; email: string }; devices: { deviceId: string; pushes: number }[]; usage: { runs: number; inputTokens: number } }>(res);
        expect(body.user).toMatchObject({ id: b.userId, email: b.email });
        expect(body.devices.map((d) => d.deviceId).sort()).toEqual(['b-laptop', 'dev-same']);
        expect(body.usage).toEqual({ runs: 1, inputTokens: 10, outputTokens: 1, costMicros: 3 });
        return [res];
      },
    },
    'DELETE /v1/account/devices/:deviceId': {
      fresh: true,
      does: "A's device is not found; a device id both have removes B's only",
      run: async ({ b }) => {
        const out = [];
        for (const id of ['a-laptop', encodeURIComponent("a-laptop' or '1'='1"), encodeURIComponent('../a-laptop'), '%25']) {
          const res = await as(b.token, 'DELETE', `/v1/account/devices/${id}`);
          expect(res.status, id).toBe(404);
          expect((await json<{ error: { code: string } }>(res)).error.code).toBe('NOT_FOUND');
          out.push(res);
        }
        const same = await as(b.token, 'DELETE', '/v1/account/devices/dev-same');
        expect(same.status).toBe(200);
        expect(await query(sql`select user_id from devices where device_id = 'dev-same' and user_id in (${a.userId}, ${b.userId})`)).toEqual([{ user_id: a.userId }]);
        return [...out, same];
      },
    },
    'DELETE /v1/account/sessions/:sessionId': {
      fresh: true,
      does: "A's session is not found; B's own is signed out",
      run: async ({ b }) => {
        const out: Response[] = [];
        for (const id of a.sessionIds) {
          const res = await as(b.token, 'DELETE', `/v1/account/sessions/${id}`);
          expect(res.status).toBe(404);
          out.push(res);
        }
        const [own] = await query<{ id: string }>(sql`select id from sessions where user_id = ${b.userId}`);
        const res = await as(b.token, 'DELETE', `/v1/account/sessions/${own!.id}`);
        expect(res.status).toBe(200);
        expect((await as(b.token, 'GET', '/v1/account')).status).toBe(401);
        return [...out, res];
      },
    },
    'POST /v1/account/delete': {
      fresh: true,
      does: "deletes B and B's data only",
      run: async ({ b }) => {
        const res = await as(b.token, 'POST', '/v1/account/delete', { confirm: 'delete my account', password: PASSWORD, userId: a.userId });
        expect(res.status).toBe(200);
        expect(await query(sql`select id from users where id = ${b.userId}`)).toEqual([]);
        expect((await as(a.token, 'GET', '/v1/account')).status).toBe(200);
        return [res];
      },
    },

    // better-auth, behind /api/auth/*
    'POST /api/auth/sign-in/social': { does: 'no social providers', run: async ({ b }) => [await as(b.token, 'POST', '/api/auth/sign-in/social', { provider: 'google', callbackURL: '/' })] },
    'GET /api/auth/callback/:id': { does: 'no social providers', run: async ({ b }) => [await as(b.token, 'GET', '/api/auth/callback/google?state=guessed-state&code=x')] },
    'POST /api/auth/callback/:id': { does: 'no social providers', run: async ({ b }) => [await as(b.token, 'POST', '/api/auth/callback/google', { state: 'guessed-state', code: 'x' })] },
    'GET /api/auth/get-session': {
      does: "B's own session",
      run: async ({ b }) => {
        const res = await as(b.token, 'GET', `/api/auth/get-session?userId=${a.userId}`);
        expect((await json<{ user: { id: string } }>(res)).user.id).toBe(b.userId);
        return [res];
      },
    },
    'POST /api/auth/get-session': {
      does: "B's own session",
      run: async ({ b }) => {
        const res = await as(b.token, 'POST', '/api/auth/get-session', { userId: a.userId });
        if (res.status === 200) expect((await json<{ user: { id: string } }>(res)).user.id).toBe(b.userId);
        return [res];
      },
    },
    'POST /api/auth/sign-out': {
      fresh: true,
      does: "ends B's session, not A's",
      run: async ({ b }) => {
        const res = await as(b.token, 'POST', '/api/auth/sign-out', { token: a.tokens[0] });
        expect((await as(b.token, 'GET', '/v1/sync/pull')).status).toBe(401);
        return [res];
      },
    },
    'POST /api/auth/sign-up/email': {
      does: "A's address cannot be registered again (answered like a new one, with no session)",
      run: async ({ b }) => {
        const res = await as(b.token, 'POST', '/api/auth/sign-up/email', { email: a.email, password: 'another password', name: 'Mallory' });
        expect(res.status).toBe(200);
        expect(res.headers.get('set-auth-token')).toBeNull();
        expect((await api.call('/api/auth/sign-in/email', { body: { email: a.email, password: 'another password' } })).status).toBe(401);
        // the answer repeats the address B typed (as for any new address); nothing else of A may be in it
        const body = await json<{ user: Record<string, unknown> }>(res);
        expect(body.user.email).toBe(a.email);
        return [new Response(JSON.stringify({ ...body, user: { ...body.user, email: '(typed by B)' } }), { status: res.status, headers: res.headers })];
      },
    },
    'POST /api/auth/sign-in/email': {
      does: "A's address with a wrong password, B signed in: nothing",
      run: async ({ b }) => {
        const res = await as(b.token, 'POST', '/api/auth/sign-in/email', { email: a.email, password: 'not the password' });
        expect(res.status).toBe(401);
        expect(res.headers.get('set-auth-token')).toBeNull();
        return [res];
      },
    },
    'POST /api/auth/reset-password': {
      does: 'a guessed token changes nothing',
      run: async ({ b }) => {
        const res = await as(b.token, 'POST', '/api/auth/reset-password', { token: a.userId, newPassword: 'taken over!!' });
        expect(res.status).toBe(400);
        return [res];
      },
    },
    'POST /api/auth/verify-password': {
      does: "checks B's password, never A's",
      run: async ({ b }) => {
        const res = await as(b.token, 'POST', '/api/auth/verify-password', { password: 'not bobs password', userId: a.userId });
        expect(res.ok).toBe(false);
        return [res];
      },
    },
    'GET /api/auth/verify-email': { does: 'a guessed token verifies nothing', run: async ({ b }) => [await as(b.token, 'GET', `/api/auth/verify-email?token=${a.userId}`)] },
    'POST /api/auth/send-verification-email': {
      does: 'sends A nothing at B’s request',
      run: async ({ b }) => {
        const sent = api.mail.sent.length;
        const res = await as(b.token, 'POST', '/api/auth/send-verification-email', { email: a.email });
        expect(api.mail.sent.slice(sent).filter((m) => m.to === a.email)).toEqual([]);
        return [res];
      },
    },
    'POST /api/auth/change-email': {
      does: "B cannot take A's address",
      run: async ({ b }) => {
        const res = await as(b.token, 'POST', '/api/auth/change-email', { newEmail: a.email });
        expect(res.ok).toBe(false);
        expect(await query(sql`select email from users where id = ${b.userId}`)).toEqual([{ email: b.email }]);
        return [res];
      },
    },
    'POST /api/auth/change-password': {
      fresh: true,
      does: "changes B's password only",
      run: async ({ b }) => {
        const res = await as(b.token, 'POST', '/api/auth/change-password', { currentPassword: PASSWORD, newPassword: 'bobs new password', revokeOtherSessions: true });
        expect(res.status).toBe(200);
        expect((await api.call('/api/auth/sign-in/email', { body: { email: b.email, password: 'bobs new password' } })).status).toBe(200);
        return [res];
      },
    },
    'POST /api/auth/update-session': { does: "B's session only", run: async ({ b }) => [await as(b.token, 'POST', '/api/auth/update-session', { userId: a.userId, token: a.tokens[0] })] },
    'POST /api/auth/update-user': {
      fresh: true,
      does: 'renames B, never A',
      run: async ({ b }) => {
        const res = await as(b.token, 'POST', '/api/auth/update-user', { name: 'Mallory' });
        expect(res.status).toBe(200);
        expect(await query(sql`select name from users where id = ${b.userId}`)).toEqual([{ name: 'Mallory' }]);
        const sneaky = await as(b.token, 'POST', '/api/auth/update-user', { name: 'Mallory', id: a.userId, userId: a.userId });
        return [res, sneaky];
      },
    },
    'POST /api/auth/delete-user': { does: "A's id in the body deletes nobody", run: async ({ b }) => [await as(b.token, 'POST', '/api/auth/delete-user', { userId: a.userId, password: PASSWORD })] },
    'POST /api/auth/request-password-reset': {
      does: "mails A's own address, tells B nothing",
      run: async ({ b }) => {
        const sent = api.mail.sent.length;
        const res = await as(b.token, 'POST', '/api/auth/request-password-reset', { email: a.email, redirectTo });
        expect(res.status).toBe(200);
        expect(api.mail.sent.slice(sent).map((m) => m.to)).toEqual([a.email]);
        const token = /reset-password\/([^/?\s]+)/.exec(api.mail.sent.at(-1)!.text)![1]!;
        expect(await res.clone().text()).not.toContain(token);
        return [res];
      },
    },
    'GET /api/auth/reset-password/:token': {
      does: 'a guessed token leads nowhere',
      run: async ({ b }) => {
        const res = await api.app.request(`/api/auth/reset-password/${a.userId}?callbackURL=${encodeURIComponent(redirectTo)}`, { redirect: 'manual', headers: { Authorization: `Bearer ${b.token}` } });
        expect(res.headers.get('location') ?? '').toMatch(/error=INVALID_TOKEN/);
        return [res];
      },
    },
    'GET /api/auth/list-sessions': {
      does: "B's sessions only",
      run: async ({ b }) => {
        const res = await as(b.token, 'GET', `/api/auth/list-sessions?userId=${a.userId}`);
        const list = await json<{ userId: string }[]>(res);
        expect(list.length).toBeGreaterThan(0);
        for (const s of list) expect(s.userId).toBe(b.userId);
        return [res];
      },
    },
    'POST /api/auth/revoke-session': {
      does: "A's token, sent by B, is not revoked",
      run: async ({ b }) => {
        const out = [];
        for (const token of [a.tokens[0]!, a.tokens[0]!.split('.')[0]!]) out.push(await as(b.token, 'POST', '/api/auth/revoke-session', { token }));
        for (const token of a.tokens) expect((await as(token, 'GET', '/v1/sync/pull')).status).toBe(200);
        return out;
      },
    },
    'POST /api/auth/revoke-sessions': {
      fresh: true,
      does: "ends B's sessions, not A's",
      run: async ({ b }) => {
        const res = await as(b.token, 'POST', '/api/auth/revoke-sessions', { userId: a.userId });
        expect((await as(b.token, 'GET', '/v1/sync/pull')).status).toBe(401);
        return [res];
      },
    },
    'POST /api/auth/revoke-other-sessions': {
      fresh: true,
      does: "ends B's other sessions, not A's",
      run: async ({ b }) => {
        const res = await as(b.token, 'POST', '/api/auth/revoke-other-sessions', { userId: a.userId });
        expect(res.status).toBe(200);
        return [res];
      },
    },
    'POST /api/auth/link-social': { does: 'no social providers', run: async ({ b }) => [await as(b.token, 'POST', '/api/auth/link-social', { provider: 'google', userId: a.userId })] },
    'GET /api/auth/list-accounts': {
      does: "B's sign-in methods only",
      run: async ({ b }) => {
        const res = await as(b.token, 'GET', `/api/auth/list-accounts?userId=${a.userId}`);
        const list = await json<{ userId: string; id: string }[]>(res);
        expect(list.map((x) => x.userId)).toEqual([b.userId]);
        return [res];
      },
    },
    'GET /api/auth/delete-user/callback': { does: 'a guessed token deletes nobody', run: async ({ b }) => [await as(b.token, 'GET', `/api/auth/delete-user/callback?token=${a.userId}`)] },
    'POST /api/auth/unlink-account': {
      does: "A's sign-in method stays",
      run: async ({ b }) => {
        const res = await as(b.token, 'POST', '/api/auth/unlink-account', { providerId: 'credential', accountId: a.accountId });
        expect(res.ok).toBe(false);
        return [res];
      },
    },
    'POST /api/auth/refresh-token': {
      does: "A's ids give B nothing",
      run: async ({ b }) => {
        const res = await as(b.token, 'POST', '/api/auth/refresh-token', { providerId: 'credential', accountId: a.accountId, userId: a.userId });
        expect(res.ok).toBe(false);
        return [res];
      },
    },
    'POST /api/auth/get-access-token': {
      does: "A's ids give B nothing",
      run: async ({ b }) => {
        const res = await as(b.token, 'POST', '/api/auth/get-access-token', { providerId: 'credential', accountId: a.accountId, userId: a.userId });
        expect(res.ok).toBe(false);
        return [res];
      },
    },
    'GET /api/auth/account-info': {
      does: "A's ids give B nothing",
      run: async ({ b }) => {
        const res = await as(b.token, 'GET', `/api/auth/account-info?accountId=${a.accountId}&userId=${a.userId}`);
        expect(res.ok).toBe(false);
        return [res];
      },
    },
    'POST /api/auth/sign-in/anonymous': { does: 'a new guest, nothing of A', run: async ({ b }) => [await as(b.token, 'POST', '/api/auth/sign-in/anonymous', {})] },
    'POST /api/auth/delete-anonymous-user': {
      does: 'deletes nobody',
      run: async ({ b }) => {
        const res = await as(b.token, 'POST', '/api/auth/delete-anonymous-user', { userId: a.userId });
        expect(res.ok).toBe(false);
        expect(await query(sql`select id from users where id = ${b.userId}`)).toHaveLength(1);
        return [res];
      },
    },
    'GET /api/auth/ok': { does: 'public', run: async ({ b }) => [await as(b.token, 'GET', '/api/auth/ok')] },
    'GET /api/auth/error': { does: 'public', run: async ({ b }) => [await as(b.token, 'GET', '/api/auth/error?error=guessed')] },
  };

  it('has a case for every route the app serves', () => {
    const routes = routesOfApp();
    expect(routes.length).toBeGreaterThan(30);
    const missing = routes.filter((r) => !(r in CASES));
    expect(missing, `routes with no case in route-walk.test.ts: add one for each`).toEqual([]);
    const stale = Object.keys(CASES).filter((k) => !routes.includes(k));
    expect(stale, 'cases for routes that no longer exist').toEqual([]);
  });

  let sharedB: User | undefined;
  it.each(Object.entries(CASES).map(([route, c]) => [route, c.does, c] as const))('%s: %s', async (_route, _does, c) => {
    const before = await stateOfA();
    const b = c.fresh ? await newB() : (sharedB ??= await newB());
    const responses = await c.run({ api, db: t, a, b });
    expect(responses.length).toBeGreaterThan(0);
    for (const res of responses) expect(res.status).toBeLessThan(500);

    // nothing of A's in anything B got back
    const secrets = [A_SECRET, a.userId, a.email, a.accountId, 'a-laptop', ...a.tokens.map((x) => x.split('.')[0]!), ...a.sessionIds];
    for (const res of responses) {
      const text = (await res.clone().text()) + JSON.stringify([...res.headers]);
      for (const s of secrets) expect(text.includes(s), `${_route} answered B with ${s === A_SECRET ? "A's content" : s}`).toBe(false);
    }
    // and A's rows are exactly as they were
    expect(await stateOfA()).toEqual(before);
    for (const token of a.tokens) expect((await as(token, 'GET', '/v1/sync/pull')).status).toBe(200);
  });

  it('every /v1 route answers 401 without a token, with a garbage, expired or revoked one, or one of a deleted user', async () => {
    const v1 = routesOfApp().filter((r) => r.split(' ')[1]!.startsWith('/v1/'));
    expect(v1.length).toBeGreaterThanOrEqual(5);
    const expired = await api.guest();
    await t.handle.db.execute(sql`update sessions set expires_at = now() - interval '1 second' where token = ${expired.token.split('.')[0]!}`);
    const revoked = await newB();
    await as(revoked.token, 'POST', '/api/auth/sign-out', {});
    const deleted = await api.guest();
    await t.handle.db.execute(sql`delete from users where id = ${deleted.userId}`);
    // a well-formed token whose signature is someone else's
    const forged = `${a.tokens[0]!.split('.')[0]!}.${expired.token.split('.')[1]!}`;
    const before = await stateOfA();
    for (const route of v1) {
      const [method, path] = route.split(' ') as [Method, string];
      const url = path.replace(/:[^/]+/g, 'a-laptop');
      for (const token of [undefined, 'garbage', 'garbage.garbage', expired.token, revoked.token, deleted.token, forged, a.userId]) {
        const res = await as(token, method, url, method === 'GET' || method === 'DELETE' ? undefined : { deviceId: 'x', mutations: [], confirm: 'delete my account' });
        expect(res.status, `${route} with ${token ?? 'no token'}`).toBe(401);
        expect((await json<{ error: { code: string } }>(res)).error.code).toBe('UNAUTHORIZED');
      }
    }
    expect(await stateOfA()).toEqual(before);
  });
});
