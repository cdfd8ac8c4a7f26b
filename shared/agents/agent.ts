import type { z } from 'zod';
import type { StageId } from '../pipeline/stages';
import type { PromptSpec } from '../prompt/builder';

/** What every agent module exports: the pipeline alone decides retries, fallbacks and ordering. */
export interface AgentContext {
  /** The run's clock, so offline results are reproducible (years of experience depend on "now"). */
  now: Date;
}

export interface Agent<I, O, D> {
  id: StageId;
  /** Bumped whenever the prompt or the draft schema changes: part of the cache key and recorded in the Run. */
  promptVersion: string;
  /** What the model must answer: its JSON Schema is injected into the prompt. */
  draft: z.ZodType<D>;
  /** The final output, after code has verified the draft and computed every number. */
  output: z.ZodType<O>;
  prompt(input: I, ctx: AgentContext): Omit<PromptSpec, 'agent' | 'version' | 'output'>;
  /** Code that turns a valid draft into the output: verifies quotes and ids, drops what cannot be traced, computes figures. */
  finalize(draft: D, input: I, ctx: AgentContext): O;
  /** The deterministic implementation: the default with no key, and the last resort when every provider fails. */
  offline(input: I, ctx: AgentContext): O;
}

export function defineAgent<I, O, D>(a: Agent<I, O, D>): Agent<I, O, D> {
  return a;
}
