import { jsPDF } from 'jspdf';
import { assertTrueType, binaryString, type FontSet } from './fonts';

/**
 * A small typesetter over jsPDF, shared by the CV and the cover letter. Everything is measured and paginated first
 * (blocks, wrapped lines, page breaks), then drawn: a heading is never drawn before we know its first entry fits
 * under it. Each line is written with as few `text()` calls as its styles allow (one per style change, always at a
 * space or punctuation boundary), so every word reaches a text extractor as one run.
 */

export type PaperFormat = 'a4' | 'letter';
export type Style = 'regular' | 'bold' | 'italic';

export interface Run {
  text: string;
  style: Style;
  size: number;
  /** 0 = black, 1 = white. */
  gray?: number;
}

export interface Line {
  runs: Run[];
  /** Drawn flush right on the same baseline (dates). */
  right?: Run;
  /** Distance from this line's baseline to the previous one. */
  leading: number;
  /** From the left margin. */
  indent: number;
  align?: 'left' | 'center';
  /** A glyph drawn in the hanging indent, left of the text (a bullet). */
  marker?: { run: Run; indent: number; /** Moves the glyph down (points), to centre a bullet on the x-height. */ dy?: number };
}

export interface Block {
  lines: Line[];
  /** Space above the block, dropped at the top of a page. */
  spaceBefore: number;
  /** Never end a page with this block: it moves to the next page unless what follows (see `keepLines`) fits too. */
  keepWithNext?: boolean;
  /** May break between lines (paragraphs); at least two lines stay on each side. */
  splittable?: boolean;
  /** A hairline under the block's last line (section headings). */
  ruleAfter?: { gap: number; gray: number; width: number; below: number };
  /** What the block is (for tests and debugging). */
  kind?: string;
}

export interface PageGeometry {
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** A4 with 18 mm × 20 mm margins; US Letter with 0.75 in margins (in points). */
export const PAGES: Record<PaperFormat, PageGeometry> = {
  a4: { width: 595.28, height: 841.89, top: 51, right: 56.7, bottom: 51, left: 56.7 },
  letter: { width: 612, height: 792, top: 50, right: 54, bottom: 50, left: 54 },
};

/** Fixed identity so the same input always gives the same bytes. */
const FIXED_FILE_ID = '43565061746845787061727446696C65';
const FIXED_DATE = "D:20000101000000+00'00'";

interface TtfMetrics {
  characterToGlyph(code: number): number;
  widthOfGlyph(glyph: number): number;
}

interface ResolvedFont {
  style: 'normal' | 'bold' | 'italic';
  metrics: TtfMetrics;
  /** Bold drawn with the regular face and a thin stroke, for text the bold face has no glyphs for. */
  faux: boolean;
}

const FAMILY = 'EBGaramond';

export class Typesetter {
  readonly doc: jsPDF;
  readonly page: PageGeometry;
  private readonly fonts: FontSet;
  private readonly metrics = new Map<'normal' | 'bold' | 'italic', TtfMetrics>();
  private readonly widthCache = new Map<string, number>();
  private current = { style: '', size: 0, gray: -1 };

  constructor(fonts: FontSet, format: PaperFormat, props: { title: string; author?: string; subject?: string }) {
    assertTrueType(fonts.regular, 'regular');
    assertTrueType(fonts.bold, 'bold');
    assertTrueType(fonts.italic, 'italic');
    this.fonts = fonts;
    this.page = PAGES[format];
    this.doc = new jsPDF({ unit: 'pt', format, orientation: 'portrait', compress: true, putOnlyUsedFonts: true });
    this.doc.setFileId(FIXED_FILE_ID);
    this.doc.setCreationDate(FIXED_DATE);
    this.doc.setProperties({ title: props.title, author: props.author ?? '', subject: props.subject ?? '', creator: 'CVPath', keywords: '' });
    this.doc.setLineHeightFactor(1);
  }

  get contentWidth(): number {
    return this.page.width - this.page.left - this.page.right;
  }

  /** Registers a face with jsPDF on first use, so an unused face costs nothing. */
  private face(style: 'normal' | 'bold' | 'italic'): TtfMetrics {
    let m = this.metrics.get(style);
    if (!m) {
      const bytes = style === 'normal' ? this.fonts.regular : style === 'bold' ? this.fonts.bold : this.fonts.italic;
      const file = `${FAMILY}-${style}.ttf`;
      this.doc.addFileToVFS(file, binaryString(bytes));
      this.doc.addFont(file, FAMILY, style, 'Identity-H');
      const entry = (this.doc as unknown as { getFont(n: string, s: string): { fontName?: string; metadata?: Partial<TtfMetrics> } }).getFont(FAMILY, style);
      // jsPDF reports a font it cannot parse on the console and carries on with Times: fail loudly instead.
      if (entry.fontName !== FAMILY || typeof entry.metadata?.characterToGlyph !== 'function') {
        throw new Error(`The ${style === 'normal' ? 'regular' : style} font could not be loaded; pass the bundled EB Garamond TrueType files.`);
      }
      m = entry.metadata as TtfMetrics;
      this.metrics.set(style, m);
    }
    return m;
  }

  /** Whether a face has a glyph for every character (jsPDF silently cuts a string at the first missing glyph). */
  covers(style: 'normal' | 'bold' | 'italic', text: string): boolean {
    const m = this.face(style);
    for (let i = 0; i < text.length; i++) if (m.characterToGlyph(text.charCodeAt(i)) === 0) return false;
    return true;
  }

  resolve(run: Run): ResolvedFont {
    if (run.style === 'bold') {
      return this.covers('bold', run.text) ? { style: 'bold', metrics: this.face('bold'), faux: false } : { style: 'normal', metrics: this.face('normal'), faux: true };
    }
    if (run.style === 'italic' && this.covers('italic', run.text)) return { style: 'italic', metrics: this.face('italic'), faux: false };
    return { style: 'normal', metrics: this.face('normal'), faux: false };
  }

  /**
   * Replaces what the regular face cannot draw: a lookalike where one exists, the letters without their accents
   * where the face has those, otherwise nothing. The round-trip gate reports any such loss, so it is never silent.
   */
  drawable(text: string): string {
    if (this.covers('normal', text)) return text;
    const m = this.face('normal');
    let out = '';
    for (const ch of text) {
      const code = ch.codePointAt(0)!;
      if (code <= 0xffff && m.characterToGlyph(code) !== 0) {
        out += ch;
        continue;
      }
      const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      if (base && [...base].every((c) => c.codePointAt(0)! <= 0xffff && m.characterToGlyph(c.codePointAt(0)!) !== 0)) out += base;
    }
    return out;
  }

  width(run: Run): number {
    const key = `${run.style}|${run.size}|${run.text}`;
    let w = this.widthCache.get(key);
    if (w === undefined) {
      const f = this.resolve(run);
      let units = 0;
      for (let i = 0; i < run.text.length; i++) units += f.metrics.widthOfGlyph(f.metrics.characterToGlyph(run.text.charCodeAt(i)));
      w = (units * run.size) / 1000;
      this.widthCache.set(key, w);
    }
    return w;
  }

  /**
   * Wraps styled runs into lines of at most `first` points (then `rest`), breaking only at spaces. A word wider than
   * a whole line (a long URL) is broken after a slash or hyphen where possible, else between characters.
   */
  wrap(runs: Run[], first: number, rest: number = first): Run[][] {
    interface Word { frags: Run[]; width: number; space?: Run }
    const words: Word[] = [];
    let cur: Word = { frags: [], width: 0 };
    for (const run of runs) {
      const parts = run.text.split(/( +)/);
      parts.forEach((p, i) => {
        if (!p) return;
        if (i % 2 === 1) {
          if (cur.frags.length) {
            cur.space = { ...run, text: ' ' };
            words.push(cur);
          }
          cur = { frags: [], width: 0 };
          return;
        }
        const frag = { ...run, text: p };
        cur.frags.push(frag);
        cur.width += this.width(frag);
      });
    }
    if (cur.frags.length) words.push(cur);

    const lines: Run[][] = [];
    let line: Word[] = [];
    let lineWidth = 0;
    const avail = () => (lines.length === 0 ? first : rest);
    const flush = () => {
      if (line.length) lines.push(joinWords(line));
      line = [];
      lineWidth = 0;
    };
    for (const w of words) {
      const spaceW = line.length ? this.width(line[line.length - 1]!.space ?? { ...w.frags[0]!, text: ' ' }) : 0;
      if (line.length && lineWidth + spaceW + w.width > avail()) flush();
      if (!line.length && w.width > avail()) {
        // Only a word wider than a whole line is ever broken; all its pieces but the last get a line of their own.
        const pieces = this.breakWord(w, avail(), rest);
        pieces.slice(0, -1).forEach((piece) => lines.push(joinWords([piece])));
        const last = pieces[pieces.length - 1]!;
        line = [{ ...last, space: w.space }];
        lineWidth = last.width;
        continue;
      }
      lineWidth += (line.length ? spaceW : 0) + w.width;
      line.push(w);
    }
    flush();
    return lines;

    function joinWords(ws: Word[]): Run[] {
      const out: Run[] = [];
      const push = (r: Run) => {
        const prev = out[out.length - 1];
        if (prev && prev.style === r.style && prev.size === r.size && prev.gray === r.gray) prev.text += r.text;
        else out.push({ ...r });
      };
      ws.forEach((w, i) => {
        w.frags.forEach(push);
        if (i < ws.length - 1) push(w.space ?? { ...w.frags[w.frags.length - 1]!, text: ' ' });
      });
      return out;
    }
  }

  private breakWord(w: { frags: Run[]; width: number }, first: number, rest: number): { frags: Run[]; width: number }[] {
    const pieces: { frags: Run[]; width: number }[] = [];
    let frags: Run[] = [];
    let width = 0;
    let limit = first;
    for (const frag of w.frags) {
      let text = frag.text;
      while (text) {
        let n = text.length;
        while (n > 1 && width + this.width({ ...frag, text: text.slice(0, n) }) > limit) n--;
        if (n < text.length) {
          const soft = Math.max(text.lastIndexOf('/', n - 1), text.lastIndexOf('-', n - 1));
          if (soft > 0) n = soft + 1;
        }
        const piece = { ...frag, text: text.slice(0, n) };
        frags.push(piece);
        width += this.width(piece);
        text = text.slice(n);
        if (text) {
          pieces.push({ frags, width });
          frags = [];
          width = 0;
          limit = rest;
        }
      }
    }
    if (frags.length) pieces.push({ frags, width });
    return pieces;
  }

  lineWidth(line: Line): number {
    return line.runs.reduce((s, r) => s + this.width(r), 0);
  }

  /** Lays blocks out on pages. Returns, per page, the lines to draw with their baselines. */
  paginate(blocks: Block[]): PlacedLine[][] {
    const { top, bottom, height } = this.page;
    const limit = height - bottom;
    const pages: PlacedLine[][] = [[]];
    let y = top; // the baseline of the last line drawn, or the top margin
    let atTop = true;
    const ascent = (l: Line) => Math.max(...l.runs.map((r) => r.size), l.right?.size ?? 0) * 0.8;
    /** The height a block adds below y, all lines or only the first `n`. */
    const heightOf = (b: Block, fromTop: boolean, n = b.lines.length) => {
      let h = fromTop ? 0 : b.spaceBefore;
      b.lines.slice(0, n).forEach((l, i) => {
        h += i === 0 && fromTop ? ascent(l) : l.leading;
      });
      if (n === b.lines.length && b.ruleAfter) h += b.ruleAfter.below;
      return h;
    };
    /** The height of a block together with what it must be kept with: up to the first line(s) of what follows. */
    const keptHeight = (i: number, fromTop: boolean) => {
      let h = heightOf(blocks[i]!, fromTop);
      let j = i;
      while (blocks[j]?.keepWithNext && blocks[j + 1]) {
        j++;
        const b = blocks[j]!;
        const lines = b.splittable ? Math.min(2, b.lines.length) : b.lines.length;
        h += heightOf(b, false, b.keepWithNext ? b.lines.length : lines);
      }
      return h;
    };
    const newPage = () => {
      pages.push([]);
      y = top;
      atTop = true;
    };
    const place = (b: Block, l: Line, first: boolean) => {
      y += atTop ? ascent(l) : (first ? b.spaceBefore : 0) + l.leading;
      atTop = false;
      pages[pages.length - 1]!.push({ line: l, baseline: y, block: b });
    };

    blocks.forEach((b, i) => {
      const needed = b.splittable && !b.keepWithNext ? heightOf(b, false, Math.min(2, b.lines.length)) : keptHeight(i, false);
      if (!atTop && y + needed > limit) newPage();
      if (y + heightOf(b, atTop) <= limit || !b.splittable) {
        b.lines.forEach((l, k) => {
          if (k > 0 && y + l.leading > limit && !atTop) newPage();
          place(b, l, k === 0);
        });
      } else {
        // A paragraph that does not fit: break it (as often as it takes), keeping two lines on each side.
        const n = b.lines.length;
        let k = 0;
        while (k < n) {
          let fit = 0;
          let yy = y;
          for (let j = k; j < n; j++) {
            const l = b.lines[j]!;
            yy += j === k && atTop ? ascent(l) : (j === 0 ? b.spaceBefore : 0) + l.leading;
            if (yy > limit) break;
            fit++;
          }
          let take = fit >= n - k ? n - k : Math.min(fit, n - k - 2);
          if (take < 2 && take < n - k) {
            if (!atTop) {
              newPage();
              continue;
            }
            take = Math.max(1, fit); // a page that cannot hold two lines: fill it anyway
          }
          for (let j = k; j < k + take; j++) place(b, b.lines[j]!, j === 0);
          k += take;
          if (k < n) newPage();
        }
      }
      if (b.ruleAfter) {
        const last = pages[pages.length - 1]![pages[pages.length - 1]!.length - 1]!;
        last.rule = b.ruleAfter;
        y += b.ruleAfter.below;
      }
    });
    return pages;
  }

  /** Draws paginated lines; `footer` adds a small page number when the document runs to more than one page. */
  draw(pages: PlacedLine[][], footer?: (page: number, of: number) => string): void {
    const { left, width, right } = this.page;
    pages.forEach((lines, p) => {
      if (p > 0) this.doc.addPage();
      for (const { line, baseline, rule } of lines) {
        let x = left + line.indent;
        if (line.align === 'center') x = left + (this.contentWidth - this.lineWidth(line)) / 2;
        if (line.marker) this.drawRun(line.marker.run, left + line.marker.indent, baseline + (line.marker.dy ?? 0));
        for (const r of line.runs) {
          this.drawRun(r, x, baseline);
          x += this.width(r);
        }
        if (line.right) this.drawRun(line.right, width - right - this.width(line.right), baseline);
        if (rule) {
          this.doc.setDrawColor(Math.round(rule.gray * 255));
          this.doc.setLineWidth(rule.width);
          this.doc.line(left, baseline + rule.gap, width - right, baseline + rule.gap);
        }
      }
      if (footer && pages.length > 1) {
        const run: Run = { text: footer(p + 1, pages.length), style: 'regular', size: 8.5, gray: 0.4 };
        this.drawRun(run, left + (this.contentWidth - this.width(run)) / 2, this.page.height - this.page.bottom / 2);
      }
    });
  }

  private drawRun(run: Run, x: number, y: number): void {
    if (!run.text) return;
    const f = this.resolve(run);
    const gray = run.gray ?? 0;
    if (this.current.style !== f.style) this.doc.setFont(FAMILY, f.style);
    if (this.current.size !== run.size) this.doc.setFontSize(run.size);
    if (this.current.gray !== gray) this.doc.setTextColor(Math.round(gray * 255));
    this.current = { style: f.style, size: run.size, gray };
    if (f.faux) {
      this.doc.setDrawColor(Math.round(gray * 255));
      this.doc.setLineWidth(run.size * 0.03);
      this.doc.text(run.text, round(x), round(y), { renderingMode: 'fillThenStroke' });
    } else {
      this.doc.text(run.text, round(x), round(y), { renderingMode: 'fill' });
    }
  }

  output(): Uint8Array {
    return new Uint8Array(this.doc.output('arraybuffer'));
  }
}

export interface PlacedLine {
  line: Line;
  baseline: number;
  block: Block;
  rule?: Block['ruleAfter'];
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
