import { normalizeText } from '../../engine/text';
import { importDocx } from './docx';
import { importPdf } from './pdf';
import type { ImportPdfOptions, PdfHints } from './pdf';
import { sniffDocument } from './sniff';
import type { DocumentKind } from './sniff';

/**
 * One entry point for a CV file of any supported kind, judged by its bytes: PDF and Word become layout-aware text
 * for the offline CV_PARSER, text and Markdown pass through (normalised), JSON is parsed for the JSON Resume reader.
 * Every failure is a CvPathError whose message says what was found and what to do.
 */

export interface ImportCvDocumentOptions extends ImportPdfOptions {
  /** The user chose "upload PDF": anything else is NOT_A_PDF instead of being read as its own kind. */
  expect?: 'pdf';
}

export interface ImportedCvDocument {
  kind: DocumentKind;
  /** For pdf, docx and text. */
  text?: string;
  /** For json: the parsed value (check it with `looksLikeJsonResume` / `fromJsonResume`). */
  json?: unknown;
  /** For pdf. */
  pages?: number;
  /** For pdf: how the layout was read. */
  hints?: PdfHints;
}

export async function importCvDocument(bytes: Uint8Array, opts: ImportCvDocumentOptions = {}): Promise<ImportedCvDocument> {
  const sniffed = sniffDocument(bytes, { expect: opts.expect });
  switch (sniffed.kind) {
    case 'pdf': {
      const r = await importPdf(bytes, opts);
      return { kind: 'pdf', text: r.text, pages: r.pages, hints: r.hints };
    }
    case 'docx': {
      const r = await importDocx(bytes, { timeoutMs: opts.timeoutMs });
      return { kind: 'docx', text: r.text };
    }
    case 'json':
      return { kind: 'json', json: sniffed.json };
    case 'text':
      return { kind: 'text', text: normalizeText(sniffed.text ?? '') };
  }
}

export { importPdf, importDocx, sniffDocument };
export { MAX_DOCUMENT_BYTES, describeBytes, isPdf, isDocx } from './sniff';
export type { DocumentKind, SniffResult } from './sniff';
export type { ImportPdfOptions, PdfHints, PdfImportResult, PdfjsModule } from './pdf';
export type { DocxImportResult, ImportDocxOptions } from './docx';
export { layoutPages } from './layout';
export type { LayoutHints, LayoutItem, LayoutPage, PageLayout } from './layout';
