import { CvPathError } from '../../shared/errors';
import { parseCvText } from '../../shared/engine/cv-text-parser';
import { parseArgs } from '../args';
import type { Io } from '../io';
import { readCvInput } from '../read-input';

/** `cvpath import <file>`: what was read from a CV, or the structured CV with --json. */
export async function cmdImport(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, { json: 'boolean' });
  const file = a.positional[0];
  if (!file) throw new CvPathError('INPUT_INVALID', 'Usage: cvpath import <file> [--json]');
  const input = await readCvInput(file);
  const parsed = input.cvText !== undefined ? parseCvText(input.cvText) : undefined;
  const cv = input.cv ?? parsed!.cv;
  for (const u of parsed?.unrecognized ?? []) io.err(`cvpath: note: the section "${u.heading}" was not recognised and is not in the CV; rename its heading (e.g. "Experience", "Projects") to keep it.`);
  if (!cv.basics.name && !cv.work.length && !cv.education.length) throw new CvPathError('CV_EMPTY', `No CV content could be read from "${file}".`, { hint: 'Check it has headings such as "Experience", "Education" and "Skills".' });
  if (a.flags.json) {
    io.out(JSON.stringify(cv, null, 2));
    return 0;
  }
  io.out(`${cv.basics.name || '(no name found)'}${cv.basics.label ? ` — ${cv.basics.label}` : ''}`);
  io.out([cv.basics.email, cv.basics.phone, cv.basics.location?.address].filter(Boolean).join(' · '));
  io.out(`\nExperience (${cv.work.length}):`);
  for (const w of cv.work) io.out(`  ${w.position || '?'} — ${w.name || '?'}  ${w.startDate ?? '?'} → ${w.endDate ?? 'present'}  (${w.highlights.length} bullets)`);
  io.out(`Education (${cv.education.length}):`);
  for (const e of cv.education) io.out(`  ${[e.studyType, e.area].filter(Boolean).join(' ')} — ${e.institution}${e.endDate ? ` (${e.endDate})` : ''}`);
  const skills = cv.skills.flatMap((s) => (s.keywords.length ? s.keywords : [s.name]));
  io.out(`Skills (${skills.length}): ${skills.slice(0, 20).join(', ')}${skills.length > 20 ? ', …' : ''}`);
  for (const k of ['projects', 'certificates', 'awards', 'languages', 'volunteer', 'publications'] as const) if (cv[k].length) io.out(`${k[0]!.toUpperCase()}${k.slice(1)}: ${cv[k].length}`);
  return 0;
}
