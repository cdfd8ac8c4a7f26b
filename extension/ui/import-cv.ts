import { importCvDocument, MAX_DOCUMENT_BYTES } from '../../shared/documents/import';
import type { CvParseResult } from '../../shared/documents/import/parse-cv';
import { CvPathError } from '../../shared/errors';
import type { Cv } from '../../shared/schema/cv';
import { fromJsonResume, looksLikeJsonResume } from '../../shared/schema/json-resume';
import { send } from '../messaging';
import type { CvSourceKind } from '../store/db';
import { loadPdfjs } from './pdfjs';

/**
 * A CV file → a Cv with ids, for the review form. Loaded on demand by the options page (it pulls in pdf.js and the DOCX
 * reader). The file becomes text here, in the page; the background worker reads the text, through the user's provider
 * when there is one (it alone holds the decrypted keys). Every failure is a CvPathError whose message and hint the page
 * shows as they are.
 */

/** How the text was read: by a model or offline, where the two readings differ, and why a model's was not used. */
export type CvReading = Omit<CvParseResult, 'cv' | 'unrecognized'>;

export interface ImportedCv {
  cv: Cv;
  text?: string;
  kind: CvSourceKind;
  fileName: string;
  /** Sections the parser did not recognise: shown so nothing the person wrote is silently lost. */
  unrecognized: { heading: string; text: string }[];
  /** Absent for a JSON Resume: its fields are taken as they are, nothing was read. */
  reading?: CvReading;
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
  return { ...(await parseText(doc.text ?? '')), kind: doc.kind, fileName: file.name };
}

/** Pasted or typed CV text (or a document's) → a Cv, read by the background worker. */
export async function parseText(text: string): Promise<{ cv: Cv; text: string; unrecognized: ImportedCv['unrecognized']; reading: CvReading }> {
  if (!text.trim()) throw new CvPathError('CV_EMPTY', 'There is no text to read.', { hint: 'Paste the text of your CV, or import the file.' });
  const { cv, unrecognized, ...reading } = await send('cv:parse', { text });
  return { cv, text, unrecognized, reading };
}

/** pdf.js is loaded only for a PDF (judged by its bytes, as the importer does), and it is the page's build with its worker. */
async function pdfjsIfPdf(bytes: Uint8Array) {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-') ? loadPdfjs() : undefined;
}
