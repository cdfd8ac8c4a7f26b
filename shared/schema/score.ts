import { z } from 'zod';

export const ScoreSide = z.object({
  /** 0–100 requirement match, computed by code. */
  match: z.number().min(0).max(100),
  /** 0–100 share of the posting's keywords found in the CV. */
  keywordCoverage: z.number().min(0).max(100),
  /** 0–100 how much of the job's evidence sits near the top (lead position) of the CV. */
  prominence: z.number().min(0).max(100),
  matchedKeywords: z.array(z.string()),
  missingKeywords: z.array(z.string()),
});
export type ScoreSide = z.infer<typeof ScoreSide>;

export const AtsCheck = z.object({ id: z.string(), passed: z.boolean(), message: z.string() });

export const FAITHFULNESS_KINDS = ['employer', 'title', 'date', 'degree', 'institution', 'number', 'skill', 'entry', 'text'] as const;
export const FaithfulnessViolation = z.object({
  path: z.string(),
  kind: z.enum(FAITHFULNESS_KINDS),
  value: z.string(),
  action: z.enum(['reverted', 'repaired', 'removed']),
});
export type FaithfulnessViolation = z.infer<typeof FaithfulnessViolation>;

export const ScoreExplanation = z.object({ figure: z.string(), text: z.string() });
export type ScoreExplanation = z.infer<typeof ScoreExplanation>;

export const Score = z.object({
  before: ScoreSide,
  after: ScoreSide,
  /** after.match - before.match. */
  delta: z.number(),
  ats: z.array(AtsCheck),
  faithfulness: z.object({ violations: z.array(FaithfulnessViolation), faithful: z.boolean() }),
  perSection: z.array(z.object({ section: z.string(), before: z.number(), after: z.number() })).default([]),
  /** One sentence per figure above, saying what it measures and why it moved ('match', 'section:work', …); written by code. */
  explanations: z.array(ScoreExplanation).optional(),
});
export type Score = z.infer<typeof Score>;
