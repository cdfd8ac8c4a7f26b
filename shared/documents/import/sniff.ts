import { CvPathError } from '../../errors';
import { isZip, readZipDirectory, scanLocalNames } from './zip';

/**
 * What a file really is, judged by its bytes (never by its name): PDF, Word (.docx), JSON, or plain text / Markdown.
 * Anything else is refused with a message that says what was found and what to do instead. Pure and isomorphic.
 */

export type DocumentKind = 'pdf' | 'docx' | 'json' | 'text';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export interface SniffResult {
  kind: DocumentKind;
  /** The decoded text, for `text` and `json`. */
  text?: string;
  /** The parsed value, for `json`. */
  json?: unknown;
}

export interface SniffOptions {
  /** The caller asked for a PDF (a "choose your PDF" button): anything else is NOT_A_PDF. */
  expect?: 'pdf';
}

const WHAT_TO_DO = 'Upload your CV as a PDF, a Word document (.docx), plain text, Markdown or JSON Resume.';

export function sniffDocument(bytes: Uint8Array, opts: SniffOptions = {}): SniffResult {
  checkSize(bytes);
  if (bytes.length === 0) throw refuse(opts, 'The file is empty (0 bytes).', WHAT_TO_DO, 'an empty file');
  if (isPdf(bytes)) return { kind: 'pdf' };
  if (opts.expect === 'pdf') {
    const found = describeBytes(bytes);
    throw new CvPathError('NOT_A_PDF', `This file is not a PDF: it is ${found}.`, {
      hint: found.startsWith('a Word document') ? 'Choose the PDF of your CV, or import the .docx as it is.' : 'Choose the PDF of your CV, or paste its text.',
    });
  }
  if (isZip(bytes)) {
    if (isDocx(bytes)) return { kind: 'docx' };
    throw refuse(opts, `This file is ${describeZip(bytes)}, not a CV document.`, zipHint(bytes));
  }
  const binary = describeBinary(bytes);
  if (binary) throw refuse(opts, `This file is ${binary.what}, not a CV document.`, binary.hint);
  const text = decodeText(bytes);
  if (text === undefined) throw refuse(opts, 'This file is binary data, not text or a document this app can read.', WHAT_TO_DO);
  const trimmed = text.trim();
  if (!trimmed) throw new CvPathError('CV_EMPTY', 'The file holds only blank space: there is no CV text in it.', { hint: 'Put the text of your CV in the file, or upload the PDF or Word document.' });
  if (/^\{\\rtf/.test(trimmed)) throw refuse(opts, 'This file is a Rich Text (.rtf) document, which this app does not read.', 'Save it as a PDF or Word document (.docx), or paste the text.');
  if (/^(?:<!doctype html|<html[\s>])/i.test(trimmed)) throw refuse(opts, 'This file is a web page (HTML), not a CV document.', 'Print the page to PDF, or paste the text of your CV.');
  if (/^[{[]/.test(trimmed)) {
    try {
      return { kind: 'json', text, json: JSON.parse(trimmed) as unknown };
    } catch (e) {
      if (trimmed.startsWith('{')) {
        throw refuse(opts, `This file looks like JSON but is not valid JSON (${(e as Error).message}).`, 'Fix the JSON (JSON Resume format), or upload your CV as text, PDF or Word.');
      }
      // "[" can start a plain-text line ("[Draft] …"): read it as text
    }
  }
  return { kind: 'text', text };
}

export function checkSize(bytes: Uint8Array): void {
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    throw new CvPathError('INPUT_TOO_LARGE', `The file is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is 10 MB.`, {
      hint: 'Export your CV again without large images (or compress them), or paste its text.',
    });
  }
}

/** `%PDF-` in the first 1024 bytes, as the PDF specification allows. */
export function isPdf(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 1024) - 5;
  for (let i = 0; i <= n; i++) {
    if (bytes[i] === 0x25 && bytes[i + 1] === 0x50 && bytes[i + 2] === 0x44 && bytes[i + 3] === 0x46 && bytes[i + 4] === 0x2d) return true;
  }
  return false;
}

/** A ZIP holding `word/document.xml`, from its central directory or, if the end was cut off, its local headers. */
export function isDocx(bytes: Uint8Array): boolean {
  if (!isZip(bytes)) return false;
  const names = zipNames(bytes);
  return names.includes('word/document.xml') || (names.includes('[Content_Types].xml') && names.some((n) => n.startsWith('word/')));
}

function zipNames(bytes: Uint8Array): string[] {
  return readZipDirectory(bytes)?.map((e) => e.name) ?? scanLocalNames(bytes);
}

function describeZip(bytes: Uint8Array): string {
  const names = zipNames(bytes);
  const latin1 = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  if (names.some((n) => n.startsWith('xl/'))) return 'an Excel spreadsheet (.xlsx)';
  if (names.some((n) => n.startsWith('ppt/'))) return 'a PowerPoint presentation (.pptx)';
  if (latin1.includes('application/vnd.oasis.opendocument.text')) return 'an OpenDocument text file (.odt)';
  if (latin1.includes('application/vnd.oasis.opendocument') || (names.includes('mimetype') && names.includes('content.xml'))) return 'an OpenDocument file (.odt/.ods)';
  if (names.some((n) => n.startsWith('Index/') || n.endsWith('.iwa'))) return 'an Apple Pages document';
  return 'a ZIP archive';
}

function zipHint(bytes: Uint8Array): string {
  const what = describeZip(bytes);
  if (what.includes('OpenDocument') || what.includes('Pages')) return 'Save or export it as a Word document (.docx) or PDF, then upload that.';
  if (what === 'a ZIP archive') return 'Unzip it and upload the CV inside (PDF, .docx, text or JSON).';
  return WHAT_TO_DO;
}

/** For messages: what these bytes look like. */
export function describeBytes(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'an empty file';
  if (isPdf(bytes)) return 'a PDF';
  if (isZip(bytes)) return isDocx(bytes) ? 'a Word document (.docx)' : describeZip(bytes);
  const bin = describeBinary(bytes);
  if (bin) return bin.what;
  const text = decodeText(bytes);
  if (text === undefined) return 'binary data';
  const t = text.trim();
  if (/^[{[]/.test(t)) {
    try {
      JSON.parse(t);
      return 'a JSON file';
    } catch {
      /* not JSON */
    }
  }
  if (/^\{\\rtf/.test(t)) return 'a Rich Text (.rtf) document';
  if (/^(?:<!doctype html|<html[\s>])/i.test(t)) return 'a web page (HTML)';
  return 'a plain-text file';
}

function describeBinary(b: Uint8Array): { what: string; hint: string } | undefined {
  const at = (i: number, ...xs: number[]) => xs.every((x, j) => b[i + j] === x);
  const ascii = (i: number, s: string) => at(i, ...[...s].map((c) => c.charCodeAt(0)));
  const image = 'Images cannot be read as text: upload the PDF or Word file your CV was made from, or paste its text.';
  if (at(0, 0x89, 0x50, 0x4e, 0x47)) return { what: 'a PNG image', hint: image };
  if (at(0, 0xff, 0xd8, 0xff)) return { what: 'a JPEG image', hint: image };
  if (ascii(0, 'GIF8')) return { what: 'a GIF image', hint: image };
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return { what: 'a WebP image', hint: image };
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a)) return { what: 'a TIFF image', hint: image };
  if (ascii(4, 'ftyp')) return { what: 'an image or video (HEIC/MP4)', hint: image };
  if (at(0, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return { what: 'an older Word (.doc) or Office 97–2003 file', hint: 'Open it in Word or Google Docs and save it as .docx or PDF, then upload that.' };
  if (at(0, 0x1f, 0x8b)) return { what: 'a compressed (gzip) file', hint: 'Decompress it and upload the CV inside.' };
  if (ascii(0, 'Rar!') || at(0, 0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c)) return { what: 'a compressed archive', hint: 'Extract it and upload the CV inside.' };
  if (ascii(0, '%!PS')) return { what: 'a PostScript file', hint: 'Convert it to PDF and upload that.' };
  if (at(0, 0x7f, 0x45, 0x4c, 0x46) || (ascii(0, 'MZ') && b.includes(0))) return { what: 'a program, not a document', hint: WHAT_TO_DO };
  return undefined;
}

/**
 * UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark; undefined for anything that is not
 * text: invalid UTF-8, NUL bytes, or more than a few control characters.
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    else text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return undefined;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) control++;
  }
  if (control > Math.max(2, text.length / 200)) return undefined;
  return text;
}

function refuse(opts: SniffOptions, message: string, hint: string, found?: string): CvPathError {
  if (opts.expect === 'pdf') return new CvPathError('NOT_A_PDF', `This file is not a PDF${found ? `: it is ${found}` : ''}. ${message}`, { hint: 'Choose the PDF of your CV, or paste its text.' });
  return new CvPathError('UNSUPPORTED_FORMAT', message, { hint });
}
