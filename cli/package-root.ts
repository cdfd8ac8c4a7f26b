import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder holding cvpath's package.json. The code runs from cli/ in a clone (through tsx) and from dist/cli/ or
 * one of its chunks once built, in a clone or installed under node_modules: files shipped beside the code (fonts,
 * package.json) are found from here rather than by a fixed number of "..".
 */
let root: string | undefined;
export function packageRoot(): string {
  if (root) return root;
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'cvpath') return (root = dir);
    if (dirname(dir) === dir) throw new Error(`cvpath: cannot find its package.json above ${import.meta.dirname}; reinstall cvpath.`);
  }
}

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
