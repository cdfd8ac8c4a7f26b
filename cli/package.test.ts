import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_ENTRY, builtCli } from '../bin/built-cli.mjs';
import { ROOT } from '../test/helpers';

/** The command line as it ships: the esbuild bundle in dist/cli/ and the files `npm pack` puts in the package. */
const run = promisify(execFile);
const ENTRY = join(ROOT, BUILT_ENTRY);

async function built(args: string[], cwd: string) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/_(API_KEY|BASE_URL)$/.test(k)));
  return run(process.execPath, [ENTRY, ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 });
}

let dir: string;
beforeAll(async () => {
  // CI builds at `npm ci` (prepare) and in `npm test`; a developer's stale or missing build is rebuilt here
  await run(process.execPath, [join(ROOT, 'scripts/build-cli.mjs'), '--if-stale'], { cwd: ROOT });
  dir = await mkdtemp(join(tmpdir(), 'cvpath-built-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the built command line', () => {
  it('answers --help and --version from the dispatcher alone, without the commands\' chunks', async () => {
    const help = await built(['--help'], dir);
    expect(help.stdout).toMatch(/^cvpath — .*\n\nUsage:\n {2}cvpath import/);
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect((await built(['--version'], dir)).stdout.trim()).toBe(pkg.version);
    // what Node loads before the first line of --help: the entry and what it imports statically
    const loaded = new Set<string>();
    const visit = async (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      const text = await readFile(file, 'utf8');
      for (const [, spec] of text.matchAll(/^(?:import|export)\b[^;]*?from\s*["'](\.[^"']+)["']/gms)) await visit(join(dirname(file), spec!));
    };
    await visit(ENTRY);
    let bytes = 0;
    for (const f of loaded) bytes += (await readFile(f)).byteLength;
    expect(bytes).toBeLessThan(64 * 1024);
  });

  it('tailors the example offline from another folder, finding its fonts beside the build, and writes the PDFs', async () => {
    const out = join(dir, 'out');
    const r = await built(['tailor', '--cv', join(ROOT, 'examples/cv.txt'), '--job', join(ROOT, 'examples/job.txt'), '--out', out], dir);
    expect(r.stdout).toMatch(/Match \d+ → \d+/);
    expect(r.stderr).toContain('offline engine');
    for (const f of ['tailored.pdf', 'cover-letter.pdf']) expect((await readFile(join(out, f))).subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('bin/cvpath.mjs chooses the build only while it is current', () => {
  it('runs the build when no source is newer, the sources when one is, and the build alone when installed', async () => {
    const root = join(dir, 'checkout');
    await mkdir(join(root, 'dist/cli'), { recursive: true });
    await mkdir(join(root, 'cli'), { recursive: true });
    await writeFile(join(root, 'dist/cli/inputs.json'), JSON.stringify(['cli/run.ts', 'cli/main.ts']));
    for (const f of ['cli/run.ts', 'cli/main.ts', BUILT_ENTRY]) await writeFile(join(root, f), '');
    const at = (f: string, s: number) => utimes(join(root, f), s, s);
    await at('cli/run.ts', 1000);
    await at('cli/main.ts', 1000);
    await at(BUILT_ENTRY, 2000);
    expect(builtCli(root)).toBe(join(root, BUILT_ENTRY));
    await at('cli/main.ts', 3000); // edited after the build
    expect(builtCli(root)).toBeUndefined();
    await rm(join(root, 'cli'), { recursive: true }); // an installed package has no sources
    expect(builtCli(root)).toBe(join(root, BUILT_ENTRY));
  });
});

describe('npm pack', () => {
  it('ships the build, its launcher and the fonts, and nothing private', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT });
    const files = (JSON.parse(stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    for (const f of ['package.json', 'README.md', 'bin/cvpath.mjs', 'bin/built-cli.mjs', BUILT_ENTRY, 'fonts/EBGaramond12-Regular.ttf', 'fonts/EBGaramond12-Bold.ttf', 'fonts/EBGaramond12-Italic.ttf', 'fonts/OFL.txt']) expect(files).toContain(f);
    expect(files.filter((f) => f.startsWith('dist/cli/chunks/')).length).toBeGreaterThan(3);
    const allowed = /^(package\.json|README\.md|bin\/[\w-]+\.mjs|dist\/cli\/(chunks\/)?[\w-]+\.mjs|fonts\/([\w-]+\.ttf|OFL\.txt|README\.md))$/;
    expect(files.filter((f) => !allowed.test(f))).toEqual([]);
  });
});
