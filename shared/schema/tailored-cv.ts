import { z } from 'zod';
import { Id } from './common';
import { Cv, SectionKey } from './cv';

export const CHANGE_KINDS = [
  'reorder_sections', 'reorder_entries', 'reorder_bullets', 'reorder_skills', 'rewrite_summary', 'rewrite_bullet', 'emphasize',
] as const;

export const Change = z.object({
  kind: z.enum(CHANGE_KINDS),
  /** The id of what changed (a bullet, an entry, `summary`, or a section key for section-level changes). */
  targetId: z.string(),
  /** The master CV ids the new content came from: every change is traceable. */
  sourceIds: z.array(Id).min(1),
  before: z.string(),
  after: z.string(),
  requirementIds: z.array(Id).default([]),
  reason: z.string().optional(),
});
export type Change = z.infer<typeof Change>;

export const TailoredCv = z.object({
  cv: Cv,
  sectionOrder: z.array(SectionKey),
  changes: z.array(Change),
});
export type TailoredCv = z.infer<typeof TailoredCv>;
