import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../db/client';
import { put, sampleData, testApi, type Api } from '../test/api';
import { EXTENSION_ORIGIN } from '../test/config';
import { DATABASES, type TestDatabase } from '../test/databases';

/** Where the server says it lives: the reset mail links here, and the reset page posts from here (not the dashboard). */
const PUBLIC_URL = 'https://sync.cvpath.example';
const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new passphrase';

let emails = 0;
const email = () => `user${++emails}.${Date.now()}@example.com`;

describe.each(DATABASES)('accounts on $kind', ({ create }) => {
  let t: TestDatabase;
  let api: Api;
  beforeAll(async () => {
    t = await create();
    api = testApi(t.handle, { config: { publicUrl: PUBLIC_URL } });
  });
  afterAll(() => t.drop());

  const pull = (token: string) => api.call('/v1/sync/pull', { token });
  const sessionsOf = async (userId: string) => rowsOf<{ token: string }>(await t.handle.db.execute(sql`select token from sessions where user_id = ${userId}`));
  const signInRaw = (address: string, password: string, headers: Record<string, string> = {}) => api.call('/api/auth/sign-in/email', { body: { email: address, password }, headers });

  it('signs up with email and password, and the bearer token opens the account', async () => {
    const address = email();
    const me = await api.signUp(address);
    const session = await api.json<{ user: { id: string; email: string; isAnonymous: boolean } }>('/api/auth/get-session', { token: me.token });
    expect(session.user).toMatchObject({ id: me.userId, email: address, isAnonymous: false });
    const account = await api.json<{ user: { id: string; email: string; isAnonymous: boolean } }>('/v1/account', { token: me.token });
    expect(account.user).toEqual({ id: me.userId, email: address, name: address.split('@')[0], isAnonymous: false });
    expect((await pull(me.token)).status).toBe(200);

    // the same address again: answered like a new one (so nobody learns it is taken), but no session is handed out;
    // a short password: refused
    const again = await api.call('/api/auth/sign-up/email', { body: { email: address, password: PASSWORD, name: 'x' } });
    expect(again.status).toBe(200);
    expect(again.headers.get('set-auth-token')).toBeNull();
    expect(((await again.json()) as { user: { id: string } }).user.id).not.toBe(me.userId);
    const short = await api.call('/api/auth/sign-up/email', { body: { email: email(), password: 'short', name: 'x' } });
    expect(short.status).toBe(400);
    expect(((await short.json()) as { message: string }).message).toMatch(/password/i);
    expect(short.headers.get('set-auth-token')).toBeNull();
  });

  it('signs in with the right password, and a wrong one gets a clear error and no session', async () => {
    const address = email();
    const me = await api.signUp(address);
    const signedIn = await api.signIn(address);
    expect(signedIn.userId).toBe(me.userId);
    expect(signedIn.token).not.toBe(me.token);
    expect((await pull(signedIn.token)).status).toBe(200);

    const before = await sessionsOf(me.userId);
    for (const [who, password] of [[address, 'not the password at all'], [email(), PASSWORD]] as const) {
      const res = await signInRaw(who, password);
      expect(res.status).toBe(401);
      expect(res.headers.get('set-auth-token')).toBeNull();
      expect(res.headers.get('set-cookie') ?? '').not.toMatch(/session_token=[^;]/);
      // the same words for a wrong password and an unknown address: no telling which addresses have accounts
      expect(((await res.json()) as { message: string }).message).toMatch(/invalid email or password/i);
    }
    expect(await sessionsOf(me.userId)).toEqual(before);
  });

  it('signing out ends that session only', async () => {
    const address = email();
    const laptop = await api.signUp(address);
    const phone = await api.signIn(address);
    const out = await api.call('/api/auth/sign-out', { token: laptop.token, body: {} });
    expect(out.status).toBe(200);
    const res = await pull(laptop.token);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    expect((await pull(phone.token)).status).toBe(200);
    expect((await sessionsOf(laptop.userId)).map((s) => s.token)).toEqual([phone.token.split('.')[0]]);
  });

  it("lists the account's sessions, one per device, and revoking one locks that device out", async () => {
    const address = email();
    const me = await api.signUp(address);
    const signInFrom = async (agent: string) => {
      const res = await signInRaw(address, PASSWORD, { 'User-Agent': agent });
      expect(res.status).toBe(200);
      return res.headers.get('set-auth-token')!;
    };
    const laptop = await signInFrom('Chrome on Linux');
    const phone = await signInFrom('Chrome on Android');

    type Listed = { id: string; token?: string; current: boolean; userAgent: string | null; expiresAt: string };
    const listed = await api.json<Listed[]>('/api/auth/list-sessions', { token: laptop });
    const agents = listed.map((s) => s.userAgent);
    expect(agents).toEqual(expect.arrayContaining(['Chrome on Linux', 'Chrome on Android']));
    expect(listed).toHaveLength(3); // with the session of api.signUp's sign-in
    // no session's token is in the list (each is a bearer credential); the caller's own is marked
    const raw = JSON.stringify(listed);
    for (const bearer of [laptop, phone, me.token]) expect(raw).not.toContain(bearer.split('.')[0]);
    expect(listed.every((s) => !('token' in s))).toBe(true);
    expect(listed.filter((s) => s.current).map((s) => s.userAgent)).toEqual(['Chrome on Linux']);
    const phoneSession = listed.find((s) => s.userAgent === 'Chrome on Android')!;

    const revoked = await api.call(`/v1/account/sessions/${phoneSession.id}`, { token: laptop, method: 'DELETE' });
    expect(revoked.status).toBe(200);
    const locked = await pull(phone);
    expect(locked.status).toBe(401);
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
    expect((await pull(laptop)).status).toBe(200);
    const after = await api.json<Listed[]>('/api/auth/list-sessions', { token: laptop });
    expect(after.map((s) => s.userAgent)).not.toContain('Chrome on Android');
    expect(after).toHaveLength(2);
  });

  describe('password reset by mail', () => {
    /** Asks for a reset and returns the link the mail holds. */
    async function requestReset(address: string): Promise<string> {
      const sent = api.mail.sent.length;
      const res = await api.call('/api/auth/request-password-reset', { body: { email: address, redirectTo: `${PUBLIC_URL}/reset-password` } });
      expect(res.status).toBe(200);
      const mail = api.mail.sent.slice(sent);
      expect(mail).toHaveLength(1);
      expect(mail[0]).toMatchObject({ to: address, subject: expect.stringMatching(/reset/i) });
      const link = /https?:\/\/\S+/.exec(mail[0]!.text)?.[0];
      expect(link).toBeDefined();
      return link!;
    }

    /** Follows the mail's link as a browser would: the server's redirect, then the page it leads to. */
    async function openLink(link: string): Promise<{ page: Response; location: URL }> {
      const url = new URL(link);
      expect(url.origin).toBe(PUBLIC_URL);
      const redirect = await api.app.request(url.pathname + url.search, { redirect: 'manual' });
      expect(redirect.status).toBe(302);
      const location = new URL(redirect.headers.get('location')!, PUBLIC_URL);
      return { page: await api.app.request(location.pathname + location.search), location };
    }

    /** Posts the reset form as the browser does from the page (its own origin, a urlencoded form). */
    const submit = (fields: Record<string, string>, origin = PUBLIC_URL) =>
      api.app.request('/reset-password', { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' } });

    it('the mailed link leads to a form that changes the password and signs every device out', async () => {
      const address = email();
      const me = await api.signUp(address);
      const other = await api.signIn(address);
      const link = await requestReset(address);
      expect(link).toMatch(new RegExp(`^${PUBLIC_URL}/api/auth/reset-password/[^/?]+\\?callbackURL=`));

      const { page, location } = await openLink(link);
      expect(location.origin + location.pathname).toBe(`${PUBLIC_URL}/reset-password`);
      const token = location.searchParams.get('token')!;
      expect(token).toBeTruthy();
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      const html = await page.text();
      expect(html).toContain('<form method="post" action="/reset-password">');
      expect(html).toContain(`name="token" value="${token}"`);
      // the page's form posts with its real origin (a no-referrer page would send "Origin: null")
      expect(html).toContain('<meta name="referrer" content="same-origin">');
      expect(page.headers.get('content-security-policy')).toMatch(/form-action 'self'/);

      const res = await submit({ token, password: NEW_PASSWORD, again: NEW_PASSWORD });
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/Password changed/);

      expect((await signInRaw(address, PASSWORD)).status).toBe(401);
      const fresh = await api.signIn(address, NEW_PASSWORD);
      expect(fresh.userId).toBe(me.userId);
      for (const old of [me.token, other.token]) expect((await pull(old)).status).toBe(401);
      expect((await pull(fresh.token)).status).toBe(200);

      // the link works once
      const reused = await submit({ token, password: 'yet another passphrase', again: 'yet another passphrase' });
      expect(reused.status).toBe(400);
      expect(await reused.text()).toMatch(/expired or was already used/);
      expect((await signInRaw(address, NEW_PASSWORD)).status).toBe(200);

      // nothing of it in the logs: not the token, not a password, not the address
      const logs = api.logger.lines.join('\n');
      for (const secret of [token, PASSWORD, NEW_PASSWORD, 'yet another passphrase', address]) expect(logs).not.toContain(secret);
      // the link's request is logged, its token not
      expect(logs).toContain('"path":"/api/auth/reset-password/[redacted]"');
    });

    it('mismatched or short passwords show the form again with the problem; an expired or unknown token a clear page', async () => {
      const address = email();
      await api.signUp(address);
      const { location } = await openLink(await requestReset(address));
      const token = location.searchParams.get('token')!;

      const differ = await submit({ token, password: NEW_PASSWORD, again: `${NEW_PASSWORD}!` });
      expect(differ.status).toBe(400);
      const differHtml = await differ.text();
      expect(differHtml).toMatch(/role="alert">The two passwords differ/);
      expect(differHtml).toContain(`name="token" value="${token}"`);
      const short = await submit({ token, password: 'short', again: 'short' });
      expect(short.status).toBe(400);
      expect(await short.text()).toMatch(/at least 10 characters/);
      // neither used the token up, and the password is still the old one
      expect((await signInRaw(address, PASSWORD)).status).toBe(200);

      await t.handle.db.execute(sql`update verifications set expires_at = now() - interval '1 minute' where identifier = ${`reset-password:${token}`}`);
      const expired = await submit({ token, password: NEW_PASSWORD, again: NEW_PASSWORD });
      expect(expired.status).toBe(400);
      expect(await expired.text()).toMatch(/This link does not work.*expired or was already used/s);
      expect((await signInRaw(address, NEW_PASSWORD)).status).toBe(401);
      expect((await signInRaw(address, PASSWORD)).status).toBe(200);

      // an unknown token: the mail's redirect already says so, and the page shows it
      const unknown = await openLink(`${PUBLIC_URL}/api/auth/reset-password/not-a-token?callbackURL=${encodeURIComponent(`${PUBLIC_URL}/reset-password`)}`);
      expect(unknown.location.searchParams.get('error')).toBeTruthy();
      expect(unknown.page.status).toBe(400);
      expect(await unknown.page.text()).toMatch(/This link does not work/);
      const noToken = await api.app.request('/reset-password');
      expect(noToken.status).toBe(400);
    });

    it('a request for an unknown address answers the same and sends nothing', async () => {
      const sent = api.mail.sent.length;
      const res = await api.call('/api/auth/request-password-reset', { body: { email: email(), redirectTo: `${PUBLIC_URL}/reset-password` } });
      expect(res.status).toBe(200);
      expect(api.mail.sent.length).toBe(sent);
    });
  });

  it('refuses state-changing auth requests from a foreign origin', async () => {
    const address = email();
    const me = await api.signUp(address);
    const { location } = await (async () => {
      await api.call('/api/auth/request-password-reset', { body: { email: address, redirectTo: `${PUBLIC_URL}/reset-password` } });
      const link = /https?:\/\/\S+/.exec(api.mail.sent.at(-1)!.text)![0];
      const r = await api.app.request(new URL(link).pathname + new URL(link).search, { redirect: 'manual' });
      return { location: new URL(r.headers.get('location')!) };
    })();
    const users = async () => rowsOf(await t.handle.db.execute(sql`select id from users`)).length;
    const userCount = await users();
    const mails = api.mail.sent.length;

    for (const origin of ['https://evil.example', 'null', 'chrome-extension://not-an-extension']) {
      const headers = { Origin: origin };
      const attempts: Array<[string, Response]> = [
        ['sign-in', await api.call('/api/auth/sign-in/email', { body: { email: address, password: PASSWORD }, headers })],
        ['sign-up', await api.call('/api/auth/sign-up/email', { body: { email: email(), password: PASSWORD, name: 'x' }, headers })],
        ['guest', await api.call('/api/auth/sign-in/anonymous', { body: {}, headers })],
        ['sign-out', await api.call('/api/auth/sign-out', { body: {}, token: me.token, headers })],
        ['revoke', await api.call('/api/auth/revoke-other-sessions', { body: {}, token: me.token, headers })],
        ['reset mail', await api.call('/api/auth/request-password-reset', { body: { email: address, redirectTo: `${PUBLIC_URL}/reset-password` }, headers })],
        ['change password', await api.call('/api/auth/change-password', { body: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, token: me.token, headers })],
        ['reset form', await submit(origin, location.searchParams.get('token')!)],
        ['push', await api.call('/v1/sync/push', { body: { deviceId: 'd', mutations: [put('job', 'j', sampleData.job())] }, token: me.token, headers })],
      ];
      for (const [what, res] of attempts) {
        expect(res.status, `${what} from ${origin}`).toBe(403);
        expect(res.headers.get('set-auth-token'), what).toBeNull();
        expect(res.headers.get('access-control-allow-origin'), what).toBeNull();
      }
    }
    expect(await users()).toBe(userCount);
    expect(api.mail.sent.length).toBe(mails);
    expect((await pull(me.token)).status).toBe(200);
    expect((await api.pullAll(me.token)).changes).toEqual([]);
    expect((await signInRaw(address, PASSWORD)).status).toBe(200);
    // the extension's own origin is of course fine
    expect((await api.call('/api/auth/sign-in/email', { body: { email: address, password: PASSWORD }, headers: { Origin: EXTENSION_ORIGIN } })).status).toBe(200);

    function submit(origin: string, token: string) {
      return api.app.request('/reset-password', {
        method: 'POST',
        body: new URLSearchParams({ token, password: NEW_PASSWORD, again: NEW_PASSWORD }).toString(),
        headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
      });
    }
  });
});
