import { main } from './main';

/** The process entry: `tsx cli/run.ts`, bin/cvpath.mjs, and the built dist/cli/cvpath.mjs all start here. */
process.exitCode = await main(process.argv.slice(2), {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  env: process.env,
});
