import type { StageId } from '../../shared/pipeline/stages';
import type { Run } from '../../shared/schema/run';
import type { Requirement } from '../../shared/schema/parsed-job';
import type { Evidence, Knockout, MatchStatus } from '../../shared/schema/analysis';
import type { RunTaskRecord, TaskStage } from '../store/db';

/** Pure shaping of a run for display: stage rows from a finished run, requirements joined with their matches. */

export function stagesFromRun(run: Run): Partial<Record<StageId, TaskStage>> {
  const out: Partial<Record<StageId, TaskStage>> = {};
  for (const s of run.stages) {
    out[s.stage] = {
      status: s.status,
      provider: s.provider,
      model: s.model,
      durationMs: s.durationMs,
      inputTokens: s.inputTokens,
      outputTokens: s.outputTokens,
      costUsd: s.costUsd,
      cached: s.cached,
      offlineFallback: s.offlineFallback,
    };
  }
  return out;
}

export interface RequirementView {
  id: string;
  text: string;
  kind: 'must' | 'nice';
  category: Requirement['category'];
  status: MatchStatus;
  evidence: Evidence[];
  coaching?: string;
  /** Set for a screening requirement (authorisation, location, degree, years, licence): a gap here can end the application. */
  knockout?: Knockout;
}

/** What each requirement type is called on the page. */
export const CATEGORY_LABELS: Record<Requirement['category'], string> = {
  hard_skill: 'Skill or tool',
  soft_skill: 'Soft skill',
  years: 'Years of experience',
  education: 'Degree or field',
  certification: 'Certification or licence',
  language: 'Language',
  authorization: 'Work authorisation',
  location: 'Location or on site',
  other: 'Other',
};

const ORDER: Record<MatchStatus, number> = { missing: 0, partial: 1, met: 2 };

/**
 * Requirements with their type, match, evidence and coaching; must-haves first, then gaps before strengths. A piece
 * of advice is shown once: the same words under every gap read as boilerplate, and the reader stops reading them.
 */
export function requirementViews(run: Run): RequirementView[] {
  const analysis = run.outputs.analysis;
  if (!analysis) return [];
  const reqs = new Map<string, Requirement>((run.outputs.parsedJob?.requirements ?? []).map((r) => [r.id, r]));
  const coaching = new Map(analysis.coaching.map((c) => [c.requirementId, c.advice]));
  const knockouts = new Map(analysis.knockouts.map((k) => [k.requirementId, k]));
  const views = analysis.matches
    .map((m) => {
      const r = reqs.get(m.requirementId);
      const knockout = knockouts.get(m.requirementId);
      return { id: m.requirementId, text: r?.text ?? m.requirementId, kind: r?.kind ?? 'nice', category: r?.category ?? 'other', status: m.status, evidence: m.evidence, coaching: coaching.get(m.requirementId), ...(knockout ? { knockout } : {}) } satisfies RequirementView;
    })
    .sort((a, b) => (a.kind === b.kind ? ORDER[a.status] - ORDER[b.status] : a.kind === 'must' ? -1 : 1));
  const said = new Set<string>();
  for (const v of views) {
    if (!v.coaching || v.status === 'met') continue;
    if (said.has(v.coaching)) v.coaching = undefined;
    else said.add(v.coaching);
  }
  return views;
}

/**
 * A screening verdict without the requirement quoted back: the list shows the requirement just above it, and reading
 * it twice in a row ("Valid driver's licence. Required: "Valid driver's licence". Not found…") says nothing new.
 */
export function knockoutNote(message: string): string {
  return message.replace(/^(?:Required|The posting requires): "[^"]*"\.\s*/, '');
}

/** Screening requirements (a gap can end the application) apart from the skills and experience to show. */
export function splitKnockouts(views: RequirementView[]): { knockouts: RequirementView[]; skills: RequirementView[] } {
  return { knockouts: views.filter((v) => v.knockout), skills: views.filter((v) => !v.knockout) };
}

export function countByStatus(views: RequirementView[]): Record<MatchStatus, number> {
  const c = { met: 0, partial: 0, missing: 0 };
  for (const v of views) c[v.status]++;
  return c;
}

/** The latest task of a list (a popup reopened mid-run finds its run this way). */
export function latestTask(tasks: RunTaskRecord[]): RunTaskRecord | undefined {
  return [...tasks].sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
}

/** What to show for a task whose worker died: a running task with a heartbeat older than this is stale. */
export const STALE_HEARTBEAT_MS = 60_000;
export function isStale(task: RunTaskRecord, now: number): boolean {
  return task.status === 'running' && now - Date.parse(task.heartbeatAt) > STALE_HEARTBEAT_MS;
}
