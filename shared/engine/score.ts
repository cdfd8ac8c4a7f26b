import type { Analysis, RequirementMatch } from '../schema/analysis';
import type { Cv } from '../schema/cv';
import type { ParsedJob } from '../schema/parsed-job';
import type { FaithfulnessViolation, Score, ScoreSide } from '../schema/score';
import { coverage, cvItems, itemMentions, MATCH_WEIGHTS, matchScore, prominenceOf } from './matcher';

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
    explanations: explainScore(args.job, before, after, perSection, args.violations.length),
  };
}

/** One sentence per figure: what it measures, in the figures' own terms, and why it moved. */
export function explainScore(job: ParsedJob, before: ScoreSide, after: ScoreSide, perSection: Score['perSection'], violations: number): NonNullable<Score['explanations']> {
  const move = (a: number, b: number) => (b > a ? `rose from ${a} to ${b}` : b < a ? `fell from ${a} to ${b}` : `stayed at ${a}`);
  const out: NonNullable<Score['explanations']> = [
    { figure: 'match', text: `Match ${move(before.match, after.match)}: ${Math.round(MATCH_WEIGHTS.coverage * 100)}% is how many of the ${job.requirements.length} requirements your CV proves (must-haves count twice, partly proven ones half) and ${Math.round(MATCH_WEIGHTS.prominence * 100)}% is how visible that proof is in a first read.` },
    { figure: 'keywordCoverage', text: `Keyword coverage ${move(before.keywordCoverage, after.keywordCoverage)}: ${after.matchedKeywords.length} of the posting's ${job.keywords.length} skill terms appear in the CV${after.missingKeywords.length ? `; not found: ${after.missingKeywords.slice(0, 5).join(', ')}` : ''}.` },
    { figure: 'prominence', text: `Prominence ${move(before.prominence, after.prominence)}: how near the top the proof sits (summary, a skills section above experience, the first bullets of recent roles), which is what reordering changes.` },
  ];
  for (const s of perSection) {
    const where = s.section === 'work' ? 'your roles' : s.section === 'skills' ? 'the skills section' : 'the summary';
    out.push({ figure: `section:${s.section}`, text: `The share of the cited proof found in ${where} ${move(s.before, s.after)}; ${s.after < s.before ? 'it falls when the same proof is also surfaced elsewhere, which loses nothing' : s.after > s.before ? 'it rises when proof is surfaced there' : 'nothing moved in or out of it'}.` });
  }
  out.push({ figure: 'faithfulness', text: violations ? `${violations} change(s) did not trace to your master CV and were undone before you saw the result.` : 'Every fact in the tailored CV traces to your master CV.' });
  return out;
}

/** Share (0–100) of the evidence cited that sits in a section. */
function sectionShare(cv: Cv, matches: RequirementMatch[], section: 'work' | 'skills' | 'summary'): number {
  const items = new Map(cvItems(cv).map((i) => [i.id, i.section]));
  const ev = matches.flatMap((m) => m.evidence);
  if (!ev.length) return 0;
  return Math.round((100 * ev.filter((e) => items.get(e.cvId) === section).length) / ev.length);
}

export { coverage };
