import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change, Mutation } from '../../shared/sync/protocol';
import { rowsOf } from '../db/client';
import { devices, events, usage } from '../db/schema';
import { at, del, put, sampleData, testApi, type Api, type Session } from '../test/api';
import { DATABASES, type TestDatabase } from '../test/databases';

const PASSWORD = 'correct horse battery';
const key = (c: { entity: string; id: string }) => `${c.entity}/${c.id}`;

let emails = 0;
const email = () => `merge${++emails}.${Date.now()}@example.com`;

type Newer = 'guest' | 'account';
type Row = Record<string, unknown>;

/** What the account's device pushes: its own records, and some the guest also has. */
function accountMutations(newer: Newer): Mutation[] {
  const d = { deviceId: 'acct-laptop' };
  return [
    put('settings', 'settings', sampleData.settings({ theme: 'account' }), { ...d, at: newer === 'account' ? 500 : 100 }),
    put('job', 'job-both-guest-newer', sampleData.job('account, older'), { ...d, at: 100 }),
    put('job', 'job-both-account-newer', sampleData.job('account, newer'), { ...d, at: 300 }),
    put('job', 'job-account', sampleData.job('account only'), { ...d, at: 100 }),
    put('cv', 'cv-account', sampleData.cv('Account CV', 'ver-a0'), { ...d, at: 100 }),
    put('cvVersion', 'ver-a0', sampleData.cvVersion('cv-account', 9), { ...d, at: 100 }),
    // the same content the guest holds as ver-g1: one version of it survives, the account's
    put('cvVersion', 'ver-a1', sampleData.cvVersion('cv-1', 1), { ...d, at: 100 }),
    put('application', 'app-account', sampleData.application('job-account', 'applied'), { ...d, at: 100 }),
    put('interviewStep', 'step-account', sampleData.interviewStep('app-account', 'Account screen'), { ...d, at: 100 }),
    put('run', 'run-account', { ...sampleData.run('app-account', 'run-account'), cvVersionId: 'ver-a0' }, { ...d, at: 100 }),
  ];
}

const RETRIED = 'guest-retried-mutation-1';

/** What the guest's device pushes: a record of every kind, collisions with the account, a tombstone. */
function guestMutations(newer: Newer): Mutation[] {
  const d = { deviceId: 'guest-phone' };
  return [
    put('settings', 'settings', sampleData.settings({ theme: 'guest', privacy: { showPageControl: false } }), { ...d, at: newer === 'guest' ? 500 : 100 }),
    put('job', 'job-both-guest-newer', sampleData.job('guest, newer'), { ...d, at: 200 }),
    put('job', 'job-both-account-newer', sampleData.job('guest, older'), { ...d, at: 200 }),
    put('job', 'job-guest', sampleData.job('guest only'), { ...d, at: 200 }),
    put('job', 'job-guest-deleted', sampleData.job('deleted by the guest'), { ...d, at: 200 }),
    put('cv', 'cv-1', sampleData.cv('Guest CV', 'ver-g1'), { ...d, at: 200 }),
    put('cvVersion', 'ver-g1', sampleData.cvVersion('cv-1', 1), { ...d, at: 200 }),
    put('cvVersion', 'ver-g2', sampleData.cvVersion('cv-1', 2), { ...d, at: 210 }),
    put('run', 'run-g1', { ...sampleData.run('app-guest', 'run-g1'), cvVersionId: 'ver-g1' }, { ...d, at: 220 }),
    put('run', 'run-g2', { ...sampleData.run('app-guest', 'run-g2'), cvVersionId: 'ver-g2' }, { ...d, at: 230 }),
    put('application', 'app-guest', sampleData.application('job-guest', 'interviewing'), { ...d, at: 240, mutationId: `${RETRIED}-${randomUUID()}` }),
    put('interviewStep', 'step-guest', sampleData.interviewStep('app-guest', 'Guest on-site'), { ...d, at: 250 }),
  ];
}

describe.each(DATABASES)('guest to account on $kind', ({ create }) => {
  let t: TestDatabase;
  let api: Api;
  /** The merge's probe: records every step, and throws at `failAt`. */
  let failAt: string | undefined;
  const steps: string[] = [];
  beforeAll(async () => {
    t = await create();
    api = testApi(t.handle, {
      mergeProbe: (step) => {
        steps.push(step);
        if (step === failAt) throw new Error(`fault injected at ${step}`);
      },
    });
  });
  afterAll(() => t.drop());

  const query = async <T = Row>(q: ReturnType<typeof sql>) => rowsOf<T>(await t.handle.db.execute(q));

  type Table = { s: string; n: string };
  const tables = async (where: ReturnType<typeof sql>) =>
    query<Table>(sql`select distinct table_schema as s, table_name as n from information_schema.columns where table_schema in ('public', 'analytics') and ${where} order by 1, 2`);
  const name = ({ s, n }: Table) => sql`${sql.identifier(s)}.${sql.identifier(n)}`;

  /** Every row of every table, in a stable order: the whole database, to compare before and after (one query). */
  async function dump(): Promise<Record<string, unknown>> {
    // every table but the credential limits' counters, which count each attempt whatever becomes of it
    const all = await tables(sql`table_name in (select table_name from information_schema.tables where table_type = 'BASE TABLE' and table_name <> 'rate_buckets')`);
    expect(all.length).toBeGreaterThanOrEqual(14);
    const columns = all.map((t) => sql`(select coalesce(json_agg(to_jsonb(x) order by to_jsonb(x)::text), '[]')::text from ${name(t)} x) as ${sql.identifier(`${t.s}.${t.n}`)}`);
    const [row] = await query<Record<string, string>>(sql`select ${sql.join(columns, sql`, `)}`);
    return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, JSON.parse(v) as unknown]));
  }

  /** How many rows each table with a user_id holds for a user (tables with none left out). */
  async function rowsOwnedBy(userId: string): Promise<Record<string, number>> {
    const owned = await tables(sql`column_name = 'user_id'`);
    const columns = owned.map((t) => sql`(select count(*) from ${name(t)} where user_id = ${userId})::int as ${sql.identifier(`${t.s}.${t.n}`)}`);
    const [row] = await query<Record<string, number>>(sql`select ${sql.join(columns, sql`, `)}`);
    return Object.fromEntries(Object.entries(row!).filter(([, c]) => Number(c) > 0).map(([k, c]) => [k, Number(c)]));
  }

  async function seedAccount(newer: Newer): Promise<{ account: Session; email: string; mutations: Mutation[]; cursor: number }> {
    const address = email();
    const account = await api.signUp(address, PASSWORD);
    const mutations = accountMutations(newer);
    expect((await api.push(account.token, 'acct-laptop', mutations)).every((r) => r.status === 'applied')).toBe(true);
    const { cursor } = await api.pullAll(account.token);
    await t.handle.db.insert(usage).values([
      { userId: account.userId, day: '2026-01-01', runs: 2, inputTokens: 100, outputTokens: 50, costMicros: 1000 },
      { userId: account.userId, day: '2026-01-03', runs: 1, inputTokens: 1, outputTokens: 1, costMicros: 1 },
    ]);
    const tabletSeen = newer === 'account' ? '2026-01-05T00:00:00.000Z' : '2026-01-01T00:00:00.000Z';
    await t.handle.db.insert(devices).values({ userId: account.userId, deviceId: 'shared-tablet', name: 'Old tablet', lastSeenAt: new Date(tabletSeen), lastCursor: 42, pushes: 4, pulls: 6 });
    await t.handle.db.insert(events).values({ userId: account.userId, deviceId: 'acct-laptop', name: 'page_view', at: new Date(at(1)) });
    return { account, email: address, mutations, cursor };
  }

  async function seedGuest(newer: Newer): Promise<{ guest: Session; mutations: Mutation[] }> {
    const guest = await api.guest();
    const mutations = guestMutations(newer);
    expect((await api.push(guest.token, 'guest-phone', mutations)).every((r) => r.status === 'applied')).toBe(true);
    const tombstone = del('job', 'job-guest-deleted', { deviceId: 'guest-phone', at: 260 });
    expect((await api.push(guest.token, 'guest-phone', [tombstone]))[0]!.status).toBe('applied');
    mutations.push(tombstone);
    await t.handle.db.insert(usage).values([
      { userId: guest.userId, day: '2026-01-01', runs: 3, inputTokens: 10, outputTokens: 5, costMicros: 7 },
      { userId: guest.userId, day: '2026-01-02', runs: 1, inputTokens: 20, outputTokens: 10, costMicros: 300 },
    ]);
    const tabletSeen = newer === 'guest' ? '2026-01-05T00:00:00.000Z' : '2026-01-01T00:00:00.000Z';
    await t.handle.db.insert(devices).values({ userId: guest.userId, deviceId: 'shared-tablet', name: 'Tablet', lastSeenAt: new Date(tabletSeen), lastCursor: 7, pushes: 1, pulls: 2 });
    await t.handle.db.insert(events).values([
      { userId: guest.userId, deviceId: 'guest-phone', name: 'page_view', at: new Date(at(2)) },
      { userId: guest.userId, deviceId: 'guest-phone', name: 'run_started', props: { provider: 'offline' }, at: new Date(at(3)) },
    ]);
    return { guest, mutations };
  }

  /** A mutation as the change a pull returns for it (its seq aside). */
  const asChange = (m: Mutation, data: unknown = m.data) => ({ entity: m.entity, id: m.id, op: m.op, updatedAt: m.updatedAt, deviceId: m.deviceId, ...(m.op === 'put' ? { data } : {}) });
  const withoutSeq = ({ seq: _seq, ...c }: Change) => c;
  const byKey = <T extends { entity: string; id: string }>(list: T[]) => Object.fromEntries(list.map((c) => [key(c), c]));

  /** The records a guest who signs in to the account is expected to leave there, by the merge's rules. */
  function expectedRecords(accountMs: Mutation[], guestMs: Mutation[]) {
    const latest = (ms: Mutation[]) => {
      const out = new Map<string, Mutation>();
      for (const m of ms) out.set(key(m), m);
      return out;
    };
    const mine = latest(accountMs);
    const theirs = latest(guestMs);
    const expected = new Map<string, ReturnType<typeof asChange>>();
    for (const [k, m] of mine) expected.set(k, asChange(m));
    const moved = new Set<string>();
    for (const [k, g] of theirs) {
      if (k === 'cvVersion/ver-g1') continue; // the account's ver-a1 has the same content
      const a = mine.get(k);
      if (a && (g.updatedAt < a.updatedAt || (g.updatedAt === a.updatedAt && g.deviceId <= a.deviceId))) continue;
      let data = g.data;
      if (k === 'cv/cv-1') data = { ...(data as object), currentVersionId: 'ver-a1' };
      if (k === 'run/run-g1') data = { ...(data as object), cvVersionId: 'ver-a1' };
      expected.set(k, asChange(g, data));
      moved.add(k);
    }
    return { expected: Object.fromEntries(expected), moved };
  }

  async function usageOf(userId: string) {
    return query(sql`select day::text as day, runs, input_tokens::int as input, output_tokens::int as output, cost_micros::int as cost from usage where user_id = ${userId} order by day`);
  }
  async function devicesOf(userId: string) {
    return query<Row>(sql`select device_id, name, last_seen_at, last_cursor::int as last_cursor, pushes, pulls from devices where user_id = ${userId} order by device_id`);
  }
  async function eventsOf(userId: string) {
    return query(sql`select id::int as id, device_id, name, props from analytics.events where user_id = ${userId} order by id`);
  }
  async function mutationIdsOf(userId: string) {
    return (await query<{ m: string }>(sql`select mutation_id || ' ' || entity || ' ' || entity_id as m from sync_mutations where user_id = ${userId}`)).map((r) => r.m).sort();
  }

  it.each(['guest', 'account'] as const)(
    'a guest who signs in to an account with data of its own: every row lands where it should (newer settings on the %s)',
    async (newer) => {
      const { account, email: address, mutations: accountMs, cursor } = await seedAccount(newer);
      const { guest, mutations: guestMs } = await seedGuest(newer);
      const guestOwned = await rowsOwnedBy(guest.userId);
      // data in at least 8 tables, sessions and the user aside
      expect(Object.keys(guestOwned).filter((n) => n !== 'public.sessions')).toHaveLength(11);
      const before = {
        usage: await usageOf(account.userId),
        devices: { account: await devicesOf(account.userId), guest: await devicesOf(guest.userId) },
        events: { account: await eventsOf(account.userId), guest: await eventsOf(guest.userId) },
        mutations: { account: await mutationIdsOf(account.userId), guest: await mutationIdsOf(guest.userId) },
      };

      const signedIn = await api.signIn(address, PASSWORD, guest.token);
      expect(signedIn.userId).toBe(account.userId);

      // the guest is gone, with its sessions, and owns nothing
      expect(await rowsOwnedBy(guest.userId)).toEqual({});
      expect(await query(sql`select id from users where id = ${guest.userId}`)).toEqual([]);
      expect((await api.call('/v1/sync/pull', { token: guest.token })).status).toBe(401);

      // every synced record, exactly
      const { expected, moved } = expectedRecords(accountMs, guestMs);
      const all = await api.pullAll(signedIn.token);
      expect(byKey(all.changes.map(withoutSeq))).toEqual(expected);
      expect(expected['settings/settings']!.deviceId).toBe(newer === 'guest' ? 'guest-phone' : 'acct-laptop');
      expect((expected['job/job-both-guest-newer']!.data as { posting: { title: string } }).posting.title).toBe('guest, newer');
      expect((expected['job/job-both-account-newer']!.data as { posting: { title: string } }).posting.title).toBe('account, newer');
      expect(expected['job/job-guest-deleted']).toMatchObject({ op: 'delete' });
      expect(expected).not.toHaveProperty('cvVersion/ver-g1');
      expect(await query(sql`select id, cv_version_id from runs where user_id = ${account.userId} order by id`)).toEqual([
        { id: 'run-account', cv_version_id: 'ver-a0' },
        { id: 'run-g1', cv_version_id: 'ver-a1' },
        { id: 'run-g2', cv_version_id: 'ver-g2' },
      ]);
      expect(await query(sql`select id, current_version_id from cvs where user_id = ${account.userId} order by id`)).toEqual([
        { id: 'cv-1', current_version_id: 'ver-a1' },
        { id: 'cv-account', current_version_id: 'ver-a0' },
      ]);

      // usage summed per day
      expect(before.usage).toHaveLength(2);
      expect(await usageOf(account.userId)).toEqual([
        { day: '2026-01-01', runs: 5, input: 110, output: 55, cost: 1007 },
        { day: '2026-01-02', runs: 1, input: 20, output: 10, cost: 300 },
        { day: '2026-01-03', runs: 1, input: 1, output: 1, cost: 1 },
      ]);
      // devices: the shared one keeps its newest sighting and sums its counters; the guest's own comes along
      const accountTablet = before.devices.account.find((d) => d.device_id === 'shared-tablet')!;
      const guestTablet = before.devices.guest.find((d) => d.device_id === 'shared-tablet')!;
      const newest = newer === 'guest' ? guestTablet : accountTablet;
      const phone = before.devices.guest.find((d) => d.device_id === 'guest-phone')!;
      expect(await devicesOf(account.userId)).toEqual([
        before.devices.account.find((d) => d.device_id === 'acct-laptop'),
        { ...phone, last_cursor: 0 },
        { device_id: 'shared-tablet', name: newest.name, last_seen_at: newest.last_seen_at, last_cursor: 42, pushes: 5, pulls: 8 },
      ]);
      // telemetry follows the person; mutation ids too
      expect(await eventsOf(account.userId)).toEqual([...before.events.account, ...before.events.guest].sort((a, b) => Number(a.id) - Number(b.id)));
      expect(await mutationIdsOf(account.userId)).toEqual([...before.mutations.account, ...before.mutations.guest].sort());

      // the account's other device, pulling from where it was, receives what moved in, and nothing it already had
      const laptop = await api.pullAll(account.token, cursor);
      expect(new Set(laptop.changes.map(key))).toEqual(moved);
      for (const c of laptop.changes) expect(withoutSeq(c)).toEqual(expected[key(c)]);
      expect(moved).toContain('job/job-both-guest-newer');
      expect(moved.has('settings/settings')).toBe(newer === 'guest');
      expect(moved).not.toContain('job/job-both-account-newer');

      // the guest's device retries a push it never heard back about, now as the account: already applied
      const retried = guestMs.find((m) => m.mutationId.startsWith(RETRIED))!;
      const rowBefore = await query(sql`select * from applications where user_id = ${account.userId} and id = 'app-guest'`);
      const [result] = await api.push(signedIn.token, 'guest-phone', [{ ...retried, updatedAt: at(10_000), data: sampleData.application('job-guest', 'rejected') }]);
      expect(result).toEqual({ mutationId: retried.mutationId, status: 'duplicate' });
      expect(await query(sql`select * from applications where user_id = ${account.userId} and id = 'app-guest'`)).toEqual(rowBefore);
    },
  );

  it('a guest who signs up keeps everything, exactly', async () => {
    const { guest, mutations } = await seedGuest('guest');
    const before = { usage: await usageOf(guest.userId), devices: await devicesOf(guest.userId), events: await eventsOf(guest.userId), mutations: await mutationIdsOf(guest.userId) };
    const account = await api.signUp(email(), PASSWORD, guest.token);
    expect(account.userId).not.toBe(guest.userId);

    expect(await rowsOwnedBy(guest.userId)).toEqual({});
    expect(await query(sql`select id from users where id = ${guest.userId}`)).toEqual([]);
    expect((await api.call('/v1/sync/pull', { token: guest.token })).status).toBe(401);

    const { expected } = expectedRecords([], mutations);
    expect(byKey((await api.pullAll(account.token)).changes.map(withoutSeq))).toEqual({
      ...expected,
      // nothing to deduplicate against: the guest's own version stays, and what pointed at it
      'cv/cv-1': asChange(mutations.find((m) => m.id === 'cv-1')!),
      'cvVersion/ver-g1': asChange(mutations.find((m) => m.id === 'ver-g1')!),
      'run/run-g1': asChange(mutations.find((m) => m.id === 'run-g1')!),
    });
    expect(await usageOf(account.userId)).toEqual(before.usage);
    expect(await devicesOf(account.userId)).toEqual(before.devices.map((d) => ({ ...d, last_cursor: 0 })));
    expect(await eventsOf(account.userId)).toEqual(before.events);
    expect(await mutationIdsOf(account.userId)).toEqual(before.mutations);
  });

  it('a fault at any step of the merge leaves the database exactly as it was, and a retry then succeeds', async () => {
    // a dry run finds the steps
    {
      const { email: address } = await seedAccount('guest');
      const { guest } = await seedGuest('guest');
      steps.length = 0;
      await api.signIn(address, PASSWORD, guest.token);
    }
    const seen = [...steps];
    expect(seen.length).toBeGreaterThanOrEqual(8);
    expect(seen.at(-1)).toBe('guest deleted');

    // One guest tries again and again, failing at each step in turn: since every failure must leave the database
    // exactly as it was (the same dump each time), the retry at the end starts from the state every fault left.
    const { account, email: address } = await seedAccount('guest');
    const { guest, mutations } = await seedGuest('guest');
    const before = await dump();
    for (const step of seen) {
      failAt = step;
      const res = await api.call('/api/auth/sign-in/email', { body: { email: address, password: PASSWORD }, token: guest.token });
      failAt = undefined;
      expect(res.ok, step).toBe(false);
      expect(res.status, step).toBe(500);
      expect(res.headers.get('set-auth-token'), step).toBeNull();
      expect(((await res.json()) as { message: string }).message, step).toMatch(/nothing changed.*try again/i);
      expect(await dump(), `after a fault at "${step}"`).toEqual(before);
      // the guest is still there, signed in, with all of it
      const own = await api.pullAll(guest.token);
      expect(own.changes.map(key).sort(), step).toEqual([...new Set(mutations.map(key))].sort());
    }

    const retried = await api.signIn(address, PASSWORD, guest.token);
    expect(retried.userId).toBe(account.userId);
    expect(await rowsOwnedBy(guest.userId)).toEqual({});
    expect(await query(sql`select id from users where id = ${guest.userId}`)).toEqual([]);
    const { expected } = expectedRecords(accountMutations('guest'), mutations);
    expect(byKey((await api.pullAll(retried.token)).changes.map(withoutSeq))).toEqual(expected);
    expect(await usageOf(account.userId)).toEqual([
      { day: '2026-01-01', runs: 5, input: 110, output: 55, cost: 1007 },
      { day: '2026-01-02', runs: 1, input: 20, output: 10, cost: 300 },
      { day: '2026-01-03', runs: 1, input: 1, output: 1, cost: 1 },
    ]);
  });

  it('a guest who registers moves in at the sign-in after it: a fault there leaves the guest whole, and signing in again succeeds', async () => {
    const { guest, mutations } = await seedGuest('guest');
    const address = email();
    // sign-up makes the account but no session, so nothing of the guest moves yet
    const signedUp = await api.call('/api/auth/sign-up/email', { body: { email: address, password: PASSWORD, name: 'x' }, token: guest.token });
    expect(signedUp.status).toBe(200);
    expect(signedUp.headers.get('set-auth-token')).toBeNull();
    expect((await api.pullAll(guest.token)).changes.map(key).sort()).toEqual([...new Set(mutations.map(key))].sort());
    const before = await dump();
    failAt = 'jobs';
    const res = await api.call('/api/auth/sign-in/email', { body: { email: address, password: PASSWORD }, token: guest.token });
    failAt = undefined;
    expect(res.status).toBe(500);
    expect(res.headers.get('set-auth-token')).toBeNull();
    expect(await dump()).toEqual(before);

    const account = await api.signIn(address, PASSWORD, guest.token);
    expect(await rowsOwnedBy(guest.userId)).toEqual({});
    expect((await api.pullAll(account.token)).changes.map(key).sort()).toEqual([...new Set(mutations.map(key))].sort());
  });
});
