#!/usr/bin/env node
// Runs the built command line when it is there and up to date (see built-cli.mjs), else the TypeScript sources
// through tsx, so `npx cvpath` works straight from a clone too.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { builtCli } from './built-cli.mjs';

const root = join(import.meta.dirname, '..');
const built = process.env.CVPATH_FROM_SOURCE ? undefined : builtCli(root);
if (built) {
  await import(built);
} else if (!existsSync(join(root, 'cli/run.ts'))) {
  process.stderr.write('cvpath: this installation has no dist/cli/cvpath.mjs. Reinstall cvpath, or run `npm run build:cli` in its folder.\n');
  process.exitCode = 1;
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../cli/run.ts');
}
