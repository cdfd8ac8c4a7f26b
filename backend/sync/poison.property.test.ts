import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncEngine } from '../../shared/sync/engine';
import { MemoryStore } from '../../shared/sync/memory-store';
import { MutationResult, SETTINGS_ID, type Change } from '../../shared/sync/protocol';
import { sampleData, testApi, type Api, type Session } from '../test/api';
import { EXTENSION_ORIGIN } from '../test/config';
import { DATABASES, type TestDatabase } from '../test/databases';

/**
 * Acceptance 1 of issue 12, as a property: a push holding any mix of values — strings with NUL, lone surrogates, emoji,
 * right-to-left text, in content, ids, mutation ids, device ids and settings keys; JSON nested up to 10,000 deep;
 * dates from year 0 to 9999; records up to and past the size limit — is never answered 500: each invalid mutation is
 * `rejected` with a code, alone, and every valid one applies, its content coming back from a pull exactly. Then a
 * device (the real engine over a memory store) holding such changes parks them and syncs the rest.
 *
 * Whether a mutation is valid is decided here, from how it was made (with `String.prototype.isWellFormed`, not the
 * server's own checks), away from the limits' edges: nesting up to 50 or from 100, sizes up to 900 KB or from 1.01 MB.
 *
 * Runs: Postgres 200 pushes (CI 400), PGlite 40 (CI 60), and a quarter of that many devices (at most 50);
 * `POISON_PROPERTY_RUNS` and `POISON_PROPERTY_SEED` override.
 */
const CI = Boolean(process.env.CI);
const OVERRIDE = process.env.POISON_PROPERTY_RUNS ? Number(process.env.POISON_PROPERTY_RUNS) : undefined;
const RUNS: Record<TestDatabase['handle']['kind'], number> = { postgres: OVERRIDE ?? (CI ? 400 : 200), pglite: OVERRIDE ?? (CI ? 60 : 40) };
const DEVICE_RUNS = (kind: TestDatabase['handle']['kind']) => Math.min(50, Math.ceil(RUNS[kind] / 4));
const SEED = process.env.POISON_PROPERTY_SEED ? Number(process.env.POISON_PROPERTY_SEED) : 20261206;

const storable = (s: string) => (s as string & { isWellFormed(): boolean }).isWellFormed() && !s.includes('\u0000');

/** Text from code units that matter: NUL, lone halves, emoji (pairs), RTL and combining marks, any UTF-16 unit. */
const unit = fc.oneof(
  { arbitrary: fc.constantFrom('a', 'Z', ' ', '😀', '👩🏽‍💻', 'مرحبا', 'שלום', '\u202e', 'e\u0301', '"', '\\', '\u0001', '\uffff', '/'), weight: 6 },
  { arbitrary: fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff'), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), weight: 2 },
);
const text = fc.string({ unit, minLength: 1, maxLength: 6 });

const YEAR_MS = 365.2425 * 24 * 3600_000;
/** An ISO timestamp in any year from 0 to 9999 (built by hand: `toISOString` writes years past 9999 and before 0 otherwise). */
const timestamp = fc.record({ year: fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1970, max: 2099 })), dayMs: fc.integer({ min: 0, max: Math.floor(YEAR_MS) - 86_400_000 }) }).map(({ year, dayMs }) => ({
  iso: `${String(year).padStart(4, '0')}${new Date(Date.UTC(2001, 0, 1) + dayMs).toISOString().slice(4)}`,
  ok: year >= 1970 && year <= 2099,
}));

type Where = 'title' | 'notes' | 'id' | 'mutationId' | 'deviceId' | 'settingsKey';
type Case =
  | { kind: 'text'; where: Where; s: string }
  | { kind: 'depth'; n: number }
  | { kind: 'date'; where: 'updatedAt' | 'createdAt'; at: { iso: string; ok: boolean } }
  | { kind: 'size'; n: number }
  | { kind: 'plain' };

const aCase: fc.Arbitrary<Case> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('text' as const), where: fc.constantFrom<Where>('title', 'notes', 'id', 'mutationId', 'deviceId', 'settingsKey'), s: text }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('depth' as const), n: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 100, max: 10_000 }), fc.constant(10_000)) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('date' as const), where: fc.constantFrom('updatedAt' as const, 'createdAt' as const), at: timestamp }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('size' as const), n: fc.oneof(fc.integer({ min: 0, max: 900_000 }), fc.integer({ min: 1_010_000, max: 1_200_000 })) }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'plain' as const }), weight: 2 },
);

/** A mutation for a case, as JSON text (nesting 10,000 deep is past what JSON.stringify can write), and whether it is valid. */
function build(c: Case, n: number, now: string): { json: string; ok: boolean; id: string; mutationId: string; expect?: unknown } {
  let ok = true;
  let id = `rec-${n}`;
  let mutationId = `mutation-${n}`;
  let deviceId = 'laptop';
  let updatedAt = now;
  let deep = '';
  let body: { entity: string; data: Record<string, unknown> };
  const job = (title: string, notes?: string) => ({ entity: 'application', data: { ...sampleData.application('j1'), title, ...(notes === undefined ? {} : { notes }) } });
  switch (c.kind) {
    case 'text':
      ok = storable(c.s);
      if (c.where === 'title' || c.where === 'notes') body = c.where === 'title' ? job(c.s) : job('plain', c.s);
      else if (c.where === 'settingsKey') body = { entity: 'settings', data: sampleData.settings({ [c.s]: 'value', [`k${c.s}`]: c.s }) };
      else {
        body = job('plain');
        if (c.where === 'id') id = `${id}-${c.s}`;
        if (c.where === 'mutationId') mutationId = `${mutationId}-${c.s}`;
        if (c.where === 'deviceId') deviceId = `dev-${c.s}`;
      }
      break;
    case 'depth':
      ok = c.n <= 50;
      body = { entity: 'settings', data: sampleData.settings({ nest: '@@DEEP@@' }) };
      deep = `${'['.repeat(c.n)}"bottom"${']'.repeat(c.n)}`;
      break;
    case 'date':
      ok = c.at.ok;
      body = job('dated');
      if (c.where === 'updatedAt') updatedAt = c.at.iso;
      else body.data.createdAt = c.at.iso;
      break;
    case 'size':
      ok = c.n <= 900_000;
      body = { entity: 'settings', data: sampleData.settings({ blob: 'x'.repeat(c.n) }) };
      break;
    default:
      body = job('plain');
  }
  if (body.entity === 'settings') id = SETTINGS_ID;
  const m = { mutationId, entity: body.entity, id, op: 'put', updatedAt, deviceId, data: body.data };
  const json = JSON.stringify(m).replace('"@@DEEP@@"', deep);
  return { json, ok, id, mutationId, expect: deep ? undefined : body.data };
}

describe.each(DATABASES)('poison values on $kind', ({ kind, create }) => {
  let t: TestDatabase;
  let api: Api;
  let me: Session;
  beforeAll(async () => {
    t = await create();
    api = testApi(t.handle);
    me = await api.guest();
  });
  afterAll(async () => t?.drop());

  it(`a push never answers 500: each invalid mutation is rejected alone and the valid ones apply (${RUNS[kind]} cases)`, async () => {
    let cursor = (await api.pullAll(me.token)).cursor;
    let n = 0;
    const seen = { cases: 0, mutations: 0, rejected: 0, deepest: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(aCase, { minLength: 1, maxLength: 6 }), async (cases) => {
        seen.cases++;
        // one large record per push: two would pass the request's own limit (2 MB), which is refused whole, with 413
        const sized = cases.findIndex((c) => c.kind === 'size');
        const batch = cases.map((c, i) => (c.kind === 'size' && i !== sized ? ({ kind: 'plain' } as const) : c));
        // settings is one record: only one settings mutation per push, so that each one's outcome is its own
        let settingsSeen = false;
        const built = batch.map((c) => {
          const b = build(c, ++n, new Date().toISOString());
          if (b.id !== SETTINGS_ID) return b;
          if (settingsSeen) return build({ kind: 'plain' }, ++n, new Date().toISOString());
          settingsSeen = true;
          return b;
        });
        const res = await api.app.request('/v1/sync/push', {
          method: 'POST',
          body: `{"deviceId":"laptop","mutations":[${built.map((b) => b.json).join(',')}]}`,
          headers: { Origin: EXTENSION_ORIGIN, Authorization: `Bearer ${me.token}`, 'Content-Type': 'application/json' },
        });
        expect(res.status).toBe(200);
        const results = ((await res.json()) as { results: unknown[] }).results.map((r) => MutationResult.parse(r));
        expect(results).toHaveLength(built.length);
        built.forEach((b, i) => {
          const r = results[i]!;
          seen.mutations++;
          if (b.ok) expect(r, b.json.slice(0, 300)).toEqual({ mutationId: b.mutationId, status: 'applied' });
          else {
            seen.rejected++;
            expect(r.status, b.json.slice(0, 300)).toBe('rejected');
            expect(r.code).toBeDefined();
            expect(r.error).toBeTruthy();
          }
        });
        const page = await api.pullAll(me.token, cursor);
        cursor = page.cursor;
        const got = new Map<string, Change>(page.changes.map((c) => [c.id, c]));
        const applied = built.filter((b) => b.ok);
        expect([...got.keys()].sort()).toEqual(applied.map((b) => b.id).sort());
        for (const b of applied) if (b.expect) expect(got.get(b.id)!.data).toEqual(b.expect);
        for (const c of batch) if (c.kind === 'depth') seen.deepest = Math.max(seen.deepest, c.n);
      }),
      { numRuns: RUNS[kind], seed: SEED },
    );
    console.log(`poison property on ${kind}: ${seen.cases} cases (seed ${SEED}), ${seen.mutations} mutations, ${seen.rejected} rejected, nesting up to ${seen.deepest}`);
    expect(seen.rejected).toBeGreaterThan(0);
    expect(seen.rejected).toBeLessThan(seen.mutations);
  });

  it(`a device holding changes the server refuses parks them and keeps syncing the rest (${DEVICE_RUNS(kind)} cases)`, async () => {
    type Edit = { title: string; createdAt: { iso: string; ok: boolean } };
    const edit: fc.Arbitrary<Edit> = fc.record({
      title: fc.oneof({ arbitrary: fc.constantFrom('Engineer', 'مهندس', 'Ingénieur 😀'), weight: 3 }, { arbitrary: text, weight: 2 }),
      createdAt: fc.oneof({ arbitrary: fc.constant({ iso: '2026-01-01T00:00:00.000Z', ok: true }), weight: 3 }, { arbitrary: timestamp, weight: 1 }),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 8 }), async (edits) => {
        const account = await api.guest();
        const device = new MemoryStore(`phone-${++run}`);
        const other = new MemoryStore(`tablet-${run}`);
        const sync = (s: MemoryStore) => new SyncEngine(s, api.transport(account.token), { pushBatch: 3 }).sync();
        edits.forEach((e, i) => device.put('application', `app-${i}`, { ...sampleData.application('j1'), title: e.title, createdAt: e.createdAt.iso }));
        const valid = edits.flatMap((e, i) => (storable(e.title) && e.createdAt.ok ? [`app-${i}`] : []));

        const report = await sync(device);
        expect(device.pending()).toEqual([]);
        expect(device.parked().map((p) => p.id).sort()).toEqual(edits.map((_, i) => `app-${i}`).filter((id) => !valid.includes(id)).sort());
        expect(report.pushed).toBe(valid.length);
        // the parked changes stay on the device, and are not sent again; a later edit still syncs
        const requests = (await sync(device)).requests;
        expect(requests).toBe(1);
        device.put('job', 'later', sampleData.job('after the refused ones'));
        await sync(device);
        await sync(other);
        expect(other.snapshot().map((r) => r.id).sort()).toEqual([...valid, 'later'].sort());
        expect(device.get('application', 'app-0')).toBeDefined();
      }),
      { numRuns: DEVICE_RUNS(kind), seed: SEED },
    );
  });
});
