import { z } from 'zod';
import { STAGES } from '../pipeline/stages';
import { Sha256Hex } from './common';
import { Cv } from './cv';
import { JobPosting } from './job-posting';
import { ParsedJob } from './parsed-job';
import { CvReview } from './cv-review';
import { Analysis } from './analysis';
import { TailoredCv } from './tailored-cv';
import { Score } from './score';

export const StageId = z.enum(STAGES);

export const Attempt = z.object({
  provider: z.string(),
  model: z.string(),
  outcome: z.enum(['ok', 'invalid_output', 'repaired', 'provider_error', 'skipped']),
  errorKind: z.string().optional(),
  message: z.string().optional(),
  inputTokens: z.number().int().min(0).default(0),
  outputTokens: z.number().int().min(0).default(0),
  costUsd: z.number().min(0).default(0),
  durationMs: z.number().min(0),
});
export type Attempt = z.infer<typeof Attempt>;

export const StageRecord = z.object({
  stage: StageId,
  status: z.enum(['succeeded', 'failed']),
  /** Who produced the output that was kept. */
  provider: z.string(),
  model: z.string(),
  /** True when every configured provider failed and the offline engine produced this output. */
  offlineFallback: z.boolean(),
  cached: z.boolean(),
  promptVersion: z.string(),
  inputHash: Sha256Hex,
  attempts: z.array(Attempt),
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
  costUsd: z.number().min(0),
  durationMs: z.number().min(0),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type StageRecord = z.infer<typeof StageRecord>;

export const Run = z.object({
  id: z.string(),
  createdAt: z.string(),
  status: z.enum(['succeeded', 'failed']),
  engineVersion: z.string(),
  /** The exact inputs, so the run can be reproduced. */
  inputs: z.object({
    cvText: z.string().optional(),
    cv: Cv.optional(),
    cvHash: Sha256Hex,
    job: JobPosting,
    jobHash: Sha256Hex,
    chain: z.array(z.string()),
    /** Per-agent chains, when some agent had its own. */
    chains: z.record(z.string(), z.array(z.string())).optional(),
  }),
  stages: z.array(StageRecord),
  outputs: z.object({
    cv: Cv.optional(),
    review: CvReview.optional(),
    parsedJob: ParsedJob.optional(),
    analysis: Analysis.optional(),
    tailored: TailoredCv.optional(),
    score: Score.optional(),
  }),
  totals: z.object({
    inputTokens: z.number().int().min(0),
    outputTokens: z.number().int().min(0),
    costUsd: z.number().min(0),
    durationMs: z.number().min(0),
  }),
  error: z.object({ code: z.string(), message: z.string(), stage: StageId.optional() }).optional(),
});
export type Run = z.infer<typeof Run>;
