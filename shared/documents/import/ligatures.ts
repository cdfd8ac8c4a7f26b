/**
 * Ligature glyphs whose font says they stand for nothing. Chrome's PDF writer (Skia: "Save as PDF", Puppeteer, and so
 * the CV builders that print HTML, Reactive Resume among them) maps a font's fi/fl/ff ligature glyphs to U+0000 in the
 * font's ToUnicode table, so pdf.js reads "Pro\0les" and "Certi\0cations" where the page shows "Profiles" and
 * "Certifications" (a heading no reader would then know). Poppler falls back on glyph names; the glyph is drawn as one of
 * a handful of letter pairs, so it can be told from its advance width (a ligature is as wide as its letters) and,
 * between fi and fl (often equally wide), from the letters after it.
 */

/** What pdf.js keeps of a loaded font with `fontExtraProperties` (only the parts read here). */
export interface LoadedFont {
  toUnicode?: { _map?: unknown } | null;
  widths?: unknown;
}

const LIGATURES = ['fi', 'fl', 'ff', 'ffi', 'ffl'] as const;
/**
 * How far (as a share) a glyph's advance may be from its letters' and still be them. Generous: a ligature is often
 * narrower than its letters side by side (that is what it is for), so widths tell two letters from three, not fi from ff.
 */
const TOLERANCE = 0.2;

/**
 * The letters the font's NUL-mapped glyphs may stand for, closest width first (letters whose widths the font does not
 * list stay possible); null when the font maps no glyph to U+0000 (nearly every font: then nothing here runs).
 */
export function fontLigatures(font: LoadedFont | null | undefined): string[] | null {
  const map = font?.toUnicode?._map;
  if (!map || typeof map !== 'object') return null;
  const codeOf = new Map<string, number>();
  const nul: number[] = [];
  for (const [k, v] of Object.entries(map as Record<string, unknown>)) {
    if (v === '\u0000') nul.push(Number(k));
    else if (typeof v === 'string' && v.length === 1 && 'fil'.includes(v) && !codeOf.has(v)) codeOf.set(v, Number(k));
  }
  if (!nul.length) return null;
  const widths = (font?.widths ?? {}) as Record<number, unknown>;
  const width = (code: number | undefined): number | undefined => {
    const w = code === undefined ? undefined : widths[code];
    return typeof w === 'number' && w > 0 ? w : undefined;
  };
  const lettersWidth = (lig: string): number | undefined => {
    let sum = 0;
    for (const c of lig) {
      const w = width(codeOf.get(c));
      if (w === undefined) return undefined;
      sum += w;
    }
    return sum;
  };
  const fits = new Map<string, number>();
  for (const code of nul) {
    const w = width(code);
    for (const lig of LIGATURES) {
      const lw = lettersWidth(lig);
      const miss = w === undefined || lw === undefined ? TOLERANCE : Math.abs(w - lw) / lw;
      if (miss <= TOLERANCE) fits.set(lig, Math.min(miss, fits.get(lig) ?? Infinity));
    }
  }
  if (!fits.size) return ['fi', 'fl'];
  return [...fits.entries()].sort((a, b) => a[1] - b[1]).map(([lig]) => lig);
}

/**
 * Words of CVs and postings with a ligature in them: the word a glyph completes decides. Inflections are checked on
 * the stem ("certifications" → "certification").
 */
const WORDS = new Set(
  (
    'profile proficient proficiency certified certify certification certificate financial finance financing field fields first final finalist ' +
    'file filing fintech find finding fine firm fit fitness fix fixed configuration config configure confident confidence confidential ' +
    'specific specification specifically scientific scientist significant significantly benefit benefits classified qualified qualification ' +
    'identified identify modified notification justified diversified simplified unified verified profit profitability nonprofit fiction ' +
    'efficient efficiency office officer official officially affiliate affiliated difficult difficulty sufficient traffic trafficking ' +
    'effective effectively effect effort offer offered offering offline offshore staff staffing different difference differentiation ' +
    'differentiate afford affordable suffix diffusion coffee stuff tariff sheriff buffer cliff ' +
    'workflow flow flows flexible flexibility flex reflect reflection conflict fluent fluency influence influential inflation flight ' +
    'fleet float floor florida flutter flash flagship flag shuffle baffle raffle waffle'
  )
    .split(/\s+/)
    .filter((w) => /^[a-z]+$/.test(w)),
);

function known(word: string): boolean {
  const w = word.toLowerCase();
  if (WORDS.has(w)) return true;
  for (const [end, stem] of [['s', ''], ['es', ''], ['ed', ''], ['ed', 'e'], ['ing', ''], ['ing', 'e'], ['ly', ''], ['ies', 'y'], ['ied', 'y'], ['er', ''], ['ers', '']] as const) {
    if (w.endsWith(end) && WORDS.has(w.slice(0, -end.length) + stem)) return true;
  }
  return false;
}

/**
 * The ligature a NUL stands for: the one that makes a known word with the letters around it; else fl before a, o, u,
 * y, i ("flow", "conflict") and in "flex", "reflect", "fleet"; ff at a word's end ("staff"); fi otherwise.
 */
export function pickLigature(candidates: readonly string[], after: string, before = ''): string {
  if (candidates.length === 1) return candidates[0]!;
  const head = /\p{L}*$/u.exec(before)?.[0] ?? '';
  const tail = /^\p{L}*/u.exec(after)?.[0] ?? '';
  const word = candidates.find((c) => known(head + c + tail));
  if (word) return word;
  const a = after.toLowerCase();
  const prefer = (lig: string): number => {
    if (lig.length > 2) return 0;
    if (lig === 'ff') return /^(?:$|[^a-z])/.test(a) ? 3 : 0;
    if (lig === 'fl') return /^(?:[aouyi]|ex|ect|ee)/.test(a) ? 2 : 0;
    return /^(?:[aouyi]|ex|ect|ee)/.test(a) ? 0 : 1;
  };
  let best = candidates[0]!;
  for (const c of candidates) if (prefer(c) > prefer(best)) best = c;
  return best;
}

/**
 * Puts the letters back in a page's text items, in reading order within each item and with the next item's text as
 * context for a NUL at an item's end. `ligaturesOf` gives the candidates for an item's font (null: leave it alone).
 */
export function restoreLigatures<T extends { str: string; font: string }>(items: T[], ligaturesOf: (font: string) => string[] | null): void {
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (!it.str.includes('\u0000')) continue;
    const cands = ligaturesOf(it.font);
    if (!cands) continue;
    const next = items[i + 1]?.str ?? '';
    const NUL = '\u0000';
    it.str = it.str.split('').map((ch, at, all) => {
      if (ch !== NUL) return ch;
      const rest = all.slice(at + 1).join('').replace(new RegExp(`^${NUL}+`), '');
      // a NUL between two letters, or starting a word, is a ligature; one between spaces or punctuation is not text
      const before = it.str.slice(0, at);
      const after = rest || next;
      if (!/[\p{L}]$/u.test(before) && !/^[\p{L}]/u.test(after)) return NUL;
      return pickLigature(cands, after, before || (items[i - 1]?.str ?? ''));
    }).join('');
  }
}
