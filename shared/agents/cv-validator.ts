import { z } from 'zod';
import type { Cv } from '../schema/cv';
import { CvProblem, CvReview } from '../schema/cv-review';
import { IsoPartialDate } from '../schema/common';
import { validateCv } from '../engine/validator';
import { defineAgent } from './agent';

export interface CvValidatorInput {
  cv: Cv;
}

const Draft = z.object({
  normalizedDates: z.array(z.object({ path: z.string(), original: z.string(), normalized: IsoPartialDate.nullable() })).default([]),
  problems: z.array(CvProblem).default([]),
  questions: z.array(z.object({ path: z.string().optional(), question: z.string() })).default([]),
});
type Draft = z.infer<typeof Draft>;

/** CV_VALIDATOR: dates normalised, problems found, questions asked. Completeness is computed by code. */
export const cvValidator = defineAgent<CvValidatorInput, CvReview, Draft>({
  id: 'CV_VALIDATOR',
  promptVersion: '1',
  draft: Draft,
  output: CvReview,
  prompt: (input) => ({
    role: 'You review a parsed CV for problems a recruiter or an applicant tracking system would trip on.',
    rules: [
      'normalizedDates: for each date that is not already YYYY, YYYY-MM or YYYY-MM-DD, give its path (e.g. work[0].startDate), the original text, and the ISO form, or null if it cannot be read.',
      'problems: missing dates, end before start, roles without results, duplicated bullets, unclear titles. Give the path, a severity and a message that says what to do.',
      'questions: ask the user for facts that are missing. Never fill them in yourself.',
    ],
    task: 'Review this CV.',
    context: { cv: input.cv },
  }),
  finalize: (draft, input, ctx) => {
    const offline = validateCv(input.cv, ctx.now).review;
    // keep only date rewrites whose path exists and whose original matches what the CV says
    const normalizedDates = draft.normalizedDates.filter((d) => valueAt(input.cv, d.path) === d.original);
    return {
      normalizedDates,
      problems: draft.problems,
      questions: draft.questions,
      completeness: offline.completeness, // a number: computed by code, whatever the model said
    };
  },
  offline: (input, ctx) => validateCv(input.cv, ctx.now).review,
});

function valueAt(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}
