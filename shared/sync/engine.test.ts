import { describe, expect, it } from 'vitest';
import { SyncEngine, type SyncStore, type SyncTransport } from './engine';
import { MemoryStore, StoreCrash } from './memory-store';
import type { Change, MutationResult, PullResponse, PushRequest, PushResponse, SyncData } from './protocol';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();

const cv = (name: string): SyncData['cv'] => ({ name, currentVersionId: 'v1', createdAt: at(0) });

/** A device whose clock the test moves, with readable mutation ids. */
function device(id = 'dev-a') {
  const clock = { ms: 0 };
  let n = 0;
  const store = new MemoryStore(id, { now: () => T0 + clock.ms, newId: () => `${id}-mutation-${++n}` });
  return { store, clock };
}

const change = (id: string, op: 'put' | 'delete', ms: number, seq: number, data?: unknown, deviceId = 'dev-b'): Change => ({
  entity: 'cv',
  id,
  op,
  updatedAt: at(ms),
  deviceId,
  seq,
  ...(op === 'put' ? { data } : {}),
});

/** A scripted server: answers each push with `answer` (default: all applied) and pulls from `pages` by cursor. */
function fakeServer(options: { answer?: (req: PushRequest) => MutationResult[]; pages?: Record<number, PullResponse> } = {}) {
  const pushes: PushRequest[] = [];
  const pulls: { cursor: number; limit: number }[] = [];
  const transport: SyncTransport = {
    async push(req) {
      pushes.push(structuredClone(req));
      const results = options.answer ? options.answer(req) : req.mutations.map((m) => ({ mutationId: m.mutationId, status: 'applied' as const }));
      return { results } satisfies PushResponse;
    },
    async pull(cursor, limit) {
      pulls.push({ cursor, limit });
      return options.pages?.[cursor] ?? { changes: [], cursor, more: false };
    },
  };
  return { transport, pushes, pulls };
}

describe('MemoryStore', () => {
  it('stamps local edits from its clock, never equal to or before the previous stamp, each with a fresh mutation id', () => {
    const { store, clock } = device();
    clock.ms = 100;
    const a = store.put('cv', 'c1', cv('one'));
    const b = store.put('cv', 'c1', cv('two')); // the clock did not move
    clock.ms = 50; // …and now it goes back
    const c = store.put('cv', 'c2', cv('three'));
    const d = store.remove('cv', 'c1')!;
    expect([a.at, b.at, c.at, d.at]).toEqual([at(100), at(101), at(102), at(103)]);
    expect(new Set([a, b, c, d].map((e) => e.mutationId)).size).toBe(4);
    expect(store.remove('cv', 'nothing-here')).toBeUndefined();
    expect(store.snapshot()).toEqual([{ entity: 'cv', id: 'c2', updatedAt: at(102), deviceId: 'dev-a', data: cv('three') }]);
    expect(store.pending().map((e) => [e.entityId, e.op])).toEqual([['c1', 'put'], ['c1', 'put'], ['c2', 'put'], ['c1', 'delete']]);
  });

  it('keeps its own copy of what it is given and what it hands out', () => {
    const { store } = device();
    const data = cv('one');
    store.put('cv', 'c1', data);
    data.name = 'changed by the caller';
    store.get('cv', 'c1')!.data = 'changed too';
    expect((store.get('cv', 'c1')!.data as SyncData['cv']).name).toBe('one');
  });

  it('applies the server\'s changes and the cursor together, skipping records with entries in the outbox', async () => {
    const { store } = device();
    store.put('cv', 'mine', cv('local edit'));
    await store.apply([change('mine', 'put', 5, 1, cv('server')), change('theirs', 'put', 5, 2, cv('server')), change('gone', 'delete', 6, 3)], 3);
    expect(await store.cursor()).toBe(3);
    expect(store.snapshot().map((r) => [r.id, (r.data as SyncData['cv']).name, r.deviceId])).toEqual([
      ['mine', 'local edit', 'dev-a'],
      ['theirs', 'server', 'dev-b'],
    ]);
    await store.apply([change('theirs', 'delete', 7, 4)]);
    expect(store.get('cv', 'theirs')).toBeUndefined();
    expect(await store.cursor()).toBe(3);
  });

  it('crashes at the chosen write, changing nothing of it and keeping everything before', async () => {
    const { store } = device();
    store.put('cv', 'c1', cv('one'));
    const [entry] = store.pending();
    store.crashAtWrite(2);
    await store.acknowledge([entry!.key]);
    await expect(store.apply([change('c2', 'put', 1, 9, cv('server'))], 9)).rejects.toThrow(StoreCrash);
    expect(store.pending()).toEqual([]);
    expect(store.get('cv', 'c2')).toBeUndefined();
    expect(await store.cursor()).toBe(0);
    // the crash is spent: the restarted device writes again
    await store.apply([change('c2', 'put', 1, 9, cv('server'))], 9);
    expect(await store.cursor()).toBe(9);
  });
});

describe('SyncEngine', () => {
  it('pushes one mutation per record: the last entry\'s id, and the record as it is now (or its delete)', async () => {
    const { store, clock } = device();
    store.put('cv', 'c1', cv('first'));
    clock.ms = 10;
    const last = store.put('cv', 'c1', cv('second'));
    store.put('cv', 'c2', cv('short-lived'));
    const del = store.remove('cv', 'c2')!;
    const server = fakeServer();
    const report = await new SyncEngine(store, server.transport).sync();

    expect(server.pushes).toHaveLength(1);
    expect(server.pushes[0]).toEqual({
      deviceId: 'dev-a',
      mutations: [
        { mutationId: last.mutationId, entity: 'cv', id: 'c1', op: 'put', updatedAt: last.at, deviceId: 'dev-a', data: cv('second') },
        { mutationId: del.mutationId, entity: 'cv', id: 'c2', op: 'delete', updatedAt: del.at, deviceId: 'dev-a' },
      ],
    });
    expect(report).toMatchObject({ pushed: 2, stale: 0, rejected: [], requests: 2 });
    expect(store.pending()).toEqual([]);
  });

  it('acknowledges only what it pushed and was answered: an edit made during the push, and an unanswered mutation, go next time', async () => {
    const { store, clock } = device();
    store.put('cv', 'c1', cv('one'));
    store.put('cv', 'c2', cv('two'));
    let during: string | undefined;
    const server = fakeServer({
      answer: (req) => {
        if (!during) {
          clock.ms = 50;
          during = store.put('cv', 'c1', cv('edited during the push')).mutationId;
        }
        // the server answers for c1 only
        return req.mutations.filter((m) => m.id === 'c1').map((m) => ({ mutationId: m.mutationId, status: 'applied' as const }));
      },
    });
    // the edit made during the push goes in the same sync; c2, never answered, stays (and the engine gives up on it)
    await expect(new SyncEngine(store, server.transport, { pushBatch: 5 }).sync()).rejects.toThrow('answered none');
    expect(server.pushes.map((p) => p.mutations.map((m) => [m.id, m.mutationId, (m.data as SyncData['cv']).name]))).toEqual([
      [['c1', 'dev-a-mutation-1', 'one'], ['c2', 'dev-a-mutation-2', 'two']],
      [['c2', 'dev-a-mutation-2', 'two'], ['c1', during, 'edited during the push']],
      [['c2', 'dev-a-mutation-2', 'two']],
    ]);
    expect(store.pending().map((e) => [e.entityId, e.mutationId])).toEqual([['c2', 'dev-a-mutation-2']]);
  });

  it('pushes in batches of pushBatch, acknowledging each batch as it is answered', async () => {
    const { store } = device();
    for (const id of ['c1', 'c2', 'c3']) store.put('cv', id, cv(id));
    let calls = 0;
    const server = fakeServer({
      answer: (req) => {
        if (++calls === 3) throw new Error('network down');
        return req.mutations.map((m) => ({ mutationId: m.mutationId, status: 'applied' as const }));
      },
    });
    await expect(new SyncEngine(store, server.transport, { pushBatch: 1 }).sync()).rejects.toThrow('network down');
    expect(server.pushes.map((p) => p.mutations.map((m) => m.id))).toEqual([['c1'], ['c2'], ['c3']]);
    expect(store.pending().map((e) => e.entityId)).toEqual(['c3']);
  });

  it('splits a batch by size so that no push body outgrows the server\'s limit, and still sends a lone large record', async () => {
    const { store } = device();
    // five CVs of ~40 KB each, and one of 150 KB, under a 100 KB cap
    for (const id of ['c1', 'c2', 'c3', 'c4', 'c5']) store.put('cv', id, cv(id.repeat(20_000)));
    store.put('cv', 'big', cv('x'.repeat(150_000)));
    const server = fakeServer();
    await new SyncEngine(store, server.transport, { maxPushBytes: 100_000 }).sync();
    const sizes = server.pushes.map((p) => JSON.stringify(p.mutations).length);
    expect(server.pushes.map((p) => p.mutations.map((m) => m.id))).toEqual([['c1', 'c2'], ['c3', 'c4'], ['c5'], ['big']]);
    expect(sizes.slice(0, 3).every((n) => n <= 100_000)).toBe(true);
    expect(store.pending()).toEqual([]);
  });

  it('keeps everything when a push fails, and retries the same mutation ids', async () => {
    const { store } = device();
    store.put('cv', 'c1', cv('one'));
    let fail = true;
    const server = fakeServer({
      answer: (req) => {
        if (fail) throw new Error('response lost');
        return req.mutations.map((m) => ({ mutationId: m.mutationId, status: 'duplicate' as const }));
      },
    });
    await expect(new SyncEngine(store, server.transport).sync()).rejects.toThrow('response lost');
    expect(store.pending()).toHaveLength(1);
    expect(server.pulls).toEqual([]);
    fail = false;
    const report = await new SyncEngine(store, server.transport).sync();
    expect(server.pushes[1]).toEqual(server.pushes[0]);
    expect(report.pushed).toBe(1);
    expect(store.pending()).toEqual([]);
  });

  it('takes the server\'s record for a stale mutation (a put, or a delete), unless the user changed it again meanwhile', async () => {
    const { store, clock } = device();
    store.put('cv', 'c1', cv('loses'));
    store.put('cv', 'c2', cv('loses too'));
    store.put('cv', 'c3', cv('loses, then edited again'));
    const winner = change('c1', 'put', 99, 7, cv('winner'));
    let first = true;
    const server = fakeServer({
      answer: (req) => {
        if (first) {
          first = false;
          clock.ms = 200;
          store.put('cv', 'c3', cv('edited during the push'));
          return req.mutations.map((m) => ({
          mutationId: m.mutationId,
          status: 'stale' as const,
            current: m.id === 'c1' ? winner : m.id === 'c2' ? change('c2', 'delete', 99, 8) : change('c3', 'put', 99, 9, cv('server c3')),
          }));
        }
        // the edit made during the first push goes in the same sync, and wins
        return req.mutations.map((m) => ({ mutationId: m.mutationId, status: 'applied' as const }));
      },
    });
    const report = await new SyncEngine(store, server.transport).sync();
    expect(report).toMatchObject({ pushed: 1, stale: 3, requests: 3 });
    expect(server.pushes[1]!.mutations.map((m) => [m.id, (m.data as SyncData['cv']).name])).toEqual([['c3', 'edited during the push']]);
    expect(store.get('cv', 'c1')).toEqual({ entity: 'cv', id: 'c1', updatedAt: at(99), deviceId: 'dev-b', data: cv('winner') });
    expect(store.get('cv', 'c2')).toBeUndefined();
    expect((store.get('cv', 'c3')!.data as SyncData['cv']).name).toBe('edited during the push');
    expect(store.pending()).toEqual([]);
  });

  it('with a store that cannot acknowledge and apply in one write, acknowledges and then applies the stale answer', async () => {
    const { store } = device();
    store.put('cv', 'c1', cv('loses'));
    const winner = change('c1', 'put', 99, 7, cv('winner'));
    const calls: string[] = [];
    const plain: SyncStore = {
      deviceId: store.deviceId,
      outbox: (limit) => store.outbox(limit),
      read: (entity, id) => store.read(entity, id),
      acknowledge: (keys) => (calls.push('acknowledge'), store.acknowledge(keys)),
      apply: (changes, cursor) => (calls.push('apply'), store.apply(changes, cursor)),
      cursor: () => store.cursor(),
    };
    const server = fakeServer({ answer: (req) => req.mutations.map((m) => ({ mutationId: m.mutationId, status: 'stale' as const, current: winner })) });
    await new SyncEngine(plain, server.transport).sync();
    expect(calls).toEqual(['acknowledge', 'apply']);
    expect((store.get('cv', 'c1')!.data as SyncData['cv']).name).toBe('winner');
  });

  it('takes the server\'s record for a stale mutation whichever write the device dies at (acknowledge and take it in one write)', async () => {
    // the device pulled the winner already (its cursor is past it), then made an edit its clock puts before it
    const winner = change('c1', 'put', 1000, 3, cv('winner'));
    for (const write of [1, 2, 3]) {
      const { store } = device();
      await store.apply([winner], 3);
      store.put('cv', 'c1', cv('loses'));
      const server = fakeServer({ answer: (req) => req.mutations.map((m) => ({ mutationId: m.mutationId, status: 'stale' as const, current: winner })) });
      store.crashAtWrite(write);
      await new SyncEngine(store, server.transport).sync().catch((err: unknown) => {
        if (!(err instanceof StoreCrash)) throw err;
      });
      store.crashAtWrite(0);
      await new SyncEngine(store, server.transport).sync(); // the restarted device
      expect(store.pending(), `crash at write ${write}`).toEqual([]);
      expect(store.get('cv', 'c1'), `crash at write ${write}`).toEqual({ entity: 'cv', id: 'c1', updatedAt: at(1000), deviceId: 'dev-b', data: cv('winner') });
    }
  });

  it('parks a rejected mutation: out of the outbox, kept with its reason, never sent again; the rest syncs', async () => {
    const { store } = device();
    store.put('cv', 'c1', cv('bad'));
    store.put('cv', 'c2', cv('good'));
    const server = fakeServer({
      answer: (req) => req.mutations.map((m) => (m.id === 'c1' ? { mutationId: m.mutationId, status: 'rejected' as const, code: 'INVALID' as const, error: 'cv: name: too long' } : { mutationId: m.mutationId, status: 'applied' as const })),
    });
    const report = await new SyncEngine(store, server.transport).sync();
    expect(report.rejected).toEqual([{ entity: 'cv', id: 'c1', code: 'INVALID', error: 'cv: name: too long' }]);
    expect(report.pushed).toBe(1);
    expect(store.pending()).toEqual([]);
    expect(store.get('cv', 'c1')).toBeDefined();
    expect(store.parked()).toEqual([expect.objectContaining({ entity: 'cv', id: 'c1', op: 'put', code: 'INVALID', error: 'cv: name: too long' })]);
    const pushes = server.pushes.length;
    await new SyncEngine(store, server.transport).sync();
    expect(server.pushes.length).toBe(pushes);
  });

  it('parks without sending a change the server could never store (nested 2,000 deep, a NUL), and pushes the rest', async () => {
    const { store } = device();
    let deep: unknown = 'bottom';
    for (let i = 0; i < 2_000; i++) deep = { d: deep };
    store.put('settings', 'settings', { data: { deep }, createdAt: new Date(0).toISOString() });
    store.put('cv', 'c1', cv('a\u0000b'));
    store.put('cv', 'c2', cv('good'));
    const server = fakeServer();
    const report = await new SyncEngine(store, server.transport).sync();
    expect(report.rejected.map((r) => [r.id, r.code])).toEqual([['settings', 'TOO_DEEP'], ['c1', 'STRING_INVALID']]);
    expect(server.pushes.flatMap((p) => p.mutations.map((m) => m.id))).toEqual(['c2']);
    expect(store.pending()).toEqual([]);
    expect(store.parked()).toHaveLength(2);
  });

  it('fails rather than loop when the server answers none of a push', async () => {
    const { store } = device();
    store.put('cv', 'c1', cv('one'));
    const server = fakeServer({ answer: () => [] });
    await expect(new SyncEngine(store, server.transport).sync()).rejects.toThrow('answered none');
    expect(store.pending()).toHaveLength(1);
  });

  it('an idle sync is exactly one request', async () => {
    const { store } = device();
    await store.apply([], 42);
    const server = fakeServer();
    const report = await new SyncEngine(store, server.transport).sync();
    expect(report).toEqual({ pushed: 0, stale: 0, rejected: [], pulled: 0, requests: 1 });
    expect(server.pushes).toEqual([]);
    expect(server.pulls).toEqual([{ cursor: 42, limit: 500 }]);
  });

  it('pulls page after page while more are waiting, setting the cursor with each page; a failure keeps the pages before it', async () => {
    const pages: Record<number, PullResponse> = {
      0: { changes: [change('c1', 'put', 1, 3, cv('one'))], cursor: 3, more: true },
      3: { changes: [change('c2', 'put', 2, 5, cv('two'))], cursor: 5, more: true },
      5: { changes: [change('c1', 'delete', 3, 8)], cursor: 8, more: false },
    };
    const { store } = device();
    const server = fakeServer({ pages });
    const report = await new SyncEngine(store, server.transport, { pullLimit: 1 }).sync();
    expect(server.pulls).toEqual([{ cursor: 0, limit: 1 }, { cursor: 3, limit: 1 }, { cursor: 5, limit: 1 }]);
    expect(report).toMatchObject({ pulled: 3, requests: 3 });
    expect(await store.cursor()).toBe(8);
    expect(store.snapshot().map((r) => r.id)).toEqual(['c2']);

    // the second page fails: the first one is kept, with its cursor, and the next sync goes on from there
    const other = device('dev-c').store;
    let failing = true;
    const flaky: SyncTransport = {
      push: server.transport.push,
      async pull(cursor, limit) {
        if (cursor === 3 && failing) throw new Error('network down');
        return server.transport.pull(cursor, limit);
      },
    };
    await expect(new SyncEngine(other, flaky, { pullLimit: 1 }).sync()).rejects.toThrow('network down');
    expect(await other.cursor()).toBe(3);
    expect(other.snapshot().map((r) => r.id)).toEqual(['c1']);
    failing = false;
    await new SyncEngine(other, flaky, { pullLimit: 1 }).sync();
    expect(await other.cursor()).toBe(8);
    expect(other.snapshot()).toEqual(store.snapshot());
  });
});
