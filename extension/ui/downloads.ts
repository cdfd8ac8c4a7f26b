import regularUrl from '../../fonts/EBGaramond12-Regular.ttf?url';
import boldUrl from '../../fonts/EBGaramond12-Bold.ttf?url';
import italicUrl from '../../fonts/EBGaramond12-Italic.ttf?url';
import { buildCoverLetter, renderCoverLetterPdf } from '../../shared/documents/export/cover-letter';
import { FONT_FILES, loadFontsAsync, type FontSet } from '../../shared/documents/export/fonts';
import { exportCvPdf } from '../../shared/documents/export/round-trip';
import { CvPathError } from '../../shared/errors';
import type { Run } from '../../shared/schema/run';
import { documentFileName } from './file-name';
import { loadPdfjs } from './pdfjs';
import { saveFile } from './save-file';

/**
 * The documents of a finished run, made in the page that asked for them. This module pulls in jsPDF, the exporter
 * and pdf.js: pages load it with `import('…/downloads')` when a download button is clicked, never up front.
 */

const FONT_URLS: Record<string, string> = {
  [FONT_FILES.regular]: regularUrl,
  [FONT_FILES.bold]: boldUrl,
  [FONT_FILES.italic]: italicUrl,
};

let fonts: Promise<FontSet> | undefined;
function bundledFonts(): Promise<FontSet> {
  fonts ??= loadFontsAsync(async (file) => {
    const res = await fetch(FONT_URLS[file]!);
    if (!res.ok) throw new CvPathError('EXPORT_FAILED', `The font ${file} could not be loaded (${res.status}).`, { hint: 'Reload the extension from chrome://extensions, then try again.' });
    return new Uint8Array(await res.arrayBuffer());
  }).catch((e: unknown) => {
    fonts = undefined;
    throw e;
  });
  return fonts;
}

function tailoredCv(run: Run) {
  const cv = run.outputs.tailored?.cv ?? run.outputs.cv;
  if (!cv) throw new CvPathError('EXPORT_FAILED', 'This run has no tailored CV to export.', { hint: 'Run the tailoring again from the popup.' });
  return cv;
}

/** Renders the tailored CV, gates it (it must read back exactly as written) and downloads it. */
export async function downloadTailoredCv(run: Run): Promise<string> {
  const cv = tailoredCv(run);
  const [f, pdfjs] = await Promise.all([bundledFonts(), loadPdfjs()]);
  const pdf = await exportCvPdf(cv, { fonts: f, format: 'a4', engine: 'v2', extract: pdfjs });
  const name = documentFileName({ name: cv.basics.name, kind: 'CV', company: run.inputs.job.company, title: run.inputs.job.title });
  saveFile(pdf, name, 'application/pdf');
  return name;
}

/** Writes the cover letter from the CV's own words and downloads it as a PDF. */
export async function downloadCoverLetter(run: Run): Promise<string> {
  const cv = tailoredCv(run);
  const letter = buildCoverLetter({ cv, job: run.inputs.job, analysis: run.outputs.analysis, parsedJob: run.outputs.parsedJob, date: new Date() });
  const pdf = renderCoverLetterPdf(letter, { fonts: await bundledFonts(), format: 'a4' });
  const name = documentFileName({ name: cv.basics.name, kind: 'Cover-Letter', company: run.inputs.job.company, title: run.inputs.job.title });
  saveFile(pdf, name, 'application/pdf');
  return name;
}
