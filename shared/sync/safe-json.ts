/**
 * What the database (and JSON.stringify) can hold, checked before anything else looks at a value: a NUL character is
 * refused by Postgres in text and jsonb, a lone surrogate is not Unicode (Node turns it into U+FFFD, so the record
 * would change on the way), and nesting thousands deep overflows the stack of every recursive serialiser on the way
 * (zod, JSON.stringify, the drivers). One such value used to fail the whole push, on every retry.
 *
 * The walk is iterative (an explicit stack), so a value nested 100,000 deep costs a loop that stops at `maxDepth`,
 * never a stack overflow.
 */

/** Why a value cannot be stored; the device shows it with the parked change. */
export const UNSAFE_CODES = ['STRING_INVALID', 'TOO_DEEP', 'TOO_LARGE', 'NOT_JSON'] as const;
export type UnsafeCode = (typeof UNSAFE_CODES)[number];

export interface JsonLimits {
  /** Objects and arrays inside one another; 64 is far beyond any CV, posting, run or settings. */
  maxDepth: number;
  /** Approximate JSON size in UTF-16 code units: strings, keys and a few for each value. */
  maxSize: number;
}

/** A record's limits: its size matches what the device puts in one push (`MAX_PUSH_BYTES`). */
export const RECORD_LIMITS: JsonLimits = { maxDepth: 64, maxSize: 1_000_000 };

export type JsonProblem = { code: UnsafeCode; path: string; message: string };

// eslint-disable-next-line no-control-regex
const NUL = /\u0000/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored, or undefined when it can. */
export function stringProblem(s: string): string | undefined {
  if (NUL.test(s)) return 'contains a NUL character (\\u0000)';
  if (LONE_SURROGATE.test(s)) return 'contains a lone surrogate (not valid Unicode)';
  return undefined;
}

/** The first reason `value` cannot be stored as JSON in the database, or undefined when it can. */
export function jsonProblem(value: unknown, limits: JsonLimits = RECORD_LIMITS): JsonProblem | undefined {
  const stack: { v: unknown; depth: number; path: string }[] = [{ v: value, depth: 0, path: '' }];
  let size = 0;
  const at = (path: string) => path || 'value';
  while (stack.length) {
    const { v, depth, path } = stack.pop()!;
    size += 4;
    if (typeof v === 'string') {
      size += v.length;
      const p = stringProblem(v);
      if (p) return { code: 'STRING_INVALID', path: at(path), message: `${at(path)} ${p}` };
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return { code: 'NOT_JSON', path: at(path), message: `${at(path)} is not a finite number` };
    } else if (v !== null && typeof v === 'object') {
      if (depth >= limits.maxDepth) return { code: 'TOO_DEEP', path: at(path), message: `${at(path)} is nested more than ${limits.maxDepth} deep` };
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], depth: depth + 1, path: `${path}[${i}]` });
      } else {
        const proto = Object.getPrototypeOf(v) as unknown;
        if (proto !== Object.prototype && proto !== null) return { code: 'NOT_JSON', path: at(path), message: `${at(path)} is not plain JSON` };
        const keys = Object.keys(v);
        for (let i = keys.length - 1; i >= 0; i--) {
          const k = keys[i]!;
          size += k.length;
          const p = stringProblem(k);
          // the key itself is not shown: it is what cannot be written
          if (p) return { code: 'STRING_INVALID', path: at(path), message: `a key in ${at(path)} ${p}` };
          stack.push({ v: (v as Record<string, unknown>)[k], depth: depth + 1, path: path ? `${path}.${k.slice(0, 40)}` : k.slice(0, 40) });
        }
      }
    } else if (v !== null && v !== undefined && typeof v !== 'boolean') {
      return { code: 'NOT_JSON', path: at(path), message: `${at(path)} is not JSON (${typeof v})` };
    }
    if (size > limits.maxSize) return { code: 'TOO_LARGE', path: at(path), message: `the record is larger than ${Math.round(limits.maxSize / 1000)} KB` };
  }
  return undefined;
}
