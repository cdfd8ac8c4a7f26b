import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { line, median, pct } from './util';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/cvpath.mjs');

/** Wall time of whole processes, as a user feels them: spawn, start Node, answer, exit. */
function timeRuns(n: number, args: string[], env: Record<string, string> = {}): number[] {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(performance.now() - t);
    if (r.status !== 0 && r.status !== 2) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.toString()}`);
  }
  return times;
}

/** `cvpath --help` through bin/cvpath.mjs (the built file), against the sources through tsx and bare Node. */
export function benchCliStart(): boolean {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs'), '--if-stale'], { cwd: ROOT, stdio: 'inherit' });
  timeRuns(2, [BIN, '--help']);
  const built = timeRuns(15, [BIN, '--help']);
  const node = timeRuns(5, ['-e', '0']);
  const sources = timeRuns(5, [BIN, '--help'], { CVPATH_FROM_SOURCE: '1' });
  const m = median(built);
  console.log('\nCommand line start (node bin/cvpath.mjs --help, whole process; 15 runs after 2 warm-up)');
  line('cvpath --help, built, median', `${m.toFixed(0)} ms`, '≤ 300 ms', m <= 300);
  line('cvpath --help, built, p90', `${pct(built, 90).toFixed(0)} ms`);
  line('cvpath --help, sources through tsx, median (5 runs)', `${median(sources).toFixed(0)} ms`);
  line('  built vs tsx', `${(median(sources) / m).toFixed(1)}× faster`);
  line('node -e 0, median (5 runs): the floor', `${median(node).toFixed(0)} ms`);
  return m <= 300;
}
