import type { StageId } from './stages';

/** Progress the popup, the command line and the hosted SSE stream show. */
export type PipelineEvent =
  | { type: 'stage_started'; stage: StageId; at: number }
  | { type: 'attempt'; stage: StageId; provider: string; model: string; outcome: string; errorKind?: string; durationMs: number }
  | {
      type: 'stage_finished';
      stage: StageId;
      status: 'succeeded' | 'failed';
      provider: string;
      model: string;
      offlineFallback: boolean;
      cached: boolean;
      inputTokens: number;
      outputTokens: number;
      costUsd: number;
      durationMs: number;
    }
  | { type: 'run_finished'; status: 'succeeded' | 'failed'; durationMs: number; costUsd: number; inputTokens: number; outputTokens: number };
