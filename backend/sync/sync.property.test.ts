import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncEngine, type SyncTransport } from '../../shared/sync/engine';
import { MemoryStore, StoreCrash, type LocalRecord } from '../../shared/sync/memory-store';
import {
  IMMUTABLE_ENTITIES,
  PullResponse,
  PushResponse,
  SETTINGS_ID,
  SYNC_ENTITIES,
  newer,
  type Change,
  type Mutation,
  type PushRequest,
  type SyncData,
  type SyncEntity,
} from '../../shared/sync/protocol';
import { sampleData, testApi, type Api } from '../test/api';
import { DATABASES, type TestDatabase } from '../test/databases';

/**
 * Acceptance 3 of issue 5, as a property: three devices of one account make random offline edits and deletes and sync
 * through a network that drops requests, loses responses (a device that crashes mid-push: the server applied the push,
 * the device never hears), duplicates requests and holds some back to deliver them late, after newer ones; a device
 * may also die while it processes an answer, the user may edit while a request is in flight, and two devices may sync
 * at once. The devices run the real `SyncEngine` over a `MemoryStore`; the server is the real app in-process on a real
 * database.
 *
 * Afterwards, once the network heals and every device has synced (twice, but the one that synced last):
 * (a) every device holds exactly the server's live records (content, `updatedAt`, `deviceId`) and has nothing to push;
 * (b) no acknowledged edit is lost: every mutation the server ever answered `applied` or `duplicate` (even in a response
 *     the device never saw) is what the server holds for that record, or lost to a write that beats it in
 *     last-writer-wins order (for an immutable record: it was deleted);
 * (c) then an idle sync is one request that brings nothing.
 *
 * Runs: 500 cases on Postgres with CI set (100 without), 30 (20) on PGlite; `SYNC_PROPERTY_RUNS` and `SYNC_PROPERTY_SEED`
 * override. fast-check prints the seed, the path and the shrunk command list of a failure: replay it with that seed.
 */

const CI = Boolean(process.env.CI);
const RUNS_OVERRIDE = process.env.SYNC_PROPERTY_RUNS ? Number(process.env.SYNC_PROPERTY_RUNS) : undefined;
const RUNS: Record<TestDatabase['handle']['kind'], number> = {
  postgres: RUNS_OVERRIDE ?? (CI ? 500 : 100),
  pglite: RUNS_OVERRIDE ?? (CI ? 30 : 20),
};
const SEED = process.env.SYNC_PROPERTY_SEED ? Number(process.env.SYNC_PROPERTY_SEED) : 20260105;

/** Device ids that order differently under a locale collation than by code units ('-' < 'A' < '_' < 'a' in "C"). */
const DEVICE_IDS = ['dev-a', 'dev-A', 'dev_a'] as const;
const T0 = Date.parse('2026-03-01T09:00:00.000Z');
const iso = (ms: number) => new Date(T0 + ms).toISOString();

/** A small id space per entity, so that devices write the same records. */
const IDS: Record<SyncEntity, string[]> = {
  cv: ['cv-1', 'cv-2'],
  cvVersion: ['ver-1', 'ver-2', 'ver-3'],
  job: ['job-1', 'job-2'],
  application: ['app-1', 'app-2'],
  interviewStep: ['step-1', 'step-2'],
  run: ['run-1', 'run-2'],
  settings: [SETTINGS_ID],
};
const STATUSES = ['saved', 'applied', 'interviewing', 'offer'] as const;

/** Content of a mutable record: `v` picks one of a few versions (so two edits may carry the same content). */
function mutableData(entity: SyncEntity, v: number, createdAt: string): SyncData[SyncEntity] {
  switch (entity) {
    case 'cv':
      return { ...sampleData.cv(`CV ${v}`, `ver-${(v % 3) + 1}`), createdAt };
    case 'job':
      return { ...sampleData.job(`Engineer ${v}`, `hash-${v}`), createdAt };
    case 'application':
      return { ...sampleData.application('job-1', STATUSES[v % STATUSES.length]), notes: `note ${v}`, createdAt };
    case 'interviewStep':
      return { ...sampleData.interviewStep('app-1', `Round ${v}`), outcome: v % 2 ? 'passed' : 'pending', createdAt };
    case 'settings':
      return { data: { theme: v % 2 ? 'dark' : 'light', pageControl: v > 1 }, createdAt };
    default:
      throw new Error(`${entity} is immutable`);
  }
}

/** Content of an immutable record follows from its id: every device that makes it makes the same record. */
function immutableData(entity: SyncEntity, id: string): SyncData[SyncEntity] {
  if (entity === 'run') return sampleData.run('app-1', id);
  // one content per id, so no two versions of a CV share (cvId, contentHash)
  const contentHash = createHash('sha256').update(id).digest('hex');
  return { cvId: 'cv-1', contentHash, cv: { basics: { name: `Ada ${id}` } } as SyncData['cvVersion']['cv'], source: { kind: 'text' }, createdAt: iso(0) };
}

// ---- what the generated commands do ----

interface LocalOp {
  entity: SyncEntity;
  idx: number;
  v: number;
  del: boolean;
  /** Edit the `pick`-th record the device holds (what the user sees) rather than `entity`/`idx`, if it holds any. */
  pick?: number;
}

/** What happens to one request of a sync (the first fault to the first request, and so on; then all goes through). */
type Fault =
  | { kind: 'ok' }
  /** never reaches the server */
  | { kind: 'dropRequest' }
  /** the server handles it, the device never hears: a crash mid-push (or mid-pull) */
  | { kind: 'dropResponse' }
  /** delivered twice at once; the device gets one of the answers */
  | { kind: 'duplicate'; second: boolean }
  /** a push held back by the network (the device times out) and delivered later, after newer ones */
  | { kind: 'hold' }
  /** the answer arrives, and the device dies at its `write`-th store write while processing it (1: before any) */
  | { kind: 'crash'; write: number }
  /** the user edits while the request is in flight */
  | { kind: 'edit'; op: LocalOp };

class NetworkFault extends Error {}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

interface Stats {
  cases: number;
  commands: number;
  requests: number;
  syncs: number;
  failedSyncs: number;
  faults: Record<string, number>;
  acked: number;
  stale: number;
  lateDeliveries: number;
}

const newStats = (): Stats => ({ cases: 0, commands: 0, requests: 0, syncs: 0, failedSyncs: 0, faults: {}, acked: 0, stale: 0, lateDeliveries: 0 });

/** The mutations a device's next push would send (what the engine sends again after a lost answer). */
class SyncEngineProbe {
  constructor(private readonly store: MemoryStore) {}
  async mutations(): Promise<Mutation[]> {
    let sent: Mutation[] = [];
    const probe: SyncTransport = {
      push: async (request) => {
        sent = request.mutations;
        throw new NetworkFault('probe');
      },
      pull: () => Promise.reject(new NetworkFault('probe')),
    };
    await new SyncEngine(this.store, probe).sync().catch((err: unknown) => {
      if (!(err instanceof NetworkFault)) throw err;
    });
    return sent;
  }
}

class Device {
  clock = 0;
  faults: Fault[] = [];
  readonly store: MemoryStore;
  constructor(readonly deviceId: string) {
    let n = 0;
    this.store = new MemoryStore(deviceId, { now: () => T0 + this.clock, newId: () => `${deviceId}:${String(++n).padStart(6, '0')}` });
  }
}

/** The system under test: three devices, a network with faults, the server; and what the server acknowledged. */
class World {
  readonly devices: Device[];
  /** Pushes the network holds back, to deliver later. */
  readonly held: PushRequest[] = [];
  /** Every mutation the server answered `applied` or `duplicate`, by id. */
  readonly acked = new Map<string, Mutation>();

  constructor(
    private readonly api: Api,
    private readonly token: string,
    private readonly engineOptions: { pushBatch: number; pullLimit: number },
    readonly stats: Stats,
  ) {
    this.devices = DEVICE_IDS.map((id) => new Device(id));
  }

  edit(d: Device, op: LocalOp): void {
    let entity = op.entity;
    let id = IDS[entity][op.idx % IDS[entity].length]!;
    const shown = op.pick === undefined ? [] : d.store.snapshot();
    if (op.pick !== undefined && shown.length) ({ entity, id } = shown[op.pick % shown.length]!);
    if (op.del) {
      d.store.remove(entity, id);
      return;
    }
    const held = d.store.get(entity, id);
    if (IMMUTABLE_ENTITIES.has(entity)) {
      // an immutable record is made once; a device may make it again after deleting it (same id, same content)
      if (!held) d.store.put(entity, id, immutableData(entity, id));
      return;
    }
    const createdAt = held ? (held.data as { createdAt: string }).createdAt : iso(d.clock);
    d.store.put(entity, id, mutableData(entity, op.v, createdAt));
  }

  /** One push as the server sees it; records what it acknowledged, whether or not anyone reads the answer. */
  async deliverPush(request: PushRequest): Promise<PushResponse> {
    this.stats.requests++;
    const res = await this.api.call('/v1/sync/push', { token: this.token, body: request });
    const body = (await res.json()) as unknown;
    if (res.status !== 200) throw new Error(`push answered ${res.status}: ${JSON.stringify(body)}`);
    const parsed = PushResponse.parse(body);
    expect(parsed.results.map((r) => r.mutationId)).toEqual(request.mutations.map((m) => m.mutationId));
    request.mutations.forEach((m, i) => {
      const r = parsed.results[i]!;
      if (r.status === 'applied' || r.status === 'duplicate') {
        this.acked.set(m.mutationId, m);
        this.stats.acked++;
      } else if (r.status === 'stale') this.stats.stale++;
      else throw new Error(`a valid mutation was rejected: ${r.error}`);
    });
    return parsed;
  }

  async deliverPull(cursor: number, limit: number): Promise<PullResponse> {
    this.stats.requests++;
    const res = await this.api.call(`/v1/sync/pull?cursor=${cursor}&limit=${limit}`, { token: this.token });
    const body = (await res.json()) as unknown;
    if (res.status !== 200) throw new Error(`pull answered ${res.status}: ${JSON.stringify(body)}`);
    return PullResponse.parse(body);
  }

  private transport(d: Device): SyncTransport {
    return {
      push: (request) => this.through(d, () => this.deliverPush(clone(request)), request),
      pull: (cursor, limit) => this.through(d, () => this.deliverPull(cursor, limit)),
    };
  }

  /** One request through the network, with the fault planned for it. */
  private async through<T>(d: Device, send: () => Promise<T>, push?: PushRequest): Promise<T> {
    const fault = d.faults.shift() ?? { kind: 'ok' };
    this.stats.faults[fault.kind] = (this.stats.faults[fault.kind] ?? 0) + 1;
    switch (fault.kind) {
      case 'ok':
        return send();
      case 'dropRequest':
        throw new NetworkFault('request lost');
      case 'hold':
        if (push) this.held.push(clone(push));
        throw new NetworkFault('request timed out');
      case 'dropResponse':
        await send();
        throw new NetworkFault('response lost');
      case 'duplicate': {
        const [a, b] = await Promise.all([send(), send()]);
        return fault.second ? b : a;
      }
      case 'crash':
        d.store.crashAtWrite(fault.write);
        return send();
      case 'edit': {
        const answer = await send();
        this.edit(d, fault.op);
        return answer;
      }
    }
  }

  /** One sync of one device; network faults and crashes end it, anything else fails the test. */
  async sync(d: Device, faults: Fault[]): Promise<'ok' | 'failed'> {
    d.faults = [...faults];
    this.stats.syncs++;
    try {
      const report = await new SyncEngine(d.store, this.transport(d), this.engineOptions).sync();
      expect(report.rejected).toEqual([]);
      return 'ok';
    } catch (err) {
      if (err instanceof NetworkFault || err instanceof StoreCrash) {
        this.stats.failedSyncs++;
        return 'failed';
      }
      throw err;
    } finally {
      d.faults = [];
      d.store.crashAtWrite(0);
    }
  }

  /** The held pushes, delivered late; nobody hears the answers. */
  async deliverHeld(index: number): Promise<void> {
    if (this.held.length === 0) return;
    const [request] = this.held.splice(index % this.held.length, 1);
    this.stats.lateDeliveries++;
    await this.deliverPush(request!);
  }

  /** Every record the server holds, tombstones too, from a full pull with a fresh cursor. */
  async serverState(): Promise<Map<string, Change>> {
    const all = new Map<string, Change>();
    let cursor = 0;
    for (;;) {
      const page = await this.deliverPull(cursor, 500);
      for (const c of page.changes) all.set(`${c.entity}/${c.id}`, c);
      cursor = page.cursor;
      if (!page.more) return all;
    }
  }
}

// ---- the commands ----

type Model = object;
type Cmd = fc.AsyncCommand<Model, World>;

const describeOp = (op: LocalOp) =>
  `${op.del ? 'delete' : `put#${op.v}`} ${op.entity}/${IDS[op.entity][op.idx % IDS[op.entity].length]}${op.pick === undefined ? '' : ` (or held record #${op.pick})`}`;

class Edit implements Cmd {
  constructor(
    readonly device: number,
    readonly op: LocalOp,
  ) {}
  check = () => true;
  async run(_m: Model, w: World) {
    w.edit(w.devices[this.device]!, this.op);
  }
  toString = () => `${DEVICE_IDS[this.device]}: ${describeOp(this.op)}`;
}

class Tick implements Cmd {
  constructor(
    readonly device: number | 'all',
    readonly ms: number,
  ) {}
  check = () => true;
  async run(_m: Model, w: World) {
    for (const [i, d] of w.devices.entries()) if (this.device === 'all' || this.device === i) d.clock += this.ms;
  }
  toString = () => `${this.device === 'all' ? 'every clock' : `${DEVICE_IDS[this.device]} clock`} +${this.ms}ms`;
}

class Sync implements Cmd {
  constructor(
    readonly device: number,
    readonly faults: Fault[],
  ) {}
  check = () => true;
  async run(_m: Model, w: World) {
    await w.sync(w.devices[this.device]!, this.faults);
  }
  toString = () =>
    `${DEVICE_IDS[this.device]}: sync${this.faults.length ? ` [${this.faults.map((f) => (f.kind === 'edit' ? `edit(${describeOp(f.op)})` : f.kind === 'crash' ? `crash@write${f.write}` : f.kind === 'duplicate' ? `duplicate(${f.second ? 2 : 1})` : f.kind)).join(', ')}]` : ''}`;
}

/** Two devices sync at the same time (the server serialises one account's writes; pulls must not skip any). */
class SyncTogether implements Cmd {
  constructor(
    readonly devices: [number, number],
    readonly faults: [Fault[], Fault[]],
  ) {}
  check = () => true;
  async run(_m: Model, w: World) {
    await Promise.all(this.devices.map((d, i) => w.sync(w.devices[d]!, this.faults[i]!)));
  }
  toString = () => `together: ${this.devices.map((d, i) => new Sync(d, this.faults[i]!).toString()).join(' | ')}`;
}

class DeliverHeld implements Cmd {
  constructor(readonly index: number) {}
  check = () => true;
  async run(_m: Model, w: World) {
    await w.deliverHeld(this.index);
  }
  toString = () => `network: deliver held push #${this.index}`;
}

const deviceArb = fc.integer({ min: 0, max: DEVICE_IDS.length - 1 });
const opArb: fc.Arbitrary<LocalOp> = fc.record(
  {
    entity: fc.constantFrom(...SYNC_ENTITIES),
    idx: fc.nat(2),
    v: fc.nat(3),
    del: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    // half the edits are of a record the device holds (often one it pulled), which makes conflicts with what it has seen
    pick: fc.option(fc.nat(20), { freq: 2, nil: undefined }),
  },
  { requiredKeys: ['entity', 'idx', 'v', 'del'] },
);
const faultArb: fc.Arbitrary<Fault> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'ok' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'dropRequest' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'dropResponse' as const }) },
  { weight: 1, arbitrary: fc.boolean().map((second) => ({ kind: 'duplicate' as const, second })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'hold' as const }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 2 }).map((write) => ({ kind: 'crash' as const, write })) },
  { weight: 1, arbitrary: opArb.map((op) => ({ kind: 'edit' as const, op })) },
);

const commandsArb = fc.commands<Model, World, false>(
  [
    fc.tuple(deviceArb, opArb).map(([d, op]) => new Edit(d, op)),
    fc.tuple(deviceArb, opArb).map(([d, op]) => new Edit(d, op)),
    fc.tuple(deviceArb, opArb).map(([d, op]) => new Edit(d, op)),
    fc.tuple(deviceArb, fc.array(faultArb, { maxLength: 4 })).map(([d, f]) => new Sync(d, f)),
    fc.tuple(deviceArb, fc.array(faultArb, { maxLength: 4 })).map(([d, f]) => new Sync(d, f)),
    fc
      .tuple(fc.uniqueArray(deviceArb, { minLength: 2, maxLength: 2 }), fc.array(faultArb, { maxLength: 2 }), fc.array(faultArb, { maxLength: 2 }))
      .map(([d, f1, f2]) => new SyncTogether(d as [number, number], [f1, f2])),
    fc.tuple(deviceArb, fc.constantFrom(1, 1, 2, 5, 1000)).map(([d, ms]) => new Tick(d, ms)),
    fc.constantFrom(0, 1, 3).map((ms) => new Tick('all', ms)),
    fc.nat(3).map((i) => new DeliverHeld(i)),
  ],
  { maxCommands: 40, size: 'max' },
);

const caseArb = fc.record({
  pushBatch: fc.constantFrom(1, 3, 1000),
  pullLimit: fc.constantFrom(2, 500, 500),
});

const live = (c: Change): LocalRecord => ({ entity: c.entity, id: c.id, updatedAt: c.updatedAt, deviceId: c.deviceId, data: c.data });

/** After the commands: deliver what the network still holds, heal it, sync everyone to quiescence, and check. */
async function settleAndCheck(w: World): Promise<void> {
  while (w.held.length) await w.deliverHeld(0);
  // everyone pushes (and pulls); then all but the last pull what the others pushed after them
  const last = w.devices[w.devices.length - 1]!;
  for (const d of [...w.devices, ...w.devices.filter((d) => d !== last)]) expect(await w.sync(d, []), `${d.deviceId} sync on a healed network`).toBe('ok');

  const server = await w.serverState();
  // (a) every device holds the server's live records, and has nothing left to push
  const expected = [...server.values()].filter((c) => c.op === 'put').map(live);
  const order = (a: LocalRecord, b: LocalRecord) => (a.entity === b.entity ? (a.id < b.id ? -1 : 1) : a.entity < b.entity ? -1 : 1);
  expected.sort(order);
  for (const d of w.devices) {
    expect(d.store.pending(), `${d.deviceId} outbox`).toEqual([]);
    expect(d.store.snapshot(), `${d.deviceId} holds the server's records`).toEqual(expected);
  }

  // (b) no acknowledged edit is lost
  for (const m of w.acked.values()) {
    const now = server.get(`${m.entity}/${m.id}`);
    const what = `acknowledged ${m.op} ${m.entity}/${m.id} @${m.updatedAt} by ${m.deviceId}; the server holds ${now ? `${now.op} @${now.updatedAt} by ${now.deviceId}` : 'nothing'}`;
    expect(now, what).toBeDefined();
    const same = now!.updatedAt === m.updatedAt && now!.deviceId === m.deviceId;
    if (IMMUTABLE_ENTITIES.has(m.entity)) {
      // the first write stays until a delete, and a delete is final
      if (m.op === 'delete') expect(now!.op, what).toBe('delete');
      else if (now!.op === 'put') {
        expect(same, what).toBe(true);
        expect(now!.data, what).toEqual(m.data);
      }
    } else if (same) {
      expect(now!.op, what).toBe(m.op);
      if (m.op === 'put') expect(now!.data, what).toEqual(m.data);
    } else expect(newer(now!, m), what).toBe(true);
  }

  // (c) quiescent: an idle sync is one request and brings nothing
  const report = await new SyncEngine(last.store, { push: (r) => w.deliverPush(r), pull: (c, l) => w.deliverPull(c, l) }).sync();
  expect(report, `${last.deviceId} idle sync`).toMatchObject({ requests: 1, pulled: 0, pushed: 0 });
}

describe.each(DATABASES)('sync property on $kind', ({ kind, create }) => {
  let t: TestDatabase;
  let api: Api;
  beforeAll(async () => {
    t = await create();
    api = testApi(t.handle);
  });
  afterAll(() => t.drop());

  // Two server bugs the property found, each as the smallest case that shows it.
  describe('regressions', () => {
    it('a retried mutation that lost is answered stale with the record kept, not duplicate, so a device whose answer was lost converges', async () => {
      const { token } = await api.guest();
      const w = new World(api, token, { pushBatch: 1000, pullLimit: 500 }, newStats());
      const [a, b] = w.devices as [Device, Device, Device];
      // b writes a job with its clock ahead; a pulls it (its cursor is past it now), then edits it with its clock behind
      b.clock = 1000;
      w.edit(b, { entity: 'job', idx: 0, v: 1, del: false });
      expect(await w.sync(b, [])).toBe('ok');
      expect(await w.sync(a, [])).toBe('ok');
      w.edit(a, { entity: 'job', idx: 0, v: 2, del: false });
      // a's push loses; a never hears it
      expect(await w.sync(a, [{ kind: 'dropResponse' }])).toBe('failed');
      const [retry] = await api.push(token, a.deviceId, await new SyncEngineProbe(a.store).mutations());
      expect(retry).toMatchObject({ status: 'stale', current: { entity: 'job', id: 'job-1', deviceId: b.deviceId, updatedAt: iso(1000) } });
      expect(await w.sync(a, [])).toBe('ok');
      expect(a.store.snapshot()).toEqual(b.store.snapshot());

      // the same for an immutable record made on two devices: the first write is kept
      w.edit(a, { entity: 'run', idx: 0, v: 0, del: false });
      w.edit(b, { entity: 'run', idx: 0, v: 0, del: false });
      expect(await w.sync(a, [])).toBe('ok');
      expect(await w.sync(b, [{ kind: 'dropResponse' }])).toBe('failed');
      const [again] = await api.push(token, b.deviceId, await new SyncEngineProbe(b.store).mutations());
      expect(again).toMatchObject({ status: 'stale', current: { entity: 'run', id: 'run-1', deviceId: a.deviceId } });
      await settleAndCheck(w);
    });

    it('a retried mutation that is still what the server holds is a duplicate, with nothing else', async () => {
      const { token } = await api.guest();
      const w = new World(api, token, { pushBatch: 1000, pullLimit: 500 }, newStats());
      const [a] = w.devices as [Device, Device, Device];
      w.edit(a, { entity: 'cv', idx: 0, v: 0, del: false });
      w.edit(a, { entity: 'cvVersion', idx: 0, v: 0, del: false });
      expect(await w.sync(a, [{ kind: 'dropResponse' }])).toBe('failed');
      const retried = await api.push(token, a.deviceId, await new SyncEngineProbe(a.store).mutations());
      expect(retried.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
      expect(retried.every((r) => r.current === undefined)).toBe(true);
      await settleAndCheck(w);
    });

    it('the record that wins is kept whole, createdAt included, when two devices create it or it comes back after a delete', async () => {
      const { token } = await api.guest();
      const w = new World(api, token, { pushBatch: 1000, pullLimit: 500 }, newStats());
      const [a, b, c] = w.devices as [Device, Device, Device];
      // two devices make their own settings (each with its own createdAt); the later one wins, whole
      w.edit(a, { entity: 'settings', idx: 0, v: 0, del: false });
      b.clock = 5;
      w.edit(b, { entity: 'settings', idx: 0, v: 1, del: false });
      expect(await w.sync(a, [])).toBe('ok');
      expect(await w.sync(b, [])).toBe('ok');
      // a record the server first hears of as a delete, then as a later put
      w.edit(c, { entity: 'cv', idx: 0, v: 0, del: false });
      w.edit(c, { entity: 'cv', idx: 0, v: 0, del: true });
      expect(await w.sync(c, [])).toBe('ok');
      a.clock = 50;
      w.edit(a, { entity: 'cv', idx: 0, v: 3, del: false });
      expect(await w.sync(a, [])).toBe('ok');
      const server = await w.serverState();
      expect((server.get('settings/settings')!.data as SyncData['settings']).createdAt).toBe(iso(5));
      expect((server.get('cv/cv-1')!.data as SyncData['cv']).createdAt).toBe(iso(50));
      await settleAndCheck(w);
    });
  });

  it(`three devices, a faulty network and crashes converge, and no acknowledged edit is lost (${RUNS[kind]} cases)`, async () => {
    const stats = newStats();
    const started = performance.now();
    // a fresh account per case keeps cases independent on one database; the next one is made while a case runs
    let nextGuest = api.guest();
    const guest = () => {
      const taken = nextGuest;
      nextGuest = api.guest();
      return taken;
    };
    await fc.assert(
      fc.asyncProperty(caseArb, commandsArb, async (options, cmds) => {
        const { token } = await guest();
        const world = new World(api, token, options, stats);
        stats.cases++;
        stats.commands += [...cmds].length;
        await fc.asyncModelRun(() => ({ model: {}, real: world }), cmds);
        await settleAndCheck(world);
      }),
      { numRuns: RUNS[kind], seed: SEED },
    ).finally(() => nextGuest.catch(() => undefined));
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `sync property on ${kind}: ${stats.cases} cases (seed ${SEED}), ${stats.commands} commands, ${stats.syncs} syncs (${stats.failedSyncs} failed on purpose), ` +
        `${stats.requests} requests, faults ${JSON.stringify(stats.faults)}, ${stats.acked} acknowledged, ${stats.stale} stale, ${stats.lateDeliveries} late deliveries, ${seconds.toFixed(1)} s`,
    );
  }, 600_000);
});
