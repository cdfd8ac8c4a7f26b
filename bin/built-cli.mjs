import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The built command line (dist/cli/cvpath.mjs) if it may run, else undefined. In a clone it may run only while no
 * source it was built from is newer than it: a developer who edits cli/ or shared/ without `npm run build:cli` gets
 * the sources through tsx, never yesterday's bundle. An installed package has no sources and always runs the build.
 */
export const BUILT_ENTRY = 'dist/cli/cvpath.mjs';
export const BUILT_INPUTS = 'dist/cli/inputs.json';

export function builtCli(root) {
  const entry = join(root, BUILT_ENTRY);
  if (!existsSync(entry)) return undefined;
  if (!existsSync(join(root, 'cli/run.ts'))) return entry;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(join(root, BUILT_INPUTS), 'utf8'));
  } catch {
    return undefined;
  }
  const builtAt = statSync(entry).mtimeMs;
  for (const file of inputs) {
    const s = statSync(join(root, file), { throwIfNoEntry: false });
    if (!s || s.mtimeMs > builtAt) return undefined;
  }
  return entry;
}
