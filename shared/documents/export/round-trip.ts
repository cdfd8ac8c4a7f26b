import type { Cv } from '../../schema/cv';
import { CvPathError } from '../../errors';
import { buildCvModel, expectedItems, layoutCvPdf, type CvEngine, type CvPdfOptions, type ExpectedItem } from './cv-pdf';
import { cleanText, LIGATURE_RE, PRIVATE_USE_RE, stripToken, tokens } from './text';

/**
 * The round-trip gate: a PDF is handed out only if a text extractor reads back every heading, every role's title
 * and employer, every bullet (in fact every line the CV model shows), in order, with no ligature or private-use
 * characters and no word split by a stray space. Isomorphic: the extractor is passed in (pdf.js in Node and in an
 * extension page; see `pdfjsTextExtractor`).
 */

/** One string per page, lines separated by "\n". */
export type TextExtractor = (pdf: Uint8Array) => Promise<string[]>;

// The parts of pdf.js the gate uses, structurally, so shared/ does not depend on one build of it.
export interface PdfJsTextItem {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
  hasEOL?: boolean;
}
export interface PdfJsPage {
  getTextContent(params?: { disableNormalization?: boolean; includeMarkedContent?: boolean }): Promise<{ items: unknown[] }>;
  getViewport(params: { scale: number }): { width: number; height: number };
}
export interface PdfJsDocument {
  numPages: number;
  getPage(n: number): Promise<PdfJsPage>;
  destroy(): Promise<void>;
}
export interface PdfJsLike {
  getDocument(src: { data: Uint8Array; disableFontFace?: boolean; isEvalSupported?: boolean; useSystemFonts?: boolean; verbosity?: number }): { promise: Promise<PdfJsDocument> };
}

export interface ExtractedLine {
  text: string;
  /** Left edge and baseline, in PDF points from the page's bottom-left corner. */
  x: number;
  y: number;
  /** The largest font size on the line. */
  size: number;
}
export interface ExtractedPage {
  width: number;
  height: number;
  /** Top to bottom. */
  lines: ExtractedLine[];
}

/**
 * Reads a PDF's text with pdf.js, page by page, and rebuilds lines from positioned runs: runs on one baseline form
 * a line, in x order, joined with a space only where the gap between them is a real word gap. Normalisation is
 * off, so a ligature in the file is seen as one.
 */
export async function pdfjsPages(pdfjs: PdfJsLike, pdf: Uint8Array): Promise<ExtractedPage[]> {
  // pdf.js may transfer (detach) the buffer it is given: give it a copy.
  const doc = await pdfjs.getDocument({ data: pdf.slice(), disableFontFace: true, isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const pages: ExtractedPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const vp = page.getViewport({ scale: 1 });
      const content = await page.getTextContent({ disableNormalization: true });
      pages.push({ width: vp.width, height: vp.height, lines: assembleLines(content.items as PdfJsTextItem[]) });
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

export function assembleLines(items: PdfJsTextItem[]): ExtractedLine[] {
  interface Run { str: string; x: number; y: number; w: number; size: number }
  const runs: Run[] = [];
  for (const it of items) {
    if (!it.str || !it.transform) continue;
    const size = Math.hypot(it.transform[2] ?? 0, it.transform[3] ?? 0) || it.height || 10;
    runs.push({ str: it.str, x: it.transform[4] ?? 0, y: it.transform[5] ?? 0, w: it.width ?? 0, size });
  }
  runs.sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Run[][] = [];
  for (const r of runs) {
    const line = lines.find((l) => Math.abs(l[0]!.y - r.y) <= Math.max(1, r.size * 0.15));
    if (line) line.push(r);
    else lines.push([r]);
  }
  return lines
    .map((l) => {
      l.sort((a, b) => a.x - b.x);
      let text = '';
      let end = -Infinity;
      for (const r of l) {
        const gap = r.x - end;
        if (text && gap > r.size * 0.12 && !/\s$/.test(text) && !/^\s/.test(r.str)) text += ' ';
        text += r.str;
        end = r.x + r.w;
      }
      return { text: text.replace(/\s+/g, ' ').trim(), x: l[0]!.x, y: l[0]!.y, size: Math.max(...l.map((r) => r.size)) };
    })
    .filter((l) => l.text)
    .sort((a, b) => b.y - a.y);
}

/** A TextExtractor over a pdf.js module: `pdfjsTextExtractor(await import('pdfjs-dist/legacy/build/pdf.mjs'))`. */
export function pdfjsTextExtractor(pdfjs: PdfJsLike): TextExtractor {
  return async (pdf) => (await pdfjsPages(pdfjs, pdf)).map((p) => p.lines.map((l) => l.text).join('\n'));
}

export interface RoundTripResult {
  ok: boolean;
  problems: string[];
  /** Pages read back. */
  pages: number;
}

export interface RoundTripOptions {
  engine: CvEngine;
  /** How to read the PDF's text back: a TextExtractor, or the pdf.js module itself. */
  extract: TextExtractor | PdfJsLike;
}

const PAGE_NUMBER_RE = /^Page \d+ of \d+$/;
const MAX_PROBLEMS = 50;

function extractorOf(extract: TextExtractor | PdfJsLike): TextExtractor {
  return typeof extract === 'function' ? extract : pdfjsTextExtractor(extract);
}

/** Checks a rendered CV against the CV it was rendered from. */
export async function checkPdfRoundTrip(pdf: Uint8Array, cv: Cv, opts: RoundTripOptions): Promise<RoundTripResult> {
  let pages: string[];
  try {
    pages = await extractorOf(opts.extract)(pdf);
  } catch (e) {
    return { ok: false, problems: [`the PDF could not be read back: ${e instanceof Error ? e.message : String(e)}`], pages: 0 };
  }
  return checkExtractedText(pages, expectedItems(buildCvModel(cv, opts.engine)));
}

const quote = (s: string, max = 70) => `"${s.length > max ? `${s.slice(0, max - 1)}…` : s}"`;
const hex = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The gate itself, on text already extracted (one string per page). */
export function checkExtractedText(pages: string[], expected: ExpectedItem[]): RoundTripResult {
  const problems: string[] = [];
  const problem = (p: string) => {
    if (problems.length < MAX_PROBLEMS && !problems.includes(p)) problems.push(p);
  };

  // 1. Characters no reader should meet.
  pages.forEach((page, i) => {
    for (const line of page.split('\n')) {
      const lig = LIGATURE_RE.exec(line);
      if (lig) problem(`page ${i + 1}: ligature ${hex(lig[0])} in ${quote(line)}`);
      const pua = PRIVATE_USE_RE.exec(line);
      if (pua) problem(`page ${i + 1}: private-use character ${hex(pua[0])} in ${quote(line)}`);
    }
  });

  // 2. The words as a reader gets them, page numbers left out; each knows whether it ends a line.
  const stream: Tok[] = [];
  for (const page of pages) {
    const lines = page.split('\n');
    while (lines.length && PAGE_NUMBER_RE.test(lines[lines.length - 1]!.trim())) lines.pop();
    for (const l of lines) {
      const words = cleanText(l).split(' ').map((raw) => ({ raw, t: stripToken(raw), eol: false })).filter((w) => w.t);
      if (words.length) words[words.length - 1]!.eol = true;
      stream.push(...words);
    }
  }

  // 3. Everything shown, present and in order.
  const vocab = new Set<string>();
  for (const item of expected) for (const t of tokens(item.text)) vocab.add(t);
  let cursor = 0;
  // where each entry's text starts: its dates sit beside the title, after the employer on a one-line heading or
  // before it when the employer has a line of its own, so they are looked for from the entry's start
  const entryStart = new Map<string, number>();
  for (const item of expected) {
    const want = tokens(item.text);
    if (!want.length) continue;
    if (item.id && !entryStart.has(item.id)) entryStart.set(item.id, cursor);
    const from = item.kind === 'dates' && item.id ? entryStart.get(item.id)! : cursor;
    const found = findSeq(stream, want, from);
    if (found) {
      cursor = Math.max(cursor, found.end);
      continue;
    }
    if (findSeq(stream, want, 0)) problem(`${item.kind} out of order: ${quote(item.text)}`);
    else problem(`${item.kind} missing or altered: ${quote(item.text)}${diagnose(want, stream)}`);
  }

  // 4. Words split by a space inside a line ("effi cient"). A word too long for a line (a URL) is broken at the
  //    line's end, which the matching above accepts and this does not flag.
  for (let i = 0; i + 1 < stream.length; i++) {
    const a = stream[i]!;
    const b = stream[i + 1]!;
    if (!a.eol && vocab.has(a.t + b.t) && !(vocab.has(a.t) && vocab.has(b.t))) problem(`word split by a space: "${a.t} ${b.t}" (should be "${a.t + b.t}")`);
  }
  return { ok: problems.length === 0, problems, pages: pages.length };
}

interface Tok {
  /** As extracted. */
  raw: string;
  /** As compared (see stripToken). */
  t: string;
  /** Last word of its line. */
  eol: boolean;
}

/** Where `needle` starts in `hay` at or after `from` and where it ends, or null. */
function findSeq(hay: Tok[], needle: string[], from: number): { at: number; end: number } | null {
  for (let i = from; i < hay.length; i++) {
    const end = matchAt(hay, i, needle);
    if (end >= 0) return { at: i, end };
  }
  return null;
}

function matchAt(hay: Tok[], i: number, needle: string[]): number {
  let p = i;
  for (const w of needle) {
    const tok = hay[p];
    if (!tok) return -1;
    if (tok.t === w) {
      p++;
      continue;
    }
    // A word broken across lines: the pieces, glued back together, must make it exactly.
    let raw = tok.raw;
    let q = p;
    while (stripToken(raw) !== w && hay[q]!.eol && hay[q + 1] && raw.length < w.length + 2) raw += hay[++q]!.raw;
    if (stripToken(raw) !== w) return -1;
    p = q + 1;
  }
  return p;
}

/** Why an expected line was not found: the first of its words that cannot be read back as written. */
function diagnose(want: string[], stream: Tok[]): string {
  const have = new Set(stream.map((s) => s.t));
  const lost = want.find((w) => !have.has(w));
  return lost ? ` (no "${lost}" in the extracted text)` : ' (its words are there but not together)';
}

export interface ExportCvOptions extends CvPdfOptions {
  extract: TextExtractor | PdfJsLike;
}

/**
 * Render + gate. Returns the PDF only if it reads back cleanly; otherwise throws ROUND_TRIP_FAILED with the first
 * problems, so a file that fails is never handed out. A rendering error is EXPORT_FAILED.
 */
export async function exportCvPdf(cv: Cv, opts: ExportCvOptions): Promise<Uint8Array> {
  let pdf: Uint8Array;
  try {
    pdf = layoutCvPdf(cv, opts).pdf;
  } catch (e) {
    throw new CvPathError('EXPORT_FAILED', `The CV could not be turned into a PDF: ${e instanceof Error ? e.message : String(e)}`, {
      hint: 'Check that the fonts passed in are the bundled EB Garamond TrueType files, then try again.',
      cause: e,
    });
  }
  const result = await checkPdfRoundTrip(pdf, cv, opts);
  if (!result.ok) {
    const first = result.problems.slice(0, 5);
    const more = result.problems.length > first.length ? ` (and ${result.problems.length - first.length} more)` : '';
    throw new CvPathError('ROUND_TRIP_FAILED', `The PDF did not read back exactly as written, so it was not saved: ${first.join('; ')}${more}.`, {
      hint: 'Remove characters the font cannot show (symbols, emoji, non-Latin scripts) from the lines listed, or export as DOCX.',
    });
  }
  return pdf;
}
