import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every backend log line the test suite writes, one file per worker process, and every secret the tests used (session
 * tokens, passwords: recorded as they are made), so that one check at the end of the run (`suite-logs.setup.ts`) can
 * look for any secret or fixture text in any line of the whole suite, not only in the lines of one test.
 */
export const SUITE_LOG_DIR = 'CVPATH_SUITE_LOG_DIR';

/** Fixture text the tests put in records and forms; none of it may reach a log. */
export const FIXTURE_TEXT = ['PRIVATE-MARKER', 'correct horse battery', 'a brand new passphrase'];

function append(kind: 'log' | 'secret', line: string): void {
  const dir = process.env[SUITE_LOG_DIR];
  if (dir) appendFileSync(join(dir, `${kind}-${process.pid}.txt`), `${line.replace(/\n/g, ' ')}\n`);
}

/** Keeps a backend log line for the end-of-run check. */
export const suiteLogLine = (line: string) => append('log', line);
/** Keeps a secret a test used (a token, a password) for the end-of-run check. */
export const suiteSecret = (secret: string) => append('secret', secret);

/** What leaked: every secret or fixture text found in the logs of `dir`, each shown only by its first characters. */
export function leaksIn(dir: string): { lines: number; secrets: number; leaked: string[] } {
  const files = readdirSync(dir);
  const read = (prefix: string) => files.filter((f) => f.startsWith(prefix)).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
  const logs = read('log-');
  const secrets = new Set([...FIXTURE_TEXT, ...read('secret-').split('\n').filter(Boolean)]);
  const leaked: string[] = [];
  // a signed token (`token.signature`) leaks by either half too
  for (const s of secrets) if ([s, ...s.split('.').filter((p) => p.length >= 16)].some((p) => logs.includes(p))) leaked.push(`${s.slice(0, 6)}…`);
  return { lines: logs.split('\n').length - 1, secrets: secrets.size, leaked };
}
