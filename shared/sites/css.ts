/**
 * Just enough CSS to tell hidden text from visible text without a layout engine: inline declarations, the page's own
 * top-level <style> rules (indexed by the class, id or tag they end in), and colours. Anything cleverer is left to the
 * live page's computed style (`ExtractEnv.isHidden`).
 */

export type Decls = Map<string, string>;

/** The properties that can hide text, and the ones that colour it; other rules are not worth keeping. */
const RELEVANT = /^(display|visibility|opacity|font-size|width|height|max-width|max-height|overflow|clip|clip-path|position|left|top|right|text-indent|transform|color|background|background-color)$/;

export function parseDecls(text: string): Decls {
  const d: Decls = new Map();
  for (const part of text.split(';')) {
    const i = part.indexOf(':');
    if (i < 0) continue;
    const prop = part.slice(0, i).trim().toLowerCase();
    if (!RELEVANT.test(prop)) continue;
    d.set(prop, part.slice(i + 1).replace(/!\s*important/i, '').trim().toLowerCase());
  }
  return d;
}

interface Rule {
  selector: string;
  decls: Decls;
}

/** Rules indexed by the key of their last compound selector: `.cls`, `#id` or a tag name. */
export class StyleIndex {
  private byKey = new Map<string, Rule[]>();

  constructor(cssTexts: string[]) {
    for (const css of cssTexts) this.add(css);
  }

  private add(css: string): void {
    const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
    // only top-level rules: @media and friends are conditional, and a rule that hides something on print is no signal
    let depth = 0;
    let start = 0;
    let skipping = false;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch === '{') {
        if (depth === 0) {
          const head = text.slice(start, i).trim();
          skipping = head.startsWith('@');
          if (!skipping) {
            const close = text.indexOf('}', i);
            if (close < 0) return;
            this.addRule(head, text.slice(i + 1, close));
            i = close;
            start = close + 1;
            continue;
          }
        }
        depth++;
      } else if (ch === '}') {
        depth = Math.max(0, depth - 1);
        if (depth === 0) start = i + 1;
      } else if (ch === ';' && depth === 0) start = i + 1; // @import …;
    }
  }

  private addRule(selectors: string, body: string): void {
    const decls = parseDecls(body);
    if (!decls.size) return;
    for (const sel of selectors.split(',').map((s) => s.trim()).filter(Boolean)) {
      const last = sel.split(/[\s>+~]+/).pop() ?? '';
      if (last.includes(':') || last.includes('[')) continue; // states (:hover) and attribute tricks: the live page knows better
      const key = last.match(/#[\w-]+/)?.[0] ?? last.match(/\.[\w-]+/)?.[0] ?? last.match(/^[a-z][\w-]*/i)?.[0]?.toLowerCase();
      if (!key) continue;
      const list = this.byKey.get(key) ?? [];
      list.push({ selector: sel, decls });
      this.byKey.set(key, list);
    }
  }

  /** The declarations the page's rules give this element, later rules winning (specificity is ignored: keep it simple). */
  declsFor(el: Element): Decls {
    const out: Decls = new Map();
    if (!this.byKey.size) return out;
    const keys = [el.tagName.toLowerCase()];
    if (el.id) keys.push(`#${el.id}`);
    for (const c of el.classList) keys.push(`.${c}`);
    for (const k of keys) {
      for (const r of this.byKey.get(k) ?? []) {
        if (!matches(el, r.selector)) continue;
        for (const [p, v] of r.decls) out.set(p, v);
      }
    }
    return out;
  }
}

function matches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

const NAMED: Record<string, [number, number, number]> = {
  white: [255, 255, 255], black: [0, 0, 0], snow: [255, 250, 250], ivory: [255, 255, 240], whitesmoke: [245, 245, 245],
  ghostwhite: [248, 248, 255], floralwhite: [255, 250, 240], red: [255, 0, 0], gray: [128, 128, 128], grey: [128, 128, 128],
  silver: [192, 192, 192], blue: [0, 0, 255], green: [0, 128, 0], yellow: [255, 255, 0], navy: [0, 0, 128],
};

/** An opaque colour as RGB; 'transparent' when the colour paints nothing; null when we cannot tell. */
export function parseColour(v: string | undefined): [number, number, number] | 'transparent' | null {
  if (!v) return null;
  const s = v.trim().toLowerCase();
  if (s === 'transparent') return 'transparent';
  if (NAMED[s]) return NAMED[s];
  const hex = s.match(/^#([0-9a-f]{3,8})$/)?.[1];
  if (hex) {
    const full = hex.length <= 4 ? [...hex].map((c) => c + c).join('') : hex;
    if (full.length === 8 && parseInt(full.slice(6, 8), 16) === 0) return 'transparent';
    return [parseInt(full.slice(0, 2), 16), parseInt(full.slice(2, 4), 16), parseInt(full.slice(4, 6), 16)];
  }
  const m = s.match(/^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:[\s,/]+([\d.]+%?))?\s*\)$/);
  if (m) {
    if (m[4] !== undefined && parseFloat(m[4]) === 0) return 'transparent';
    return [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  return null;
}

/** The colour a `background` shorthand paints, if it names one. */
export function backgroundColour(d: Decls): string | undefined {
  if (d.has('background-color')) return d.get('background-color');
  const bg = d.get('background');
  if (!bg || /url\(|gradient\(/.test(bg)) return undefined;
  return bg.match(/#[0-9a-f]{3,8}\b|rgba?\([^)]*\)|\b[a-z]+\b/)?.[0];
}

/** Near-identical colours are as invisible as identical ones: #fefefe on white. */
export function sameColour(a: [number, number, number], b: [number, number, number]): boolean {
  return Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) < 12;
}
