/**
 * The fake model's "brain": it reads the agent and the context out of a CVPath prompt, the way a real model would see
 * them, and answers that agent's draft format. Answers are computed by the offline engine, so they are valid and
 * realistic; switches make the model fabricate facts or write numbers it was told not to.
 */
import { decodeContext } from '../../shared/prompt/builder';
import { parseCvText } from '../../shared/engine/cv-text-parser';
import { makeRequirement, parseJob } from '../../shared/engine/job-text-parser';
import { analyze, itemMentions } from '../../shared/engine/matcher';
import { tailorOffline } from '../../shared/engine/tailor';
import { validateCv } from '../../shared/engine/validator';
import { Cv } from '../../shared/schema/cv';
import { JobPosting } from '../../shared/schema/job-posting';
import { toJsonResume } from '../../shared/schema/json-resume';
import type { ParsedJob } from '../../shared/schema/parsed-job';
import type { StageId } from '../../shared/pipeline/stages';
import type { FakeRequest, FakeResponder } from './server';

export interface BrainOptions {
  now?: Date;
  /** CV_TAILOR adds employers, titles, dates, degrees, skills and numbers the master CV does not have. */
  fabricate?: boolean;
  /** JOB_ANALYZER and COMPARATIVE_SCORER write their own scores and percentages into their answers. */
  inventNumbers?: boolean;
  /** On a repair round-trip (the prompt quotes validation errors), answer correctly. Default true. */
  obeyRepair?: boolean;
}

export function agentOf(req: FakeRequest): StageId | undefined {
  return /You are the ([A-Z_]+) agent of CVPath/.exec(req.system)?.[1] as StageId | undefined;
}

export function isRepair(req: FakeRequest): boolean {
  return req.user.includes('Your answer did not validate');
}

export function think(req: FakeRequest, opts: BrainOptions = {}): string {
  const agent = agentOf(req);
  const decoded = decodeContext(req.user);
  if (!agent || !decoded) return '{"error":"no CVPath prompt"}';
  const now = opts.now ?? new Date('2026-11-01T00:00:00Z');
  const c = decoded.context;
  const repairing = isRepair(req) && opts.obeyRepair !== false;
  switch (agent) {
    case 'CV_PARSER':
      return JSON.stringify(toJsonResume(parseCvText(String(c.cv)).cv));
    case 'CV_VALIDATOR': {
      const { normalizedDates, problems, questions } = validateCv(Cv.parse(c.cv), now).review;
      return JSON.stringify({ normalizedDates, problems, questions });
    }
    case 'JOB_PARSER':
      return JSON.stringify(parseJob(JobPosting.parse({ title: c.title, company: c.company, location: c.location || undefined, description: c.description })));
    case 'JOB_ANALYZER':
    case 'COMPARATIVE_SCORER': {
      const reqs = (c.requirements as { id: string; text: string; kind: 'must' | 'nice' }[]).map((r) => makeRequirement(r.id, r.text, r.kind));
      const items = (c.cvItems ?? c.tailoredCvItems) as { id: string; text: string }[];
      const matches = reqs.map((r) => {
        const hits = items.filter((it) => r.keywords.some((k) => itemMentions(it.text, k)));
        const covered = r.keywords.filter((k) => items.some((it) => itemMentions(it.text, k)));
        const status = !hits.length ? 'missing' : covered.length === r.keywords.length ? 'met' : 'partial';
        return {
          requirementId: r.id,
          status,
          evidence: hits.slice(0, 2).map((h) => ({ cvId: h.id, quote: h.text.slice(0, 120) })),
          ...(opts.inventNumbers && !repairing ? { score: 97, confidence: 0.99 } : {}),
        };
      });
      const body: Record<string, unknown> = agent === 'JOB_ANALYZER' ? { matches, coaching: [] } : { after: matches };
      if (opts.inventNumbers && !repairing) Object.assign(body, { matchScore: 99, overall: 100, figures: { match: 99, mustHave: { met: 99, partial: 0, missing: 0, total: 99 } }, delta: 42 });
      return JSON.stringify(body);
    }
    case 'CV_TAILOR': {
      const master = Cv.parse(c.masterCv);
      const reqs = (c.requirements as { id: string; text: string; kind: 'must' | 'nice' }[]).map((r) => makeRequirement(r.id, r.text, r.kind));
      const job: ParsedJob = { title: 'job', normalizedTitle: 'job', company: '', seniority: 'unknown', requirements: reqs, keywords: [...new Set(reqs.flatMap((r) => r.keywords))] };
      const tailored = tailorOffline(master, job, analyze(master, job, { now }));
      if (opts.fabricate && !repairing) fabricate(tailored.cv);
      return JSON.stringify(tailored);
    }
    default:
      return '{}';
  }
}

/** The lies a careless model tells, one of each kind the guard must catch. */
export const FABRICATIONS = {
  employer: 'Goldman Sachs',
  title: 'Chief Technology Officer',
  startDate: '2009-01',
  degree: 'PhD',
  institution: 'Massachusetts Institute of Technology',
  skill: 'Rust',
  number: '347%',
  summaryClaim: 'Managed a $40M budget at McKinsey & Company',
};

function fabricate(cv: Cv): void {
  const w = cv.work[0];
  if (w) {
    w.position = FABRICATIONS.title;
    w.startDate = FABRICATIONS.startDate;
    if (w.highlights[0]) w.highlights[0].text = `${w.highlights[0].text.replace(/\.$/, '')}, increasing revenue by ${FABRICATIONS.number}.`;
  }
  cv.work.unshift({ id: 'w99', name: FABRICATIONS.employer, position: 'Vice President', startDate: '2008-01', endDate: '2009-01', highlights: [{ id: 'w99h1', text: 'Led global trading desk' }] });
  const e = cv.education[0];
  if (e) {
    e.studyType = FABRICATIONS.degree;
    e.institution = FABRICATIONS.institution;
  }
  cv.skills.unshift({ id: 's99', name: FABRICATIONS.skill, keywords: [] });
  if (cv.skills[1]) cv.skills[1].keywords = [...cv.skills[1].keywords, FABRICATIONS.skill];
  cv.basics.summary = `${FABRICATIONS.summaryClaim}. ${cv.basics.summary ?? ''}`;
}

/** A responder that always answers like a capable model. */
export function brainResponder(opts: BrainOptions = {}): FakeResponder {
  return (req) => ({ type: 'text', text: think(req, opts) });
}
