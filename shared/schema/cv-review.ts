import { z } from 'zod';

export const CvProblem = z.object({
  path: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
});

export const CvReview = z.object({
  /** Dates rewritten to ISO partial dates; `normalized` is null when the original could not be read. */
  normalizedDates: z.array(z.object({ path: z.string(), original: z.string(), normalized: z.string().nullable() })).default([]),
  problems: z.array(CvProblem).default([]),
  /** 0–100, computed by code from which sections and fields are present. */
  completeness: z.number().min(0).max(100),
  /** What to ask the user where facts are missing; the validator never fills them in itself. */
  questions: z.array(z.object({ path: z.string().optional(), question: z.string() })).default([]),
});
export type CvReview = z.infer<typeof CvReview>;
