import type { JobWarning } from '../schema/job-posting';
import { backgroundColour, parseColour, parseDecls, sameColour, StyleIndex, type Decls } from './css';
import { looksLikeInstruction } from './injection';
import { collapse, inlineText } from './text';
import type { ExtractEnv } from './types';

/**
 * Text a user cannot see has no business in the description: a posting may hide instructions for AI tools in it
 * (white on white, zero size, off screen). This decides from markup alone; in a live page `env.isHidden` adds the
 * computed style, which catches what external stylesheets do.
 */

/** Class names sites use for screen-reader-only labels ("Show more", "opens in a new window"): hidden, but benign. */
const A11Y_CLASSES = ['visually-hidden', 'sr-only', 'screen-reader-text', 'a11y-text', 'visuallyhidden', 'assistive-text', 'sr-only-focusable'];
/** Hidden text shorter than this is a label or a stray word, not worth telling the user about. */
const MIN_WARN_WORDS = 8;
const MAX_HIDDEN_WARNINGS = 5;

export type HiddenReason = 'a11y' | 'style' | 'env' | 'ui';

/**
 * A hidden message bar, dialog, tooltip or toast: the page's interface waiting for its moment ("You have been
 * redirected to…", "Saved to your jobs"), hidden on every page of its site. Left out of the description like any hidden
 * text, but not worth a warning unless it addresses AI tools.
 */
const UI_ROLES = new Set(['alert', 'alertdialog', 'dialog', 'status', 'tooltip', 'log', 'timer', 'marquee']);
const UI_CLASS = /(?:^|[\s_-])(?:modal|dialog|popup|popover|tooltip|toast|snackbar|notification|messagebar|message-bar|flash|lightbox)(?:$|[\s_-])/i;

/**
 * Scroll-in animations start from `opacity: 0` and fade in when the reader scrolls there: Webflow interactions (the
 * page's <html> carries `data-wf-page`) write it inline on each animated element, AOS marks them `data-aos`.
 */
function waitingToAnimate(el: Element): boolean {
  const animated = el.hasAttribute('data-aos') || el.ownerDocument.documentElement.hasAttribute('data-wf-page');
  return animated && /(?:^|;)\s*opacity\s*:\s*0(?:\.0*)?\s*(?:;|$)/.test(el.getAttribute('style') ?? '');
}

function uiState(el: Element): boolean {
  if (el.tagName.toUpperCase() === 'DIALOG' || el.hasAttribute('aria-live') || el.getAttribute('aria-modal') === 'true') return true;
  if (waitingToAnimate(el)) return true;
  if (UI_ROLES.has((el.getAttribute('role') ?? '').toLowerCase())) return true;
  return UI_CLASS.test(el.getAttribute('class') ?? '');
}

export interface HiddenChecker {
  /** Why the element is hidden from the user, or null when it is visible (as far as markup tells). */
  reason(el: Element): HiddenReason | null;
}

const indexes = new WeakMap<Document, StyleIndex>();

function styleIndex(doc: Document): StyleIndex {
  let idx = indexes.get(doc);
  if (!idx) {
    idx = new StyleIndex([...doc.querySelectorAll('style')].map((s) => s.textContent ?? ''));
    indexes.set(doc, idx);
  }
  return idx;
}

/** Hidden by its attributes alone; a `<dialog>` is closed (and so not shown) until it has `open`. */
function hiddenByMarkup(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  return el.tagName.toUpperCase() === 'DIALOG' && !el.hasAttribute('open');
}

export function hiddenChecker(doc: Document, env: ExtractEnv = {}): HiddenChecker {
  const live = env.isHidden;
  if (live) {
    // a live page's computed style already applies every stylesheet: reading the page's <style> text again would
    // only repeat it, at a cost on big pages
    return {
      reason(el) {
        if (NOT_TEXT.has(el.tagName.toUpperCase())) return null;
        if (hiddenByMarkup(el)) return 'style';
        if (A11Y_CLASSES.some((c) => el.classList.contains(c))) return 'a11y';
        // the element's own style attribute is cheap to read and names tricks at a glance (off-screen positioning)
        const inline = el.getAttribute('style');
        if (inline && hidesByDeclarations(new Map(parseDecls(inline)))) return 'style';
        return live(el) ? 'env' : null;
      },
    };
  }
  const idx = styleIndex(doc);
  const decls = (el: Element): Decls => {
    const d = idx.declsFor(el);
    const inline = el.getAttribute('style');
    if (inline) for (const [p, v] of parseDecls(inline)) d.set(p, v);
    return d;
  };
  return {
    reason(el) {
      if (NOT_TEXT.has(el.tagName.toUpperCase())) return null;
      if (hiddenByMarkup(el)) return 'style';
      if (A11Y_CLASSES.some((c) => el.classList.contains(c))) return 'a11y';
      const d = decls(el);
      return d.size && (hidesByDeclarations(d) || colouredLikeBackground(el, d, decls)) ? 'style' : null;
    },
  };
}

const px = (v: string | undefined): number | null => {
  if (v === undefined) return null;
  const m = v.match(/^(-?[\d.]+)(px|em|rem|%|pt|vw|vh)?$/);
  return m ? Number(m[1]) : null;
};

function hidesByDeclarations(d: Decls): boolean {
  if (d.get('display') === 'none') return true;
  if (d.get('visibility') === 'hidden' || d.get('visibility') === 'collapse') return true;
  const opacity = px(d.get('opacity'));
  if (opacity !== null && opacity <= 0.05) return true;
  if (px(d.get('font-size')) === 0) return true;
  if (parseColour(d.get('color')) === 'transparent') return true;
  const clipsOverflow = /hidden|clip/.test(d.get('overflow') ?? '');
  for (const p of ['width', 'height', 'max-width', 'max-height']) {
    const n = px(d.get(p));
    if (clipsOverflow && n !== null && n <= 1) return true;
  }
  const clip = d.get('clip');
  if (clip && /^rect\(\s*(0|1px)\D+(0|1px)\D+(0|1px)\D+(0|1px)\s*\)$/.test(clip)) return true;
  const clipPath = d.get('clip-path');
  if (clipPath && /inset\(\s*(50|100)%|circle\(\s*0/.test(clipPath)) return true;
  // pushed off screen: positioned far to the left/top, or a text-indent that moves the words out of the box
  const positioned = /absolute|fixed/.test(d.get('position') ?? '');
  for (const p of ['left', 'top', 'right']) {
    const n = px(d.get(p));
    if (positioned && n !== null && n <= -500) return true;
  }
  const indent = px(d.get('text-indent'));
  if (indent !== null && indent <= -500) return true;
  if (/translate[xy]?\(\s*-\d{4,}/.test(d.get('transform') ?? '')) return true;
  return false;
}

/** Text painted in the colour of what is behind it; with no background anywhere, a page is white. */
function colouredLikeBackground(el: Element, d: Decls, declsOf: (el: Element) => Decls): boolean {
  const fg = parseColour(d.get('color'));
  if (!fg || fg === 'transparent') return false;
  let bg: ReturnType<typeof parseColour> = null;
  for (let cur: Element | null = el; cur && !bg; cur = cur.parentElement) {
    const cd = cur === el ? d : declsOf(cur);
    if (/url\(|gradient\(/.test(cd.get('background') ?? '')) return false; // text over a picture: we cannot tell
    const c = parseColour(backgroundColour(cd) ?? cur.getAttribute('bgcolor') ?? undefined);
    if (c && c !== 'transparent') bg = c;
  }
  bg ??= [255, 255, 255];
  // a descendant that paints its own background makes the text readable again: not a hiding trick
  return sameColour(fg, bg) && !el.querySelector('[style*="background"]');
}

/** Elements whose content is code or data for the browser, never text for a reader. */
const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'HEAD', 'TITLE', 'META', 'LINK', 'OBJECT', 'IFRAME', 'CANVAS']);

/**
 * JSON state (`__NEXT_DATA__`, Remix context), minified code or CSS that a page keeps in an ordinary hidden element:
 * not prose, so not worth a warning (an instruction to a model inside it is still caught by `looksLikeInstruction`).
 */
function looksLikeCode(text: string): boolean {
  if (looksLikeInstruction(text)) return false;
  if (/^\s*[[{(]/.test(text) && /[}\])]\s*;?\s*$/.test(text)) return true;
  const symbols = (text.match(/[{}[\]();=<>"\\]/g) ?? []).length;
  return symbols / text.length > 0.08;
}

/** Collects what `skip` left out, to warn about the substantial parts. */
export class HiddenLog {
  private found: { text: string; reason: HiddenReason }[] = [];

  constructor(private readonly checker: HiddenChecker = { reason: () => null }) {}

  /** For `elementText`'s `skip`: true for hidden elements, remembering their text. */
  readonly skip = (el: Element): boolean => {
    const reason = this.checker.reason(el);
    if (reason) this.record(el, reason);
    return reason !== null;
  };

  record(el: Element, reason: HiddenReason): void {
    // scripts, styles, templates and data blocks are never shown to anyone: they are code, not hidden text
    if (NOT_TEXT.has(el.tagName.toUpperCase())) return;
    const text = inlineText(el);
    if (!text || looksLikeCode(text)) return;
    if (reason !== 'a11y' && uiState(el)) reason = 'ui';
    // collapsed menus are hidden on every page and are mostly links; an instruction to a model is not
    const linkText = [...el.querySelectorAll('a')].reduce((n, a) => n + collapse(a.textContent ?? '').length, 0);
    if (linkText / text.length > 0.5 && !looksLikeInstruction(text)) return;
    this.found.push({ text, reason });
  }

  warnings(): JobWarning[] {
    const out: JobWarning[] = [];
    let reported = 0;
    for (const { text, reason } of this.found) {
      const instruction = looksLikeInstruction(text);
      const words = text.split(' ').length;
      if (!instruction && (reason === 'a11y' || reason === 'ui' || words < MIN_WARN_WORDS)) continue;
      out.push({
        code: 'hidden_text',
        message: instruction
          ? 'This page hides text addressed to AI tools from its readers; it was left out of the description.'
          : `This page has ${words} words of text its readers cannot see; they were left out of the description.`,
        excerpt: excerpt(text),
      });
      if (instruction) out.push({ code: 'prompt_injection', message: 'Hidden text on this page gives instructions to AI tools; CVPath ignores it.', excerpt: excerpt(text) });
      if (++reported >= MAX_HIDDEN_WARNINGS) break;
    }
    return out;
  }
}

export function excerpt(text: string, max = 160): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
