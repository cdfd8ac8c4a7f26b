import { z } from 'zod';
import { Id } from './common';

export const Evidence = z.object({
  /** The CV id the quote comes from (entry, bullet, `summary`, or a skill entry). */
  cvId: Id,
  /** Verbatim text from the CV. Quotes that cannot be found in the CV are dropped. */
  quote: z.string().min(1),
});
export type Evidence = z.infer<typeof Evidence>;

export const MatchStatus = z.enum(['met', 'partial', 'missing']);
export type MatchStatus = z.infer<typeof MatchStatus>;

export const RequirementMatch = z.object({
  requirementId: Id,
  status: MatchStatus,
  evidence: z.array(Evidence).default([]),
  /** Which of the requirement's keywords the evidence covers. */
  matchedKeywords: z.array(z.string()).default([]),
  note: z.string().optional(),
});
export type RequirementMatch = z.infer<typeof RequirementMatch>;

export const Knockout = z.object({
  requirementId: Id,
  kind: z.enum(['authorization', 'location', 'degree', 'years', 'certification', 'language']),
  status: z.enum(['ok', 'risk', 'unknown']),
  message: z.string(),
});
export type Knockout = z.infer<typeof Knockout>;

export const Coaching = z.object({ requirementId: Id, advice: z.string() });

/** Computed by code from the matches; never taken from a model. */
export const AnalysisFigures = z.object({
  match: z.number().min(0).max(100),
  mustHave: z.object({ met: z.number().int(), partial: z.number().int(), missing: z.number().int(), total: z.number().int() }),
  niceToHave: z.object({ met: z.number().int(), partial: z.number().int(), missing: z.number().int(), total: z.number().int() }),
});

export const Analysis = z.object({
  matches: z.array(RequirementMatch),
  knockouts: z.array(Knockout).default([]),
  coaching: z.array(Coaching).default([]),
  /**
   * Requirements not (fully) met that are skills to show or build, kept apart from the knockouts (authorisation,
   * licence, location, minimum years or degree), which decide whether an application is read at all.
   */
  skillGaps: z.array(Id).optional(),
  figures: AnalysisFigures,
});
export type Analysis = z.infer<typeof Analysis>;
