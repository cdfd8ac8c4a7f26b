import { comparativeScorer } from '../agents/comparative-scorer';
import { cvParser } from '../agents/cv-parser';
import { cvTailor } from '../agents/cv-tailor';
import { cvValidator } from '../agents/cv-validator';
import { jobAnalyzer } from '../agents/job-analyzer';
import { jobParser } from '../agents/job-parser';
import { guardFaithfulness } from '../engine/faithfulness';
import { sha256Hex, stableStringify } from '../engine/text';
import { CvPathError, isCvPathError } from '../errors';
import type { BuildOptions } from '../prompt/builder';
import { ResilientCaller } from '../providers/chain';
import type { ProviderSpec } from '../providers/types';
import { Cv } from '../schema/cv';
import { JobPosting } from '../schema/job-posting';
import type { FaithfulnessViolation } from '../schema/score';
import type { TailoredCv } from '../schema/tailored-cv';
import { Run, type StageRecord } from '../schema/run';
import { ENGINE_VERSION } from '../version';
import { MemoryCache, type StageCache } from './cache';
import type { PipelineEvent } from './events';
import { runStage, StageFailure, type StageOptions } from './run-stage';
import type { StageId } from './stages';

export interface PipelineInput {
  /** The master CV as text (parsed by CV_PARSER), or already structured. */
  cvText?: string;
  cv?: Cv;
  job: JobPosting;
}

export interface PipelineOptions {
  /** The default provider chain; `[{provider:'offline'}]` when empty. */
  chain?: ProviderSpec[];
  /** A chain per agent, overriding the default. */
  chains?: Partial<Record<StageId, ProviderSpec[]>>;
  caller?: ResilientCaller;
  cache?: StageCache;
  /** The run's clock (years of experience are counted to it). */
  now?: Date;
  signal?: AbortSignal;
  /** The whole run's time budget; stages still waiting on a provider then finish offline. Default 120 s. */
  budgetMs?: number;
  onEvent?: (e: PipelineEvent) => void;
  prompt?: BuildOptions;
  allowOfflineFallback?: boolean;
}

const OFFLINE: ProviderSpec[] = [{ provider: 'offline', model: 'rules' }];
const defaultCaller = new ResilientCaller();
const defaultCache = new MemoryCache();

/**
 * Runs the six agents as a DAG:
 *   CV_PARSER ─┬─ CV_VALIDATOR ──────────────┐
 *              ├─ JOB_ANALYZER ─────────────┤
 *   JOB_PARSER ┴─ CV_TAILOR ─ (guard) ───────┴─ COMPARATIVE_SCORER
 * JOB_ANALYZER and CV_TAILOR need only the parsed CV and job, so they run side by side: three model round-trips
 * on the critical path instead of five. Returns an immutable Run; never throws for provider trouble.
 */
export async function runPipeline(input: PipelineInput, opts: PipelineOptions = {}): Promise<Run> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  const job = JobPosting.parse(input.job);
  if (!job.description.trim()) throw new CvPathError('JOB_EMPTY', 'The job posting has no description.', { hint: 'Copy the full posting text, including requirements.' });
  if (!input.cv && !input.cvText?.trim()) throw new CvPathError('CV_EMPTY', 'The CV is empty.', { hint: 'Import your master CV first (text, Markdown or JSON Resume).' });
  const givenCv = input.cv ? Cv.parse(input.cv) : undefined;

  const budgetMs = opts.budgetMs ?? 120_000;
  if (!Number.isFinite(budgetMs) || budgetMs <= 0) throw new CvPathError('INPUT_INVALID', `The time budget must be a positive number of milliseconds (got ${budgetMs}).`);
  const budget = AbortSignal.timeout(Math.max(1, Math.round(budgetMs)));
  // one failed stage ends the run: the stages running beside it are cancelled so they spend nothing more
  const internal = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, internal.signal]) : internal.signal;
  let finished = false;
  const emit = (e: PipelineEvent) => {
    if (!finished) opts.onEvent?.(e);
  };
  const caller = opts.caller ?? defaultCaller;
  const cache = opts.cache ?? defaultCache;
  const chainFor = (stage: StageId) => {
    const c = opts.chains?.[stage] ?? opts.chain;
    return c?.length ? c : OFFLINE;
  };
  const ctx = { now };
  const base = <O>(stage: StageId, extra: Partial<StageOptions<O>> = {}): StageOptions<O> => ({
    chain: chainFor(stage), caller, ctx, signal, budget, cache, emit, prompt: opts.prompt, allowOfflineFallback: opts.allowOfflineFallback, ...extra,
  });

  const cvHash = await sha256Hex(givenCv ? stableStringify(givenCv) : input.cvText!);
  const jobHash = job.contentHash ?? (await sha256Hex(stableStringify({ ...job, scrapedAt: undefined })));
  const stages: StageRecord[] = [];
  const outputs: Run['outputs'] = {};
  const chainNames = (opts.chain?.length ? opts.chain : OFFLINE).map(specLabel);
  let error: Run['error'];
  let failedStage: StageId | undefined;

  const track = <T>(stage: StageId, p: Promise<{ output: T; record: StageRecord }>): Promise<T> => {
    const tracked = settle(stage, p);
    tracked.catch(() => {}); // stages run side by side: the first failure is reported, the others must not go unhandled
    return tracked;
  };
  const settle = async <T>(stage: StageId, p: Promise<{ output: T; record: StageRecord }>): Promise<T> => {
    try {
      const r = await p;
      stages.push(r.record);
      return r.output;
    } catch (e) {
      failedStage ??= stage;
      if (e instanceof StageFailure) {
        stages.push(e.record);
        throw e.cause;
      }
      throw e;
    }
  };

  try {
    const cvP = givenCv
      ? Promise.resolve(givenCv).then((cv) => {
          stages.push(givenRecord('CV_PARSER', cvHash));
          return cv;
        })
      : track('CV_PARSER', runStage(cvParser, { text: input.cvText! }, base('CV_PARSER')));
    const jobP = track('JOB_PARSER', runStage(jobParser, job, base('JOB_PARSER')));
    const cv = await cvP;
    outputs.cv = cv;
    if (!cv.basics.name && !cv.work.length && !cv.education.length && !cv.skills.length) {
      throw new CvPathError('CV_EMPTY', 'No CV content could be read: no name, roles, education or skills were found.', { hint: 'Check that the file holds your CV as text, with headings such as "Experience" and "Education".' });
    }
    const reviewP = track('CV_VALIDATOR', runStage(cvValidator, { cv }, base('CV_VALIDATOR', { timeDependent: true })));
    const parsedJob = await jobP;
    outputs.parsedJob = parsedJob;

    // violations of each provider's first draft: what its repair then fixed is reported as repaired
    const firstViolations = new Map<string, FaithfulnessViolation[]>();
    const guardCheck = (t: TailoredCv, spec: ProviderSpec) => {
      const v = guardFaithfulness(cv, t).violations;
      const key = `${spec.provider}:${spec.model}`;
      if (!firstViolations.has(key)) firstViolations.set(key, v);
      return v.map((x) => `${x.path}: "${x.value}" is a ${x.kind} that the master CV does not support. Use the master CV's value.`);
    };
    const analysisP = track('JOB_ANALYZER', runStage(jobAnalyzer, { cv, job: parsedJob }, base('JOB_ANALYZER', { timeDependent: true })));
    const tailorP = track('CV_TAILOR', runStage(cvTailor, { cv, job: parsedJob }, base('CV_TAILOR', { check: guardCheck })));
    const [analysis, tailoredRaw, review] = await Promise.all([analysisP, tailorP, reviewP]);
    const tailorRecord = stages.find((st) => st.stage === 'CV_TAILOR');
    outputs.analysis = analysis;
    outputs.review = review;

    const guarded = guardFaithfulness(cv, tailoredRaw);
    // what the repair round-trip fixed is reported as repaired; what is left was reverted or removed just now
    const repaired = (tailorRecord && !tailorRecord.cached ? (firstViolations.get(`${tailorRecord.provider}:${tailorRecord.model}`) ?? []) : [])
      .filter((f) => !guarded.violations.some((g) => g.path === f.path && g.value === f.value))
      .map((f) => ({ ...f, action: 'repaired' as const }));
    const violations = [...repaired, ...guarded.violations];
    outputs.tailored = guarded.tailored;

    outputs.score = await track('COMPARATIVE_SCORER', runStage(comparativeScorer, { master: cv, tailored: guarded.tailored.cv, job: parsedJob, before: analysis, violations }, base('COMPARATIVE_SCORER', { timeDependent: true })));
  } catch (e) {
    const err = isCvPathError(e) ? e : new CvPathError('INTERNAL', 'Something went wrong inside the pipeline.', { cause: e, hint: 'Try again; if it keeps happening, report it with the run id.' });
    error = { code: err.code, message: err.hint ? `${err.message} ${err.hint}` : err.message, ...(failedStage ? { stage: failedStage } : {}) };
    internal.abort();
  }

  const order = ['CV_PARSER', 'JOB_PARSER', 'CV_VALIDATOR', 'JOB_ANALYZER', 'CV_TAILOR', 'COMPARATIVE_SCORER'];
  stages.sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage));
  const totals = {
    inputTokens: stages.reduce((a, s) => a + s.inputTokens, 0),
    outputTokens: stages.reduce((a, s) => a + s.outputTokens, 0),
    costUsd: Math.round(stages.reduce((a, s) => a + s.costUsd, 0) * 1e6) / 1e6,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
  };
  const status = error ? 'failed' : 'succeeded';
  const run = Run.parse({
    id: globalThis.crypto.randomUUID(),
    createdAt: now.toISOString(),
    status,
    engineVersion: ENGINE_VERSION,
    inputs: { cvText: input.cvText, cv: givenCv, cvHash, job, jobHash, chain: chainNames, chains: opts.chains ? Object.fromEntries(Object.entries(opts.chains).map(([k, c]) => [k, (c ?? []).map(specLabel)])) : undefined },
    stages,
    outputs: error ? {} : outputs,
    totals,
    error,
  });
  emit({ type: 'run_finished', status, durationMs: totals.durationMs, costUsd: totals.costUsd, inputTokens: totals.inputTokens, outputTokens: totals.outputTokens });
  finished = true;
  return deepFreeze(run);
}

/** A chain link by name only: never its key or base URL. */
const specLabel = (s: ProviderSpec) => (s.provider === 'offline' ? 'offline' : `${s.provider}:${s.model}`);

function givenRecord(stage: StageId, hash: string): StageRecord {
  return { stage, status: 'succeeded', provider: 'input', model: 'structured', offlineFallback: false, cached: false, promptVersion: 'none', inputHash: hash, attempts: [], inputTokens: 0, outputTokens: 0, costUsd: 0, durationMs: 0 };
}

export function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
