import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PUSH_MUTATIONS, SYNC_ENTITIES, type Change, type Mutation, type SyncData, type SyncEntity } from '../../shared/sync/protocol';
import { rowsOf } from '../db/client';
import { at, del, put, sampleData, testApi, type Api } from '../test/api';
import { EXTENSION_ORIGIN } from '../test/config';
import { DATABASES, type TestDatabase } from '../test/databases';
import { RECORDS } from './records';
import { apply } from './push';

type ErrorJson = { error: { code: string; message: string } };

const MARK = 'PRIVATE-MARKER';

/** Every entity with every optional field set, and a marker in each free-text field (to find leftovers after a delete). */
const full: { [E in SyncEntity]: SyncData[E] } = {
  cv: { name: `${MARK} CV`, currentVersionId: 'ver-1', createdAt: at(1) },
  cvVersion: {
    cvId: 'cv-1',
    contentHash: 'c'.repeat(64),
    cv: { basics: { name: 'Ada Lovelace', summary: `${MARK} summary` }, work: [{ id: 'w1', name: 'Analytical Engines', position: 'Engineer', highlights: [{ id: 'h1', text: `${MARK} bullet` }] }] } as unknown as SyncData['cvVersion']['cv'],
    text: `${MARK} the text the CV came from`,
    source: { kind: 'pdf', fileName: `${MARK}.pdf` },
    note: `${MARK} note`,
    createdAt: at(2),
  },
  job: {
    posting: {
      title: `${MARK} Engineer`, company: `${MARK} Corp`, location: 'Berlin', remote: 'hybrid', employmentType: 'full-time', salary: '€80k',
      description: `${MARK} posting text.\n\n- build things`, url: 'https://jobs.example/1', site: 'greenhouse', scrapedAt: at(3), warnings: [],
    },
    url: `https://jobs.example/${MARK}`,
    site: `${MARK}-site`,
    contentHash: 'job-hash-1',
    createdAt: at(3),
  },
  application: {
    jobId: 'job-1', company: `${MARK} Corp`, title: `${MARK} Engineer`, url: `https://jobs.example/${MARK}`, status: 'interviewing',
    statusHistory: [{ status: 'saved', at: at(4) }, { status: 'interviewing', at: at(5) }], notes: `${MARK} notes`, lastRunId: 'run-1',
    funnel: { step: 'applied', reached: { saved: true, tailored: true, applied: true }, reachedAt: { saved: at(4), applied: at(5) } },
    createdAt: at(4),
  },
  interviewStep: { applicationId: 'app-1', kind: 'technical', title: `${MARK} take-home`, at: '2026-02-01T09:00:00.000Z', outcome: 'passed', notes: `${MARK} went well`, createdAt: at(6) },
  run: { ...sampleData.run('app-1', 'run-1'), run: { ...sampleData.run('app-1', 'run-1').run, inputs: { ...sampleData.run().run.inputs, job: { ...sampleData.job().posting, description: `${MARK} snapshot` } } } },
  settings: { data: { theme: 'dark', note: `${MARK} setting`, nested: { a: [1, 2, { b: null }] } }, createdAt: at(7) },
};

/** The same entities with no optional field at all (and an application saved before the funnel was recorded). */
const minimal: { [E in SyncEntity]: SyncData[E] } = {
  cv: { name: '', currentVersionId: 'ver-1', createdAt: at(1) },
  cvVersion: { cvId: 'cv-1', contentHash: 'd'.repeat(64), cv: { basics: { name: 'Ada' } } as SyncData['cvVersion']['cv'], source: { kind: 'edit' }, createdAt: at(2) },
  job: { posting: { title: 'T', company: '', remote: 'unknown', description: 'D', warnings: [] }, contentHash: 'h', createdAt: at(3) },
  application: { jobId: 'job-1', company: '', title: '', status: 'saved', statusHistory: [], notes: '', createdAt: at(4) },
  interviewStep: { applicationId: 'app-1', kind: 'other', title: '', outcome: 'pending', notes: '', createdAt: at(6) },
  run: sampleData.run('app-1', 'run-1'),
  settings: { data: {}, createdAt: at(7) },
};

const OPTIONAL_FIELDS: Partial<Record<SyncEntity, string[]>> = {
  cvVersion: ['text', 'note'],
  job: ['url', 'site'],
  application: ['url', 'lastRunId', 'funnel'],
  interviewStep: ['at'],
};

const idOf = (entity: SyncEntity, suffix = '') => (entity === 'settings' ? 'settings' : `${entity}-1${suffix}`);
const key = (c: { entity: string; id: string }) => `${c.entity}/${c.id}`;
const title = (c: Change | undefined) => (c?.data as SyncData['job'] | undefined)?.posting.title;

describe.each(DATABASES)('sync on $kind', ({ kind, create }) => {
  let t: TestDatabase;
  let api: Api;
  beforeAll(async () => {
    t = await create();
    api = testApi(t.handle);
  });
  afterAll(() => t.drop());

  /** The server's row for a record, as stored. */
  async function row(entity: SyncEntity, userId: string, id: string): Promise<Record<string, unknown> | undefined> {
    const table = sql.identifier(RECORDS[entity].name);
    return rowsOf<Record<string, unknown>>(await t.handle.db.execute(sql`select * from ${table} where user_id = ${userId} and id = ${id}`))[0];
  }

  /** The one change a full pull holds for a record. */
  async function current(token: string, entity: SyncEntity, id: string): Promise<Change | undefined> {
    const { changes } = await api.pullAll(token);
    const mine = changes.filter((c) => c.entity === entity && c.id === id);
    expect(mine.length).toBeLessThanOrEqual(1);
    return mine[0];
  }

  it('a put comes back from a pull exactly as sent, for every entity, optional fields absent rather than null', async () => {
    const me = await api.guest();
    const mutations = [
      ...SYNC_ENTITIES.map((e) => put(e, idOf(e), full[e], { at: 10, deviceId: 'laptop' })),
      ...SYNC_ENTITIES.filter((e) => e !== 'settings').map((e) => put(e, idOf(e, '-min'), minimal[e], { at: 11, deviceId: 'laptop' })),
    ];
    const results = await api.push(me.token, 'laptop', mutations);
    expect(results.map((r) => r.status)).toEqual(mutations.map(() => 'applied'));
    expect(results.map((r) => r.mutationId)).toEqual(mutations.map((m) => m.mutationId));

    const { changes } = await api.pullAll(me.token);
    expect(changes).toHaveLength(mutations.length);
    for (const m of mutations) {
      const c = changes.find((x) => x.entity === m.entity && x.id === m.id);
      expect(c, key(m)).toBeDefined();
      expect(c).toMatchObject({ op: 'put', updatedAt: m.updatedAt, deviceId: 'laptop' });
      // strict: a field that went in absent must not come back as null or undefined
      expect(c!.data, key(m)).toStrictEqual(m.data);
    }
    for (const [entity, fields] of Object.entries(OPTIONAL_FIELDS)) {
      const data = changes.find((c) => c.entity === entity && c.id === idOf(entity, '-min'))!.data as Record<string, unknown>;
      for (const f of fields) expect(Object.keys(data), `${entity}.${f}`).not.toContain(f);
    }
    const withFunnel = changes.find((c) => c.id === 'application-1')!.data as SyncData['application'];
    expect(withFunnel.funnel).toEqual(full.application.funnel);
  });

  it('an application funnel can be recorded later, and one that only names a step comes back as sent', async () => {
    const me = await api.guest();
    const noFunnel = { ...minimal.application, company: 'Acme' };
    await api.push(me.token, 'd', [put('application', 'a1', noFunnel, { at: 1 })]);
    expect((await current(me.token, 'application', 'a1'))!.data).toStrictEqual(noFunnel);
    const stepOnly = { ...noFunnel, funnel: { step: 'tailored' as const, reached: {}, reachedAt: {} } };
    await api.push(me.token, 'd', [put('application', 'a1', stepOnly, { at: 2 })]);
    expect((await current(me.token, 'application', 'a1'))!.data).toStrictEqual(stepOnly);
  });

  describe('last writer wins by updatedAt, then deviceId', () => {
    const job = (name: string) => sampleData.job(name);

    it('an older write arriving after a newer one is stale and answered with the newer record', async () => {
      const me = await api.guest();
      const [newer] = await api.push(me.token, 'b', [put('job', 'j', job('newer'), { at: 2000, deviceId: 'b' })]);
      expect(newer!.status).toBe('applied');
      const [older] = await api.push(me.token, 'a', [put('job', 'j', job('older'), { at: 1000, deviceId: 'a' })]);
      expect(older!.status).toBe('stale');
      expect(older!.current).toMatchObject({ entity: 'job', id: 'j', op: 'put', updatedAt: at(2000), deviceId: 'b' });
      expect(title(older!.current)).toBe('newer');
      expect(title(await current(me.token, 'job', 'j'))).toBe('newer');
    });

    it('a newer write arriving after an older one replaces it', async () => {
      const me = await api.guest();
      await api.push(me.token, 'a', [put('job', 'j', job('older'), { at: 1000, deviceId: 'a' })]);
      const { cursor } = await api.pullAll(me.token);
      const [newer] = await api.push(me.token, 'b', [put('job', 'j', job('newer'), { at: 2000, deviceId: 'b' })]);
      expect(newer!.status).toBe('applied');
      const after = await api.pullAll(me.token, cursor);
      expect(after.changes.map((c) => [c.id, title(c)])).toEqual([['j', 'newer']]);
    });

    it.each([
      ['device-a first', ['device-a', 'device-b']],
      ['device-b first', ['device-b', 'device-a']],
    ])('on the same updatedAt the larger device id wins, whatever arrives first (%s)', async (_, order) => {
      const me = await api.guest();
      const results = [];
      for (const d of order) results.push(...(await api.push(me.token, d, [put('job', 'j', job(`from ${d}`), { at: 5000, deviceId: d })])));
      expect(title(await current(me.token, 'job', 'j'))).toBe('from device-b');
      const fromA = results[order.indexOf('device-a')]!;
      const fromB = results[order.indexOf('device-b')]!;
      expect(fromB.status).toBe('applied');
      if (order[0] === 'device-a') expect(fromA.status).toBe('applied');
      else {
        expect(fromA.status).toBe('stale');
        expect(fromA.current).toMatchObject({ deviceId: 'device-b', updatedAt: at(5000) });
      }
    });

    it('two mutations for one record in one batch: the later applies, the other is stale with the winner, in either order', async () => {
      const me = await api.guest();
      const older = put('job', 'j1', job('older'), { at: 1 });
      const newer = put('job', 'j1', job('newer'), { at: 2 });
      const r1 = await api.push(me.token, 'd', [older, newer]);
      expect(r1.map((r) => r.status)).toEqual(['stale', 'applied']);
      expect(title(r1[0]!.current)).toBe('newer');

      const newer2 = put('job', 'j2', job('newer'), { at: 2 });
      const older2 = put('job', 'j2', job('older'), { at: 1 });
      const r2 = await api.push(me.token, 'd', [newer2, older2]);
      expect(r2.map((r) => r.status)).toEqual(['applied', 'stale']);
      expect(title(r2[1]!.current)).toBe('newer');

      // a put and a later delete of the same record in one batch leave a tombstone
      const r3 = await api.push(me.token, 'd', [put('job', 'j3', job('x'), { at: 1 }), del('job', 'j3', { at: 2 })]);
      expect(r3.map((r) => r.status)).toEqual(['stale', 'applied']);
      expect(r3[0]!.current).toMatchObject({ op: 'delete', id: 'j3' });

      const { changes } = await api.pullAll(me.token);
      expect(changes.map((c) => [c.id, c.op, title(c)])).toEqual([
        ['j1', 'put', 'newer'],
        ['j2', 'put', 'newer'],
        ['j3', 'delete', undefined],
      ]);
    });
  });

  it('a retried mutation id is a duplicate and changes nothing, even with other content', async () => {
    const me = await api.guest();
    const first = put('job', 'j', sampleData.job('first'), { at: 1, mutationId: 'mutation-0001' });
    expect((await api.push(me.token, 'd', [first]))[0]!.status).toBe('applied');
    const { cursor } = await api.pullAll(me.token);
    const before = await row('job', me.userId, 'j');

    const retried = put('job', 'j', sampleData.job('changed'), { at: 99, mutationId: 'mutation-0001' });
    const results = await api.push(me.token, 'd', [retried, retried]);
    expect(results).toEqual([
      { mutationId: 'mutation-0001', status: 'duplicate' },
      { mutationId: 'mutation-0001', status: 'duplicate' },
    ]);
    // a retried delete is a duplicate too
    expect((await api.push(me.token, 'd', [del('job', 'j', { at: 100, mutationId: 'mutation-0001' })]))[0]!.status).toBe('duplicate');

    expect(await row('job', me.userId, 'j')).toEqual(before);
    const after = await api.pull(me.token, cursor);
    expect(after).toEqual({ changes: [], cursor, more: false });
    expect(title(await current(me.token, 'job', 'j'))).toBe('first');

    // one id twice in one batch is one mutation: the first copy applies, and both copies get its answer
    const twice = await api.push(me.token, 'd', [put('job', 'k', sampleData.job('one'), { at: 1, mutationId: 'mutation-0002' }), put('job', 'k', sampleData.job('two'), { at: 2, mutationId: 'mutation-0002' })]);
    expect(twice.map((r) => r.status)).toEqual(['applied', 'applied']);
    expect(title(await current(me.token, 'job', 'k'))).toBe('one');
    // …and an invalid first copy is not reported as applied because a second copy follows
    const invalidFirst = await api.push(me.token, 'd', [
      { ...put('job', 'm', sampleData.job(), { mutationId: 'mutation-0003' }), data: { nope: true } },
      put('job', 'm', sampleData.job(), { mutationId: 'mutation-0003' }),
    ]);
    expect(invalidFirst.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await current(me.token, 'job', 'm')).toBeUndefined();
  });

  it.each(['cvVersion', 'run'] as const)('an immutable %s is never overwritten, and its delete is final', async (entity) => {
    const me = await api.guest();
    const first = entity === 'cvVersion' ? sampleData.cvVersion('cv-1', 1) : sampleData.run('app-1', 'r1');
    const second = entity === 'cvVersion' ? { ...sampleData.cvVersion('cv-1', 2) } : sampleData.run('app-2', 'r2');
    expect((await api.push(me.token, 'd', [put(entity, 'x', first, { at: 10 })]))[0]!.status).toBe('applied');
    const before = await row(entity, me.userId, 'x');

    // a later put with other content, and an earlier one: both lose to the first write
    for (const when of [20, 5]) {
      const [r] = await api.push(me.token, 'e', [put(entity, 'x', second, { at: when, deviceId: 'zzz' })]);
      expect(r!.status).toBe('stale');
      expect(r!.current).toMatchObject({ entity, id: 'x', op: 'put', updatedAt: at(10), deviceId: 'device-a' });
      expect(r!.current!.data).toStrictEqual(first);
    }
    expect(await row(entity, me.userId, 'x')).toEqual(before);

    // a delete applies even if its clock is behind, and nothing brings the record back
    expect((await api.push(me.token, 'd', [del(entity, 'x', { at: 1 })]))[0]!.status).toBe('applied');
    const [again] = await api.push(me.token, 'd', [put(entity, 'x', first, { at: 1000 })]);
    expect(again!.status).toBe('stale');
    expect(again!.current).toMatchObject({ op: 'delete', id: 'x' });
    expect(again!.current).not.toHaveProperty('data');
    const [twice] = await api.push(me.token, 'd', [del(entity, 'x', { at: 2000 })]);
    expect(twice!.status).toBe('stale');
    expect((await current(me.token, entity, 'x'))!.op).toBe('delete');
  });

  it('a delete is a tombstone: it pulls as op delete without data, and the server keeps none of the content', async () => {
    const me = await api.guest();
    await api.push(me.token, 'd', SYNC_ENTITIES.map((e) => put(e, idOf(e), full[e], { at: 10 })));
    for (const e of SYNC_ENTITIES) expect(JSON.stringify(await row(e, me.userId, idOf(e)))).toContain(MARK);
    const { cursor } = await api.pullAll(me.token);

    const results = await api.push(me.token, 'd', SYNC_ENTITIES.map((e) => del(e, idOf(e), { at: 20 })));
    expect(results.map((r) => r.status)).toEqual(SYNC_ENTITIES.map(() => 'applied'));
    const { changes } = await api.pullAll(me.token, cursor);
    expect(changes).toHaveLength(SYNC_ENTITIES.length);
    for (const c of changes) {
      expect(c).toMatchObject({ op: 'delete', updatedAt: at(20), deviceId: 'device-a' });
      expect(c).not.toHaveProperty('data');
    }
    for (const e of SYNC_ENTITIES) {
      const r = await row(e, me.userId, idOf(e));
      expect(r, e).toBeDefined();
      expect(r!.deleted_at, e).not.toBeNull();
      // no CV text, posting, note or setting is left in any column
      expect(JSON.stringify(r), e).not.toContain(MARK);
    }
    const cvVersion = (await row('cvVersion', me.userId, idOf('cvVersion')))!;
    expect(cvVersion).toMatchObject({ cv: {}, text: null, note: null });
    expect((await row('job', me.userId, idOf('job')))!).toMatchObject({ posting: {}, url: null, site: null });

    // a delete of a record the server never saw is a tombstone too, so other devices drop their copy
    const [unseen] = await api.push(me.token, 'd', [del('application', 'never-seen', { at: 5 })]);
    expect(unseen!.status).toBe('applied');
    expect(await current(me.token, 'application', 'never-seen')).toMatchObject({ op: 'delete' });
  });

  it('a later put brings a deleted record back; an earlier one does not', async () => {
    const me = await api.guest();
    await api.push(me.token, 'd', [put('job', 'j', sampleData.job('alive'), { at: 1 })]);
    await api.push(me.token, 'd', [del('job', 'j', { at: 2 })]);
    const [earlier] = await api.push(me.token, 'e', [put('job', 'j', sampleData.job('too late'), { at: 1, deviceId: 'zzz' })]);
    expect(earlier!.status).toBe('stale');
    expect(earlier!.current).toMatchObject({ op: 'delete' });
    const [later] = await api.push(me.token, 'd', [put('job', 'j', sampleData.job('back'), { at: 3 })]);
    expect(later!.status).toBe('applied');
    const c = await current(me.token, 'job', 'j');
    expect(c).toMatchObject({ op: 'put', updatedAt: at(3) });
    expect(title(c)).toBe('back');
    expect((await row('job', me.userId, 'j'))!.deleted_at).toBeNull();
  });

  it('an invalid mutation is rejected with a message naming the field, and the rest of the batch applies', async () => {
    const me = await api.guest();
    const { company: _company, ...noCompany } = sampleData.application();
    const mutations: Mutation[] = [
      put('job', 'ok-1', sampleData.job()),
      { ...put('application', 'bad-1', sampleData.application()), data: noCompany },
      { ...put('cvVersion', 'bad-2', sampleData.cvVersion()), data: { ...sampleData.cvVersion(), contentHash: 'not-a-hash' } },
      { ...put('job', 'bad-3', sampleData.job()), data: undefined },
      put('settings', 'preferences', sampleData.settings()),
      put('interviewStep', 'ok-2', sampleData.interviewStep()),
    ];
    const results = await api.push(me.token, 'd', mutations);
    expect(results.map((r) => r.status)).toEqual(['applied', 'rejected', 'rejected', 'rejected', 'rejected', 'applied']);
    expect(results[1]!.error).toMatch(/^application: .*company/);
    expect(results[2]!.error).toMatch(/^cvVersion: .*contentHash/);
    expect(results[3]!.error).toMatch(/^job: /);
    expect(results[4]!.error).toMatch(/settings.*'settings'/);
    const { changes } = await api.pullAll(me.token);
    expect(changes.map(key).sort()).toEqual(['interviewStep/ok-2', 'job/ok-1']);
    // a rejected mutation is not remembered: fixed, the same id applies
    expect((await api.push(me.token, 'd', [{ ...mutations[1]!, data: sampleData.application() }]))[0]!.status).toBe('applied');
  });

  it('pages 1,200 records in seq order with no duplicate or gap, and an idle pull returns nothing and the same cursor', async () => {
    const me = await api.guest();
    const ids = Array.from({ length: 1200 }, (_, i) => `step-${String(i).padStart(4, '0')}`);
    for (let i = 0; i < ids.length; i += 600) {
      const results = await api.push(me.token, 'd', ids.slice(i, i + 600).map((id) => put('interviewStep', id, sampleData.interviewStep('a1', id), { at: i })));
      expect(results.every((r) => r.status === 'applied')).toBe(true);
    }
    const pages = [];
    let cursor = 0;
    for (;;) {
      const page = await api.pull(me.token, cursor, 500);
      pages.push(page);
      if (page.changes.length) expect(page.cursor).toBe(page.changes[page.changes.length - 1]!.seq);
      expect(page.cursor).toBeGreaterThan(cursor);
      cursor = page.cursor;
      if (!page.more) break;
      expect(pages.length).toBeLessThan(10);
    }
    expect(pages.map((p) => [p.changes.length, p.more])).toEqual([
      [500, true],
      [500, true],
      [200, false],
    ]);
    const all = pages.flatMap((p) => p.changes);
    const seqs = all.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(all.map((c) => c.id).sort()).toEqual(ids);
    expect(all.map((c) => (c.data as SyncData['interviewStep']).title).sort()).toEqual(ids);

    const idle = await api.pull(me.token, cursor, 500);
    expect(idle).toEqual({ changes: [], cursor, more: false });
    expect(await api.pull(me.token, cursor)).toEqual({ changes: [], cursor, more: false });
  });

  it.runIf(kind === 'postgres')('a client that only follows cursors sees every change, while pushes run concurrently', async () => {
    const me = await api.guest();
    // per round, one large batch over several tables (a long transaction) races small batches from two other devices
    // (short ones that take later sequence numbers and commit first), with fewer pushers than the pool has connections,
    // so the follower's pulls run in between
    const ROUNDS = 6;
    const ENTITIES = ['job', 'interviewStep', 'application', 'cv'] as const;
    const data = (e: (typeof ENTITIES)[number], id: string) =>
      e === 'job' ? sampleData.job(id) : e === 'interviewStep' ? sampleData.interviewStep('a1', id) : e === 'application' ? sampleData.application(id) : sampleData.cv(id);
    const pushed = new Set<string>();
    const batch = async (device: string, prefix: string, size: number, r: number) => {
      // each batch also rewrites a record of the round before, so updates race as well as inserts
      const mutations = Array.from({ length: size }, (_, i) => {
        const e = ENTITIES[i % ENTITIES.length]!;
        return i === 0 && r > 0 ? put(e, `r${r - 1}-${prefix}-4`, data(e, `again ${r}`), { at: r * 10, deviceId: device }) : put(e, `r${r}-${prefix}-${i}`, data(e, `${r}-${i}`), { at: r, deviceId: device });
      });
      for (const m of mutations) pushed.add(key(m));
      const results = await api.push(me.token, device, mutations);
      expect(results.every((x) => x.status === 'applied')).toBe(true);
    };
    const pushing = (async () => {
      for (let r = 0; r < ROUNDS; r++) {
        await Promise.all([
          batch('big', 'big', 400, r),
          ...['small-1', 'small-2'].map(async (device) => {
            for (let k = 0; k < 6; k++) await batch(device, `${device}-${k}`, 8, r);
          }),
        ]);
      }
    })();
    let finished = false;
    void pushing.then(() => (finished = true), () => (finished = true));

    const seen = new Map<string, number>();
    let cursor = 0;
    const follow = async () => {
      const page = await api.pull(me.token, cursor, 200);
      for (const c of page.changes) {
        expect(c.seq).toBeGreaterThan(cursor);
        seen.set(key(c), c.seq);
      }
      expect(page.cursor).toBeGreaterThanOrEqual(cursor);
      cursor = page.cursor;
      return page.more;
    };
    let pulls = 0;
    while (!finished) {
      await follow();
      pulls++;
    }
    await pushing;
    while (await follow()) pulls++;
    expect(pulls).toBeGreaterThan(ROUNDS);
    const missing = [...pushed].filter((k) => !seen.has(k));
    expect(missing).toEqual([]);
    // and the follower's last view of each rewritten record is the final one
    const { changes } = await api.pullAll(me.token);
    for (const c of changes) expect(seen.get(key(c)), key(c)).toBe(c.seq);
  });

  it('refuses a malformed push or pull with 400 VALIDATION_FAILED and applies nothing', async () => {
    const me = await api.guest();
    const raw = (body: string) =>
      api.app.request('/v1/sync/push', { method: 'POST', body, headers: { Origin: EXTENSION_ORIGIN, Authorization: `Bearer ${me.token}`, 'Content-Type': 'application/json' } });
    const tooMany = Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, (_, i) => put('job', `j${i}`, sampleData.job()));
    const bad: Array<[string, Response]> = [
      ['not JSON', await raw('{"deviceId": ')],
      ['no deviceId', await raw(JSON.stringify({ mutations: [] }))],
      ['device id with a NUL', await raw(JSON.stringify({ deviceId: 'd\u0000', mutations: [] }))],
      ['mutations not a list', await raw(JSON.stringify({ deviceId: 'd', mutations: 'all of them' }))],
      [`${MAX_PUSH_MUTATIONS + 1} mutations`, await raw(JSON.stringify({ deviceId: 'd', mutations: tooMany }))],
      ['pull limit 0', await api.call('/v1/sync/pull?limit=0', { token: me.token })],
      ['pull limit 5000', await api.call('/v1/sync/pull?limit=5000', { token: me.token })],
      ['pull cursor -1', await api.call('/v1/sync/pull?cursor=-1', { token: me.token })],
      ['pull cursor abc', await api.call('/v1/sync/pull?cursor=abc', { token: me.token })],
    ];
    for (const [what, res] of bad) {
      expect(res.status, what).toBe(400);
      const body = (await res.json()) as ErrorJson;
      expect(body.error.code, what).toBe('VALIDATION_FAILED');
      expect(body.error.message, what).toMatch(/send it again/);
    }
    expect((await api.pullAll(me.token)).changes).toEqual([]);
    // exactly the limit is fine
    const results = await api.push(me.token, 'd', tooMany.slice(0, MAX_PUSH_MUTATIONS));
    expect(results).toHaveLength(MAX_PUSH_MUTATIONS);
    expect(results.every((r) => r.status === 'applied')).toBe(true);
  });

  it('answers each malformed mutation rejected, with a code, alone: the rest of the batch applies', async () => {
    const me = await api.guest();
    const ok = (id: string) => put('job', id, sampleData.job(`fine ${id}`));
    const bad: Array<[string, unknown, string]> = [
      ['unknown entity', { ...put('job', 'x1', sampleData.job()), entity: 'user' }, 'INVALID'],
      ['bad op', { ...put('job', 'x2', sampleData.job()), op: 'patch' }, 'INVALID'],
      ['bad timestamp', { ...put('job', 'x3', sampleData.job()), updatedAt: 'yesterday' }, 'INVALID'],
      ['year 0', { ...put('job', 'x4', sampleData.job()), updatedAt: '0000-01-01T00:00:00.000Z' }, 'DATE_OUT_OF_RANGE'],
      ['created in 9999', put('job', 'x5', { ...sampleData.job(), createdAt: '9999-12-31T23:59:59.999Z' }), 'DATE_OUT_OF_RANGE'],
      ['short mutation id', put('job', 'x6', sampleData.job(), { mutationId: 'x' }), 'INVALID'],
      ['NUL in the title', put('job', 'x7', sampleData.job('a\u0000b')), 'STRING_INVALID'],
      ['lone surrogate in the id', put('job', 'x8\ud800', sampleData.job()), 'STRING_INVALID'],
      ['not an object', 'put everything', 'INVALID'],
    ];
    const mutations = [ok('before'), ...bad.map(([, m]) => m), ok('after')];
    const res = await api.call('/v1/sync/push', { token: me.token, body: { deviceId: 'd', mutations } });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: { status: string; code?: string; mutationId: string }[] };
    expect(results.map((r) => r.status)).toEqual(['applied', ...bad.map(() => 'rejected'), 'applied']);
    bad.forEach(([what, m, code], i) => {
      expect(results[i + 1]!.code, what).toBe(code);
      if (typeof m === 'object' && what !== 'short mutation id') expect(results[i + 1]!.mutationId, what).toBe((m as { mutationId: string }).mutationId);
    });
    expect((await api.pullAll(me.token)).changes.map((c) => c.id).sort()).toEqual(['after', 'before']);
  });

  it('a record the database refuses is rejected alone (STORE_FAILED) and the rest of the batch applies; its retry is judged again', async () => {
    const me = await api.guest();
    // a value the edge would refuse, handed straight to the writer: the database's own refusal must stay one record's
    const poison = put('job', 'poison', sampleData.job('a\u0000b'));
    const batch = [put('job', 'good-1', sampleData.job('one')), poison, put('job', 'good-2', sampleData.job('two')), put('cv', 'cv-ok', sampleData.cv())];
    const results = await apply(t.handle.db, me.userId, 'd', batch.map((m) => ({ m, data: m.data as SyncData['job'] })));
    expect(batch.map((m) => results.get(m.mutationId)?.status)).toEqual(['applied', 'rejected', 'applied', 'applied']);
    expect(results.get(poison.mutationId)).toMatchObject({ code: 'STORE_FAILED', error: expect.stringMatching(/could not store this job \(database error \w+\)/) });
    expect((await api.pullAll(me.token)).changes.map((c) => c.id).sort()).toEqual(['cv-ok', 'good-1', 'good-2']);
    const again = await apply(t.handle.db, me.userId, 'd', [{ m: poison, data: poison.data as SyncData['job'] }]);
    expect(again.get(poison.mutationId)?.status).toBe('rejected');
  });

  it('answers 401 UNAUTHORIZED without a valid session', async () => {
    const body = { deviceId: 'd', mutations: [put('job', 'j', sampleData.job())] };
    for (const token of [undefined, 'garbage', 'garbage.with-a-dot']) {
      for (const res of [await api.call('/v1/sync/push', { token, body }), await api.call('/v1/sync/pull', { token })]) {
        expect(res.status).toBe(401);
        expect(((await res.json()) as ErrorJson).error.code).toBe('UNAUTHORIZED');
      }
    }
  });
});
