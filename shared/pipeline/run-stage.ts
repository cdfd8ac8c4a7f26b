import type { Agent, AgentContext } from '../agents/agent';
import { CvPathError } from '../errors';
import { sha256Hex, stableStringify } from '../engine/text';
import { buildPrompt, repairMessage, type BuildOptions } from '../prompt/builder';
import { describeIssues, extractJson } from '../prompt/extract-json';
import type { ResilientCaller } from '../providers/chain';
import { isProviderError } from '../providers/provider-error';
import type { ChatMessage, ProviderSpec } from '../providers/types';
import type { Attempt, StageRecord } from '../schema/run';
import type { StageCache } from './cache';
import { ENGINE_VERSION } from '../version';
import type { PipelineEvent } from './events';

export interface StageOptions<O> {
  chain: ProviderSpec[];
  caller: ResilientCaller;
  ctx: AgentContext;
  /** The user's cancel: the run fails with ABORTED. */
  signal?: AbortSignal;
  /** The run's time budget: in-flight calls stop and the offline engine finishes the stage. */
  budget?: AbortSignal;
  cache?: StageCache;
  /** Include the run's month in the cache key (stages whose result depends on "now"). */
  timeDependent?: boolean;
  prompt?: BuildOptions;
  maxOutputTokens?: number;
  allowOfflineFallback?: boolean;
  emit?: (e: PipelineEvent) => void;
  /** Extra checks on a finalized output (the faithfulness guard); problems found trigger the one repair round-trip. */
  check?: (output: O, spec: ProviderSpec) => string[];
  now?: () => number;
}

export interface StageResult<O> {
  output: O;
  record: StageRecord;
}

const specName = (s: ProviderSpec) => (s.provider === 'offline' ? 'offline' : `${s.provider}:${s.model}`);

/** Thrown when a stage ends without an output: carries the stage's record, attempts included, for the Run. */
export class StageFailure extends Error {
  constructor(override readonly cause: unknown, readonly record: StageRecord) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export async function runStage<I, O, D>(agent: Agent<I, O, D>, input: I, opts: StageOptions<O>): Promise<StageResult<O>> {
  const now = opts.now ?? (() => performance.now());
  const started = now();
  const attempts: Attempt[] = [];
  try {
    return await runStageInner(agent, input, opts, attempts, started);
  } catch (e) {
    const err = e instanceof CvPathError ? e : new CvPathError('STAGE_FAILED', `${agent.id} failed.`, { cause: e });
    const record: StageRecord = {
      stage: agent.id, status: 'failed', provider: attempts.at(-1)?.provider ?? 'none', model: attempts.at(-1)?.model ?? '', offlineFallback: false, cached: false,
      promptVersion: `${agent.id}@${agent.promptVersion}`, inputHash: '0'.repeat(64), attempts,
      inputTokens: sum(attempts, 'inputTokens'), outputTokens: sum(attempts, 'outputTokens'), costUsd: round6(sum(attempts, 'costUsd')), durationMs: round1(now() - started),
      error: { code: err.code, message: err.message },
    };
    opts.emit?.({ type: 'stage_finished', stage: agent.id, status: 'failed', provider: record.provider, model: record.model, offlineFallback: false, cached: false, inputTokens: record.inputTokens, outputTokens: record.outputTokens, costUsd: record.costUsd, durationMs: record.durationMs });
    throw new StageFailure(err, record);
  }
}

async function runStageInner<I, O, D>(agent: Agent<I, O, D>, input: I, opts: StageOptions<O>, attempts: Attempt[], started: number): Promise<StageResult<O>> {
  const now = opts.now ?? (() => performance.now());
  const emit = opts.emit ?? (() => {});
  emit({ type: 'stage_started', stage: agent.id, at: Date.now() });
  const inputHash = await sha256Hex(
    stableStringify({ stage: agent.id, v: agent.promptVersion, engine: ENGINE_VERSION, format: opts.prompt?.format ?? 'auto', chain: opts.chain.map(specName), month: opts.timeDependent ? opts.ctx.now.toISOString().slice(0, 7) : undefined, input }),
  );
  const finish = (output: O, provider: string, model: string, extra: Partial<StageRecord> = {}): StageResult<O> => {
    const record: StageRecord = {
      stage: agent.id,
      status: 'succeeded',
      provider,
      model,
      offlineFallback: false,
      cached: false,
      promptVersion: `${agent.id}@${agent.promptVersion}`,
      inputHash,
      attempts,
      inputTokens: sum(attempts, 'inputTokens'),
      outputTokens: sum(attempts, 'outputTokens'),
      costUsd: round6(sum(attempts, 'costUsd')),
      durationMs: round1(now() - started),
      ...extra,
    };
    emit({ type: 'stage_finished', stage: agent.id, status: 'succeeded', provider, model, offlineFallback: record.offlineFallback, cached: record.cached, inputTokens: record.inputTokens, outputTokens: record.outputTokens, costUsd: record.costUsd, durationMs: record.durationMs });
    return { output, record };
  };

  if (opts.cache) {
    const hit = await opts.cache.get(inputHash);
    if (hit !== undefined) {
      const parsed = agent.output.safeParse(hit);
      if (parsed.success) {
        const meta = (hit as { __by?: { provider: string; model: string } }).__by;
        return finish(parsed.data, meta?.provider ?? 'cache', meta?.model ?? '', { cached: true });
      }
    }
  }
  const remember = async (output: O, provider: string, model: string) => {
    if (opts.cache) await opts.cache.set(inputHash, { ...(output as object), __by: { provider, model } });
  };

  const runOffline = (fallback: boolean): StageResult<O> => {
    const t = now();
    const output = agent.output.parse(agent.offline(input, opts.ctx));
    attempts.push({ provider: 'offline', model: 'rules', outcome: 'ok', inputTokens: 0, outputTokens: 0, costUsd: 0, durationMs: round1(now() - t) });
    return finish(output, 'offline', 'rules', { offlineFallback: fallback });
  };

  let built: ReturnType<typeof buildPrompt> | undefined;
  for (const spec of opts.chain) {
    if (opts.signal?.aborted) throw new CvPathError('ABORTED', 'The run was cancelled.', { hint: 'Start it again when you are ready.' });
    if (opts.budget?.aborted) break;
    if (spec.provider === 'offline') {
      // reached after providers failed, it is a fallback: marked, and not cached so the provider is tried next time
      const fellBack = attempts.length > 0;
      const r = runOffline(fellBack);
      if (!fellBack) await remember(r.output, 'offline', 'rules');
      return r;
    }
    built ??= buildPrompt({ agent: agent.id, version: agent.promptVersion, output: agent.draft, ...agent.prompt(input, opts.ctx) }, opts.prompt);
    const signals = [opts.signal, opts.budget].filter((s): s is AbortSignal => !!s);
    const signal = signals.length ? AbortSignal.any(signals) : undefined;
    const messages: ChatMessage[] = [{ role: 'user', content: built.user }];
    let issues: string[] = [];
    for (let round = 0; round < 2; round++) {
      const t = now();
      let text: string;
      try {
        const res = await opts.caller.call(spec, { model: spec.model, system: built.system, messages, signal, maxOutputTokens: opts.maxOutputTokens ?? 8192, temperature: 0 });
        text = res.text;
        attempts.push({ provider: spec.provider, model: spec.model, outcome: 'ok', inputTokens: res.usage.inputTokens, outputTokens: res.usage.outputTokens, costUsd: res.costUsd, durationMs: round1(now() - t) });
      } catch (e) {
        if (opts.signal?.aborted) throw new CvPathError('ABORTED', 'The run was cancelled.', { hint: 'Start it again when you are ready.' });
        const kind = isProviderError(e) ? e.kind : 'internal';
        const message = isProviderError(e) || e instanceof CvPathError ? e.message : 'Unexpected error';
        attempts.push({ provider: spec.provider, model: spec.model, outcome: 'provider_error', errorKind: kind, message, inputTokens: 0, outputTokens: 0, costUsd: 0, durationMs: round1(now() - t) });
        emit({ type: 'attempt', stage: agent.id, provider: spec.provider, model: spec.model, outcome: 'provider_error', errorKind: kind, durationMs: round1(now() - t) });
        break; // this provider is done (the caller already retried); fail over
      }
      const last = attempts[attempts.length - 1]!;
      const result = interpret(agent, input, opts, text, spec);
      if (result.ok) {
        if (round === 1) last.outcome = 'repaired';
        emit({ type: 'attempt', stage: agent.id, provider: spec.provider, model: spec.model, outcome: last.outcome, durationMs: last.durationMs });
        await remember(result.output, spec.provider, spec.model);
        return finish(result.output, spec.provider, spec.model);
      }
      issues = result.issues;
      last.outcome = 'invalid_output';
      last.message = issues.slice(0, 3).join('; ').slice(0, 300);
      emit({ type: 'attempt', stage: agent.id, provider: spec.provider, model: spec.model, outcome: 'invalid_output', durationMs: last.durationMs });
      if (result.acceptable !== undefined && round === 1) {
        // the repair did not fix everything the checks found: keep the output (the pipeline's guard reverts the rest)
        // but do not cache it as if it were clean
        last.outcome = 'repaired';
        return finish(result.acceptable, spec.provider, spec.model);
      }
      if (opts.budget?.aborted) break;
      messages.push({ role: 'assistant', content: text.slice(0, 20_000) }, { role: 'user', content: repairMessage(issues) });
    }
    if (opts.budget?.aborted) break;
  }
  if (opts.signal?.aborted) throw new CvPathError('ABORTED', 'The run was cancelled.', { hint: 'Start it again when you are ready.' });
  if (opts.allowOfflineFallback === false) {
    const last = attempts[attempts.length - 1];
    throw new CvPathError('STAGE_FAILED', `${agent.id} failed with every configured provider${last?.message ? ` (last: ${last.message})` : ''}.`, { hint: 'Check your keys and provider status, or add "offline" to the chain.' });
  }
  return runOffline(true);
}

type Interpretation<O> = { ok: true; output: O } | { ok: false; issues: string[]; acceptable?: O };

function interpret<I, O, D>(agent: Agent<I, O, D>, input: I, opts: StageOptions<O>, text: string, spec: ProviderSpec): Interpretation<O> {
  const json = extractJson(text);
  if (json === undefined) return { ok: false, issues: ['(root): the answer holds no JSON object. Answer with the JSON object only.'] };
  const draft = agent.draft.safeParse(json);
  if (!draft.success) return { ok: false, issues: describeIssues(draft.error.issues) };
  let output: O;
  try {
    const parsed = agent.output.safeParse(agent.finalize(draft.data, input, opts.ctx));
    if (!parsed.success) return { ok: false, issues: describeIssues(parsed.error.issues) };
    output = parsed.data;
  } catch (e) {
    return { ok: false, issues: [`(root): ${e instanceof Error ? e.message : 'could not be used'}`] };
  }
  const problems = opts.check?.(output, spec) ?? [];
  return problems.length ? { ok: false, issues: problems, acceptable: output } : { ok: true, output };
}

function sum(xs: Attempt[], k: 'inputTokens' | 'outputTokens' | 'costUsd'): number {
  return xs.reduce((a, x) => a + (x[k] ?? 0), 0);
}
const round1 = (n: number) => Math.round(n * 10) / 10;
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
