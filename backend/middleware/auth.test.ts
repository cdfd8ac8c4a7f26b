import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAuth, type Auth } from '../auth/auth';
import { DevMailTransport } from '../auth/mail';
import { sessions } from '../db/schema';
import { memoryLogger } from '../logger';
import { authRoutes } from '../routes/auth';
import { Api } from '../test/api';
import { testConfig } from '../test/config';
import { DATABASES, type TestDatabase } from '../test/databases';
import { errorHandler } from './errors';
import { requireUser, type AuthEnv } from './auth';

describe.each(DATABASES)('requireUser on $kind', ({ create }) => {
  let t: TestDatabase;
  let auth: Auth;
  let api: Api;
  let getSession: ReturnType<typeof vi.spyOn>;

  beforeAll(async () => {
    t = await create();
    const logger = memoryLogger();
    const mail = new DevMailTransport();
    auth = createAuth({ db: t.handle, config: testConfig(), logger, mail });
    getSession = vi.spyOn(auth.api, 'getSession');
    const app = new Hono();
    app.onError(errorHandler(logger));
    app.route('/', authRoutes(auth, { db: t.handle.db, limits: testConfig().authLimits, trustProxy: 0, now: Date.now }));
    // the same route twice: with the one-query lookup (as the sync routes) and with better-auth's alone
    for (const [path, db] of [['/fast', t.handle.db], ['/plain', undefined]] as const) {
      app.route(path, new Hono<AuthEnv>().use(requireUser(auth, db)).get('/me', (c) => c.json({ user: c.var.user, sessionId: c.var.sessionId })));
    }
    api = new Api(app, mail, logger);
  });
  afterAll(() => t.drop());

  const me = async (path: '/fast' | '/plain', token: string) => {
    const res = await api.call(`${path}/me`, { token });
    return { status: res.status, body: (await res.json()) as { user?: unknown; sessionId?: string; error?: { code: string } } };
  };
  /** Asks both routes; says whether the fast one needed better-auth. */
  const both = async (token: string) => {
    getSession.mockClear();
    const fast = await me('/fast', token);
    const fellBack = getSession.mock.calls.length > 0;
    return { fast, plain: await me('/plain', token), fellBack };
  };
  const setExpiry = (token: string, at: Date) => t.handle.db.update(sessions).set({ expiresAt: at }).where(sql`${sessions.token} = ${token.split('.')[0]}`);
  const expiryOf = async (token: string) => (await t.handle.db.select().from(sessions).where(sql`${sessions.token} = ${token.split('.')[0]}`))[0]?.expiresAt;

  it('finds a valid bearer session with its own query, with the user and session better-auth finds', async () => {
    const account = await api.signUp('fast@example.com');
    const guest = await api.guest();
    for (const s of [account, guest]) {
      const { fast, plain, fellBack } = await both(s.token);
      expect(fast.status).toBe(200);
      expect(fellBack).toBe(false);
      expect(fast.body).toEqual(plain.body);
      expect(fast.body.user).toMatchObject({ id: s.userId });
    }
    expect((await both(guest.token)).fast.body.user).toMatchObject({ isAnonymous: true });
    expect((await both(account.token)).fast.body.user).toMatchObject({ email: 'fast@example.com', name: 'fast', isAnonymous: false });
  });

  it('leaves every other case to better-auth, which answers as it always did', async () => {
    const s = await api.signUp('other@example.com');
    const [raw, signature] = s.token.split('.') as [string, string];
    // an unsigned token is accepted by better-auth's bearer plugin; a URL-encoded signed one too
    for (const token of [raw, `${raw}.${encodeURIComponent(signature)}`]) {
      const r = await both(token);
      expect(r.fast).toEqual(r.plain);
      expect(r.fast.status).toBe(200);
    }
    // a forged signature, someone else's signature, garbage
    const other = await api.signUp('someone@example.com');
    for (const token of [`${raw}.${'A'.repeat(43)}=`, `${raw}.${other.token.split('.')[1]!}`, 'nonsense', `${raw}.`]) {
      const r = await both(token);
      expect(r.fast.status).toBe(401);
      expect(r.fast.body.error?.code).toBe('UNAUTHORIZED');
      expect(r.plain.status).toBe(401);
    }
  });

  it('lets better-auth refresh a session a day old, and refuse an expired or revoked one', async () => {
    const s = await api.signUp('expiry@example.com');
    const { expiresIn, updateAge } = (await auth.$context).sessionConfig;
    // due for refresh: better-auth pushes the expiry out again, after which the one query serves it
    const due = new Date(Date.now() + (expiresIn - updateAge) * 1000 - 60_000);
    await setExpiry(s.token, due);
    const refreshed = await both(s.token);
    expect(refreshed.fellBack).toBe(true);
    expect(refreshed.fast.status).toBe(200);
    expect((await expiryOf(s.token))!.getTime()).toBeGreaterThan(due.getTime() + 30_000);
    expect((await both(s.token)).fellBack).toBe(false);

    await setExpiry(s.token, new Date(Date.now() - 1000));
    const expired = await both(s.token);
    expect(expired.fellBack).toBe(true);
    expect(expired.fast.status).toBe(401);

    const revoked = await api.signUp('revoked@example.com');
    expect((await both(revoked.token)).fast.status).toBe(200);
    await t.handle.db.delete(sessions).where(sql`${sessions.token} = ${revoked.token.split('.')[0]}`);
    const gone = await both(revoked.token);
    expect(gone.fast.status).toBe(401);
    expect(gone.plain.status).toBe(401);
  });
});
