import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../shared/pipeline/pipeline';
import { ResilientCaller } from '../../shared/providers/chain';
import type { Run } from '../../shared/schema/run';
import { agentOf, brainResponder } from '../../test/fake-llm/brain';
import type { FakeResponder } from '../../test/fake-llm/server';
import { useFakeLlm } from '../../test/fake-llm/use-fake-llm';
import { TEST_KEYS } from '../../test/helpers';
import { deleteApplication } from '../store/applications';
import { saveCvVersion } from '../store/cvs';
import type { CvPathDb, RunTaskRecord } from '../store/db';
import { saveJob } from '../store/jobs';
import { saveProvider, setChain, setPrivacy } from '../store/settings';
import { freshDb, outboxLines, sampleCv, samplePosting } from '../store/test-db';
import { MAX_STARTS, RunManager, type RunManagerDeps } from './run-manager';

const brain = brainResponder();
let responder: FakeResponder = brain;
const fake = useFakeLlm(() => (req) => responder(req));
const managers: RunManager[] = [];
afterEach(async () => {
  responder = brain;
  await Promise.all(managers.splice(0).map((m) => m.stop()));
});

/** A worker: its own manager (and provider circuit breakers) over the shared database. */
function worker(d: CvPathDb, deps: Partial<RunManagerDeps> = {}) {
  const seen: RunTaskRecord[] = [];
  const m = new RunManager({
    db: d,
    broadcast: (t) => seen.push(t),
    pipelineOptions: { caller: new ResilientCaller({ baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 50, attemptTimeoutMs: 10_000 }) },
    timing: { heartbeatMs: 40, flushMs: 5 },
    log: () => {},
    ...deps,
  });
  managers.push(m);
  return { m, seen };
}

async function setup(opts: { provider?: boolean } = {}) {
  const d = freshDb();
  const cv = await saveCvVersion({ cv: sampleCv(), source: { kind: 'text' } }, d);
  const job = await saveJob(samplePosting(), d);
  if (opts.provider) {
    const p = await saveProvider({ provider: 'openai', model: 'gpt-4o-mini', baseUrl: `${fake().url}/v1`, apiKey: TEST_KEYS.openai }, d);
    await setChain([p.id], d);
  }
  return { d, ...cv, ...job };
}

async function until<T>(f: () => Promise<T | undefined | false> | T | undefined | false, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A pipeline that never finishes on its own: it ends, failed, only when the run is cancelled. */
const blocked: typeof runPipeline = (_input, opts) =>
  new Promise<Run>((resolve) => {
    const end = () => resolve({ status: 'failed' } as Run);
    if (opts!.signal!.aborted) end();
    else opts!.signal!.addEventListener('abort', end);
  });
const hangOn = (stage: string): FakeResponder => (req) => (agentOf(req) === stage ? { type: 'hang' } : brain(req));
const dump = async (d: CvPathDb) => JSON.stringify([await d.runTasks.toArray(), await d.runs.toArray(), await d.outbox.toArray()]);

describe('RunManager', () => {
  it('runs offline to one immutable run record, points the application at it and sums it up on the task', async () => {
    const { d, jobId, applicationId, versionId } = await setup();
    const { m, seen } = worker(d);
    await d.outbox.clear();
    const { runId } = await m.start({ jobId });
    const running = await d.runTasks.get(runId);
    expect(running).toMatchObject({ status: 'running', attempts: 1, applicationId, cvVersionId: versionId });
    expect(running!.stages.JOB_PARSER).toEqual({ status: 'pending' });
    await m.whenIdle();

    const records = await d.runs.toArray();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ id: runId, applicationId, jobId, cvVersionId: versionId });
    expect(records[0]!.run).toMatchObject({ id: runId, status: 'succeeded' });
    const app = await d.applications.get(applicationId);
    expect(app!.lastRunId).toBe(runId);
    const task = (await d.runTasks.get(runId))!;
    const score = records[0]!.run.outputs.score!;
    const matches = records[0]!.run.outputs.analysis!.matches;
    expect(task.status).toBe('succeeded');
    expect(task.summary).toMatchObject({ before: score.before.match, after: score.after.match, met: matches.filter((x) => x.status === 'met').length, missing: matches.filter((x) => x.status === 'missing').length, costUsd: 0 });
    expect(task.summary!.after).toBeGreaterThanOrEqual(task.summary!.before);
    expect(Object.values(task.stages).every((s) => s.status === 'succeeded')).toBe(true);
    expect(task.events.at(-1)).toMatchObject({ type: 'run_finished', status: 'succeeded' });
    expect(await outboxLines(d)).toEqual([`run:put:${runId}`, `application:put:${applicationId}`]);
    // followers saw it start, progress and end
    expect(seen[0]!.status).toBe('running');
    expect(seen.some((t) => t.stages.JOB_PARSER?.status === 'running')).toBe(true);
    expect(seen.at(-1)).toMatchObject({ id: runId, status: 'succeeded' });
  });

  it('says what to do when there is no CV or no such job', async () => {
    const d = freshDb();
    const { jobId } = await saveJob(samplePosting(), d);
    const { m } = worker(d);
    await expect(m.start({ jobId })).rejects.toMatchObject({ code: 'CV_EMPTY', hint: "Import your master CV in CVPath's options first." });
    await saveCvVersion({ cv: sampleCv(), source: { kind: 'text' } }, d);
    await expect(m.start({ jobId: 'gone' })).rejects.toMatchObject({ code: 'INPUT_INVALID', hint: expect.stringMatching(/Tailor my CV/) });
    await expect(m.start({ jobId, cvVersionId: 'gone' })).rejects.toMatchObject({ code: 'CV_EMPTY' });
    expect(await d.runTasks.count()).toBe(0);
  });

  it('returns the run in progress instead of starting the same one twice', async () => {
    const { d, jobId } = await setup();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { m } = worker(d, { pipeline: async (input, opts) => (await gate, runPipeline(input, opts)) });
    const a = await m.start({ jobId });
    const b = await m.start({ jobId });
    expect(b.runId).toBe(a.runId);
    release();
    await m.whenIdle();
    const c = await m.start({ jobId });
    expect(c.runId).not.toBe(a.runId);
    await m.whenIdle();
    expect(await d.runs.count()).toBe(2);
  });

  it('keeps the task alive with heartbeats while a stage waits on a slow provider', async () => {
    const { d, jobId } = await setup({ provider: true });
    responder = hangOn('JOB_PARSER');
    const { m } = worker(d);
    const { runId } = await m.start({ jobId });
    const first = (await d.runTasks.get(runId))!.heartbeatAt;
    await until(async () => (await d.runTasks.get(runId))!.heartbeatAt > first);
    expect((await d.runTasks.get(runId))!.status).toBe('running');
  });

  it('leaves nothing half-written when the worker dies mid-run, and the next worker finishes it from the cache', async () => {
    const { d, jobId, applicationId } = await setup({ provider: true });
    responder = hangOn('CV_TAILOR');
    const w1 = worker(d);
    const { runId } = await w1.m.start({ jobId });
    // the job parser answered (and was cached); the tailor hangs: the worker dies here
    await until(async () => (await d.runTasks.get(runId))!.stages.JOB_PARSER?.status === 'succeeded' && fake().requests.some((r) => agentOf(r) === 'CV_TAILOR'));
    await w1.m.stop();

    expect(await d.runs.count()).toBe(0);
    const orphan = (await d.runTasks.get(runId))!;
    expect(orphan).toMatchObject({ status: 'running', attempts: 1 });
    expect((await d.applications.get(applicationId))!.lastRunId).toBeUndefined();

    responder = brain;
    const parsedBefore = fake().requests.filter((r) => agentOf(r) === 'JOB_PARSER').length;
    const w2 = worker(d);
    expect(await w2.m.resume({ coldStart: true })).toEqual({ resumed: [runId], failed: [] });
    await w2.m.whenIdle();

    const task = (await d.runTasks.get(runId))!;
    expect(task).toMatchObject({ status: 'succeeded', attempts: 2 });
    const records = await d.runs.toArray();
    expect(records.map((r) => r.id)).toEqual([runId]);
    const stage = (id: string) => records[0]!.run.stages.find((s) => s.stage === id)!;
    expect(stage('JOB_PARSER')).toMatchObject({ cached: true, provider: 'openai' });
    expect(stage('CV_TAILOR')).toMatchObject({ cached: false, provider: 'openai', offlineFallback: false });
    expect(fake().requests.filter((r) => agentOf(r) === 'JOB_PARSER').length).toBe(parsedBefore); // not asked again
    expect((await d.applications.get(applicationId))!.lastRunId).toBe(runId);
    // the key went to the provider and nowhere else
    expect(fake().requests.at(-1)!.headers.authorization).toBe(`Bearer ${TEST_KEYS.openai}`);
    expect(await dump(d)).not.toContain(TEST_KEYS.openai);
  });

  it(`gives up with a clear message on the third start (after ${MAX_STARTS} interrupted ones)`, async () => {
    const { d, jobId } = await setup({ provider: true });
    responder = () => ({ type: 'hang' });
    const w1 = worker(d);
    const { runId } = await w1.m.start({ jobId });
    await until(() => fake().requests.length > 0);
    await w1.m.stop();

    const w2 = worker(d);
    await w2.m.resume({ coldStart: true });
    await until(async () => (await d.runTasks.get(runId))!.attempts === 2 && fake().requests.length > 1);
    await w2.m.stop();

    const w3 = worker(d);
    expect(await w3.m.resume({ coldStart: true })).toEqual({ resumed: [], failed: [runId] });
    const task = (await d.runTasks.get(runId))!;
    expect(task).toMatchObject({ status: 'failed', attempts: 2, error: { code: 'ABORTED', message: expect.stringMatching(/interrupted twice/), hint: expect.stringMatching(/Start it again/) } });
    expect(Object.values(task.stages).some((s) => s.status === 'running')).toBe(false);
    expect(await d.runs.count()).toBe(0);
    expect(w3.seen.at(-1)).toMatchObject({ id: runId, status: 'failed' });
  });

  it('resumes on the alarm only runs whose heartbeat is stale', async () => {
    const { d, jobId } = await setup();
    let now = Date.now();
    const w0 = worker(d, { pipeline: blocked });
    const { runId } = await w0.m.start({ jobId });
    await w0.m.stop();
    const w = worker(d, { now: () => now });
    expect(await w.m.resume()).toEqual({ resumed: [], failed: [] }); // fresh heartbeat: maybe another worker's
    now += 16_000;
    expect(await w.m.resume()).toEqual({ resumed: [runId], failed: [] });
    expect(await w.m.resume()).toEqual({ resumed: [], failed: [] }); // now it is this worker's
    await w.m.whenIdle();
    expect((await d.runTasks.get(runId))!.status).toBe('succeeded');
  });

  it('fails a resumed run clearly when its job or CV was deleted meanwhile', async () => {
    const { d, jobId, cvId } = await setup();
    const w0 = worker(d, { pipeline: blocked });
    const { runId } = await w0.m.start({ jobId });
    await w0.m.stop();
    await d.cvVersions.where('cvId').equals(cvId).delete();
    const w = worker(d);
    await w.m.resume({ coldStart: true });
    await w.m.whenIdle();
    expect(await d.runTasks.get(runId)).toMatchObject({ status: 'failed', error: { code: 'CV_EMPTY', message: expect.stringMatching(/CV version this run was using has been deleted/), hint: expect.any(String) } });
    expect(await d.runs.count()).toBe(0);
  });

  it('stops a run whose application is deleted while it runs, and writes nothing for it', async () => {
    const { d, jobId, applicationId } = await setup();
    let signal: AbortSignal | undefined;
    const { m } = worker(d, {
      pipeline: (_input, opts) =>
        new Promise<Run>((resolve) => {
          signal = opts!.signal;
          opts!.signal!.addEventListener('abort', () => resolve({ status: 'failed' } as Run));
        }),
    });
    await m.start({ jobId });
    await until(() => signal);
    await deleteApplication(applicationId, d);
    await until(() => signal!.aborted);
    await m.whenIdle();
    expect(await d.runTasks.count()).toBe(0);
    expect(await d.runs.count()).toBe(0);
  });

  it('keeps a failed run for the record, fails the task with a hint, and keeps the last good run on the application', async () => {
    const { d, jobId, applicationId } = await setup({ provider: true });
    responder = () => ({ type: 'status', status: 401, message: `Incorrect API key provided: ${TEST_KEYS.openai}` });
    const { m } = worker(d, { pipelineOptions: { caller: new ResilientCaller({ baseDelayMs: 1, maxDelayMs: 5 }), allowOfflineFallback: false } });
    const { runId } = await m.start({ jobId });
    await m.whenIdle();
    const task = (await d.runTasks.get(runId))!;
    expect(task).toMatchObject({ status: 'failed', error: { code: 'STAGE_FAILED', hint: expect.any(String) } });
    expect(task.summary).toBeUndefined();
    expect((await d.runs.get(runId))!.run.status).toBe('failed');
    expect((await d.applications.get(applicationId))!.lastRunId).toBeUndefined();
    expect(await dump(d)).not.toContain(TEST_KEYS.openai);
  });

  it('leaves the CV and posting text out of the history when the user turned that off', async () => {
    const { d, jobId } = await setup();
    await setPrivacy({ keepRunInputs: false }, d);
    const { m } = worker(d);
    const { runId } = await m.start({ jobId });
    await m.whenIdle();
    const { run } = (await d.runs.get(runId))!;
    expect(run.inputs.cv).toBeUndefined();
    expect(run.inputs.job.description).toBe('');
    expect(run.outputs.cv).toBeUndefined(); // the parsed master is the same CV: not kept either
    expect(run.inputs.cvHash).toMatch(/^[0-9a-f]{64}$/);
    expect(run.outputs.tailored).toBeDefined();
  });
});
