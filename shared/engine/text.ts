/** Text helpers shared by the offline engine. Pure, isomorphic. */

const LIGATURES: Record<string, string> = { 'ﬀ': 'ff', 'ﬁ': 'fi', 'ﬂ': 'fl', 'ﬃ': 'ffi', 'ﬄ': 'ffl', 'ﬅ': 'st', 'ﬆ': 'st' };

/** Normalises what text extraction and copy-paste leave behind: ligatures, odd spaces, soft hyphens, dashes. */
export function normalizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\uFB00-\uFB06]/g, (c) => LIGATURES[c] ?? c)
    .replace(/\u00AD/g, '')
    .replace(/[\u00A0\u2007\u202F\u2009\u200A\u2002\u2003]/g, ' ')
    .replace(/\u200B|\u200C|\u200D|\uFEFF/g, '')
    .replace(/[\u2010\u2011]/g, '-')
    .replace(/[ \t]+\n/g, '\n');
}

/**
 * Memoises a pure string function. The engine asks the same questions of the same CV lines many times
 * (every requirement × every item); a bounded map keeps that linear without holding memory forever.
 */
const MEMO_CACHES: Map<string, unknown>[] = [];

/** Empties every memo cache: benchmarks call it so their figures are for a cold engine. */
export function clearEngineCaches(): void {
  for (const c of MEMO_CACHES) c.clear();
}

export function memoize<R>(fn: (s: string) => R, max = 20_000): (s: string) => R {
  const cache = new Map<string, R>();
  MEMO_CACHES.push(cache);
  return (s) => {
    let v = cache.get(s);
    if (v === undefined) {
      if (cache.size >= max) cache.clear();
      v = fn(s);
      cache.set(s, v);
    }
    return v;
  };
}

/** Lower-case, accents folded, punctuation to spaces except the ones that matter in skill names (c++, c#, .net, node.js). */
export const fold = memoize(foldUncached);

function foldUncached(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9+#./&\s-]/g, ' ')
    .replace(/(^|\s)[./-]+|[./-]+(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when `needle` (already folded) occurs in `haystack` (already folded) on word boundaries. */
export function containsPhrase(haystack: string, needle: string): boolean {
  if (!needle) return false;
  let from = 0;
  for (;;) {
    const i = haystack.indexOf(needle, from);
    if (i < 0) return false;
    const before = i === 0 ? ' ' : haystack[i - 1]!;
    const after = i + needle.length >= haystack.length ? ' ' : haystack[i + needle.length]!;
    if (!/[a-z0-9+#]/.test(before) && !/[a-z0-9+#]/.test(after)) return true;
    from = i + 1;
  }
}

const STOP = new Set(
  ('a an the and or of to in on for with at by from as is are be been being this that these those it its our your you we they ' +
    'their his her will would can could should may might must not no yes into over under about across within per via than then ' +
    'also such other more most least very well strong good great excellent ability able experience experienced years year plus ' +
    'using use used work working team teams role including include includes etc e.g i.e who what which where when how all any ' +
    'each both either some new key high highly level levels required requirements preferred nice have has had do does done make ' +
    'ensure help support provide join looking candidate ideal skills skill knowledge understanding demonstrated proven track record')
    .split(' '),
);

export function isStopWord(w: string): boolean {
  return STOP.has(w);
}

export function words(text: string): string[] {
  return fold(text).split(' ').filter(Boolean);
}

/** SHA-256 hex of a string, with WebCrypto (available in Node 20 and in extension workers). */
export async function sha256Hex(text: string): Promise<string> {
  const data = new TextEncoder().encode(text);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', data);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** JSON with sorted keys, so equal values hash equally whatever order their keys were built in. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`).join(',')}}`;
}

/** Numbers as written (12, 1,200, 3.5, 40%, $2M, £1.2m, 5+) — used by the faithfulness guard. */
export function extractNumbers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?<![\w.])[$£€]?\d[\d,]*(?:\.\d+)?\s?(?:%|k|m|bn|b|x|\+)?(?![\w])/gi)) {
    const n = m[0].replace(/[\s,$£€]/g, '').toLowerCase();
    if (n) out.push(n);
  }
  return out;
}

export function uniq<T>(xs: Iterable<T>): T[] {
  return [...new Set(xs)];
}
