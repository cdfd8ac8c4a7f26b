import { parseCvWithChain, type CvParseResult } from '../../shared/documents/import/parse-cv';
import { CvPathError } from '../../shared/errors';
import { defaultChain, parseChain } from '../../shared/providers/parse-chain';
import type { Cv } from '../../shared/schema/cv';
import { parseArgs } from '../args';
import type { Io } from '../io';
import { readCvInput } from '../read-input';


/**
 * `cvpath import`: reads a CV the way the extension does (one shared function): through the provider chain when one
 * is configured (--provider, or the keys in the environment, as `tailor`), the offline reader as fallback and cross-check.
 * Notes go to stderr so `--json` stays a clean Cv on stdout.
 */
export async function cmdImport(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, { json: 'boolean', provider: 'string' });
  const file = a.positional[0];
  if (!file) throw new CvPathError('INPUT_INVALID', 'Usage: cvpath import <file> [--provider LIST] [--json]');
  const input = await readCvInput(file);
  let cv: Cv;
  if (input.cvText !== undefined) {
    const chain = typeof a.flags.provider === 'string' ? parseChain(a.flags.provider, io.env) : defaultChain(io.env);
    const models = chain.filter((c) => c.provider !== 'offline');
    if (models.length && !a.flags.json) io.err(`Reading with ${models.map((c) => `${c.provider}:${c.model}`).join(' → ')}, checked against the offline reader`);
    const r = await parseCvWithChain({ text: input.cvText, chain });
    cv = r.cv;
    printReadingNotes(r, io);
  } else {
    cv = input.cv!;
  }
  if (!cv.basics.name && !cv.work.length && !cv.education.length) throw new CvPathError('CV_EMPTY', `No CV content could be read from "${file}".`, { hint: 'Check it has headings such as "Experience", "Education" and "Skills".' });
  if (a.flags.json) {
    io.out(JSON.stringify(cv, null, 2));
    return 0;
  }
  printCv(cv, io);
  return 0;
}

function printReadingNotes(r: CvParseResult, io: Io) {
  for (const u of r.unrecognized) io.err(`cvpath: note: the section "${u.heading}" was not recognised and is not in the CV; rename its heading (e.g. "Experience", "Projects") to keep it.`);
  const f = r.fallbackReason;
  if (f) io.err(`cvpath: note: the offline reader was used: ${f.message}${f.hint ? ` ${f.hint}` : ''} [${f.code}]`);
  if (r.dropped.length) io.err(`cvpath: note: left out because the CV does not say it: ${r.dropped.map((v) => `"${v}"`).join(', ')}`);
  for (const d of r.disagreements) {
    if (d.field === 'entry') io.err(`cvpath: check ${d.path}: only ${d.llm ? `${r.model ?? 'the model'} read the role "${d.llm}"` : `the offline reader read the role "${d.offline ?? ''}"`}`);
    else io.err(`cvpath: check ${d.path}: ${r.model ?? 'the model'} read "${d.llm ?? ''}", the offline reader "${d.offline ?? ''}"`);
  }
}

function printCv(cv: Cv, io: Io) {
  io.out(`${cv.basics.name || '(no name found)'}${cv.basics.label ? ` — ${cv.basics.label}` : ''}`);
  io.out([cv.basics.email, cv.basics.phone, cv.basics.location?.address].filter(Boolean).join(' · '));
  io.out(`\nExperience (${cv.work.length}):`);
  for (const w of cv.work) io.out(`  ${w.position || '?'} — ${w.name || '?'}  ${w.startDate ?? '?'} → ${w.endDate ?? 'present'}  (${w.highlights.length} bullets)`);
  io.out(`Education (${cv.education.length}):`);
  for (const e of cv.education) io.out(`  ${[e.studyType, e.area].filter(Boolean).join(' ')} — ${e.institution}${e.endDate ? ` (${e.endDate})` : ''}`);
  const skills = cv.skills.flatMap((s) => (s.keywords.length ? s.keywords : [s.name]));
  io.out(`Skills (${skills.length}): ${skills.slice(0, 20).join(', ')}${skills.length > 20 ? ', …' : ''}`);
  for (const k of ['projects', 'certificates', 'awards', 'languages', 'volunteer', 'publications'] as const) if (cv[k].length) io.out(`${k[0]!.toUpperCase()}${k.slice(1)}: ${cv[k].length}`);
}
