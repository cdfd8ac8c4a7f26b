import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { leaksIn, SUITE_LOG_DIR } from './suite-logs';

/**
 * Vitest's global setup: gives the workers a folder for their backend log lines (see suite-logs.ts), and at the end
 * of the run looks through all of them for any token, password or fixture text a test used. A leak fails the run
 * (an exception thrown here is only printed, so the exit code is set) and keeps the folder to look at.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'cvpath-suite-logs-'));
  process.env[SUITE_LOG_DIR] = dir;
  return () => {
    const { lines, secrets, leaked } = leaksIn(dir);
    if (leaked.length === 0) {
      if (lines > 0) console.log(`suite logs: ${lines} backend log lines, none holds any of ${secrets} secrets and fixture texts`);
      rmSync(dir, { recursive: true, force: true });
      return;
    }
    console.error(`suite logs: ${leaked.length} secrets or fixture texts reached the backend's log lines (${leaked.join(', ')}); the lines are in ${dir}`);
    process.exitCode = 1;
  };
}
