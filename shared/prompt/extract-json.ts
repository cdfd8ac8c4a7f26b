/**
 * Tolerant JSON extraction from model output: code fences, prose before and after, trailing commas, a BOM,
 * smart quotes around keys. Returns undefined when there is no JSON object to be had (the caller then repairs).
 */
export function extractJson(text: string): unknown {
  const src = text.replace(/^\uFEFF/, '').trim();
  const candidates: string[] = [];
  for (const m of src.matchAll(/```(?:json|JSON)?\s*\n?([\s\S]*?)```/g)) candidates.push(m[1]!.trim());
  const balanced = firstBalanced(src);
  if (balanced) candidates.push(balanced);
  candidates.push(src);
  for (const c of candidates) {
    const v = tryParse(c);
    if (v !== undefined) return v;
  }
  return undefined;
}

function tryParse(s: string): unknown {
  for (const variant of [s, fixup(s)]) {
    try {
      const v: unknown = JSON.parse(variant);
      if (v !== null && typeof v === 'object') return v;
    } catch {
      // try the next variant
    }
  }
  return undefined;
}

/** Trailing commas and typographic quotes used as JSON quotes: common, harmless model slips. */
function fixup(s: string): string {
  return s
    .replace(/[\u201C\u201D](?=\s*:)|(?<=[{,]\s*)[\u201C\u201D]/g, '"')
    .replace(/,\s*([}\]])/g, '$1');
}

/** The first top-level {...} (or [...]) span, respecting strings and escapes. */
function firstBalanced(s: string): string | undefined {
  const start = s.search(/[{[]/);
  if (start < 0) return undefined;
  const open = s[start]!;
  const close = open === '{' ? '}' : ']';
  let depth = 0;
  let inStr = false;
  let esc = false;
  for (let i = start; i < s.length; i++) {
    const ch = s[i]!;
    if (inStr) {
      if (esc) esc = false;
      else if (ch === '\\') esc = true;
      else if (ch === '"') inStr = false;
      continue;
    }
    if (ch === '"') inStr = true;
    else if (ch === open) depth++;
    else if (ch === close && --depth === 0) return s.slice(start, i + 1);
  }
  return undefined;
}

/** zod issues as short lines a model can act on: `matches.2.status: Invalid option: expected "met"|"partial"|"missing"`. */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] {
  return issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`);
}
