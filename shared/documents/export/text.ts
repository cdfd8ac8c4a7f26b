/**
 * Text as it goes into an exported document, and as the round-trip gate compares it. Pure and isomorphic.
 *
 * One canonical form is used on both sides: what the renderer draws is `cleanText(x)`, and what the gate expects to
 * read back is `cleanText(x)` too, so a difference always means the PDF lost or changed something.
 */

const LIGATURES: Record<string, string> = { '\uFB00': 'ff', '\uFB01': 'fi', '\uFB02': 'fl', '\uFB03': 'ffi', '\uFB04': 'ffl', '\uFB05': 'st', '\uFB06': 'st' };

/** Latin presentation forms (ligatures) that must never reach a PDF: ATS parsers read "ﬁnance" as "nance". */
export const LIGATURE_RE = /[\uFB00-\uFB06]/u;
/** Private-use code points (icon fonts, broken PDF copy-paste): meaningless to any reader. */
export const PRIVATE_USE_RE = /[\uE000-\uF8FF\u{F0000}-\u{FFFFD}\u{100000}-\u{10FFFD}]/u;

/**
 * The canonical text of one field: NFC, ligatures spelled out, private-use and invisible characters removed,
 * emoji removed (no CV font draws them and ATS parsers choke on them; ©, ® and ™ stay), every kind of space and line break folded
 * to one space, a few lookalike characters mapped to the ones every font has.
 */
export function cleanText(input: string | undefined | null): string {
  if (!input) return '';
  return input
    .normalize('NFC')
    .replace(/[\uFB00-\uFB06]/gu, (c) => LIGATURES[c] ?? c)
    .replace(/[\uE000-\uF8FF\u{F0000}-\u{FFFFD}\u{100000}-\u{10FFFD}]/gu, '')
    .replace(/(?![\u00A9\u00AE\u2122])\p{Extended_Pictographic}|[\uFE00-\uFE0F\u20E3]|[\u{1F3FB}-\u{1F3FF}]/gu, '')
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\u2010\u2011]/g, '-')
    .replace(/\u2212/g, '-')
    .replace(/[\p{Cc}\p{Zs}\u2028\u2029]+/gu, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** A word as the gate compares it: punctuation and symbols trimmed from both ends ("Engineer," → "Engineer"). */
export function stripToken(raw: string): string {
  return raw.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '');
}

/** Words as the gate compares them: split on spaces, each stripped, empties (a lone "•" or "–") dropped. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  for (const raw of cleanText(text).split(' ')) {
    const t = stripToken(raw);
    if (t) out.push(t);
  }
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ISO_PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** "2021-03" → "Mar 2021", "2021-03-14" → "Mar 2021", "2021" → "2021"; anything else is passed through as written. */
export function formatDate(value: string | undefined): string {
  const v = cleanText(value);
  const m = ISO_PARTIAL.exec(v);
  if (!m) return v;
  const month = m[2] ? Number(m[2]) : 0;
  if (month >= 1 && month <= 12) return `${MONTHS[month - 1]} ${m[1]}`;
  return m[1]!;
}

/**
 * "Mar 2021 – Present" from ISO partial dates. A start with no end means the role is current ("Present") when
 * `openEndedIsCurrent`; an end with no start shows the end alone; identical start and end show once.
 */
export function formatDateRange(start: string | undefined, end: string | undefined, openEndedIsCurrent = true): string {
  const s = formatDate(start);
  const e = formatDate(end);
  if (s && e) return s === e ? s : `${s} – ${e}`;
  if (s) return openEndedIsCurrent ? `${s} – Present` : s;
  return e;
}

/** "a" or "an" before a job title, by its first letter (good enough for titles; "an MBA" style acronyms aside). */
export function article(word: string): string {
  const w = word.trim();
  // an acronym is read letter by letter: "an FP&A professional", "an MSc", but "a BSc"
  if (/^[A-Z]{2}|^[A-Z][a-z]?[A-Z]/.test(w)) return /^[AEFHILMNORSX]/.test(w) ? 'an' : 'a';
  return /^[aeiou]/i.test(w) && !/^(uni|eu|one|use|usa)/i.test(w) ? 'an' : 'a';
}
