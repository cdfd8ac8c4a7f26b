import { readFile, stat } from 'node:fs/promises';
import { parseHTML } from 'linkedom';
import { CvPathError } from '../shared/errors';
import { JobPosting } from '../shared/schema/job-posting';
import { describeFailure, scrapeJobWithFailures } from '../shared/sites';
import { parseArgs } from './args';
import { MAX_INPUT_BYTES } from './read-input';

/**
 * `cvpath scrape <file.html> --url <url>`: reads a saved job page with the extension's own adapters, so a page that
 * reads badly in the browser can be reproduced (and turned into a fixture) from the command line. Node has no
 * layout, so hidden text is found from the markup alone (inline styles and the page's <style> rules).
 */

const USAGE = 'Usage: cvpath scrape <file.html> --url <address of the page> [--json]';

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export async function cmdScrape(argv: string[], io: Io): Promise<number> {
  const a = parseArgs(argv, { url: 'string', json: 'boolean' });
  const file = a.positional[0];
  if (!file) throw new CvPathError('INPUT_INVALID', USAGE);
  if (typeof a.flags.url !== 'string') throw new CvPathError('INPUT_INVALID', `cvpath scrape needs --url, the address the page was saved from: the board's reader is chosen by it. ${USAGE}`);
  const url = parseUrl(a.flags.url);
  const html = await readHtml(file);
  const { document } = parseHTML(html);
  const { result, failures } = scrapeJobWithFailures(document, url);
  for (const f of failures) io.err(`cvpath: note: ${describeFailure(f)}`);
  if (!result) {
    throw new CvPathError('JOB_EMPTY', `No job posting found in "${file}" (read as ${url.href}).`, {
      hint: 'Save the posting itself (not a list of jobs) once it has fully loaded, and check that --url is the address it came from.',
    });
  }
  const posting = JobPosting.parse(result.posting);
  if (a.flags.json) {
    io.out(JSON.stringify(posting, null, 2));
    return 0;
  }
  io.out(`${posting.title}${posting.company ? ` — ${posting.company}` : ''}`);
  const facts = [posting.location, posting.remote !== 'unknown' ? posting.remote : undefined, posting.employmentType, posting.salary].filter(Boolean);
  if (facts.length) io.out(facts.join(' · '));
  io.out(`Read by: ${result.via}${failures.length ? ` (after ${failures.map((f) => f.site).join(', ')} found nothing)` : ''}`);
  for (const w of posting.warnings) io.out(`! ${w.code}: ${w.message}${w.excerpt ? ` "${w.excerpt}"` : ''}`);
  io.out(`\n${posting.description}`);
  return 0;
}

function parseUrl(text: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol)) {
    throw new CvPathError('INPUT_INVALID', `--url "${text}" is not a web address.`, { hint: 'Give the full address, e.g. --url https://www.linkedin.com/jobs/view/3987654321/' });
  }
  return url;
}

async function readHtml(path: string): Promise<string> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new CvPathError('INPUT_UNREADABLE', `Cannot read the page file "${path}".`, { hint: 'Check the path and that the file exists.' });
  }
  if (size > MAX_INPUT_BYTES) throw new CvPathError('INPUT_TOO_LARGE', `"${path}" is ${(size / 1048576).toFixed(1)} MB; the limit is 10 MB.`, { hint: 'Save the page as "Web page, HTML only", without its images.' });
  const bytes = new Uint8Array(await readFile(path));
  const text = new TextDecoder('utf-8').decode(bytes);
  if (bytes.includes(0) || !/<(?:!doctype|html|head|body|div|main|article|p)\b/i.test(text.slice(0, 200_000))) {
    throw new CvPathError('INPUT_INVALID', `"${path}" is not an HTML page.`, { hint: 'In your browser use "Save page as…" and choose "Web page, HTML only", then pass that file.' });
  }
  return text;
}
