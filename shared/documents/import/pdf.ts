import { fontLigatures, restoreLigatures, type LoadedFont } from './ligatures';
import type * as PdfjsLib from 'pdfjs-dist/legacy/build/pdf.mjs';
import { CvPathError } from '../../errors';
import { layoutPages } from './layout';
import type { LayoutHints, LayoutItem, LayoutMark, LayoutPage } from './layout';
import { checkSize, describeBytes, isPdf } from './sniff';

/** Bold faces by name, TeX's included: Computer Modern and EC bold extended (CMBX12, SFBX1000, LMRomanDemi). */
/** Icon fonts CV templates draw their pictograms with (AltaCV, Awesome-CV and moderncv use Font Awesome). */
const ICON_FONT = /FontAwesome|Font ?Awesome|Academicons|Material ?(?:Icons|Symbols)|Phosphor|Ionicons|icomoon|Feather|remixicon|bootstrap-icons|tabler-icons|lucide|Fontello|Entypo|Octicons|Simple ?Icons/i;
const BOLD_FONT = /bold|black|heavy|semibold|demi|extrab|ultrab|\bbd\b|(?:^|\+)(?:cm(?:ss)?bx|cmb\d|sfbx|ecbx|lmbx)/i;

/**
 * PDF → layout-aware plain text for the offline CV_PARSER, with pdf.js. Isomorphic: the pdf.js module can be passed
 * in (an extension page passes the one whose worker it configured); by default the legacy build is imported, which
 * runs in Node with no worker and no polyfill (pdfjs-dist 5.4).
 *
 * Every failure is a CvPathError with a document code; nothing is ever invented: with no text layer the answer is
 * PDF_NO_TEXT, never a guess.
 */

export type PdfjsModule = typeof PdfjsLib;

export interface ImportPdfOptions {
  /** Give up after this long (default 5000 ms): the loading task is destroyed and PARSE_TIMEOUT thrown. */
  timeoutMs?: number;
  /** More pages than this is PDF_TOO_MANY_PAGES (default 10). */
  maxPages?: number;
  /** The loaded pdf.js module. Default: `pdfjs-dist/legacy/build/pdf.mjs`, imported on first use. */
  pdfjs?: PdfjsModule;
  /** Extra `getDocument` parameters (for example `cMapUrl` and `cMapPacked` for CJK fonts in an extension). */
  documentParams?: Record<string, unknown>;
}

export interface PdfHints extends LayoutHints {
  /** Text items pdf.js returned, over all pages. */
  textItems: number;
  /** Pages whose text could not be read (damaged page objects); their text is missing from the result. */
  unreadablePages: number[];
  /** Font names seen (real names, when pdf.js could resolve them), e.g. "Calibri-Bold". */
  fonts: string[];
  /** The software that made the PDF, from its metadata, when given. */
  producer?: string;
}

export interface PdfImportResult {
  text: string;
  pages: number;
  hints: PdfHints;
}

export const PDF_DEFAULT_TIMEOUT_MS = 5000;
export const PDF_DEFAULT_MAX_PAGES = 10;
/** A ten-page CV has a few thousand text items; past this the layout pass alone could overrun the time limit. */
const MAX_TEXT_ITEMS = 100_000;

let defaultPdfjs: Promise<PdfjsModule> | undefined;

function loadPdfjs(): Promise<PdfjsModule> {
  defaultPdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs').catch((e: unknown) => {
    defaultPdfjs = undefined;
    throw e;
  });
  return defaultPdfjs;
}

const NO_TEXT_MESSAGE = 'This PDF has no text layer — it looks like a scan. Export your CV from Word/Google Docs as PDF, or paste the text.';

class Timeout extends Error {}

export async function importPdf(bytes: Uint8Array, opts: ImportPdfOptions = {}): Promise<PdfImportResult> {
  checkSize(bytes);
  if (!isPdf(bytes)) {
    throw new CvPathError('NOT_A_PDF', `This file is not a PDF: it is ${describeBytes(bytes)}.`, { hint: 'Choose the PDF of your CV, or paste its text.' });
  }
  const timeoutMs = opts.timeoutMs ?? PDF_DEFAULT_TIMEOUT_MS;
  const maxPages = opts.maxPages ?? PDF_DEFAULT_MAX_PAGES;
  let pdfjs: PdfjsModule;
  try {
    pdfjs = opts.pdfjs ?? (await loadPdfjs());
  } catch (e) {
    throw new CvPathError('INTERNAL', `The PDF reader could not be loaded (${e instanceof Error ? e.message.slice(0, 160) : String(e)}).`, {
      hint: 'This is a problem with the app, not with your file: paste the text of your CV meanwhile.',
      cause: e,
    });
  }
  const started = performance.now();
  const deadline = started + timeoutMs;
  // pdf.js takes ownership of (and may detach) the buffer it is given: give it a copy
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    // keeps each font's ToUnicode table and widths on the main thread: ligatures a writer mapped to nothing are read
    // back from them (ligatures.ts)
    fontExtraProperties: true,
    useWorkerFetch: false,
    stopAtErrors: false,
    verbosity: 0,
    ...opts.documentParams,
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout()), timeoutMs);
  });
  const work = extract(task, { maxPages, deadline, ops: pdfjs.OPS });
  work.catch(() => {}); // it may settle after the race is decided
  try {
    const { pages, hints } = await Promise.race([work, timeout]);
    if (hints.textItems > MAX_TEXT_ITEMS) {
      throw new CvPathError('PARSE_TIMEOUT', `This PDF holds ${hints.textItems} pieces of text, far more than any CV: reading its layout would take too long.`, {
        hint: 'Upload just your CV, exported to PDF from Word or Google Docs, or paste the text.',
      });
    }
    const { text, hints: layout } = layoutPages(pages, { hyphenates: /\bTeX|LaTeX|pdfTeX|XeTeX|LuaTeX|Typst/i.test(hints.producer ?? '') });
    const letters = text.replace(/^.*scanned (?:with|by) \w+.*$/gim, '').replace(/[^\p{L}\p{N}]/gu, '').length;
    if (letters < 20) {
      if (!hasEof(bytes)) throw truncated();
      throw new CvPathError('PDF_NO_TEXT', NO_TEXT_MESSAGE, { hint: 'Scanned pages are pictures of text: there are no words in them to read.' });
    }
    return { text, pages: pages.length, hints: { ...layout, ...hints } };
  } catch (e) {
    throw toCvPathError(e, bytes, timeoutMs);
  } finally {
    clearTimeout(timer);
    task.destroy().catch(() => {});
  }
}

type LoadingTask = ReturnType<PdfjsModule['getDocument']>;

async function extract(task: LoadingTask, o: { maxPages: number; deadline: number; ops: PdfjsModule['OPS'] }): Promise<{ pages: LayoutPage[]; hints: Pick<PdfHints, 'textItems' | 'unreadablePages' | 'fonts' | 'producer'> }> {
  const doc = await task.promise;
  const n = doc.numPages;
  if (!(n > 0)) throw new CvPathError('PDF_CORRUPT', 'The PDF has no pages.', { hint: 'Export your CV to PDF again, or paste its text.' });
  if (n > o.maxPages) {
    throw new CvPathError('PDF_TOO_MANY_PAGES', `The PDF has ${n} pages; a CV can have at most ${o.maxPages}.`, { hint: 'Upload just your CV, not a portfolio or a bundle of documents.' });
  }
  let producer: string | undefined;
  try {
    const meta = await doc.getMetadata();
    const info = (meta?.info ?? {}) as { Producer?: unknown; Creator?: unknown };
    producer = [info.Creator, info.Producer].filter((x): x is string => typeof x === 'string' && !!x.trim()).join('; ') || undefined;
  } catch {
    /* metadata is only a hint */
  }
  const pages: LayoutPage[] = [];
  const unreadable: number[] = [];
  const fonts = new Set<string>();
  let textItems = 0;
  let lastError: unknown;
  for (let i = 1; i <= n; i++) {
    await nextTask(); // let the timer fire between pages: with no worker (Node), pdf.js shares this thread
    if (performance.now() > o.deadline) throw new Timeout();
    try {
      const page = await doc.getPage(i);
      const viewport = page.getViewport({ scale: 1 });
      const tc = await readTextContent(page, o.deadline);
      if (performance.now() > o.deadline) throw new Timeout();
      const vt = viewport.transform;
      const { names, marks, ligatures } = tc.items.length && tc.items.length <= 4000 ? await graphics(page, tc, vt) : { names: new Map<string, string>(), marks: [], ligatures: new Map<string, string[]>() };
      const items: LayoutItem[] = [];
      const rotated: string[] = [];
      for (const raw of tc.items) {
        if (!('str' in raw) || !raw.str) continue;
        textItems++;
        const m = multiply(vt, raw.transform as number[]);
        const size = Math.hypot(m[2]!, m[3]!);
        const name = names.get(raw.fontName) ?? raw.fontName;
        // an icon font's glyphs (a calendar before the dates, a pin before the place) that come out as stray letters or
        // signs ("z Mar 2022 | * Berlin", "@ lena@…"): pictures, not text. Those that map to a bullet or a private-use
        // character stay: templates draw their list markers with them (moderncv's "○"), and the layout reads them so
        if (ICON_FONT.test(name) && /^[\u0021-\u00FF]+$/.test(raw.str.trim())) continue;
        const horizontal = m[0]! > 0 && m[3]! < 0 && Math.abs(m[1]!) <= 0.05 * m[0]! && Math.abs(m[2]!) <= 0.35 * Math.abs(m[3]!);
        if (!horizontal) {
          if (raw.str.trim()) rotated.push(raw.str);
          continue;
        }
        items.push({ str: raw.str, x: m[4]!, y: m[5]!, w: Math.abs(raw.width), size, font: raw.fontName, bold: BOLD_FONT.test(name) });
      }
      if (ligatures.size) restoreLigatures(items, (f) => ligatures.get(f) ?? null);
      pages.push({ width: viewport.width, height: viewport.height, items, rotated, marks });
      page.cleanup();
    } catch (e) {
      if (e instanceof CvPathError || e instanceof Timeout || isNamed(e, 'PasswordException')) throw e;
      unreadable.push(i);
      lastError = e;
      pages.push({ width: 612, height: 792, items: [] });
    }
  }
  await nextTask();
  if (performance.now() > o.deadline) throw new Timeout();
  if (unreadable.length === n) throw lastError;
  return { pages, hints: { textItems, unreadablePages: unreadable, fonts: [...fonts], producer } };

  /**
   * From the operator list, best effort and only with time to spare: real font names (for bold), and small filled
   * shapes that may be bullets drawn as graphics (browsers print list markers that way).
   */
  async function graphics(page: PdfPage, tc: { styles: Record<string, unknown> }, vt: number[]): Promise<{ names: Map<string, string>; marks: LayoutMark[]; ligatures: Map<string, string[]> }> {
    const names = new Map<string, string>();
    const marks: LayoutMark[] = [];
    const ligatures = new Map<string, string[]>();
    if (o.deadline - performance.now() < 1000) return { names, marks, ligatures };
    try {
      const opl = await page.getOperatorList({ annotationMode: 0 });
      for (const k of Object.keys(tc.styles)) {
        if (!page.commonObjs.has(k)) continue;
        const f = page.commonObjs.get(k) as ({ name?: unknown; bold?: unknown; black?: unknown } & LoadedFont) | null;
        if (!f) continue;
        const ligs = fontLigatures(f);
        if (ligs) ligatures.set(k, ligs);
        if (typeof f.name !== 'string') continue;
        const name = f.name.replace(/^[A-Z]{6}\+/, '');
        fonts.add(name);
        names.set(k, f.bold === true || f.black === true ? `${name}-Bold` : name);
      }
      marks.push(...smallShapes(opl, o.ops, vt));
    } catch {
      /* only hints */
    }
    return { names, marks, ligatures };
  }
}

/** Filled or stroked shapes of bullet size (1.5–8 pt, roughly square), in device space. */
function smallShapes(opl: { fnArray: number[]; argsArray: unknown[] }, OPS: PdfjsModule['OPS'], vt: number[]): LayoutMark[] {
  const paints = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke, OPS.stroke, OPS.closeStroke]);
  const out: LayoutMark[] = [];
  let ctm = [1, 0, 0, 1, 0, 0];
  const stack: number[][] = [];
  const n = Math.min(opl.fnArray.length, 200_000);
  for (let k = 0; k < n && out.length < 2000; k++) {
    const fn = opl.fnArray[k];
    const args = opl.argsArray[k] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform && args?.length === 6) ctm = multiply(ctm, args as number[]);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = args?.[0];
      if (Array.isArray(m) && m.length === 6) ctm = multiply(ctm, m as number[]);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.constructPath && args && paints.has(args[0] as number)) {
      const mm = args[2] as ArrayLike<number> | null;
      if (!mm || mm.length < 4) continue;
      const m = multiply(vt, ctm);
      const xs: number[] = [];
      const ys: number[] = [];
      for (const [px, py] of [[mm[0]!, mm[1]!], [mm[2]!, mm[1]!], [mm[0]!, mm[3]!], [mm[2]!, mm[3]!]] as const) {
        xs.push(m[0]! * px + m[2]! * py + m[4]!);
        ys.push(m[1]! * px + m[3]! * py + m[5]!);
      }
      const x0 = Math.min(...xs);
      const y0 = Math.min(...ys);
      const w = Math.max(...xs) - x0;
      const h = Math.max(...ys) - y0;
      if (w >= 1.5 && h >= 1.5 && w <= 8 && h <= 8 && w / h >= 0.6 && w / h <= 1.6 && Number.isFinite(x0 + y0)) out.push({ x: x0, y: y0, w, h });
    }
  }
  return out;
}

type PdfPage = Awaited<ReturnType<Awaited<LoadingTask['promise']>['getPage']>>;
type TextContent = Awaited<ReturnType<PdfPage['getTextContent']>>;

/**
 * `getTextContent`, read chunk by chunk so that the thread is handed back every few milliseconds: with no worker
 * (Node), pdf.js runs on this thread in microtasks, and the time limit could not fire until a page was done.
 * The stream's back-pressure pauses pdf.js while we yield.
 */
async function readTextContent(page: PdfPage, deadline: number): Promise<TextContent> {
  const reader = page.streamTextContent({ includeMarkedContent: false, disableNormalization: false }).getReader() as ReadableStreamDefaultReader<TextContent>;
  const out = { items: [], styles: Object.create(null) as TextContent['styles'], lang: null } as unknown as TextContent;
  let lastYield = performance.now();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return out;
    out.items.push(...value.items);
    Object.assign(out.styles, value.styles);
    if (performance.now() - lastYield > 10) {
      await nextTask();
      lastYield = performance.now();
    }
    // no reader.cancel(): pdf.js 5.4 then enqueues into the closed stream (an unhandled rejection); destroying the
    // loading task, which the caller does, stops it cleanly
    if (performance.now() > deadline) throw new Timeout();
  }
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function multiply(a: number[], b: number[]): number[] {
  const [a0 = 1, a1 = 0, a2 = 0, a3 = 1, a4 = 0, a5 = 0] = a;
  const [b0 = 1, b1 = 0, b2 = 0, b3 = 1, b4 = 0, b5 = 0] = b;
  return [a0 * b0 + a2 * b1, a1 * b0 + a3 * b1, a0 * b2 + a2 * b3, a1 * b2 + a3 * b3, a0 * b4 + a2 * b5 + a4, a1 * b4 + a3 * b5 + a5];
}

function isNamed(e: unknown, name: string): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === name;
}

/** `%%EOF` near the end: a complete file. Its absence (and pdf.js failing) means the download or copy was cut off. */
function hasEof(bytes: Uint8Array): boolean {
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 2048)));
  return tail.includes('%%EOF');
}

function truncated(cause?: unknown): CvPathError {
  return new CvPathError('PDF_TRUNCATED', 'The PDF is incomplete: the file was cut off before its end.', {
    hint: 'Download or export your CV as PDF again (a download that stopped early leaves a file like this).',
    cause,
  });
}

function toCvPathError(e: unknown, bytes: Uint8Array, timeoutMs: number): CvPathError {
  if (e instanceof CvPathError) return e;
  if (e instanceof Timeout) {
    return new CvPathError('PARSE_TIMEOUT', `Reading the PDF took longer than ${(timeoutMs / 1000).toFixed(timeoutMs % 1000 ? 1 : 0)} s, so it was stopped.`, {
      hint: 'The file may be damaged or unusually complex: export it to PDF again, or paste the text.',
    });
  }
  const message = e instanceof Error ? e.message : String(e);
  if (/workerSrc|fake worker|worker was destroyed/i.test(message)) {
    // not the file's fault: pdf.js is not set up (in a page, set GlobalWorkerOptions.workerSrc before importing)
    return new CvPathError('INTERNAL', `The PDF reader could not start (${message.slice(0, 160)}).`, { hint: 'This is a bug in the app, not a problem with your file: paste the text of your CV meanwhile.', cause: e });
  }
  if (isNamed(e, 'PasswordException')) {
    return new CvPathError('PDF_ENCRYPTED', 'This PDF is password-protected, so its text cannot be read.', {
      hint: 'Open it, save or print it again as a PDF without a password, or paste the text.',
      cause: e,
    });
  }
  if (!hasEof(bytes)) return truncated(e);
  const detail = message ? ` (${message.slice(0, 120)})` : '';
  return new CvPathError('PDF_CORRUPT', `The PDF is damaged and cannot be read${detail}.`, {
    hint: 'Export your CV to PDF again from Word or Google Docs, or paste the text.',
    cause: e,
  });
}
