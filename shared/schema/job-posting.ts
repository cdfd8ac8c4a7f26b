import { z } from 'zod';
import { Sha256Hex } from './common';

export const JobWarning = z.object({
  code: z.enum(['hidden_text', 'prompt_injection', 'truncated', 'jsonld_mismatch', 'other']),
  message: z.string(),
  excerpt: z.string().optional(),
});
export type JobWarning = z.infer<typeof JobWarning>;

/** What a site adapter scrapes from a job page (or what the command line reads from a text file). */
export const JobPosting = z.object({
  title: z.string(),
  company: z.string().default(''),
  location: z.string().optional(),
  remote: z.enum(['onsite', 'hybrid', 'remote', 'unknown']).default('unknown'),
  employmentType: z.string().optional(),
  salary: z.string().optional(),
  /** Clean text: paragraphs separated by blank lines, bullets kept as "- " lines. Never truncated. */
  description: z.string(),
  url: z.string().optional(),
  site: z.string().optional(),
  scrapedAt: z.string().optional(),
  contentHash: Sha256Hex.optional(),
  warnings: z.array(JobWarning).default([]),
});
export type JobPosting = z.infer<typeof JobPosting>;
export type JobPostingInput = z.input<typeof JobPosting>;
