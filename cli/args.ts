import { CvPathError } from '../shared/errors';

/** A small, strict argument reader: unknown flags are errors, so typos never run with defaults. */
export interface ParsedArgs {
  positional: string[];
  flags: Record<string, string | true>;
}

export function parseArgs(argv: string[], known: Record<string, 'string' | 'boolean'>): ParsedArgs {
  const out: ParsedArgs = { positional: [], flags: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      out.positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const type = known[name];
    if (!type) throw new CvPathError('INPUT_INVALID', `Unknown option --${name}.`, { hint: `Known options: ${Object.keys(known).map((k) => `--${k}`).join(', ')}.` });
    if (type === 'boolean') out.flags[name] = true;
    else {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new CvPathError('INPUT_INVALID', `--${name} needs a value.`);
      out.flags[name] = v;
    }
  }
  return out;
}
