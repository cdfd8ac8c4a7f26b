import type { Analysis, RequirementMatch } from '../schema/analysis';
import type { Cv } from '../schema/cv';
import type { ParsedJob } from '../schema/parsed-job';
import type { FaithfulnessViolation, Score, ScoreSide } from '../schema/score';
import { coverage, cvItems, itemMentions, matchScore, prominenceOf } from './matcher';

/**
 * COMPARATIVE_SCORER's arithmetic. Every number here comes from statuses and positions; whoever judged the
 * statuses (rules or a model), the figures are computed the same way.
 */
export function scoreSide(cv: Cv, job: ParsedJob, matches: RequirementMatch[]): ScoreSide {
  const text = cvItems(cv).map((i) => i.text).join('\n');
  const matchedKeywords = job.keywords.filter((k) => itemMentions(text, k));
  const prominence = prominenceOf(cv, job, matches);
  return {
    match: matchScore(job, matches, prominence),
    keywordCoverage: job.keywords.length ? Math.round((100 * matchedKeywords.length) / job.keywords.length) : 0,
    prominence,
    matchedKeywords,
    missingKeywords: job.keywords.filter((k) => !matchedKeywords.includes(k)),
  };
}

export function atsChecks(cv: Cv): Score['ats'] {
  const allText = JSON.stringify(cv);
  const checks: Score['ats'] = [];
  const add = (id: string, passed: boolean, ok: string, bad: string) => checks.push({ id, passed, message: passed ? ok : bad });
  add('contact.email', !!cv.basics.email, 'Email address present.', 'Add an email address: applicant tracking systems need it to reach you.');
  add('contact.phone', !!cv.basics.phone, 'Phone number present.', 'Add a phone number.');
  add('work.dates', cv.work.every((w) => !!w.startDate), 'Every role has dates.', 'Some roles have no dates; ATS parsers rank undated roles low.');
  add('work.titles', cv.work.every((w) => !!w.position && !!w.name), 'Every role has a title and an employer.', 'Some roles miss a title or employer.');
  add('skills.section', cv.skills.length > 0, 'A skills section is present.', 'Add a skills section: ATS keyword search reads it first.');
  const words = (cv.basics.summary ?? '').split(/\s+/).filter(Boolean).length;
  add('summary.length', words > 0 && words <= 120, 'Summary is present and concise.', words ? 'Summary is over 120 words; keep it short.' : 'Add a short summary.');
  const longBullets = cv.work.flatMap((w) => w.highlights).filter((h) => h.text.length > 350).length;
  add('bullets.length', longBullets === 0, 'Bullets are a readable length.', `${longBullets} bullet(s) are over 350 characters.`);
  // eslint-disable-next-line no-control-regex
  add('text.characters', !/[\uFB00-\uFB06\uE000-\uF8FF\u0000-\u0008]/.test(allText), 'No ligatures or private-use characters.', 'The text holds ligatures or private-use characters that break ATS keyword search.');
  return checks;
}

export function computeScore(args: {
  master: Cv;
  tailored: Cv;
  job: ParsedJob;
  before: Analysis;
  afterMatches: RequirementMatch[];
  violations: FaithfulnessViolation[];
}): Score {
  const before = scoreSide(args.master, args.job, args.before.matches);
  const after = scoreSide(args.tailored, args.job, args.afterMatches);
  const perSection = (['work', 'skills', 'summary'] as const).map((section) => ({
    section,
    before: sectionShare(args.master, args.before.matches, section),
    after: sectionShare(args.tailored, args.afterMatches, section),
  }));
  return {
    before,
    after,
    delta: after.match - before.match,
    ats: atsChecks(args.tailored),
    faithfulness: { violations: args.violations, faithful: args.violations.length === 0 },
    perSection,
  };
}

/** Share (0–100) of the evidence cited that sits in a section. */
function sectionShare(cv: Cv, matches: RequirementMatch[], section: 'work' | 'skills' | 'summary'): number {
  const items = new Map(cvItems(cv).map((i) => [i.id, i.section]));
  const ev = matches.flatMap((m) => m.evidence);
  if (!ev.length) return 0;
  return Math.round((100 * ev.filter((e) => items.get(e.cvId) === section).length) / ev.length);
}

export { coverage };
