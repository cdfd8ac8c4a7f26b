/**
 * Clean text from markup by walking the DOM: innerText needs layout, which linkedom (and a detached clone) lack, and
 * textContent glues paragraphs and list items together. The output is what the JobPosting schema promises: paragraphs
 * separated by blank lines, list items as "- " lines (nested ones indented), never truncated.
 */

const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CENTER', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION',
  'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE',
  'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TFOOT', 'THEAD', 'TR', 'UL',
]);
/** Never text a reader sees: code, controls, embedded media. */
const SKIPPED = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'svg', 'BUTTON', 'IFRAME', 'OBJECT', 'CANVAS', 'INPUT', 'SELECT',
  'TEXTAREA', 'HEAD', 'TITLE', 'META', 'LINK', 'IMG', 'VIDEO', 'AUDIO',
]);
/** Characters pasted from word processors as bullets; a line led by one is a list item. */
const BULLET = /^(?:[•·▪●◦‣∙■□➢➤✓✔]\s*|[-–—*]\s+)/;
/** Zero-width characters carry no meaning for a reader and can smuggle text past filters. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

interface Line {
  text: string;
  item: boolean;
}

export interface TextOptions {
  /** Elements to leave out with everything inside them (hidden text). */
  skip?: (el: Element) => boolean;
}

/** The readable text of one or more elements, in document order, as clean paragraphs and "- " items. */
export function elementText(els: Element | Element[], opts: TextOptions = {}): string {
  const w = new Writer();
  for (const el of Array.isArray(els) ? els : [els]) {
    walk(el, w, opts, 0, false);
    w.flush();
  }
  return w.done();
}

/** One line of text for a short field (a title, a location): block breaks become spaces. */
export function inlineText(el: Element, opts: TextOptions = {}): string {
  return elementText(el, opts).replace(/^- /gm, '').replace(/\s*\n+\s*/g, ' ').trim();
}

/** Collapses whitespace the way a browser renders it: runs of spaces, tabs and newlines become one space. */
export function collapse(s: string): string {
  return s.replace(INVISIBLE, '').replace(/[\s\u00a0]+/g, ' ').trim();
}

function walk(node: Node, w: Writer, opts: TextOptions, depth: number, pre: boolean): void {
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 3) {
      const t = (c.nodeValue ?? '').replace(INVISIBLE, '');
      w.text(pre ? t : t.replace(/[\s\u00a0]+/g, ' '));
      continue;
    }
    if (c.nodeType !== 1) continue;
    const el = c as Element;
    const tag = el.tagName.toUpperCase();
    if (SKIPPED.has(tag) || opts.skip?.(el)) continue;
    if (tag === 'BR') {
      w.text('\n');
      continue;
    }
    if (tag === 'TD' || tag === 'TH') w.cell();
    if (!BLOCKS.has(tag)) {
      walk(el, w, opts, depth, pre);
      continue;
    }
    // a definition list reads as "Term: description", one per line
    if (tag === 'DT') {
      w.flush();
      walk(el, w, opts, depth, pre);
      w.text(': ');
      continue;
    }
    if (tag !== 'DD') w.flush();
    if (tag === 'LI') w.startItem(Math.max(0, depth - 1));
    walk(el, w, opts, tag === 'UL' || tag === 'OL' ? depth + 1 : depth, pre || tag === 'PRE');
    w.flush();
    if (tag === 'LI') w.endItem();
  }
}

class Writer {
  private lines: Line[] = [];
  private buf = '';
  private prefix: string | null = null;

  text(t: string): void {
    this.buf += t;
  }

  cell(): void {
    if (this.buf.trim()) this.buf += ' | ';
  }

  startItem(level: number): void {
    this.prefix = `${'  '.repeat(level)}- `;
  }

  endItem(): void {
    this.prefix = null;
  }

  /** Ends the current block: a paragraph, or the current list item. Double line breaks inside it split paragraphs. */
  flush(): void {
    if (!this.buf.trim()) {
      this.buf = '';
      return;
    }
    const raw = this.buf.split('\n').map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim());
    let para: string[] = [];
    const endPara = () => {
      if (para.length) this.push(para.join(this.prefix ? ' ' : '\n'));
      para = [];
    };
    for (const l of raw) {
      if (!l || l === '|' || l === ':') endPara();
      else if (BULLET.test(l) && l.replace(BULLET, '')) {
        endPara();
        this.push(l.replace(BULLET, ''), true);
      } else para.push(l.replace(/\s*\|\s*$/, ''));
    }
    endPara();
    this.buf = '';
  }

  private push(text: string, bullet = false): void {
    if (this.prefix !== null) {
      this.lines.push({ text: this.prefix + text, item: true });
      // a second paragraph of the same item (or text after its nested list) continues it, indented under the dash
      this.prefix = this.prefix.replace('- ', '  ');
      return;
    }
    this.lines.push(bullet ? { text: `- ${text}`, item: true } : { text, item: false });
  }

  done(): string {
    let out = '';
    this.lines.forEach((l, i) => {
      const prev = this.lines[i - 1];
      if (prev) out += prev.item && l.item ? '\n' : '\n\n';
      out += l.text;
    });
    return out;
  }
}
