import { CvPathError, isCvPathError, redactSecrets } from '../../shared/errors';
import type { PipelineEvent } from '../../shared/pipeline/events';
import { STAGES, type StageId } from '../../shared/pipeline/stages';
import type { Run } from '../../shared/schema/run';
import type { RunTaskRecord, TaskStage } from '../store/db';

/** Enough events for the progress view and a post-mortem; a provider retrying for minutes must not grow the row. */
export const MAX_TASK_EVENTS = 200;

export type TaskError = NonNullable<RunTaskRecord['error']>;

/** Every stage waiting. The CV arrives structured (a saved version), so the pipeline has no CV_PARSER step to report. */
export function initialStages(): Partial<Record<StageId, TaskStage>> {
  const stages: Partial<Record<StageId, TaskStage>> = Object.fromEntries(STAGES.map((s) => [s, { status: 'pending' }]));
  stages.CV_PARSER = { status: 'succeeded', provider: 'input', model: 'structured', durationMs: 0, cached: false };
  return stages;
}

/** The task as it looks after one pipeline event. Pure: the manager decides when to write it. */
export function applyEvent(task: RunTaskRecord, e: PipelineEvent, at: string): RunTaskRecord {
  const stages = { ...task.stages };
  if (e.type === 'stage_started') stages[e.stage] = { status: 'running' };
  else if (e.type === 'stage_finished') {
    stages[e.stage] = {
      status: e.status, provider: e.provider, model: e.model, durationMs: e.durationMs, inputTokens: e.inputTokens,
      outputTokens: e.outputTokens, costUsd: e.costUsd, cached: e.cached, offlineFallback: e.offlineFallback,
    };
  } else if (e.type === 'attempt') stages[e.stage] = { ...stages[e.stage], status: 'running', provider: e.provider, model: e.model };
  const events = [...task.events, e];
  return { ...task, stages, events: events.length > MAX_TASK_EVENTS ? events.slice(-MAX_TASK_EVENTS) : events, heartbeatAt: at, updatedAt: at };
}

/** The stages as the finished run records them: the authority once there is a run. */
export function stagesOf(run: Run, before: RunTaskRecord['stages']): RunTaskRecord['stages'] {
  const stages = { ...before };
  for (const s of run.stages) {
    stages[s.stage] = {
      status: s.status, provider: s.provider, model: s.model, durationMs: s.durationMs, inputTokens: s.inputTokens,
      outputTokens: s.outputTokens, costUsd: s.costUsd, cached: s.cached, offlineFallback: s.offlineFallback,
    };
  }
  // a stage the failure cancelled mid-way must not look as if it were still running
  for (const id of STAGES) if (stages[id]?.status === 'running') stages[id] = { ...stages[id], status: 'failed' };
  return stages;
}

export function summaryOf(run: Run): RunTaskRecord['summary'] {
  const score = run.outputs.score;
  const matches = run.outputs.analysis?.matches ?? [];
  return {
    before: score?.before.match ?? 0,
    after: score?.after.match ?? 0,
    met: matches.filter((m) => m.status === 'met').length,
    missing: matches.filter((m) => m.status === 'missing').length,
    costUsd: run.totals.costUsd,
    inputTokens: run.totals.inputTokens,
    outputTokens: run.totals.outputTokens,
    durationMs: run.totals.durationMs,
  };
}

/** What to do when a failed run's code carries no advice of its own (the pipeline folds a hint into its message). */
const HINTS: Partial<Record<string, string>> = {
  PROVIDER_AUTH: "Check the provider's API key in CVPath's options.",
  PROVIDER_CONFIG: "Check the provider's settings in CVPath's options.",
  PROVIDER_RATE_LIMITED: 'Wait a minute and try again, or add another provider to the chain.',
  PROVIDER_UNAVAILABLE: 'Try again in a few minutes, or add another provider to the chain.',
  PROVIDER_TIMEOUT: "Try again, or choose a faster model in CVPath's options.",
  STAGE_FAILED: 'Try again; if it keeps failing, remove the failing provider from the chain.',
  ABORTED: 'Start it again when you are ready.',
};

/** A failed run's error for the task: the run's own code and words (keys scrubbed), and a hint when it has none. */
export function taskErrorOfRun(run: Run): TaskError {
  const code = run.error?.code ?? 'INTERNAL';
  const message = redactSecrets(run.error?.message ?? 'The run failed.');
  const hint = HINTS[code];
  return hint && !message.includes(hint) ? { code, message, hint } : { code, message };
}

/** Any thrown value as a task error that is safe to store and show. */
export function taskError(e: unknown): TaskError {
  const err = isCvPathError(e)
    ? e
    : new CvPathError('INTERNAL', `Something went wrong while tailoring: ${e instanceof Error ? e.message : String(e)}`, { hint: 'Try again; if it keeps happening, reload the extension.' });
  const { code, message, hint } = err.toJSON();
  return hint ? { code, message: redactSecrets(message), hint: redactSecrets(hint) } : { code, message: redactSecrets(message) };
}

/**
 * The run as the history keeps it. With "keep run inputs" off, the CV and the posting text it was made from are left
 * out, and so is the parsed master CV among the outputs (it is the same CV; the dashboard reads it from the CV's own
 * version while that exists). The tailored CV, analysis and score stay: they are the result the user asked for; the
 * hashes still identify what went in.
 */
export function forHistory(run: Run, runId: string, keepInputs: boolean): Run {
  if (keepInputs) return { ...run, id: runId };
  const { cv: _cv, cvText: _text, ...inputs } = run.inputs;
  const { cv: _master, ...outputs } = run.outputs;
  return { ...run, id: runId, inputs: { ...inputs, job: { ...inputs.job, description: '' } }, outputs };
}
