import { z } from 'zod';
import type { Analysis } from '../schema/analysis';
import type { Cv } from '../schema/cv';
import type { ParsedJob } from '../schema/parsed-job';
import { Score, type FaithfulnessViolation } from '../schema/score';
import { cvItems, matchRequirement } from '../engine/matcher';
import { computeScore } from '../engine/score';
import { defineAgent } from './agent';
import { MatchJudgement, verifyMatches } from './job-analyzer';

export interface ScorerInput {
  master: Cv;
  tailored: Cv;
  job: ParsedJob;
  before: Analysis;
  violations: FaithfulnessViolation[];
}

/** The model judges the tailored CV requirement by requirement, with quotes; the Score's numbers are all code. */
const Draft = z.object({ after: z.array(MatchJudgement) });
type Draft = z.infer<typeof Draft>;

export const comparativeScorer = defineAgent<ScorerInput, Score, Draft>({
  id: 'COMPARATIVE_SCORER',
  promptVersion: '1',
  draft: Draft,
  output: Score,
  prompt: (input) => ({
    role: 'You judge how well a tailored CV proves each requirement of a job.',
    rules: [
      'For every requirement: met, partial or missing, with evidence quoted verbatim from the tailored CV items (cvId + quote).',
      'Do not output scores, percentages or any other numbers: they are computed from your judgement.',
    ],
    task: 'Judge the tailored CV against each requirement.',
    context: { requirements: input.job.requirements.map((r) => ({ id: r.id, text: r.text, kind: r.kind })), tailoredCvItems: cvItems(input.tailored).map((i) => ({ id: i.id, text: i.text })) },
  }),
  finalize: (draft, input, ctx) => {
    const afterMatches = verifyMatches(draft.after, input.tailored, input.job, ctx);
    return computeScore({ master: input.master, tailored: input.tailored, job: input.job, before: input.before, afterMatches, violations: input.violations });
  },
  offline: (input, ctx) => {
    const items = cvItems(input.tailored);
    const afterMatches = input.job.requirements.map((r) => matchRequirement(r, input.tailored, items, ctx));
    return computeScore({ master: input.master, tailored: input.tailored, job: input.job, before: input.before, afterMatches, violations: input.violations });
  },
});
