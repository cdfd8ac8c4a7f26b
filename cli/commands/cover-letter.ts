import { CvPathError } from '../../shared/errors';
import { parseCvText } from '../../shared/engine/cv-text-parser';
import { parseArgs } from '../args';
import { parseFormat, writeCoverLetter } from '../documents';
import type { Io } from '../io';
import { readCvInput, readJobInput } from '../read-input';

/** `cvpath cover-letter`: a letter built only from the CV's own achievements, as PDF or DOCX. */
export async function cmdCoverLetter(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, { cv: 'string', job: 'string', out: 'string', format: 'string' });
  if (typeof a.flags.cv !== 'string' || typeof a.flags.job !== 'string' || typeof a.flags.out !== 'string') throw new CvPathError('INPUT_INVALID', 'Usage: cvpath cover-letter --cv <file> --job <file> --out <file.pdf|file.docx>');
  const [cvIn, job] = await Promise.all([readCvInput(a.flags.cv), readJobInput(a.flags.job)]);
  const cv = cvIn.cv ?? parseCvText(cvIn.cvText!).cv;
  const bytes = await writeCoverLetter({ cv, job, path: a.flags.out, format: parseFormat(a.flags.format) });
  io.out(`Wrote ${a.flags.out} (${(bytes / 1024).toFixed(1)} KB).`);
  return 0;
}
