import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthLimits, Config } from '../config';
import { testApi, type Api } from '../test/api';
import { testConfig } from '../test/config';
import { DATABASES, type TestDatabase } from '../test/databases';

const PASSWORD = 'correct horse battery';
const WRONG = 'not the right password';
const LIMITS: AuthLimits = { ...testConfig().authLimits, lockAfterFailures: 5, lockMaxSeconds: 900 };

let emails = 0;
const email = () => `limits${++emails}.${Date.now()}@example.com`;

interface ErrorJson {
  error: { code: string; message: string; hint?: string };
}

describe.each(DATABASES)('credential limits on $kind', ({ create }) => {
  let t: TestDatabase;
  let clock: number;
  const now = () => clock;
  /** An instance of the app behind one proxy (TRUST_PROXY=1), with the production limits unless a test sets its own. */
  const instance = (authLimits: Partial<AuthLimits> = {}, config: Partial<Config> = {}) => testApi(t.handle, { now, config: { trustProxy: 1, authLimits: { ...LIMITS, ...authLimits }, ...config } });
  /** A request from `ip` as our one proxy reports it, after whatever the client wrote into X-Forwarded-For itself. */
  const from = (ip: string) => ({ 'X-Forwarded-For': `203.0.113.${Math.floor(Math.random() * 250)}, ${ip}` });
  let ips = 0;
  const nextIp = () => `10.${(++ips >> 16) & 255}.${(ips >> 8) & 255}.${ips & 255}`;

  beforeAll(async () => {
    t = await create();
  });
  afterAll(() => t.drop());

  async function register(api: Api, address: string) {
    const res = await api.call('/api/auth/sign-up/email', { body: { email: address, password: PASSWORD, name: 'Ada' }, headers: from(nextIp()) });
    expect(res.status).toBe(200);
  }
  const signIn = (api: Api, address: string, password: string, ip = nextIp()) => api.call('/api/auth/sign-in/email', { body: { email: address, password }, headers: from(ip) });

  it('50 wrong passwords from 50 addresses: 5 are tried, the rest refused with 429 and Retry-After; the right password too, until the lock ends', async () => {
    clock = Date.parse('2026-12-06T12:00:00Z');
    const api = instance();
    const address = email();
    await register(api, address);

    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 50; i++) {
      last = await signIn(api, address, WRONG);
      statuses.push(last.status);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    expect(last!.headers.get('retry-after')).toBe('2');
    const body = (await last!.json()) as ErrorJson;
    expect(body.error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', message: expect.stringMatching(/wrong passwords.*Wait 2 s/), hint: expect.stringMatching(/Forgot password/) });

    // locked means locked: the owner's right password too, from a new address
    const owner = await signIn(api, address, PASSWORD);
    expect(owner.status).toBe(429);
    expect(owner.headers.get('set-auth-token')).toBeNull();

    // each wrong password after a lock doubles the next one
    clock += 2_000;
    expect((await signIn(api, address, WRONG)).status).toBe(401);
    const longer = await signIn(api, address, WRONG);
    expect(longer.status).toBe(429);
    expect(longer.headers.get('retry-after')).toBe('4');

    clock += 4_000;
    const ok = await signIn(api, address, PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-auth-token')).toBeTruthy();
    // and the right password ends the count: five more tries before the next lock
    const again: number[] = [];
    for (let i = 0; i < 6; i++) again.push((await signIn(api, address, WRONG)).status);
    expect(again).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('32 guesses at once get no more tries than 32 in a row: each attempt is counted before its password is checked', async () => {
    clock = Date.parse('2026-12-06T12:30:00Z');
    const api = instance();
    const address = email();
    await register(api, address);
    const burst = async () => (await Promise.all(Array.from({ length: 32 }, () => signIn(api, address, WRONG)))).map((r) => r.status);
    const first = await burst();
    expect(first.filter((s) => s === 401)).toHaveLength(5);
    expect(first.filter((s) => s === 429)).toHaveLength(27);
    // once the lock ends, one attempt goes ahead per lock, however many arrive together
    clock += 2_000;
    const second = await burst();
    expect(second.filter((s) => s === 401)).toHaveLength(1);
    expect(second.filter((s) => s === 429)).toHaveLength(31);
  });

  it("a stolen session cannot guess the password through the routes that check it again: they share the account's lock", async () => {
    clock = Date.parse('2026-12-06T12:45:00Z');
    const api = instance();
    const address = email();
    await register(api, address);
    const stolen = await api.signIn(address, PASSWORD);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await api.call('/api/auth/verify-password', { token: stolen.token, body: { password: WRONG } })).status);
    statuses.push((await api.call('/api/auth/change-password', { token: stolen.token, body: { currentPassword: WRONG, newPassword: 'taken over for good' } })).status);
    expect(statuses.every((s) => s === 400 || s === 401)).toBe(true);
    const locked = await api.call('/api/auth/verify-password', { token: stolen.token, body: { password: PASSWORD } });
    expect(locked.status).toBe(429);
    expect((await signIn(api, address, PASSWORD)).status).toBe(429);
  });

  it('an unknown email is answered exactly as a known one, lock included', async () => {
    clock = Date.parse('2026-12-06T13:00:00Z');
    const api = instance();
    const known = email();
    await register(api, known);
    const unknown = email();
    const answers = async (address: string) => {
      const out: string[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await signIn(api, address, WRONG);
        const body = (await res.json()) as ErrorJson & { code?: string };
        out.push(`${res.status} ${res.headers.get('retry-after')} ${body.error?.code ?? body.code}`);
      }
      return out;
    };
    const a = await answers(known);
    expect(a[0]).toBe('401 null INVALID_EMAIL_OR_PASSWORD');
    expect(await answers(unknown)).toEqual(a);
  });

  it('with two instances on one database, the lock and the per-address limits hold across both', async () => {
    clock = Date.parse('2026-12-06T14:00:00Z');
    const [one, two] = [instance({ guestsPerAddress: 10 }), instance({ guestsPerAddress: 10 })];
    const address = email();
    await register(one, address);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await signIn(i % 2 ? two : one, address, WRONG)).status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    // the account locked on one instance is locked on the other
    expect((await signIn(two, address, PASSWORD)).status).toBe(429);
    expect((await signIn(one, address, PASSWORD)).status).toBe(429);

    const ip = nextIp();
    const guests: number[] = [];
    for (let i = 0; i < 20; i++) guests.push((await (i % 2 ? two : one).call('/api/auth/sign-in/anonymous', { body: {}, headers: from(ip) })).status);
    expect(guests.filter((s) => s === 200)).toHaveLength(10);
    expect(guests.slice(10).every((s) => s === 429)).toBe(true);
  });

  it('refuses at least 95% of 1,000 guest creations from one address in a minute, whatever it writes into X-Forwarded-For', async () => {
    clock = Date.parse('2026-12-06T15:00:00Z');
    const api = instance();
    const ip = nextIp();
    let refused = 0;
    let last: Response | undefined;
    for (let i = 0; i < 1000; i++) {
      const res = await api.call('/api/auth/sign-in/anonymous', { body: {}, headers: from(ip) });
      if (res.status === 429) refused++;
      else expect(res.status).toBe(200);
      last = res;
      if (i % 17 === 0) clock += 1_000; // the thousand spread over the minute
    }
    expect(refused).toBeGreaterThanOrEqual(950);
    expect(((await last!.json()) as ErrorJson).error).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', message: expect.stringMatching(/new guests from your network/) });
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    // another address is not held back by this one
    expect((await api.call('/api/auth/sign-in/anonymous', { body: {}, headers: from(nextIp()) })).status).toBe(200);
  });

  it('sign-up answers an existing email exactly as a new one, hands out no session, and mails the owner instead', async () => {
    clock = Date.parse('2026-12-06T16:00:00Z');
    const api = instance();
    const existing = email();
    await register(api, existing);
    const shape = async (address: string) => {
      const res = await api.call('/api/auth/sign-up/email', { body: { email: address, password: 'some other password', name: 'Eve' }, headers: from(nextIp()) });
      const body = (await res.json()) as { token: unknown; user: Record<string, unknown> };
      return {
        status: res.status,
        token: res.headers.get('set-auth-token'),
        headers: [...res.headers.keys()].filter((k) => k !== 'date').sort(),
        body: { token: body.token, user: Object.fromEntries(Object.entries(body.user).map(([k, v]) => [k, k === 'id' || k.endsWith('At') ? typeof v : k === 'email' ? 'typed' : v])) },
      };
    };
    const mailsBefore = api.mail.sent.length;
    const forExisting = await shape(existing);
    const forNew = await shape(email());
    expect(forExisting).toEqual(forNew);
    expect(forExisting).toMatchObject({ status: 200, token: null, body: { token: null } });
    // the owner hears of it; the stranger learns nothing
    expect(api.mail.sent.slice(mailsBefore).map((m) => m.to)).toEqual([existing]);
    expect((await signIn(api, existing, 'some other password')).status).toBe(401);
  });

  it('password reset answers the same for existing and unknown emails, and mails one account a few times per window at most', async () => {
    clock = Date.parse('2026-12-06T17:00:00Z');
    const api = instance({ resetMailsPerAccount: 3 });
    const existing = email();
    await register(api, existing);
    const reset = async (address: string) => {
      const res = await api.call('/api/auth/request-password-reset', { body: { email: address, redirectTo: 'http://localhost:8787/reset-password' }, headers: from(nextIp()) });
      return `${res.status} ${await res.text()}`;
    };
    const mailsBefore = api.mail.sent.length;
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await reset(existing));
    const unknown = await reset(email());
    expect(new Set([...answers, unknown]).size).toBe(1);
    expect(unknown).toMatch(/^200 /);
    expect(api.mail.sent.slice(mailsBefore).filter((m) => m.to === existing)).toHaveLength(3);
  });

  it('limits sign-ups, sign-ins and resets per address too, across accounts', async () => {
    clock = Date.parse('2026-12-06T18:00:00Z');
    const api = instance({ signUpPerAddress: 3, signInPerAddress: 4, resetPerAddress: 2 });
    const ip = nextIp();
    const ups = [];
    for (let i = 0; i < 5; i++) ups.push((await api.call('/api/auth/sign-up/email', { body: { email: email(), password: PASSWORD, name: 'x' }, headers: from(ip) })).status);
    expect(ups).toEqual([200, 200, 200, 429, 429]);
    const ins = [];
    for (let i = 0; i < 6; i++) ins.push((await signIn(api, email(), WRONG, ip)).status);
    expect(ins).toEqual([401, 401, 401, 401, 429, 429]);
    const resets = [];
    for (let i = 0; i < 3; i++) resets.push((await api.call('/api/auth/request-password-reset', { body: { email: email() }, headers: from(ip) })).status);
    expect(resets).toEqual([200, 200, 429]);
    // a new window starts afresh
    clock += LIMITS.windowSeconds * 1000;
    expect((await api.call('/api/auth/sign-up/email', { body: { email: email(), password: PASSWORD, name: 'x' }, headers: from(ip) })).status).toBe(200);
  });

  it('bounds the email (254) and the name (200) on sign-up and on a rename', async () => {
    clock = Date.parse('2026-12-06T19:00:00Z');
    const api = instance();
    const long = `${'a'.repeat(250)}@example.com`;
    const tooLongEmail = await api.call('/api/auth/sign-up/email', { body: { email: long, password: PASSWORD, name: 'x' }, headers: from(nextIp()) });
    expect(tooLongEmail.status).toBe(400);
    expect(((await tooLongEmail.json()) as ErrorJson).error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/email address is longer than 254/) });
    const tooLongName = await api.call('/api/auth/sign-up/email', { body: { email: email(), password: PASSWORD, name: 'n'.repeat(201) }, headers: from(nextIp()) });
    expect(tooLongName.status).toBe(400);
    // 100 KB names, as the probe sent, never reach the database
    const me = await api.signUp(email());
    const rename = await api.call('/api/auth/update-user', { token: me.token, body: { name: 'n'.repeat(100_000) } });
    expect(rename.status).toBe(400);
    const fine = await api.call('/api/auth/update-user', { token: me.token, body: { name: 'n'.repeat(200) } });
    expect(fine.status).toBe(200);
  });

  it('deletes an account only with its password, and a guest only with a fresh session', async () => {
    clock = Date.now();
    const api = instance();
    const address = email();
    const me = await api.signUp(address);
    const del = (token: string, password?: string) => api.call('/v1/account/delete', { token, body: { confirm: 'delete my account', ...(password ? { password } : {}) } });
    const bare = await del(me.token);
    expect(bare.status).toBe(403);
    expect(((await bare.json()) as ErrorJson).error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/password/) });
    expect((await del(me.token, WRONG)).status).toBe(403);
    expect((await api.call('/v1/account', { token: me.token })).status).toBe(200);
    expect((await del(me.token, PASSWORD)).status).toBe(200);
    expect((await api.call('/v1/account', { token: me.token })).status).toBe(401);

    const guest = await api.guest();
    clock += 6 * 60_000;
    expect((await del(guest.token)).status).toBe(403);
    clock = Date.now();
    const fresh = await api.guest();
    expect((await del(fresh.token)).status).toBe(200);
  });
});
