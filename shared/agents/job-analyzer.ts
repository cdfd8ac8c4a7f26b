import { z } from 'zod';
import { Analysis, MatchStatus, type RequirementMatch } from '../schema/analysis';
import type { Cv } from '../schema/cv';
import type { ParsedJob } from '../schema/parsed-job';
import { analyze, cvItems, EVIDENCE_SECTIONS, finalizeAnalysis, itemMentions, matchRequirement } from '../engine/matcher';
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
  const byId = new Map(items.map((i) => [i.id, i.text]));
  const sectionOf = new Map(items.map((i) => [i.id, i.section]));
  return job.requirements.map((r) => {
    const d = draftMatches.find((m) => m.requirementId === r.id);
    const rules = matchRequirement(r, cv, items, ctx);
    if (!d) return rules;
    const evidence = d.evidence.filter((e) => isRealEvidence(e, byId.get(e.cvId), r.keywords, r.category)).slice(0, 4);
    // a claim resting only on the summary's prose or the headline is not proof (see EVIDENCE_SECTIONS)
    if (d.status !== 'missing' && !evidence.some((e) => EVIDENCE_SECTIONS.has(sectionOf.get(e.cvId)!))) return rules;
    // the model's note is its own prose: kept out, so no figure or claim of its own reaches the Analysis
    return { requirementId: r.id, status: d.status, evidence: d.status === 'missing' ? [] : evidence, matchedKeywords: rules.matchedKeywords, ...(rules.note ? { note: rules.note } : {}) };
  });
}

/**
 * A quote is evidence when it is really in the item it cites (whole words, at least three of them or the whole
 * item), and the item bears on the requirement: it mentions one of the requirement's terms, or the requirement is
 * one whose proof is a role or a degree rather than a term.
 */
export function isRealEvidence(e: { cvId: string; quote: string }, itemText: string | undefined, keywords: string[], category: string): boolean {
  if (itemText === undefined) return false;
  const q = fold(e.quote);
  const t = fold(itemText);
  if (!q || !` ${t} `.includes(` ${q} `)) return false;
  if (q.split(' ').length < 3 && q !== t) return false;
  if (category === 'years' || category === 'education' || category === 'soft_skill' || category === 'other' || !keywords.length) return true;
  return keywords.some((k) => itemMentions(itemText, k));
}

function finalizeJudgement(draft: Draft, input: AnalyzerInput, ctx: AgentContext): Analysis {
  const matches = verifyMatches(draft.matches, input.cv, input.job, ctx);
  const base = finalizeAnalysis(input.cv, input.job, matches);
  // the model's coaching is kept when it is prose about the gap; advice carrying figures is the rules' instead
  const coaching = base.coaching.map((c) => draft.coaching.find((x) => x.requirementId === c.requirementId && x.advice.trim() && !/\d/.test(x.advice)) ?? c);
  return { ...base, coaching };
}
