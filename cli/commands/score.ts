import { CvPathError } from '../../shared/errors';
import { parseJob } from '../../shared/engine/job-text-parser';
import { analyze, cvItems, matchRequirement } from '../../shared/engine/matcher';
import { parseCvText } from '../../shared/engine/cv-text-parser';
import { computeScore } from '../../shared/engine/score';
import { parseArgs } from '../args';
import type { Io } from '../io';
import { printRequirements } from '../print';
import { readCvInput, readJobInput } from '../read-input';

/** `cvpath score`: the match of a CV to a job, without tailoring. */
export async function cmdScore(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, { cv: 'string', job: 'string', json: 'boolean' });
  if (typeof a.flags.cv !== 'string' || typeof a.flags.job !== 'string') throw new CvPathError('INPUT_INVALID', 'Usage: cvpath score --cv <file> --job <file> [--json]');
  const [cvIn, jobPosting] = await Promise.all([readCvInput(a.flags.cv), readJobInput(a.flags.job)]);
  const cv = cvIn.cv ?? parseCvText(cvIn.cvText!).cv;
  const job = parseJob(jobPosting);
  const now = new Date();
  const analysis = analyze(cv, job, { now });
  const items = cvItems(cv);
  const score = computeScore({ master: cv, tailored: cv, job, before: analysis, afterMatches: job.requirements.map((r) => matchRequirement(r, cv, items, { now })), violations: [] });
  if (a.flags.json) {
    io.out(JSON.stringify({ match: score.before, figures: analysis.figures, matches: analysis.matches, knockouts: analysis.knockouts, ats: score.ats }, null, 2));
    return 0;
  }
  io.out(`Match ${score.before.match}/100 for "${jobPosting.title}"${jobPosting.company ? ` at ${jobPosting.company}` : ''}`);
  io.out(`  must-haves met ${analysis.figures.mustHave.met}/${analysis.figures.mustHave.total} (partial ${analysis.figures.mustHave.partial}), keyword coverage ${score.before.keywordCoverage}%, evidence visibility ${score.before.prominence}%`);
  printRequirements(job.requirements, analysis.matches, io);
  const failed = score.ats.filter((c) => !c.passed);
  io.out(failed.length ? `ATS checks: ${failed.map((c) => c.message).join(' ')}` : 'ATS checks: all passed.');
  return 0;
}
