#!/usr/bin/env node
// Builds the command line into dist/cli/: `npm run build:cli`, run at install and by `npm run build`.
// `--if-stale` builds only when bin/cvpath.mjs would not run the build (missing, or a source is newer).
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { BUILT_INPUTS, builtCli } from '../bin/built-cli.mjs';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'dist/cli');

// Everything else is bundled: measured on `tailor`, one bundle starts faster than resolving packages from node_modules.
export const EXTERNAL = [
  // pdf.js starts its worker from a file beside its own module, so it must stay a package in node_modules
  'pdfjs-dist',
  // jsPDF's optional HTML and SVG renderers (~1 MB with core-js): required only by features cvpath does not use
  'html2canvas',
  'canvg',
  'dompurify',
];

export async function buildCli() {
  // built aside and swapped in whole: a cvpath started during the build never loads half of it
  const tmp = `${OUT}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: { cvpath: 'cli/run.ts' },
    outdir: tmp,
    bundle: true,
    splitting: true, // each command's `await import()` becomes its own chunk, so --help loads only the dispatcher
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // bundled CommonJS (mammoth, jszip…) calls require() for Node's own modules
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __cvpathCreateRequire } from 'node:module';\nconst require = __cvpathCreateRequire(import.meta.url);" },
    legalComments: 'eof',
    metafile: true,
    logLevel: 'warning',
  });
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/'));
  writeFileSync(join(tmp, relative(OUT, join(ROOT, BUILT_INPUTS))), `${JSON.stringify(inputs.sort(), null, 1)}\n`);
  const old = `${OUT}.old-${process.pid}`;
  mkdirSync(join(OUT, '..'), { recursive: true });
  if (existsSync(OUT)) renameSync(OUT, old);
  renameSync(tmp, OUT);
  rmSync(old, { recursive: true, force: true });
  return result;
}

if (process.argv[1] === import.meta.filename) {
  if (process.argv.includes('--if-stale') && builtCli(ROOT)) process.exit(0);
  const t = performance.now();
  await buildCli();
  console.log(`cvpath: built ${relative(process.cwd(), OUT)}/cvpath.mjs in ${Math.round(performance.now() - t)} ms`);
}
