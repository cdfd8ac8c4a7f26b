import { MONTH_NAME, findDateRange } from '../../engine/dates';
import { DEGREE_RE, INSTITUTION_RE, SECTION_HEADINGS, headingSection, looksLikeLocation } from '../../engine/lexicon';
import { normalizeText } from '../../engine/text';

/**
 * Layout analysis for text extracted from a PDF: positioned text items → the plain-text conventions the offline
 * CV_PARSER reads (name and contact lines first, headings alone on their line, "• " bullets, one line per entry
 * header, wrapped lines joined). Pure and isomorphic: it knows nothing about pdf.js, so it is tested with synthetic
 * items as well as real PDFs.
 *
 * Coordinates are in device space: x grows to the right, y is the baseline's distance from the TOP of the page.
 */

export interface LayoutItem {
  str: string;
  /** Left edge of the text. */
  x: number;
  /** Baseline, measured down from the top of the page. */
  y: number;
  /** Advance width. */
  w: number;
  /** Font size (the text's vertical scale). */
  size: number;
  /** Font identity: items with the same value use the same font. */
  font: string;
  bold: boolean;
}

export interface LayoutPage {
  width: number;
  height: number;
  items: LayoutItem[];
  /** Text drawn at an angle (vertical banners): kept, as separate lines at the end of the page. */
  rotated?: string[];
  /** Small shapes drawn on the page (device space, top-left corner and size): bullets drawn as graphics. */
  marks?: LayoutMark[];
}

export interface LayoutMark {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type PageLayout = 'single' | 'two-column' | 'sidebar-left' | 'sidebar-right' | 'label-column';

export interface LayoutHints {
  /** How each page was read. */
  layouts: PageLayout[];
  /** The most common font size, by characters. */
  bodyFontSize: number;
  /** Lines read as section headings, in output order. */
  headings: string[];
  /** Running header/footer lines (and page numbers) removed. */
  repeatedLinesRemoved: number;
  /** Wrapped lines joined to the bullet or paragraph they continue. */
  linesJoined: number;
  /** Words re-joined across a hyphenated line end ("manage-" + "ment"). */
  hyphenationsJoined: number;
  /** True when the sidebar's text was placed before the main column (it holds the contact details). */
  sidebarFirst: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// lines

interface Line {
  text: string;
  items: LayoutItem[];
  x0: number;
  x1: number;
  y: number;
  size: number;
  bold: boolean;
  firstFont: string;
  /** The line opens in bold: a run-in label ("Methods: GD&T, DFMEA") starts a new item, not a wrapped line. */
  firstBold: boolean;
  lastFont: string;
  lastBold: boolean;
  bullet: boolean;
  /** For bullets: where the bullet glyph and the text after it start. */
  bulletX: number;
  textX: number;
  region: number;
  regionStart: boolean;
  /** The run the line was placed in: a page break inside one run is not a break in the text. */
  flow?: 'header' | 'main' | 'side';
  /** Right edge of the region's text, for "would the next word have fitted" tests. */
  right: number;
}

/** A gap between texts on one line wider than this (× font size) separates fields ("email   phone", "title   dates"). */
const WIDE_GAP = 0.9;
/** Marks such a gap while lines are read (a private-use character, never in the output). */
const FIELD = '\uE000';

/**
 * Fields set apart by space on one line ("Store Manager ........ Jan 2022 – Present") are written with " | ", the
 * separator the parser splits entry headers and contact lines on, unless a separator is drawn there already.
 * In a bullet or a wrapped paragraph the gap is only justification: a space.
 */
function fields(text: string): string {
  return text.replace(/\s*\uE000\s*/g, (m, at: number) => {
    const before = text.slice(0, at).trimEnd().slice(-1);
    const after = text.slice(at + m.length).trimStart().charAt(0);
    return /[|·•,;:/–—-]/.test(before) || /[|·•,;:/–—-]/.test(after) || !before || !after ? ' ' : ' | ';
  });
}

/** Bullet glyphs (with Word's Symbol/Wingdings private-use code points) that may be glued to the text. */
const GLUED_BULLETS = '•●◦▪▫■□‣⁃∙►▸▹➢➤✓✔❖◆◇○♦⬥★✦\uF0B7\uF0A7\uF076\uF0D8\uF0FC\uF0A8\uF06E\uF0E8\uF09F\uF0A1';
/** Characters that are bullets only when a space follows ("-5%" is not a bullet). */
const SPACED_BULLETS = '*·–—-';
const BULLET_START = new RegExp(`^(?:[${GLUED_BULLETS}]\\s*|[${SPACED_BULLETS}]\\s+)`);
/** Odd separators drawn between contact details, mapped to ones the parser splits on. */
const ODD_SEPARATORS = /[\uF0B7\uF0A7\uF076\uF0D8\uF0FC\uF0A8\uF06E\uF0E8\uF09F\uF0A1●▪■◆◇♦⬥❖★✦►▸▹➢➤∙]/g;

// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL_CHARS = /[\u0000-\u001F\u007F-\u009F]/g;
// eslint-disable-next-line no-control-regex -- a glyph that came out as one control character
const LONE_CONTROL = /^\s*[\u0001-\u0008\u000E-\u001F\u007F-\u009F]\s*$/;

function cleanItemText(s: string): string {
  // a glyph on its own that maps to a control character is a symbol font's bullet with a broken encoding
  // (LaTeX's \textbullet comes out as U+0088): read it as the bullet it is drawn as
  if (LONE_CONTROL.test(s)) return '•';
  // keep a soft hyphen that ends an item: it marks a word broken at the line end
  const soft = s.endsWith('\u00AD');
  // control characters are what unmapped glyphs come out as: never text
  const t = normalizeText(soft ? s.slice(0, -1) : s).replace(CONTROL_CHARS, ' ');
  return soft ? `${t}\u00AD` : t;
}

/**
 * Small capitals whose "i" comes out in lower case (Awesome-CV's \\scshape fonts map every other small capital to its
 * capital): "SENiOR MARKETiNG MANAGER", "B.B.A. iN MARKETiNG". Such a line is read back in title case, as it was
 * written: "Senior Marketing Manager"; short acronyms (ICU, SEO) stay capitals and small words lower case.
 */
const SMALL_CAPS_I = /\b[A-Z]+i[A-Z]|\b[A-Z]{2,}i\b/;
const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);

export function smallCapsLine(text: string): string {
  if (!SMALL_CAPS_I.test(text)) return text;
  let first = true;
  return text.replace(/[\p{L}][\p{L}.'’&-]*/gu, (w) => {
    const isFirst = first;
    first = false;
    // only words set in capitals (and the stray i): a name in ordinary case stays as it is
    if (!/^[\p{Lu}i.'’&-]+$/u.test(w) || !/\p{Lu}/u.test(w)) return w;
    const upper = w.replace(/i/g, 'I');
    const lower = upper.toLowerCase();
    if (SMALL_WORDS.has(lower)) return isFirst ? lower[0]!.toUpperCase() + lower.slice(1) : lower;
    if (/\./.test(upper) || (upper.length <= 3 && !w.includes('i'))) return upper;
    return lower.replace(/(^|[-'’&])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
  });
}

/** Math.max / Math.min without spreading (a pathological page can hold more values than a call takes arguments). */
function maxOf(xs: number[]): number {
  let m = -Infinity;
  for (const x of xs) if (x > m) m = x;
  return m;
}

function minOf(xs: number[]): number {
  let m = Infinity;
  for (const x of xs) if (x < m) m = x;
  return m;
}

function quantile(xs: number[], q: number): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(q * (s.length - 1))))]!;
}

interface Row {
  y: number;
  size: number;
  items: LayoutItem[];
}

/** Items on (nearly) the same baseline, top to bottom, each row sorted left to right. */
function groupRows(items: LayoutItem[]): Row[] {
  const sorted = [...items].sort((a, b) => a.y - b.y || a.x - b.x);
  const rows: Row[] = [];
  for (const it of sorted) {
    const last = rows[rows.length - 1];
    if (last && it.y - last.y <= 0.4 * Math.min(it.size, last.size)) {
      last.items.push(it);
      last.size = Math.max(last.size, it.size);
    } else rows.push({ y: it.y, size: it.size, items: [it] });
  }
  for (const r of rows) r.items.sort((a, b) => a.x - b.x);
  return rows;
}

/** Joins a row's items: a space only where the gap is wider than a fraction of the font size, so words never split. */
function rowToLines(row: Row, region: number): Line[] {
  const out: Line[] = [];
  let seg: LayoutItem[] = [];
  const segs: LayoutItem[][] = [];
  let prev: LayoutItem | undefined;
  for (const it of row.items) {
    // the same text drawn twice a hair apart ("fake bold") is one text
    if (prev && it.str === prev.str && Math.abs(it.x - prev.x) < 0.3 * it.size) continue;
    if (prev && it.x - (prev.x + prev.w) > WIDE_GAP * Math.max(it.size, prev.size)) {
      segs.push(seg);
      seg = [];
    }
    seg.push(it);
    prev = it;
  }
  if (seg.length) segs.push(seg);
  // a wide gap between texts of different sizes (a name on the left, contact details on the right), or after a
  // section heading set in the margin, makes separate lines; other wide gaps ("Title ...... Jan 2020 – Present")
  // are kept as three spaces
  let cur: LayoutItem[][] = [];
  const flush = () => {
    if (cur.length) out.push(makeLine(cur, row, region));
    cur = [];
  };
  for (const s of segs) {
    const last = cur[cur.length - 1];
    if (last) {
      const a = dominant(last);
      const b = dominant(s);
      const lastText = joinItems(last);
      if (Math.abs(a.size - b.size) > 0.15 * Math.max(a.size, b.size) || (cur.length === 1 && headingSection(lastText) !== undefined)) flush();
    }
    cur.push(s);
  }
  flush();
  return out;
}

function dominant(items: LayoutItem[]): { size: number; bold: boolean } {
  let best = items[0]!;
  let chars = 0;
  let boldChars = 0;
  for (const it of items) {
    const n = it.str.trim().length;
    chars += n;
    if (it.bold) boldChars += n;
    if (n > best.str.trim().length) best = it;
  }
  return { size: best.size, bold: chars > 0 && boldChars >= 0.7 * chars };
}

function joinItems(items: LayoutItem[], raw = false): string {
  let s = '';
  let prev: LayoutItem | undefined;
  for (const it of items) {
    if (prev) {
      const gap = it.x - (prev.x + prev.w);
      if (gap > 0.15 * Math.max(it.size, prev.size) && !/\s$/.test(s) && !/^\s/.test(it.str)) s += ' ';
    }
    s += it.str;
    prev = it;
  }
  return raw ? s : s.replace(/\s+/g, ' ').trim();
}

function makeLine(segs: LayoutItem[][], row: Row, region: number): Line {
  const items = segs.flat();
  let text = segs.map((s) => untrack(joinItems(s, true)).replace(/\s+/g, ' ').trim()).filter(Boolean).join(FIELD);
  const first = items[0]!;
  const last = items[items.length - 1]!;
  const dom = dominant(items);
  let bullet = false;
  const bulletX = first.x;
  let textX = first.x;
  const m = BULLET_START.exec(text);
  // Word's second-level bullet: a lone "o" in another font, followed by a gap
  const oBullet = first.str.trim() === 'o' && items[1] && items[1].font !== first.font && items[1].x - (first.x + first.w) > 0.2 * first.size;
  if (m || oBullet) {
    bullet = true;
    const rest = m ? text.slice(m[0].length) : text.replace(/^o\s*/, '');
    const glyphOnly = first.str.trim().length <= 1;
    textX = glyphOnly && items[1] ? items[1].x : first.x + first.w * ((m ? m[0].length : 1) / Math.max(1, first.str.length));
    text = rest.trim() ? `• ${rest.trim()}` : text;
    if (!rest.trim()) bullet = false;
  } else {
    // a numbered item ("1. ", "2) ") wraps like a bullet; its number is kept as written
    const num = /^\d{1,2}[.)]\s+(?=\S)/.exec(text);
    if (num) {
      bullet = true;
      textX = /^\d{1,2}[.)]$/.test(first.str.trim()) && items[1] ? items[1].x : first.x + first.w * (num[0].length / Math.max(1, first.str.length));
    }
  }
  const x1 = maxOf(items.map((i) => i.x + i.w));
  return {
    text,
    items,
    x0: first.x,
    x1,
    y: row.y,
    size: dom.size,
    bold: dom.bold,
    firstFont: (bullet && items[1] ? items[1] : first).font,
    firstBold: (bullet && items[1] ? items[1] : first).bold,
    lastFont: last.font,
    lastBold: last.bold,
    bullet,
    bulletX,
    textX,
    region,
    regionStart: false,
    right: x1,
  };
}

/** Section headings with the spaces taken out, to restore word breaks a letter-spaced heading lost. */
const COMPACT_HEADINGS = new Map<string, string>();
for (const names of Object.values(SECTION_HEADINGS)) for (const n of names) COMPACT_HEADINGS.set(n.replace(/[^a-z]/g, ''), n);

/**
 * "E X P E R I E N C E" (letter-spaced capitals, as browsers and design tools print them) → "EXPERIENCE". Kerning can
 * glue two letters ("C O N TA C T"). Word breaks survive as wider gaps when the source had them; otherwise a known
 * section heading restores them ("W O R K E X P E R I E N C E" → "WORK EXPERIENCE").
 */
function untrack(s: string): string {
  const tokens = s.trim().split(/\s+/);
  if (tokens.length < 4 || !tokens.every((t) => /^\p{L}{1,2}$/u.test(t)) || tokens.filter((t) => t.length === 1).length < 0.6 * tokens.length) return s;
  const words = s.trim().split(/\s{2,}/).map((w) => w.replace(/\s+/g, ''));
  if (words.length === 1) {
    const known = COMPACT_HEADINGS.get(words[0]!.toLowerCase());
    if (known && known.includes(' ')) return words[0] === words[0]!.toUpperCase() ? known.toUpperCase() : known.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
  }
  return words.join(' ');
}

function linesOf(items: LayoutItem[], region: number, marks: LayoutMark[] = []): Line[] {
  const lines = groupRows(items).flatMap((r) => rowToLines(r, region));
  if (!lines.length) return lines;
  // a bullet drawn as a shape just left of a line, at its height (browsers print list markers this way)
  const used = new Set<LayoutMark>();
  for (const l of lines) {
    if (l.bullet) continue;
    const m = marks.find((k) => {
      const right = k.x + k.w;
      const cy = k.y + k.h / 2;
      return !used.has(k) && right <= l.x0 + 0.5 && l.x0 - right <= 2.5 * l.size && cy >= l.y - l.size && cy <= l.y + 0.1 * l.size;
    });
    if (!m) continue;
    used.add(m);
    Object.assign(l, { text: `• ${l.text}`, bullet: true, bulletX: m.x, textX: l.x0, x0: m.x });
  }
  lines[0]!.regionStart = true;
  // right edge of the region's text: wrapped lines end near it
  const right = maxOf(lines.map((l) => l.x1));
  for (const l of lines) l.right = right;
  return lines;
}

// ---------------------------------------------------------------------------------------------------------------
// running headers and footers

const PAGE_NUMBER_RE = /^(?:(?:page|p\.|seite|strona|página|pagina|sida|side)\s*)?\d{1,3}(?:\s*(?:of|\/|von|z|de|di|av|af)\s*\d{1,3})?$|^[-–—]\s*\d{1,3}\s*[-–—]$/i;

function rowKey(items: LayoutItem[]): string {
  return joinItems(items)
    .toLowerCase()
    .replace(/\b(page|p\.|seite|strona|página|pagina)\s*\d{1,3}(\s*(of|\/|von|z|de)\s*\d{1,3})?/gi, '$1 #')
    .replace(/(^|\s)\d{1,3}(\s*(?:\/|of)\s*\d{1,3})?(?=\s|$)/g, '$1#')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Removes lines repeated at the same height on two or more pages within the top or bottom margin (running
 * headers and footers) and page numbers. A running header is kept once, on the first page: it often holds the
 * name and contact details.
 */
function stripRunning(pages: LayoutPage[]): { pages: LayoutItem[][]; removed: number } {
  const info = pages.map((p) => {
    const rows = groupRows(p.items).map((r) => {
      const zone = r.y <= 0.13 * p.height ? 'top' : r.y >= 0.88 * p.height ? 'bottom' : undefined;
      return { row: r, zone, key: zone ? rowKey(r.items) : '' };
    });
    return rows;
  });
  let removed = 0;
  const out = info.map((rows, pi) =>
    rows.flatMap(({ row, zone, key }) => {
      if (!zone || !key) return row.items;
      const text = joinItems(row.items);
      if (PAGE_NUMBER_RE.test(text)) {
        removed++;
        return [];
      }
      const repeated = info.some((other, oi) => oi !== pi && other.some((o) => o.zone === zone && o.key === key && Math.abs(o.row.y - row.y) <= 3));
      if (repeated && !(pi === 0 && zone === 'top')) {
        removed++;
        return [];
      }
      return row.items;
    }),
  );
  return { pages: out, removed };
}

// ---------------------------------------------------------------------------------------------------------------
// columns

interface Split {
  layout: PageLayout;
  top: LayoutItem[];
  main: LayoutItem[];
  side: LayoutItem[];
  bottom: LayoutItem[];
  /** The main column is the left one. */
  mainLeft: boolean;
  /** For a label column on the left: the gutter's x. */
  labelX?: number;
}

/** Headings of a block of contact details, which belong with the name at the top. */
const CONTACT_HEADING = /^(?:contact|contacts|contact details|contact information|contact info|personal details|personal information|personal data|details|get in touch|kontakt)\s*:?$/i;

/** An email, a web address, or a line that is just a phone number: contact details stand on their own lines. */
function isContactLine(text: string): boolean {
  return /[\w.+-]+@[\w-]+\.\w|https?:\/\/|www\.|linkedin\.|github\.|^\+?[\d\s().-]{8,}$/i.test(text.trim());
}

/** A date range or a lone date on a short line ("Jan 2021 – Present", "2019"); "now" in a sentence is not one. */
/**
 * A date label wrapped in its narrow column (moderncv: "Sep" over "2021–Present", "Sep 2016–Aug" over "2021") is put
 * back together on the row of its first line, so it stays with its entry's heading instead of leaking into the
 * bullets beside its second line.
 */
function joinWrappedLabels(items: LayoutItem[], X: number): LayoutItem[] {
  const isLabel = (it: LayoutItem) => it.x + it.w <= X + 0.5;
  const rows = groupRows(items);
  const out: LayoutItem[] = items.filter((it) => !isLabel(it));
  let open: { item: LayoutItem; y: number; size: number } | undefined;
  for (const r of rows) {
    const labels = r.items.filter(isLabel);
    if (!labels.length) {
      open = undefined;
      continue;
    }
    const text = joinItems(labels).replace(/\s+/g, ' ').trim();
    const first = labels[0]!;
    if (headingSection(text) !== undefined) {
      // a section heading in the margin reads before the line it sits beside, on a line of its own
      out.push({ ...first, str: text, y: r.y - 0.6 * r.size, w: maxOf(labels.map((l) => l.x + l.w)) - first.x });
      open = undefined;
      continue;
    }
    const near = open && r.y - open.y <= 1.6 * Math.max(r.size, open.size);
    if (open && near && incompleteDate(open.item.str)) {
      open.item.str = `${open.item.str} ${text}`.replace(/\s*([–—-])\s*/g, '$1');
      open.y = r.y;
      continue;
    }
    const merged: LayoutItem = { ...first, str: text, w: maxOf(labels.map((l) => l.x + l.w)) - first.x };
    out.push(merged);
    open = { item: merged, y: r.y, size: r.size };
  }
  return out;
}

/** A label that stops short of a whole date: a month alone, or a range left hanging on its dash or its end month. */
function incompleteDate(t: string): boolean {
  const s = t.trim();
  // a month alone ("Sep"), or a date range that ends on its dash or a month ("Sep 2016–Aug"); never a heading
  if (new RegExp(`^${MONTH_NAME}\\.?$`, 'i').test(s)) return true;
  return !!findDateRange(s) && new RegExp(`(?:[–—-]|${MONTH_NAME}\\.?)$`, 'i').test(s);
}

/** "2 years 10 months", "4 months": a duration a template prints under the dates, worked out from them. */
const DURATION = /^(?:\d+\s+years?(?:\s+\d+\s+months?)?|\d+\s+months?)$/i;

/**
 * The last field of a line of prose or a bullet when it is a date or a duration set apart in a right-hand column:
 * not part of the sentence. Returns the sentence and the date (a duration is dropped: the dates say it).
 */
function rightAside(l: Line): { rest: string; date?: string } | undefined {
  const at = l.text.lastIndexOf(FIELD);
  if (at < 0) return undefined;
  const rest = l.text.slice(0, at).trimEnd();
  const tail = l.text.slice(at + 1).trim();
  if (!rest || tail.includes(FIELD)) return undefined;
  if (DURATION.test(tail)) return { rest };
  const r = findDateRange(tail);
  if (l.bullet && r && !r.single && r.matched.length >= tail.length - 2) return { rest, date: tail };
  return undefined;
}

function isDateish(text: string): boolean {
  const r = findDateRange(text);
  // a single date set apart at the end of a line of fields ("Summer Analyst ...... Summer 2021") dates that line too
  return !!r && !!r.start && (!r.single || text.length <= 12 || (text.includes(FIELD) && text.trimEnd().endsWith(r.matched)));
}

/**
 * Finds a vertical gutter that no text crosses over most of the page's text height, with text on both sides:
 * a two-column layout or a sidebar. A narrow column of dates or headings that sits on the same baselines as the text
 * beside it is a label column, read row by row instead.
 */
function splitColumns(items: LayoutItem[], bodySize: number): Split | undefined {
  const rows = groupRows(items);
  if (rows.length < 6) return undefined;
  let L = Infinity;
  let R = -Infinity;
  for (const it of items) {
    L = Math.min(L, it.x);
    R = Math.max(R, it.x + it.w);
  }
  const W = R - L;
  if (W < 150) return undefined;
  const bins = Math.min(Math.ceil(W), 4000);
  const cov = new Int32Array(bins + 1);
  for (const r of rows) {
    const mark = new Uint8Array(bins + 1);
    for (const it of r.items) {
      const a = Math.max(0, Math.floor(it.x - L));
      const b = Math.min(bins, Math.ceil(it.x + it.w - L));
      for (let i = a; i <= b; i++) mark[i] = 1;
    }
    for (let i = 0; i <= bins; i++) cov[i]! += mark[i]!;
  }
  // candidate gutters: bands of low coverage away from the edges
  const lo = Math.floor(0.12 * W);
  const hi = Math.ceil(0.88 * W);
  const limit = Math.max(1, Math.floor(0.3 * rows.length));
  const candidates: number[] = [];
  for (let i = lo; i <= hi; ) {
    if (cov[i]! > limit) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 <= hi && cov[j + 1]! <= limit) j++;
    // the emptiest stretch of the band
    let min = Infinity;
    for (let k = i; k <= j; k++) min = Math.min(min, cov[k]!);
    let a = i;
    while (cov[a]! !== min) a++;
    let b = a;
    while (b + 1 <= j && cov[b + 1]! === min) b++;
    candidates.push(L + (a + b) / 2);
    // and the band's right edge: a justified left column may run its longest line ("GEORGIA INSTITUTE OF TECH-")
    // almost to the right column, so the emptiest stretch can lie left of a line that does not cross the real gutter
    if (j - i > 6) candidates.push(L + j - 1.5);
    i = j + 1;
  }
  const firstY = rows[0]!.y;
  const lastY = rows[rows.length - 1]!.y;
  const height = Math.max(1, lastY - firstY);
  /**
   * A run of rows that no text crosses at X, as two columns: trimmed of full-width lines whose gap happens to fall
   * in the gutter (a contact line "email · phone": its right part starts left of where the right column's lines
   * start), then judged on height, rows on each side and the width of the gutter.
   */
  const evaluate = (X: number, a: number, b: number): { i: number; j: number; score: number } | undefined => {
    const isLeft = (it: LayoutItem) => it.x + it.w <= X + 0.5;
    const starts = new Map<number, number>();
    for (let k = a; k <= b; k++) {
      const first = rows[k]!.items.find((it) => !isLeft(it));
      if (first) starts.set(Math.round(first.x), (starts.get(Math.round(first.x)) ?? 0) + 1);
    }
    // where the right column's lines start: the leftmost start shared by two lines or more
    const shared = [...starts.entries()].filter(([, n]) => n >= 2).map(([x]) => x);
    const colLeft = shared.length ? minOf(shared) : minOf([...starts.keys()]);
    // such a line is full width, like a line that crosses X: keep the longest stretch between them
    const intrudes = (r: Row) => r.items.some(isLeft) && r.items.some((it) => !isLeft(it) && it.x < colLeft - 2);
    let from = a;
    let bestSpan: [number, number] = [a, a - 1];
    for (let k = a; k <= b + 1; k++) {
      if (k > b || intrudes(rows[k]!)) {
        if (k - 1 - from > bestSpan[1] - bestSpan[0]) bestSpan = [from, k - 1];
        from = k + 1;
      }
    }
    [a, b] = bestSpan;
    if (b < a) return undefined;
    const run = rows.slice(a, b + 1);
    const leftRows = run.filter((r) => r.items.some(isLeft)).length;
    const rightRows = run.filter((r) => r.items.some((it) => !isLeft(it))).length;
    const extent = run[run.length - 1]!.y - run[0]!.y;
    if (leftRows < 3 || rightRows < 3 || extent < 0.45 * height) return undefined;
    const leftEdge = maxOf(run.flatMap((r) => r.items.filter(isLeft).map((it) => it.x + it.w)));
    // a narrow gutter is still a gutter when nothing crosses it (Deedy leaves about half an em)
    if (colLeft - leftEdge < Math.max(4, 0.4 * bodySize)) return undefined;
    return { i: a, j: b, score: extent * Math.min(leftRows, rightRows) };
  };
  let best: { X: number; i: number; j: number; score: number } | undefined;
  for (const X of candidates) {
    const crosses = rows.map((r) => r.items.some((it) => it.x < X - 0.5 && it.x + it.w > X + 0.5));
    let a = 0;
    while (a < rows.length) {
      if (crosses[a]) {
        a++;
        continue;
      }
      let b = a;
      while (b + 1 < rows.length && !crosses[b + 1]) b++;
      const found = evaluate(X, a, b);
      if (found && (!best || found.score > best.score)) best = { X, ...found };
      a = b + 1;
    }
  }
  if (!best) return undefined;
  const { X, i, j } = best;
  const run = rows.slice(i, j + 1);
  const left = run.flatMap((r) => r.items.filter((it) => it.x + it.w <= X + 0.5));
  const right = run.flatMap((r) => r.items.filter((it) => it.x + it.w > X + 0.5));
  const leftW = maxOf(left.map((it) => it.x + it.w)) - minOf(left.map((it) => it.x));
  const rightW = maxOf(right.map((it) => it.x + it.w)) - minOf(right.map((it) => it.x));
  const narrowIsLeft = leftW < rightW;
  // a label column: its rows sit on the baselines of the text beside it and hold dates (or section headings, which
  // may stand alone)
  const narrowText = (r: Row) => joinItems(r.items.filter((it) => (narrowIsLeft ? it.x + it.w <= X + 0.5 : it.x + it.w > X + 0.5)));
  const narrowRows = run.filter((r) => narrowText(r));
  const labels = narrowRows.filter((r) => headingSection(narrowText(r)) === undefined);
  const aligned = labels.filter((r) => r.items.some((it) => (narrowIsLeft ? it.x + it.w > X + 0.5 : it.x + it.w <= X + 0.5))).length;
  const dated = labels.filter((r) => isDateish(narrowText(r))).length;
  const placed = labels.filter((r) => looksLikeLocation(narrowText(r))).length;
  // dates and places set flush right on the rows of their entries (Awesome-CV, moderncv banking): every narrow row
  // ends at the same right edge, beside text on the same baseline. A sidebar's lines start at one left edge instead.
  const rightEdges = narrowIsLeft ? [] : labels.map((r) => maxOf(r.items.filter((it) => it.x + it.w > X + 0.5).map((it) => it.x + it.w)));
  const flushRight = rightEdges.length >= 3 && rightEdges.filter((e) => Math.abs(e - maxOf(rightEdges)) <= 2).length >= 0.8 * rightEdges.length;
  const fields = flushRight && aligned >= 0.7 * labels.length && dated >= 0.3 * labels.length && dated + placed >= 0.6 * labels.length;
  // section headings set in a left margin beside each section's first line (the JSON Resume "even" theme)
  const headingRows = narrowRows.length - labels.length;
  const marginHeadings = narrowIsLeft && labels.length === 0 && headingRows >= 2
    && narrowRows.every((r) => r.items.some((it) => it.x + it.w > X + 0.5));
  // field labels set flush right against the gutter, each on the baseline of its value (the Europass form:
  // "Occupation or position held | Senior Financial Analyst"): a form read row by row, not a sidebar
  const labelEdges = narrowIsLeft ? labels.map((r) => maxOf(r.items.filter((it) => it.x + it.w <= X + 0.5).map((it) => it.x + it.w))) : [];
  const formLabels = labelEdges.length >= 6 && labelEdges.filter((e) => Math.abs(e - maxOf(labelEdges)) <= 2).length >= 0.8 * labelEdges.length && aligned >= 0.6 * labels.length;
  if (formLabels || marginHeadings || (labels.length && ((aligned >= 0.8 * labels.length && dated >= 0.5 * labels.length) || fields))) {
    return { layout: 'label-column', top: items, main: [], side: [], bottom: [], mainLeft: true, ...(narrowIsLeft ? { labelX: X } : {}) };
  }
  const balanced = Math.min(leftW, rightW) / Math.max(leftW, rightW) >= 0.7;
  // the wider column is the main one; two balanced columns read left, then right
  const mainLeft = balanced || leftW >= rightW;
  return {
    layout: balanced ? 'two-column' : mainLeft ? 'sidebar-right' : 'sidebar-left',
    top: rows.slice(0, i).flatMap((r) => r.items),
    main: mainLeft ? left : right,
    side: mainLeft ? right : left,
    bottom: rows.slice(j + 1).flatMap((r) => r.items),
    mainLeft,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// headings, continuations, hyphenation

const KEEP_HYPHEN = new Set(['self', 'well', 'cross', 'non', 'ex', 'semi', 'anti', 'mid', 'half', 'all', 'e', 'co', 'de', 'pre', 'post', 'x']);

interface Ctx {
  bodySize: number;
  /** Typical line pitch within a paragraph, as a multiple of the font size. */
  tight: number;
  /** Gaps above this (× font size) separate blocks. */
  block: number;
  wordCount: Map<string, number>;
  fullText: string;
  /** The producer hyphenates automatically (TeX). */
  hyphenates: boolean;
  hints: LayoutHints;
}

function isHeading(l: Line, ctx: Ctx, gapRatio: number): boolean {
  if (l.bullet) return false;
  const t = l.text.trim();
  if (!t || t.length > 60 || /[.;,]$/.test(t) || t.includes(FIELD)) return false;
  if (headingSection(t) !== undefined) return true;
  const words = t.split(/\s+/).length;
  if (words > 6 || /@|\d{3}|https?:|www\./i.test(t)) return false;
  const letters = t.replace(/[^\p{L}]/gu, '');
  if (letters.length < 2) return false;
  if (l.size >= 1.15 * ctx.bodySize && words <= 5) return true;
  const caps = letters === letters.toUpperCase() && letters !== letters.toLowerCase() && letters.length >= 3;
  return caps && words <= 4 && (l.bold || l.regionStart || gapRatio > ctx.block);
}

function firstWordWidth(l: Line): number {
  const word = /^\S+/.exec(l.text)?.[0] ?? '';
  const width = l.x1 - l.x0;
  return (word.length * width) / Math.max(1, l.text.length);
}

/**
 * The line above ended because the next line's first word did not fit: a wrapped line. Word processors leave some
 * slack at the right edge, so a line continuing in lower case gets a margin of error; one starting with a capital
 * (a list item, a name) must really have been pushed down.
 */
function wouldNotFit(p: Line, l: Line): boolean {
  const words = p.text.split(/\s+/).length;
  const lower = /^\p{Ll}/u.test(l.text);
  // short lines in a list ("PostgreSQL" / "Terraform") are not wrapped prose, however close to the edge they end
  if (lower ? words < 2 && p.x1 - p.x0 < 0.6 * (p.right - p.x0) : words < 4) return false;
  const slack = lower ? 1.5 * l.size : 0.2 * l.size;
  return p.x1 + 0.25 * l.size + firstWordWidth(l) > p.right - slack;
}

interface Out {
  kind: 'heading' | 'bullet' | 'text' | 'blank';
  text: string;
  first?: Line;
  last?: Line;
}

type Gap = 'same' | 'tight' | 'para' | 'block' | 'page' | 'region';

const ENDS_WITH_YEAR = /(?:^|[\s,(–—-])(?:19|20)\d{2}\)?\.?$/;
/** A line that stops on a separator or a month name wants the next one ("… | Jan" + "2020 – Present"). */
const DANGLING = new RegExp(`(?:[,&–—|/]|(?<![A-Za-z])${MONTH_NAME}\\.?)$`, 'i');

function isContinuation(l: Line, p: Line, cur: Out, gap: Gap, ctx: Ctx): boolean {
  if (cur.kind !== 'bullet' && cur.kind !== 'text') return false;
  if (l.bullet || gap === 'same' || gap === 'block' || gap === 'para') return false;
  if (Math.abs(l.size - p.size) > 0.12 * p.size) return false;
  if (l.firstFont !== p.lastFont && (l.bold !== p.lastBold || (l.firstBold && !p.lastBold))) return false;
  if (/^[A-Z\s&/]{3,}$/.test(l.text) && /[a-z]/.test(p.text)) return false;
  const first = cur.first!;
  const tol = 0.6 * l.size;
  const hanging = cur.kind === 'bullet' && l.x0 > first.bulletX + 0.3 * l.size && Math.abs(l.x0 - first.textX) <= 0.8 * l.size;
  const lower = /^\p{Ll}/u.test(l.text);
  if (gap === 'region' || gap === 'page') return hanging || (lower && Math.abs(l.x0 - p.x0) <= tol);
  // a line left hanging on a separator or a month ("… | Jan" + "2020 – Present", "2015 –" + "2017") goes on
  const dangling = DANGLING.test(p.text);
  if (dangling && isDateish(l.text) && !l.text.includes(FIELD)) return true;
  if (isDateish(l.text) && !lower && !dangling) return false;
  if (cur.kind === 'bullet') {
    // a wrapped bullet's next line starts lower-case or follows a full line; after a short line (a timeline dot's
    // "Creative Solutions Inc." over "Senior Web Developer") the next line is a field of its own
    if (hanging) return lower || /[-\u00AD‐]$/.test(p.text) || p.x1 - p.x0 > 0.55 * (p.right - p.x0);
    if (Math.abs(l.x0 - first.bulletX) <= tol) return lower || wouldNotFit(p, l);
    return false;
  }
  // a paragraph: same left edge (or a first-line indent), and the line above was full
  if (Math.abs(l.x0 - p.x0) > tol && !(p === first && p.x0 > l.x0)) return false;
  if (isDateish(p.text) || /:$/.test(p.text) || isContactLine(p.text) || isContactLine(l.text)) return false;
  // lines of fields ("Degree ........ 2018"), and entry-header lines (a year at the end, a degree or a school at
  // the start) are not prose, however close to the edge they end
  if (p.text.includes(FIELD) || l.text.includes(FIELD)) return false;
  if (!lower && (ENDS_WITH_YEAR.test(p.text) || ENDS_WITH_YEAR.test(l.text) || DEGREE_RE.exec(l.text)?.index === 0 || INSTITUTION_RE.exec(l.text)?.index === 0)) return false;
  void ctx;
  return wouldNotFit(p, l);
}

function appendWrapped(a: string, b: string, ctx: Ctx): string {
  if (a.endsWith('\u00AD')) {
    ctx.hints.hyphenationsJoined++;
    return a.slice(0, -1) + b;
  }
  const m = /(\p{L}+)-$/u.exec(a);
  if (m && /^[\p{L}\d]/u.test(b)) {
    if (!/^\p{Ll}/u.test(b)) return a + b; // "Kowalska-" + "Łęcka", "COVID-" + "19"
    const prefix = m[1]!.toLowerCase();
    const cont = (/^\p{L}+/u.exec(b)?.[0] ?? '').toLowerCase();
    if (!isHyphenation(prefix, cont, ctx)) return a + b;
    ctx.hints.hyphenationsJoined++;
    return a.slice(0, -1) + b;
  }
  return `${a} ${b}`;
}

/** Word endings that never stand alone: "manage-" + "ment" is one word broken at the line end. */
const SUFFIX_FRAGMENT = /^(?:ments?|tions?|sions?|ations?|[is]ations?|izations?|isations?|ances?|ences?|ities|ity|ness|ture[sd]?|able|ible|ings?|ly|ous|ives?|ical|ally|[iy]zed|ised|[iy]ze|ise|ists?|isms?|ers?|ed|ics?|al|ants?|ents?|ries|ry|ties|ty|ful|less|ship|hood|wards?|logy|logies|graphy|phy|cation|cations|ing|ional|ial|ian|ians|ency|ancy|ment)$/;

/**
 * A hyphen at a line end is either part of a compound ("right-sizing", "self-managed") or a word broken at the margin
 * ("manage-ment"). Word processors do not hyphenate unless asked; TeX does. Evidence decides: the whole word written
 * elsewhere, the compound written elsewhere, a continuation that is only a word ending; failing that, TeX output is
 * taken as hyphenated and anything else as a compound.
 */
function isHyphenation(prefix: string, cont: string, ctx: Ctx): boolean {
  if (ctx.wordCount.has(prefix + cont)) return true;
  if (ctx.fullText.includes(`${prefix}-${cont}`)) return false;
  if (KEEP_HYPHEN.has(prefix)) return false;
  if (SUFFIX_FRAGMENT.test(cont)) return true;
  return ctx.hyphenates;
}

// ---------------------------------------------------------------------------------------------------------------
// the whole document

export interface LayoutOptions {
  /** The PDF was made by software that hyphenates words at line ends on its own (TeX: pdfTeX, XeTeX, LuaTeX). */
  hyphenates?: boolean;
}

export function layoutPages(pages: LayoutPage[], opts: LayoutOptions = {}): { text: string; hints: LayoutHints } {
  const hints: LayoutHints = { layouts: [], bodyFontSize: 0, headings: [], repeatedLinesRemoved: 0, linesJoined: 0, hyphenationsJoined: 0, sidebarFirst: false };
  const cleaned: LayoutPage[] = pages.map((p) => ({
    ...p,
    items: p.items
      .map((it) => ({ ...it, str: cleanItemText(it.str) }))
      .filter((it) => it.str.trim() && it.size > 0 && it.size < 2000 && it.w >= 0 && it.w < 1e5 && onPage(it, p)),
  }));
  // body font size: the most common size, by characters
  const bySize = new Map<number, number>();
  for (const p of cleaned) for (const it of p.items) bySize.set(Math.round(it.size * 2) / 2, (bySize.get(Math.round(it.size * 2) / 2) ?? 0) + it.str.length);
  const bodySize = [...bySize.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
  hints.bodyFontSize = bodySize;

  const stripped = stripRunning(cleaned);
  hints.repeatedLinesRemoved = stripped.removed;

  // regions in reading order, gathered into runs: the header (top of page 1), the main run, the sidebar run
  let region = 0;
  const header: Line[] = [];
  let mainRun: Line[] = [];
  let sideRun: Line[] = [];
  let page1Split = false;
  stripped.pages.forEach((items, pi) => {
    const split = splitColumns(items, bodySize);
    hints.layouts.push(split?.layout ?? 'single');
    const rotated = cleaned[pi]!.rotated ?? [];
    const marks = cleaned[pi]!.marks ?? [];
    if (!split || split.layout === 'label-column') {
      mainRun.push(...linesOf(split?.labelX !== undefined ? joinWrappedLabels(items, split.labelX) : items, region++, marks));
    } else {
      const top = linesOf(split.top, region++, marks);
      const main = linesOf(split.main, region++, marks);
      const side = linesOf(split.side, region++, marks);
      const bottom = linesOf(split.bottom, region++, marks);
      if (pi === 0) {
        header.push(...top);
        page1Split = true;
      } else mainRun.push(...top);
      mainRun.push(...main, ...bottom);
      sideRun.push(...side);
    }
    if (rotated.length) {
      const r = region++;
      rotated.forEach((t, k) => mainRun.push({ ...blankLine(r), text: normalizeText(t).replace(/\s+/g, ' ').trim(), regionStart: k === 0, y: k }));
    }
  });

  // Columns on page 1: what each holds above its first section heading (the name, a job title, contact details)
  // belongs to the header, the column with the name first; then the main column's sections, then the sidebar's.
  // A "Contact" block further down a column joins the header too.
  const pre: Line[] = [];
  if (page1Split) {
    const lead = (run: Line[]) => {
      let k = 0;
      while (k < run.length && headingSection(run[k]!.text) === undefined) k++;
      return k;
    };
    const pm = mainRun.splice(0, lead(mainRun));
    const ps = sideRun.splice(0, lead(sideRun));
    const biggest = (ls: Line[]) => maxOf(ls.map((l) => l.size));
    hints.sidebarFirst = ps.length > 0 && biggest(ps) > biggest(pm);
    pre.push(...(hints.sidebarFirst ? [...ps, ...pm] : [...pm, ...ps]));
  }
  const contact: Line[] = [];
  const takeContact = (run: Line[]): Line[] => {
    const rest: Line[] = [];
    let block: number | undefined; // the region of the "Contact" block being moved
    for (const l of run) {
      if (CONTACT_HEADING.test(l.text.trim())) block = l.region;
      else if (block !== undefined && (l.region !== block || headingSection(l.text) !== undefined)) block = undefined;
      (block === undefined ? rest : contact).push(l);
    }
    return rest;
  };
  mainRun = takeContact(mainRun);
  sideRun = takeContact(sideRun);
  for (const l of [...header, ...pre, ...contact]) l.flow = 'header';
  for (const l of mainRun) l.flow = 'main';
  for (const l of sideRun) l.flow = 'side';
  const ordered = [...header, ...pre, ...contact, ...mainRun, ...sideRun];

  // line pitch: the tight (within-paragraph) pitch and the gap that separates blocks
  const ratios: number[] = [];
  for (let k = 1; k < ordered.length; k++) {
    const a = ordered[k - 1]!;
    const b = ordered[k]!;
    if (a.region === b.region && Math.abs(a.size - b.size) < 0.5 && b.y > a.y) ratios.push((b.y - a.y) / a.size);
  }
  const tight = ratios.length >= 3 ? quantile(ratios, 0.2) : 1.2;
  const median = ratios.length >= 3 ? quantile(ratios, 0.5) : 1.2;
  for (const l of ordered) l.text = smallCapsLine(l.text);
  const allText = ordered.map((l) => l.text).join('\n');
  const wordCount = new Map<string, number>();
  for (const w of allText.toLowerCase().match(/\p{L}+/gu) ?? []) wordCount.set(w, (wordCount.get(w) ?? 0) + 1);
  const ctx: Ctx = { bodySize, tight, block: Math.max(1.5 * tight, 1.2 * median), wordCount, fullText: allText.toLowerCase(), hyphenates: opts.hyphenates ?? false, hints };

  const out: Out[] = [];
  let prev: Line | undefined;
  const blank = () => {
    if (out.length && out[out.length - 1]!.kind !== 'blank') out.push({ kind: 'blank', text: '' });
  };
  const LONE_BULLET = new RegExp(`^[${GLUED_BULLETS}]$`);
  let pendingBullet: Line | undefined;
  for (const raw of ordered) {
    // a bullet glyph on its own (left behind at a page break, or set on a baseline of its own): it belongs to the next line
    if (LONE_BULLET.test(raw.text.trim())) {
      pendingBullet = raw;
      continue;
    }
    let l = raw;
    if (pendingBullet) {
      if (!/^• /.test(l.text) && !isHeading(l, ctx, Infinity)) l = { ...l, text: `• ${l.text}`, bullet: true, bulletX: pendingBullet.x0, textX: l.x0 };
      pendingBullet = undefined;
    }
    const aside = rightAside(l);
    if (aside) {
      l = { ...l, text: aside.rest };
      // a date set in a right-hand column beside an entry's first bullet (RenderCV) dates the entry's heading line
      const head = [...out].reverse().find((o) => o.kind !== 'bullet');
      if (aside.date && head?.kind === 'text' && !isDateish(head.text.replaceAll(FIELD, ' '))) head.text = `${head.text}${FIELD}${aside.date}`;
    }
    let gap: Gap = 'region';
    let ratio = Infinity;
    if (prev && prev.region === l.region && !l.regionStart) {
      ratio = (l.y - prev.y) / Math.max(1, prev.size);
      gap = l.y - prev.y < 0.4 * prev.size ? 'same' : ratio <= ctx.tight * 1.3 + 0.05 ? 'tight' : ratio > ctx.block ? 'block' : 'para';
    } else if (prev && prev.flow === l.flow && l.flow !== 'header' && l.items.length && prev.items.length) gap = 'page'; // (rotated text has no items: its own block)
    const cur = out[out.length - 1];
    if (isHeading(l, ctx, ratio)) {
      blank();
      out.push({ kind: 'heading', text: l.text.replace(/\s+/g, ' ').trim(), first: l, last: l });
      hints.headings.push(l.text.trim());
    } else if (prev && cur && isContinuation(l, prev, cur, gap, ctx)) {
      cur.text = appendWrapped(cur.text, l.text.replaceAll(FIELD, ' '), ctx);
      cur.last = l;
      hints.linesJoined++;
    } else {
      // a page break is no break in the text, unless what follows starts an entry (dates, or bold after plain)
      if (gap === 'block' || gap === 'region' || (gap === 'page' && (isDateish(l.text) || (l.bold && !prev?.bold)))) blank();
      out.push({ kind: l.bullet ? 'bullet' : 'text', text: l.text, first: l, last: l });
    }
    prev = l;
  }

  const text = normalizeText(
    out
      // wide gaps separate fields in short lines; inside a wrapped paragraph or bullet they are justification. A
      // one-line bullet is never justified: its wide gap is a field ("• Shopify ........ Ottawa, ON", itemized entries)
      .map((o) => (o.kind === 'blank' ? '' : (o.first !== o.last ? o.text.replaceAll(FIELD, ' ') : fields(o.text)).replace(/\u00AD$/, '-')))
      .map((t) => (/^• /.test(t) ? `• ${t.slice(2).replace(ODD_SEPARATORS, '•')}` : t.replace(ODD_SEPARATORS, '•').replace(/[│┃]/g, '|')))
      .join('\n'),
  )
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, hints };
}

/** Text placed far off the page is invisible (and its coordinates could be anything): it is not read. */
function onPage(it: LayoutItem, p: LayoutPage): boolean {
  const w = Number.isFinite(p.width) && p.width > 0 ? p.width : 612;
  const h = Number.isFinite(p.height) && p.height > 0 ? p.height : 792;
  return Number.isFinite(it.x) && Number.isFinite(it.y) && Number.isFinite(it.w) && it.x > -w && it.x < 2 * w && it.y > -h && it.y < 2 * h;
}

function blankLine(region: number): Line {
  return { text: '', items: [], x0: 0, x1: 0, y: 0, size: 10, bold: false, firstFont: '', firstBold: false, lastFont: '', lastBold: false, bullet: false, bulletX: 0, textX: 0, region, regionStart: true, right: 0 };
}
