import { z } from 'zod';
import { Analysis } from './analysis';
import { Cv } from './cv';
import { CvReview } from './cv-review';
import { JobPosting } from './job-posting';
import { ParsedJob } from './parsed-job';
import { Run } from './run';
import { Score } from './score';
import { TailoredCv } from './tailored-cv';

/** The entities by name, and their JSON Schemas derived from the zod schemas (never written by hand). */
export const ENTITIES = { Cv, JobPosting, ParsedJob, CvReview, Analysis, TailoredCv, Score, Run } as const;
export type EntityName = keyof typeof ENTITIES;

export function jsonSchemaOf(name: EntityName): Record<string, unknown> {
  return z.toJSONSchema(ENTITIES[name], { io: 'input', unrepresentable: 'any' });
}
