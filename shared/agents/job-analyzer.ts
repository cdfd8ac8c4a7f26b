import { z } from 'zod';
import { Analysis, MatchStatus, type RequirementMatch } from '../schema/analysis';
import type { Cv } from '../schema/cv';
import type { ParsedJob } from '../schema/parsed-job';
import { analyze, cvItems, finalizeAnalysis, matchRequirement } from '../engine/matcher';
import { fold } from '../engine/text';
import { defineAgent, type AgentContext } from './agent';

export interface AnalyzerInput {
  cv: Cv;
  job: ParsedJob;
}

/** One requirement judged by a model: a status and verbatim quotes. No figures: those are computed by code. */
export const MatchJudgement = z.object({
  requirementId: z.string(),
  status: MatchStatus,
  evidence: z.array(z.object({ cvId: z.string(), quote: z.string() })).default([]),
  note: z.string().optional(),
});
export type MatchJudgement = z.infer<typeof MatchJudgement>;

const Draft = z.object({
  matches: z.array(MatchJudgement),
  coaching: z.array(z.object({ requirementId: z.string(), advice: z.string() })).default([]),
});
type Draft = z.infer<typeof Draft>;

export const jobAnalyzer = defineAgent<AnalyzerInput, Analysis, Draft>({
  id: 'JOB_ANALYZER',
  promptVersion: '1',
  draft: Draft,
  output: Analysis,
  prompt: (input) => ({
    role: 'You judge, requirement by requirement, whether a CV proves what a job asks for.',
    rules: [
      'status: met (the CV clearly proves it), partial (related or incomplete evidence), missing (no evidence).',
      'evidence: the id of the CV item and a quote copied verbatim from that item. No quote, no evidence.',
      'Synonyms count (JS = JavaScript, k8s = Kubernetes, RN = Registered Nurse).',
      'coaching: for each gap, honest advice: how to show real related experience or close the gap; never suggest claiming what the CV does not support.',
      'Do not output scores or percentages.',
    ],
    task: 'Judge each requirement against the CV items.',
    context: { requirements: input.job.requirements.map((r) => ({ id: r.id, text: r.text, kind: r.kind, category: r.category })), cvItems: cvItems(input.cv).map((i) => ({ id: i.id, text: i.text })) },
  }),
  finalize: (draft, input, ctx) => finalizeJudgement(draft, input, ctx),
  offline: (input, ctx) => analyze(input.cv, input.job, ctx),
});

/**
 * Keeps a model's judgement only as far as the CV bears it out: quotes must be found in the item they cite, a met or
 * partial status with no surviving quote falls back to the rules' judgement, and every figure is recomputed.
 */
export function verifyMatches(draftMatches: MatchJudgement[], cv: Cv, job: ParsedJob, ctx: AgentContext): RequirementMatch[] {
  const items = cvItems(cv);
  const byId = new Map(items.map((i) => [i.id, fold(i.text)]));
  return job.requirements.map((r) => {
    const d = draftMatches.find((m) => m.requirementId === r.id);
    const rules = matchRequirement(r, cv, items, ctx);
    if (!d) return rules;
    const evidence = d.evidence
      .filter((e) => {
        const t = byId.get(e.cvId);
        const q = fold(e.quote);
        return t !== undefined && q.length > 0 && t.includes(q);
      })
      .slice(0, 4);
    if (d.status !== 'missing' && !evidence.length) return rules;
    return { requirementId: r.id, status: d.status, evidence: d.status === 'missing' ? [] : evidence, matchedKeywords: rules.matchedKeywords, note: d.note };
  });
}

function finalizeJudgement(draft: Draft, input: AnalyzerInput, ctx: AgentContext): Analysis {
  const matches = verifyMatches(draft.matches, input.cv, input.job, ctx);
  const base = finalizeAnalysis(input.cv, input.job, matches);
  const coaching = base.coaching.map((c) => draft.coaching.find((x) => x.requirementId === c.requirementId && x.advice.trim()) ?? c);
  return { ...base, coaching };
}
