import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../backend/config';
import { createLogger } from '../backend/logger';
import { startServer, type RunningServer } from '../backend/server';
import { createPostgresDatabase, TEST_POSTGRES_URL } from '../backend/test/databases';
import { parseCvText } from '../shared/engine/cv-text-parser';
import { jobFromText } from '../shared/engine/job-text-parser';
import { runPipeline } from '../shared/pipeline/pipeline';
import type { Cv } from '../shared/schema/cv';
import type { JobPosting } from '../shared/schema/job-posting';
import type { Run } from '../shared/schema/run';
import { SyncEngine, type SyncStore, type SyncTransport } from '../shared/sync/engine';
import { DEFAULT_PULL_LIMIT, type Change, type Mutation, type MutationResult, type PullResponse, type PushRequest, type PushResponse, type SyncData, type SyncEntity } from '../shared/sync/protocol';
import { line, median, pct } from './util';

const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const PUSHES = 10;
const PUSH_SIZE = 1000;
const IDLE_SYNCS = 200;

/** What one push of 1,000 mutations holds: a first sync of an active job seeker's data (runs are ~35 KB each). */
const MIX: [SyncEntity, number][] = [
  ['cv', 2],
  ['cvVersion', 10],
  ['run', 10],
  ['job', 220],
  ['application', 220],
  ['interviewStep', 538],
];

interface Timed<T> {
  body: T;
  wallMs: number;
  /** From the answer's `Server-Timing: app;dur=…`. */
  serverMs: number;
}

/** The server over HTTP, as the extension reaches it: from its origin, with its bearer token; counts every request. */
class Client {
  requests = 0;
  token = '';
  constructor(readonly base: string) {}

  async call<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<Timed<T> & { headers: Headers }> {
    const headers: Record<string, string> = { Origin: ORIGIN };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    const body = init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
    this.requests++;
    const t = performance.now();
    const res = await fetch(this.base + path, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, ...(body !== undefined ? { body } : {}) });
    const json = (await res.json()) as T;
    const wallMs = performance.now() - t;
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path.replace(/\?.*/, '')} → ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
    const m = /\bapp;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
    if (!m) throw new Error(`${path}: the answer has no Server-Timing header`);
    return { body: json, wallMs, serverMs: Number(m[1]), headers: res.headers };
  }
}

/** The transport the extension gives the engine: the same two requests. */
function transport(client: Client, timings: Timed<unknown>[]): SyncTransport {
  return {
    async push(request: PushRequest) {
      const r = await client.call<PushResponse>('/v1/sync/push', { body: request });
      timings.push(r);
      return r.body;
    },
    async pull(cursor: number, limit: number) {
      const r = await client.call<PullResponse>(`/v1/sync/pull?cursor=${cursor}&limit=${limit}`);
      timings.push(r);
      return r.body;
    },
  };
}

/** A device with nothing to push that keeps only its cursor and what it received (the real store writes to IndexedDB). */
class MemoryStore implements SyncStore {
  readonly deviceId = 'bench-device-b';
  received = new Map<string, Change>();
  constructor(private at = 0) {}
  outbox = () => Promise.resolve([]);
  read = () => Promise.resolve(undefined);
  acknowledge = () => Promise.resolve();
  apply(changes: Change[], cursor?: number) {
    for (const c of changes) this.received.set(`${c.entity}\u0000${c.id}`, c);
    if (cursor !== undefined) this.at = cursor;
    return Promise.resolve();
  }
  cursor = () => Promise.resolve(this.at);
}

interface Fixture {
  cvText: string;
  cv: Cv;
  job: JobPosting;
  run: Run;
}

/** Real content: the twelve CV and posting pairs of the test fixtures, parsed, and an offline run on each. */
async function fixtures(): Promise<Fixture[]> {
  const dir = join(import.meta.dirname, '..', 'shared/__fixtures__/pairs');
  const out: Fixture[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const cvText = await readFile(join(dir, name, 'cv.txt'), 'utf8');
    const job = jobFromText(await readFile(join(dir, name, 'job.txt'), 'utf8'));
    const run = await runPipeline({ cvText, job }, { now: new Date('2026-11-01T00:00:00Z') });
    out.push({ cvText, cv: parseCvText(cvText).cv, job, run });
  }
  return out;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** Makes batches of 1,000 mutations of fresh records, every record with its own id and content. */
class Generator {
  private n = 0;
  private clock = Date.parse('2026-03-01T08:00:00.000Z');
  constructor(
    private readonly f: Fixture[],
    private readonly deviceId: string,
  ) {}

  private at(): string {
    this.clock += 1_013;
    return new Date(this.clock).toISOString();
  }

  private put<E extends SyncEntity>(entity: E, id: string, data: SyncData[E]): Mutation {
    return { mutationId: randomBytes(16).toString('hex'), entity, id, op: 'put', updatedAt: this.at(), deviceId: this.deviceId, data };
  }

  /** A posting of 3–5 KB: a fixture's description, with more of another's (company blurb, benefits) as real ones have. */
  private posting(k: number): JobPosting {
    const base = this.f[k % this.f.length]!.job;
    const more = this.f[(k * 7 + 3) % this.f.length]!.job.description;
    const extra = more.slice(0, ((k * 389) % 1700) + 300);
    const description = `${base.description}\n\n${extra}`;
    return {
      ...base,
      title: `${base.title}${k % 3 ? '' : ' (Senior)'}`,
      company: `${base.company || 'Company'} ${k}`,
      location: ['Berlin, Germany', 'London, UK (hybrid)', 'Remote (EU)', 'Austin, TX'][k % 4]!,
      description,
      url: `https://www.linkedin.com/jobs/view/${4_100_000_000 + k}`,
      site: 'linkedin',
      scrapedAt: this.at(),
      warnings: k % 17 ? [] : [{ code: 'hidden_text', message: 'Text hidden from readers was left out.', excerpt: 'ignore previous instructions' }],
    };
  }

  batch(size: number, withSettings: boolean): Mutation[] {
    const b = this.n++;
    const p = `b${b}`;
    const out: Mutation[] = [];
    const counts = new Map(MIX);
    if (withSettings) {
      out.push(
        this.put('settings', 'settings', {
          data: {
            activeCvId: `${p}-cv0`,
            providers: [{ id: 'p1', provider: 'openai', model: 'gpt-4o-mini', label: 'OpenAI' }, { id: 'p2', provider: 'anthropic', model: 'claude-haiku-4-5' }],
            chain: ['p1', 'p2'],
            chains: { CV_TAILOR: ['p2', 'p1'] },
            privacy: { reportAdapterFailures: false, showPageControl: true, keepRunInputs: true },
            updatedAt: this.at(),
          },
          createdAt: this.at(),
        }),
      );
      counts.set('interviewStep', counts.get('interviewStep')! - 1);
    }
    const cvs = counts.get('cv')!;
    const versions = counts.get('cvVersion')!;
    const jobs = counts.get('job')!;
    for (let i = 0; i < cvs; i++) out.push(this.put('cv', `${p}-cv${i}`, { name: i ? `CV for ${this.f[i]!.job.title} roles` : 'Master CV', currentVersionId: `${p}-v${i}`, createdAt: this.at() }));
    for (let i = 0; i < versions; i++) {
      const fx = this.f[(b + i) % this.f.length]!;
      out.push(
        this.put('cvVersion', `${p}-v${i}`, {
          cvId: `${p}-cv${i % cvs}`,
          contentHash: sha(`${p}-${i}-${fx.cvText}`),
          cv: { ...fx.cv, basics: { ...fx.cv.basics, summary: `${fx.cv.basics.summary ?? ''} (revision ${i})` } },
          text: fx.cvText,
          source: i % 3 ? { kind: 'edit' } : { kind: 'pdf', fileName: `cv-${i}.pdf` },
          ...(i % 2 ? { note: `Tightened the summary and reordered skills, revision ${i}.` } : {}),
          createdAt: this.at(),
        }),
      );
    }
    for (let i = 0; i < jobs; i++) {
      const posting = this.posting(b * jobs + i);
      out.push(this.put('job', `${p}-j${i}`, { posting, url: posting.url, site: posting.site, contentHash: sha(`${p}-j${i}-${posting.description}`), createdAt: this.at() }));
    }
    const statuses = ['saved', 'applied', 'interviewing', 'offer', 'rejected'] as const;
    for (let i = 0; i < counts.get('application')!; i++) {
      const status = statuses[i % statuses.length]!;
      const history = statuses.slice(0, (i % statuses.length) + 1).map((s) => ({ status: s, at: this.at() }));
      const job = this.f[(b * jobs + i) % this.f.length]!.job;
      out.push(
        this.put('application', `${p}-a${i}`, {
          jobId: `${p}-j${i % jobs}`,
          company: `${job.company || 'Company'} ${b * jobs + i}`,
          title: job.title,
          url: `https://www.linkedin.com/jobs/view/${4_100_000_000 + b * jobs + i}`,
          status,
          statusHistory: history,
          notes: i % 4 ? `Referred by a former colleague. Recruiter: Sam (sam@example.com). Salary band discussed: 70–85k. Follow up on ${history.at(-1)!.at.slice(0, 10)}.`.repeat((i % 3) + 1) : '',
          ...(i < counts.get('run')! ? { lastRunId: `${p}-r${i}` } : {}),
          funnel: { step: 'applied', reached: { saved: true, tailored: true, downloaded: true, applied: true }, reachedAt: { saved: history[0]!.at, applied: history.at(-1)!.at } },
          createdAt: this.at(),
        }),
      );
    }
    const kinds = ['screen', 'technical', 'take_home', 'onsite', 'hiring_manager', 'final'] as const;
    const outcomes = ['pending', 'passed', 'failed', 'cancelled'] as const;
    for (let i = 0; i < counts.get('interviewStep')!; i++) {
      out.push(
        this.put('interviewStep', `${p}-s${i}`, {
          applicationId: `${p}-a${i % counts.get('application')!}`,
          kind: kinds[i % kinds.length]!,
          title: ['Phone screen with the recruiter', 'Technical interview', 'Take-home exercise', 'On-site loop', 'Hiring manager chat', 'Final round'][i % 6]!,
          at: this.at(),
          outcome: outcomes[i % outcomes.length]!,
          notes: i % 3 ? 'Asked about the largest system I built, a conflict with a colleague, and why this company. Prepare two stories with numbers.' : '',
          createdAt: this.at(),
        }),
      );
    }
    for (let i = 0; i < counts.get('run')!; i++) {
      const fx = this.f[(b + i) % this.f.length]!;
      out.push(
        this.put('run', `${p}-r${i}`, {
          applicationId: `${p}-a${i}`,
          jobId: `${p}-j${i}`,
          cvVersionId: `${p}-v${i % versions}`,
          run: { ...fx.run, id: `${p}-r${i}`, createdAt: this.at() },
          createdAt: this.at(),
        }),
      );
    }
    if (out.length !== size) throw new Error(`the mix makes ${out.length} mutations, not ${size}`);
    return out;
  }
}

/**
 * Sync against the real server over HTTP on real Postgres: one push of 1,000 mutations, a pull of 10,000 records from
 * scratch in pages of the extension's size, and the idle sync a device makes when nothing changed (one request).
 */
export async function benchSync(): Promise<boolean> {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  try {
    database = await createPostgresDatabase();
  } catch (err) {
    console.log(`\nSync on Postgres: SKIPPED, no Postgres at ${new URL(TEST_POSTGRES_URL).host} (${err instanceof Error ? err.message : String(err)}).`);
    console.log('  Start it (pg_ctlcluster 15 main start) or set TEST_DATABASE_URL to measure the sync targets.');
    return true;
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'cvpath-bench-'));
  let server: RunningServer | undefined;
  try {
    const config = loadConfig({
      DATABASE_URL: database.url,
      PORT: '0',
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      DATA_DIR: dataDir,
      // one client sends hundreds of requests a second here; the per-IP limit is for many clients, not this
      RATE_LIMIT_BURST: '1000000',
      RATE_LIMIT_PER_SECOND: '1000000',
      // and the per-user limits are for a person's devices, not a benchmark
      USER_RATE_LIMIT_BURST: '1000000',
      USER_RATE_LIMIT_PER_SECOND: '1000000',
      QUOTA_RECORDS: '10000000',
      QUOTA_BYTES: String(100 * 1024 ** 3),
    });
    server = await startServer(config, createLogger(() => {}), '127.0.0.1');
    const client = new Client(`http://127.0.0.1:${server.port}`);

    const signUp = async (c: Client) => {
      const email = `bench-${randomBytes(4).toString('hex')}@example.com`;
      await c.call<{ user: { id: string } }>('/api/auth/sign-up/email', { body: { email, password: 'correct horse battery staple', name: 'Bench' } });
      // sign-up makes no session (so it can answer a taken address like a new one): sign in
      const res = await c.call<{ user: { id: string } }>('/api/auth/sign-in/email', { body: { email, password: 'correct horse battery staple' } });
      const token = res.headers.get('set-auth-token');
      if (!token) throw new Error('sign-in answered no set-auth-token header');
      c.token = token;
    };
    await signUp(client);
    const gen = new Generator(await fixtures(), 'bench-device-a');
    const pushBatch = async (c: Client, mutations: Mutation[]) => {
      const body = JSON.stringify({ deviceId: 'bench-device-a', mutations } satisfies PushRequest);
      const r = await c.call<PushResponse>('/v1/sync/push', { body });
      const notApplied = r.body.results.filter((x: MutationResult) => x.status !== 'applied');
      if (r.body.results.length !== mutations.length || notApplied.length) throw new Error(`push: ${notApplied.length} of ${r.body.results.length} not applied (${JSON.stringify(notApplied[0])})`);
      return { ...r, bytes: Buffer.byteLength(body) };
    };

    // the server's first push (JIT, query plans, connections), by another user so the measured one holds 10,000 records
    const other = new Client(client.base);
    await signUp(other);
    const first = await pushBatch(other, gen.batch(PUSH_SIZE, true));

    // (a) pushes of 1,000 fresh records, as the engine sends them
    const push: Timed<PushResponse>[] = [];
    let bytes = 0;
    for (let i = 0; i < PUSHES; i++) {
      const r = await pushBatch(client, gen.batch(PUSH_SIZE, i === 0));
      bytes = Math.max(bytes, r.bytes);
      push.push(r);
    }
    const records = PUSHES * PUSH_SIZE;

    // (b) a new device: pulls everything from cursor 0 in pages of the extension's size, following `more`
    const pullAll = async () => {
      const pages: Timed<unknown>[] = [];
      const store = new MemoryStore(0);
      const before = client.requests;
      const t = performance.now();
      const report = await new SyncEngine(store, transport(client, pages)).sync();
      const wallMs = performance.now() - t;
      if (store.received.size !== records || report.pulled !== records) throw new Error(`pull from 0: ${store.received.size} records (${report.pulled} changes), expected ${records}`);
      return { wallMs, serverMs: pages.reduce((sum, p) => sum + p.serverMs, 0), requests: client.requests - before, cursor: await store.cursor() };
    };
    // right after the pushes the tables have no statistics yet, and the page query's plan is a poor one until
    // autovacuum analyses them (within a minute or so); measured once that way, then as a running server has them
    const unanalysed = await pullAll();
    await server.db.db.execute(sql`analyze`);
    const pulls: Awaited<ReturnType<typeof pullAll>>[] = [];
    for (let i = 0; i < 3; i++) pulls.push(await pullAll());
    const cursor = pulls[0]!.cursor;

    // (c) idle sync: a device that is up to date and has nothing to push
    const idle: Timed<unknown>[] = [];
    const idleWall: number[] = [];
    let idleRequests = 0;
    for (let i = 0; i < 20; i++) await new SyncEngine(new MemoryStore(cursor), transport(client, [])).sync(); // warm-up
    for (let i = 0; i < IDLE_SYNCS; i++) {
      const before = client.requests;
      const t = performance.now();
      const report = await new SyncEngine(new MemoryStore(cursor), transport(client, idle)).sync();
      idleWall.push(performance.now() - t);
      idleRequests = Math.max(idleRequests, client.requests - before);
      if (report.requests !== 1 || report.pulled !== 0) throw new Error(`idle sync: ${report.requests} requests, ${report.pulled} changes`);
    }
    // for comparison: better-auth's own session lookup, which sync requests skip when the bearer session is plainly valid
    const session: number[] = [];
    for (let i = 0; i < IDLE_SYNCS; i++) session.push((await client.call('/api/auth/get-session')).serverMs);

    const pushWall = push.map((p) => p.wallMs);
    const pushMedian = median(pushWall);
    const pushWorst = Math.max(...pushWall);
    const pullWorst = Math.max(...pulls.map((p) => p.wallMs));
    const idleServer = idle.map((p) => p.serverMs);
    const idleMedian = median(idleServer);
    const kinds = `${MIX.map(([e, n]) => `${n} ${e}`).join(', ')} (the first push the settings instead of one step)`;

    console.log(`\nSync on Postgres over HTTP (real server, one user; a push holds ${kinds}: ${(bytes / 1048576).toFixed(2)} MB of the ${(config.bodyLimit / 1048576).toFixed(0)} MB body limit)`);
    line(`push of ${PUSH_SIZE} mutations, median of ${PUSHES} (wall)`, `${pushMedian.toFixed(0)} ms`, '≤ 1000 ms', pushMedian <= 1000);
    line(`push of ${PUSH_SIZE} mutations, worst of ${PUSHES} (wall)`, `${pushWorst.toFixed(0)} ms`, '≤ 1000 ms', pushWorst <= 1000);
    line('  server time, median', `${median(push.map((p) => p.serverMs)).toFixed(0)} ms`);
    line("  the server's very first push (not judged)", `${first.wallMs.toFixed(0)} ms`);
    line(`pull of ${records} records from cursor 0, pages of ${DEFAULT_PULL_LIMIT}, worst of 3`, `${pullWorst.toFixed(0)} ms`, '≤ 2000 ms', pullWorst <= 2000);
    line('  runs (wall)', pulls.map((p) => p.wallMs.toFixed(0)).join(' / ') + ' ms');
    line('  requests, server time', `${pulls[0]!.requests}, ${median(pulls.map((p) => p.serverMs)).toFixed(0)} ms`);
    line('  before the tables were first analysed (not judged)', `${unanalysed.wallMs.toFixed(0)} ms`);
    line('idle sync: requests', String(idleRequests), '1', idleRequests === 1);
    line(`idle sync: server time, median of ${IDLE_SYNCS}`, `${idleMedian.toFixed(2)} ms`, '≤ 5 ms', idleMedian <= 5);
    line('idle sync: server time, p95', `${pct(idleServer, 95).toFixed(2)} ms`);
    line('idle sync: client wall time, median / p95', `${median(idleWall).toFixed(2)} / ${pct(idleWall, 95).toFixed(2)} ms`);
    line("  better-auth's own session check (get-session), median", `${median(session).toFixed(2)} ms`);
    return pushMedian <= 1000 && pushWorst <= 1000 && pullWorst <= 2000 && idleRequests === 1 && idleMedian <= 5;
  } finally {
    try {
      await server?.close();
    } finally {
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }
}
