import type { ExtractEnv } from '../../shared/sites/types';

/**
 * What the pure adapters cannot know from markup alone: whether the user can actually see an element, from its
 * computed style in the live page. Text the user cannot see is text a page may be hiding for AI tools to read.
 */
export function liveEnv(win: Window = window): ExtractEnv {
  const seen = new WeakMap<Element, boolean>();
  return {
    isHidden(el: Element): boolean {
      const known = seen.get(el);
      if (known !== undefined) return known;
      const hidden = computeHidden(el, win);
      seen.set(el, hidden);
      return hidden;
    },
  };
}

function computeHidden(el: Element, win: Window): boolean {
  if (!(el instanceof (win as Window & typeof globalThis).HTMLElement)) return false;
  const cs = win.getComputedStyle(el);
  if (cs.display === 'none' || cs.visibility === 'hidden' || cs.visibility === 'collapse') return true;
  if (Number(cs.opacity) === 0) return true;
  if (parseFloat(cs.fontSize) === 0) return true;
  // pushed off the page (left: -9999px and the like), or its words indented out of its own box
  if (cs.position === 'absolute' || cs.position === 'fixed') {
    const r = el.getBoundingClientRect();
    if (r.right + win.scrollX <= 0 || r.bottom + win.scrollY <= 0 || r.left + win.scrollX >= Math.max(win.document.documentElement.scrollWidth, win.innerWidth) + 1000) return true;
  }
  if (parseFloat(cs.textIndent) <= -999) return true;
  // collapsed boxes that clip their content (the classic "zero-size" trick); `display: contents` has no box at all
  if (cs.display !== 'contents' && cs.overflow !== 'visible' && (el.offsetWidth <= 1 || el.offsetHeight <= 1) && el.textContent?.trim()) return true;
  // text coloured like whatever is painted behind it
  if (el.childNodes.length && hasOwnText(el)) {
    const behind = backgroundBehind(el, win);
    // text over an image or gradient cannot be judged by colours: visible banner text must not be cut as hidden
    if (behind !== 'image' && sameColour(cs.color, behind)) return true;
  }
  return false;
}

function hasOwnText(el: Element): boolean {
  for (const n of el.childNodes) if (n.nodeType === 3 && n.textContent?.trim()) return true;
  return false;
}

/** The colour painted behind an element, or 'image' when a background image or gradient is in the way. */
function backgroundBehind(el: Element, win: Window): string {
  for (let cur: Element | null = el; cur; cur = cur.parentElement) {
    const cs = win.getComputedStyle(cur);
    if (cs.backgroundImage && cs.backgroundImage !== 'none') return 'image';
    const bg = cs.backgroundColor;
    if (bg && !isTransparent(bg)) return bg;
  }
  return canvasColour(win);
}

/**
 * The canvas behind a page without a background: white, or Chrome's dark canvas when the page uses a dark colour scheme.
 * The scheme is the root's `color-scheme`, else the `<meta name="color-scheme">` (careers sites declare it there); a
 * page that offers only dark is dark whatever the user prefers, one that offers both follows the preference.
 */
function canvasColour(win: Window): string {
  const doc = win.document;
  const root = win.getComputedStyle(doc.documentElement).colorScheme;
  const scheme = root && root !== 'normal' ? root : (doc.querySelector('meta[name="color-scheme" i]')?.getAttribute('content') ?? '');
  const dark = /\bdark\b/.test(scheme);
  const light = /\blight\b/.test(scheme);
  const prefersDark = win.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  return dark && (!light || prefersDark) ? 'rgb(18, 18, 18)' : 'rgb(255, 255, 255)';
}

function isTransparent(c: string): boolean {
  return c === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(c);
}

function rgb(c: string): [number, number, number] | null {
  const m = c.match(/rgba?\(\s*(\d+(?:\.\d+)?)[ ,]+(\d+(?:\.\d+)?)[ ,]+(\d+(?:\.\d+)?)/);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** Near-identical colours count as the same: #fefefe on white is as invisible as white on white. */
function sameColour(a: string, b: string): boolean {
  const x = rgb(a);
  const y = rgb(b);
  if (!x || !y) return false;
  return Math.abs(x[0] - y[0]) + Math.abs(x[1] - y[1]) + Math.abs(x[2] - y[2]) < 12;
}
