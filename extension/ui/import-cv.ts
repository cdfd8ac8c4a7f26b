import { importCvDocument, MAX_DOCUMENT_BYTES } from '../../shared/documents/import';
import { parseCvText } from '../../shared/engine/cv-text-parser';
import { CvPathError } from '../../shared/errors';
import type { Cv } from '../../shared/schema/cv';
import { fromJsonResume, looksLikeJsonResume } from '../../shared/schema/json-resume';
import type { CvSourceKind } from '../store/db';
import { loadPdfjs } from './pdfjs';

/**
 * A CV file → a Cv with ids, for the review form. Loaded on demand by the options page (it pulls in pdf.js, the DOCX
 * reader and the offline CV parser). Every failure is a CvPathError whose message and hint the page shows as they are.
 */

export interface ImportedCv {
  cv: Cv;
  text?: string;
  kind: CvSourceKind;
  fileName: string;
  /** Sections the parser did not recognise: shown so nothing the person wrote is silently lost. */
  unrecognized: { heading: string; text: string }[];
}

export async function importCvFile(file: File): Promise<ImportedCv> {
  // refuse a huge file before reading it into memory
  if (file.size > MAX_DOCUMENT_BYTES) {
    throw new CvPathError('INPUT_TOO_LARGE', `“${file.name}” is ${(file.size / 1048576).toFixed(1)} MB; the limit is ${MAX_DOCUMENT_BYTES / 1048576} MB.`, {
      hint: 'Export your CV again without large images (or compress them), or paste its text.',
    });
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const pdfjs = await pdfjsIfPdf(bytes);
  const doc = await importCvDocument(bytes, pdfjs ? { pdfjs } : {});
  if (doc.kind === 'json') {
    if (!looksLikeJsonResume(doc.json)) {
      throw new CvPathError('INPUT_INVALID', `“${file.name}” is JSON but not a JSON Resume (no basics, work or education).`, { hint: 'Export your CV as JSON Resume (jsonresume.org), or import the PDF, Word or text version.' });
    }
    return { cv: fromJsonResume(doc.json), kind: 'json', fileName: file.name, unrecognized: [] };
  }
  return { ...parseText(doc.text ?? ''), kind: doc.kind, fileName: file.name };
}

/** Pasted or typed CV text → a Cv. */
export function parseText(text: string): { cv: Cv; text: string; unrecognized: ImportedCv['unrecognized'] } {
  if (!text.trim()) throw new CvPathError('CV_EMPTY', 'There is no text to read.', { hint: 'Paste the text of your CV, or import the file.' });
  const parsed = parseCvText(text);
  return { cv: parsed.cv, text, unrecognized: parsed.unrecognized };
}

/** pdf.js is loaded only for a PDF (judged by its bytes, as the importer does), and it is the page's build with its worker. */
async function pdfjsIfPdf(bytes: Uint8Array) {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-') ? loadPdfjs() : undefined;
}
