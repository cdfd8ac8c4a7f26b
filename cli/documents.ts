import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { CvPathError } from '../shared/errors';
import { buildCoverLetter, exportCvPdf, loadFonts, renderCoverLetterPdf, type FontSet, type PaperFormat } from '../shared/documents/export';
import { renderCoverLetterDocx } from '../shared/documents/export/cover-letter-docx';
import type { CvEngine } from '../shared/documents/export/cv-pdf';
import type { Analysis } from '../shared/schema/analysis';
import type { Cv } from '../shared/schema/cv';
import type { JobPosting } from '../shared/schema/job-posting';
import type { ParsedJob } from '../shared/schema/parsed-job';
import { packageRoot } from './package-root';

/** Node glue for documents: the fonts shipped in the package's fonts/, and pdf.js's legacy build for the round-trip gate. */
let fonts: FontSet | undefined;
export function nodeFonts(): FontSet {
  fonts ??= loadFonts((file) => new Uint8Array(readFileSync(join(packageRoot(), 'fonts', file))));
  return fonts;
}

export async function nodePdfjs() {
  return import('pdfjs-dist/legacy/build/pdf.mjs');
}

export function parseFormat(v: string | true | undefined): PaperFormat {
  if (v === undefined) return 'a4';
  if (v === 'a4' || v === 'letter') return v;
  throw new CvPathError('INPUT_INVALID', `--format must be a4 or letter (got "${String(v)}").`);
}

export function parseEngine(v: string | true | undefined): CvEngine {
  if (v === undefined) return 'v2';
  if (v === 'v1' || v === 'v2') return v;
  throw new CvPathError('INPUT_INVALID', `--engine must be v1 or v2 (got "${String(v)}").`);
}

/** Renders, gates and writes a CV PDF. A file that fails the round-trip gate is never written. */
export async function writeCvPdf(cv: Cv, path: string, opts: { format: PaperFormat; engine: CvEngine }): Promise<number> {
  const pdf = await exportCvPdf(cv, { fonts: nodeFonts(), format: opts.format, engine: opts.engine, extract: await nodePdfjs() });
  await writeFile(path, pdf);
  return pdf.byteLength;
}

export async function writeCoverLetter(args: { cv: Cv; job: JobPosting; analysis?: Analysis; parsedJob?: ParsedJob; path: string; format: PaperFormat; date?: Date }): Promise<number> {
  const letter = buildCoverLetter({ cv: args.cv, job: args.job, analysis: args.analysis, parsedJob: args.parsedJob, date: args.date ?? new Date() });
  const ext = extname(args.path).toLowerCase();
  if (ext !== '.pdf' && ext !== '.docx') throw new CvPathError('INPUT_INVALID', `--out must end in .pdf or .docx (got "${args.path}").`);
  const bytes = ext === '.pdf' ? renderCoverLetterPdf(letter, { fonts: nodeFonts(), format: args.format }) : await renderCoverLetterDocx(letter, { format: args.format });
  await writeFile(args.path, bytes);
  return bytes.byteLength;
}
