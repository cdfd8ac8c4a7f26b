import { beforeEach, describe, expect, it } from 'vitest';
import { brainResponder, FABRICATIONS, agentOf, think } from '../../test/fake-llm/brain';
import type { FakeLlm } from '../../test/fake-llm/server';
import { useFakeLlm } from '../../test/fake-llm/use-fake-llm';
import { fakeSpec, loadPairs, NOW } from '../../test/helpers';
import { computeFigures, prominenceOf } from '../engine/matcher';
import { ResilientCaller } from '../providers/chain';
import { Analysis } from '../schema/analysis';
import { Run } from '../schema/run';
import { Score } from '../schema/score';
import { TailoredCv } from '../schema/tailored-cv';
import { MemoryCache } from './cache';
import type { PipelineEvent } from './events';
import { runPipeline } from './pipeline';
import { STAGES } from './stages';

const example = loadPairs().find((p) => p.name === 'examples')!;
let fake: FakeLlm;
const quickCaller = () => new ResilientCaller({ baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 50, attemptTimeoutMs: 2000 });

const getFake = useFakeLlm(() => brainResponder());
beforeEach(() => {
  fake = getFake();
});

describe('pipeline, offline', () => {
  it('runs all six stages with no key and returns a valid, frozen Run with its input snapshots', async () => {
    const events: PipelineEvent[] = [];
    const run = await runPipeline({ cvText: example.cvText, job: example.job }, { now: NOW, cache: new MemoryCache(), onEvent: (e) => events.push(e) });
    expect(run.status).toBe('succeeded');
    expect(Run.safeParse(run).success).toBe(true);
    expect(run.stages.map((s) => s.stage).sort()).toEqual([...STAGES].sort());
    expect(run.stages.every((s) => s.provider === 'offline' && !s.offlineFallback)).toBe(true);
    expect(run.inputs.cvText).toBe(example.cvText);
    expect(run.inputs.job.title).toBe(example.job.title);
    expect(Object.isFrozen(run) && Object.isFrozen(run.outputs.tailored!.cv.work)).toBe(true);
    expect(events.filter((e) => e.type === 'stage_started')).toHaveLength(6);
    expect(events.filter((e) => e.type === 'stage_finished')).toHaveLength(6);
    expect(events.at(-1)?.type).toBe('run_finished');
    expect(run.outputs.score!.after.match).toBeGreaterThanOrEqual(run.outputs.score!.before.match);
  });

  it('refuses an empty CV or job with a clear error code', async () => {
    await expect(runPipeline({ cvText: '   ', job: example.job })).rejects.toMatchObject({ code: 'CV_EMPTY' });
    await expect(runPipeline({ cvText: example.cvText, job: { ...example.job, description: '' } })).rejects.toMatchObject({ code: 'JOB_EMPTY' });
  });

  it('fails clearly when the text holds no CV at all, rather than inventing one', async () => {
    const run = await runPipeline({ cvText: '\n\n%%%% 1234 ####\n', job: example.job }, { now: NOW, cache: new MemoryCache() });
    expect(run.status).toBe('failed');
    expect(run.error?.code).toBe('CV_EMPTY');
    expect(run.outputs).toEqual({});
  });
});

describe.each(['openai', 'anthropic', 'gemini'] as const)('pipeline through %s (real SDK, fake server)', (provider) => {
  it('runs all six stages through that provider in its wire format', async () => {
    const run = await runPipeline({ cvText: example.cvText, job: example.job }, { now: NOW, chain: [fakeSpec(provider, fake.url)], caller: quickCaller(), cache: new MemoryCache() });
    expect(run.status).toBe('succeeded');
    expect(run.stages).toHaveLength(6);
    for (const s of run.stages) {
      expect(s.provider).toBe(provider);
      expect(s.offlineFallback).toBe(false);
      expect(s.inputTokens).toBeGreaterThan(0);
    }
    expect(fake.requests).toHaveLength(6);
    expect(new Set(fake.requests.map((r) => agentOf(r)))).toEqual(new Set(STAGES));
    expect(fake.requests.every((r) => r.format === provider)).toBe(true);
    expect(run.totals.costUsd).toBeGreaterThan(0);
  });
});

describe('faithfulness guard', () => {
  const tailorOnly = (f: FakeLlm) => ({ chains: { CV_TAILOR: [fakeSpec('openai', f.url)] } });

  it('catches every fabricated employer, title, date, degree, institution, skill and number, and reports each', async () => {
    fake.setResponder((req) => ({ type: 'text', text: think(req, { fabricate: true, obeyRepair: false }) }));
    const run = await runPipeline({ cvText: example.cvText, job: example.job }, { now: NOW, ...tailorOnly(fake), caller: quickCaller(), cache: new MemoryCache() });
    const score = run.outputs.score!;
    const kinds = new Set(score.faithfulness.violations.map((v) => v.kind));
    for (const k of ['employer', 'title', 'date', 'degree', 'institution', 'skill', 'number'] as const) expect(kinds, k).toContain(k);
    expect(score.faithfulness.faithful).toBe(false);
    const text = JSON.stringify(run.outputs.tailored!.cv);
    for (const lie of Object.values(FABRICATIONS)) expect(text).not.toContain(lie);
    // what remains is the master's own facts
    const master = run.outputs.cv!;
    expect(run.outputs.tailored!.cv.work.map((w) => [w.id, w.name, w.position, w.startDate])).toEqual(master.work.map((w) => [w.id, w.name, w.position, w.startDate]));
  });

  it('sends the violations back once; what the model then fixes is reported as repaired', async () => {
    fake.setResponder((req) => ({ type: 'text', text: think(req, { fabricate: true, obeyRepair: true }) }));
    const run = await runPipeline({ cvText: example.cvText, job: example.job }, { now: NOW, ...tailorOnly(fake), caller: quickCaller(), cache: new MemoryCache() });
    const tailorRequests = fake.requests.filter((r) => agentOf(r) === 'CV_TAILOR');
    expect(tailorRequests).toHaveLength(2);
    expect(tailorRequests[1]!.user).toContain('Goldman Sachs');
    const v = run.outputs.score!.faithfulness.violations;
    expect(v.length).toBeGreaterThan(0);
    expect(v.every((x) => x.action === 'repaired')).toBe(true);
    expect(run.stages.find((s) => s.stage === 'CV_TAILOR')!.attempts.map((a) => a.outcome)).toEqual(['invalid_output', 'repaired']);
  });

  it('is caught on every fixture pair', async () => {
    fake.setResponder((req) => ({ type: 'text', text: think(req, { fabricate: true, obeyRepair: false }) }));
    for (const p of loadPairs()) {
      const run = await runPipeline({ cvText: p.cvText, job: p.job }, { now: NOW, ...tailorOnly(fake), caller: quickCaller(), cache: new MemoryCache() });
      const text = JSON.stringify(run.outputs.tailored!.cv);
      for (const lie of Object.values(FABRICATIONS)) expect(text, `${p.name}: ${lie}`).not.toContain(lie);
      expect(run.outputs.score!.faithfulness.violations.length, p.name).toBeGreaterThanOrEqual(7);
    }
  });
});

describe('numbers come from code, never from a model', () => {
  it('ignores scores a model writes into JOB_ANALYZER and COMPARATIVE_SCORER output', async () => {
    fake.setResponder((req) => ({ type: 'text', text: think(req, { inventNumbers: true }) }));
    const chain = [fakeSpec('anthropic', fake.url)];
    const run = await runPipeline({ cvText: example.cvText, job: example.job }, { now: NOW, chains: { JOB_ANALYZER: chain, COMPARATIVE_SCORER: chain }, caller: quickCaller(), cache: new MemoryCache() });
    const analyzerAnswer = fake.requests.find((r) => agentOf(r) === 'JOB_ANALYZER');
    expect(analyzerAnswer).toBeDefined();
    const analysis = Analysis.parse(run.outputs.analysis);
    const job = run.outputs.parsedJob!;
    const cv = run.outputs.cv!;
    // the figures are exactly what code computes from the statuses the model gave
    expect(analysis.figures).toEqual(computeFigures(job, analysis.matches, prominenceOf(cv, job, analysis.matches)));
    expect(analysis.figures.match).not.toBe(99);
    expect(analysis.figures.mustHave.total).toBe(job.requirements.filter((r) => r.kind === 'must').length);
    expect(JSON.stringify(analysis)).not.toMatch(/"(score|confidence|matchScore|overall)"/);
    const score = Score.parse(run.outputs.score);
    expect(score.after.match).not.toBe(99);
    expect(score.delta).toBe(score.after.match - score.before.match);
    expect(score.delta).not.toBe(42);
    expect(run.stages.find((s) => s.stage === 'JOB_ANALYZER')!.provider).toBe('anthropic');
  });
});

describe('output handling and failover', () => {
  it('repairs a malformed answer once, quoting the validation errors', async () => {
    let first = true;
    fake.setResponder((req) => {
      if (agentOf(req) === 'JOB_PARSER' && first) {
        first = false;
        return { type: 'text', text: '{"title": "x", "requirements": [{"text": "Go", "kind": "required"}]}' };
      }
      return { type: 'text', text: think(req) };
    });
    const run = await runPipeline({ cvText: example.cvText, job: example.job }, { now: NOW, chain: [fakeSpec('gemini', fake.url)], caller: quickCaller(), cache: new MemoryCache() });
    const jp = run.stages.find((s) => s.stage === 'JOB_PARSER')!;
    expect(jp.attempts.map((a) => a.outcome)).toEqual(['invalid_output', 'repaired']);
    const repair = fake.requests.filter((r) => agentOf(r) === 'JOB_PARSER')[1]!;
    expect(repair.user).toContain('requirements.0.kind');
    expect(run.status).toBe('succeeded');
  });

  it('fails over to the next provider, then to the offline engine, and marks it in the Run', async () => {
    fake.setResponder((req) => (req.format === 'openai' ? { type: 'status', status: 500 } : req.format === 'anthropic' && agentOf(req) === 'CV_TAILOR' ? { type: 'text', text: 'not json' } : { type: 'text', text: think(req) }));
    const run = await runPipeline({ cvText: example.cvText, job: example.job }, { now: NOW, chain: [fakeSpec('openai', fake.url), fakeSpec('anthropic', fake.url)], caller: quickCaller(), cache: new MemoryCache() });
    expect(run.status).toBe('succeeded');
    const byStage = Object.fromEntries(run.stages.map((s) => [s.stage, s]));
    expect(byStage.JOB_PARSER!.provider).toBe('anthropic');
    expect(byStage.JOB_PARSER!.attempts[0]!.outcome).toBe('provider_error');
    expect(byStage.CV_TAILOR!.provider).toBe('offline');
    expect(byStage.CV_TAILOR!.offlineFallback).toBe(true);
    expect(TailoredCv.safeParse(run.outputs.tailored).success).toBe(true);
  });

  it('without the offline last resort, a stage that fails everywhere ends the run with one clear error', async () => {
    fake.setResponder(() => ({ type: 'status', status: 401 }));
    const run = await runPipeline({ cvText: example.cvText, job: example.job }, { now: NOW, chain: [fakeSpec('openai', fake.url)], caller: quickCaller(), cache: new MemoryCache(), allowOfflineFallback: false });
    expect(run.status).toBe('failed');
    expect(run.error!.code).toBe('STAGE_FAILED');
    expect(run.error!.message).not.toContain('sk-test');
  });

  it('keeps to its time budget: hung providers are abandoned and the offline engine finishes', async () => {
    fake.setResponder(() => ({ type: 'hang' }));
    const t = performance.now();
    const run = await runPipeline({ cvText: example.cvText, job: example.job }, { now: NOW, chain: [fakeSpec('openai', fake.url)], caller: new ResilientCaller({ attemptTimeoutMs: 60_000 }), cache: new MemoryCache(), budgetMs: 800 });
    const elapsed = performance.now() - t;
    expect(run.status).toBe('succeeded');
    expect(elapsed).toBeLessThan(800 + 1500);
    expect(run.stages.filter((s) => s.offlineFallback).length).toBeGreaterThan(0);
  });

  it('a cancel ends the run as ABORTED', async () => {
    fake.setResponder(() => ({ type: 'hang' }));
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const run = await runPipeline({ cvText: example.cvText, job: example.job }, { now: NOW, chain: [fakeSpec('openai', fake.url)], caller: quickCaller(), cache: new MemoryCache(), signal: ac.signal });
    expect(run.status).toBe('failed');
    expect(run.error!.code).toBe('ABORTED');
  });
});

describe('cache by content hash', () => {
  it('parses a master CV once: a second job with the same CV reuses CV_PARSER and CV_VALIDATOR', async () => {
    const cache = new MemoryCache();
    const opts = { now: NOW, chain: [fakeSpec('openai', fake.url)], caller: quickCaller(), cache };
    await runPipeline({ cvText: example.cvText, job: example.job }, opts);
    fake.requests.length = 0;
    const other = loadPairs().find((p) => p.name === 'software')!;
    const run = await runPipeline({ cvText: example.cvText, job: other.job }, opts);
    const cached = run.stages.filter((s) => s.cached).map((s) => s.stage).sort();
    expect(cached).toEqual(['CV_PARSER', 'CV_VALIDATOR']);
    expect(fake.requests.map((r) => agentOf(r)).sort()).toEqual(['COMPARATIVE_SCORER', 'CV_TAILOR', 'JOB_ANALYZER', 'JOB_PARSER']);
  });
});
