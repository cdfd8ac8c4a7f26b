import { CvPathError } from '../../shared/errors';
import { parseCvText } from '../../shared/engine/cv-text-parser';
import { parseArgs } from '../args';
import { parseEngine, parseFormat, writeCvPdf } from '../documents';
import type { Io } from '../io';
import { readCvInput } from '../read-input';

/** `cvpath export <cv> --out <file.pdf>`: an ATS-safe PDF, written only if it reads back intact. */
export async function cmdExport(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, { out: 'string', format: 'string', engine: 'string' });
  const file = a.positional[0];
  if (!file || typeof a.flags.out !== 'string') throw new CvPathError('INPUT_INVALID', 'Usage: cvpath export <cv.json> --out <file.pdf> [--format a4|letter] [--engine v1|v2]');
  const input = await readCvInput(file);
  const cv = input.cv ?? parseCvText(input.cvText!).cv;
  const bytes = await writeCvPdf(cv, a.flags.out, { format: parseFormat(a.flags.format), engine: parseEngine(a.flags.engine) });
  io.out(`Wrote ${a.flags.out} (${(bytes / 1024).toFixed(1)} KB); it passed the round-trip check.`);
  return 0;
}
