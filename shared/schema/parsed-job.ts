import { z } from 'zod';
import { Id } from './common';

export const REQUIREMENT_CATEGORIES = [
  'hard_skill', 'soft_skill', 'education', 'years', 'certification', 'language', 'location', 'authorization', 'other',
] as const;

export const Requirement = z.object({
  id: Id,
  text: z.string().min(1),
  kind: z.enum(['must', 'nice']),
  category: z.enum(REQUIREMENT_CATEGORIES),
  /** Terms whose presence in the CV is evidence for this requirement (canonical skill names where known). */
  keywords: z.array(z.string()).default([]),
  /** For `years` requirements: the minimum years asked, as written in the posting. */
  minYears: z.number().int().min(0).max(50).optional(),
});
export type Requirement = z.infer<typeof Requirement>;

export const ParsedJob = z.object({
  title: z.string(),
  normalizedTitle: z.string(),
  company: z.string().default(''),
  seniority: z.enum(['intern', 'junior', 'mid', 'senior', 'lead', 'principal', 'executive', 'unknown']).default('unknown'),
  requirements: z.array(Requirement).min(1),
  /** The posting's important terms (skills, tools, domains), most important first: used for keyword coverage. */
  keywords: z.array(z.string()).default([]),
});
export type ParsedJob = z.infer<typeof ParsedJob>;
