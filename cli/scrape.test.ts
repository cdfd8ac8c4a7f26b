import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobPosting } from '../shared/schema/job-posting';
import { ROOT } from '../test/helpers';
import { main } from './main';

const FIX = join(ROOT, 'shared/sites/__fixtures__');
const BIN = join(ROOT, 'bin/cvpath.mjs');

async function cvpath(args: string[]) {
  try {
    const r = await promisify(execFile)(process.execPath, [BIN, ...args], { cwd: ROOT });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** In-process, for the error paths: same main(), no process start-up per case. */
async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s), env: {} });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cvpath-scrape-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('cvpath scrape', () => {
  it('prints a saved LinkedIn page as a readable summary: fields, reader, then the whole description', async () => {
    const r = await cvpath(['scrape', join(FIX, 'linkedin/guest.html'), '--url', 'https://de.linkedin.com/jobs/view/senior-site-reliability-engineer-at-kestrel-analytics-3968877665']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Senior Site Reliability Engineer — Kestrel Analytics');
    expect(lines[1]).toBe('Hamburg, Hamburg, Germany · Full-time');
    expect(lines[2]).toBe('Read by: linkedin');
    expect(r.stdout).toContain('\n- Own the availability of our forecast API, today at 99.95% over a rolling 30 days.\n');
    expect(r.stdout.trimEnd().endsWith('We reply to everyone within ten working days.')).toBe(true);
    expect(r.stdout).not.toContain('Similar jobs');
  });

  it('--json prints a valid JobPosting; injected instructions are reported and absent from the description', async () => {
    const r = await cvpath(['scrape', join(FIX, 'greenhouse/injection.html'), '--url', 'https://boards.greenhouse.io/northwindrobotics/jobs/4012399', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const posting = JobPosting.parse(JSON.parse(r.stdout));
    expect(posting).toMatchObject({ title: 'Firmware Test Engineer', company: 'Northwind Robotics', site: 'greenhouse' });
    expect(posting.warnings.map((w) => w.code)).toEqual(['prompt_injection']);
    expect(posting.description).not.toMatch(/nightingale|previous instructions/i);
  });

  it('names the adapter that no longer fits, and still reads the page', async () => {
    const r = await run(['scrape', join(FIX, 'linkedin/view-renamed-2026.html'), '--url', 'https://www.linkedin.com/jobs/view/3987654321/']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/note: linkedin .*no job title found.*\.job-details-jobs-unified-top-card__job-title/);
    expect(r.stdout).toContain('Read by: readable (after linkedin found nothing)');
  });

  it.each([
    ['no file', ['scrape'], /Usage: cvpath scrape/, 2],
    ['no --url', ['scrape', 'FILE'], /needs --url/, 2],
    ['an invalid URL', ['scrape', 'FILE', '--url', 'linkedin jobs'], /"linkedin jobs" is not a web address.*--url https:\/\//, 1],
    ['a missing file', ['scrape', 'nope.html', '--url', 'https://example.com/jobs/1'], /Cannot read the page file "nope\.html".*INPUT_UNREADABLE/, 1],
    ['a PDF', ['scrape', 'PDF', '--url', 'https://example.com/jobs/1'], /is not an HTML page.*Save page as/, 1],
    ['a page with no posting', ['scrape', 'BLOG', '--url', 'https://example.com/blog/1'], /No job posting found.*JOB_EMPTY/, 1],
  ])('%s: one clear line saying what to do', async (_name, args, message, code) => {
    const pdf = join(dir, 'job.pdf');
    const blog = join(dir, 'blog.html');
    await writeFile(pdf, '%PDF-1.7\n%\u00e2\u00e3\n1 0 obj');
    await writeFile(blog, '<!DOCTYPE html><html><body><h1>Our blog</h1><p>We went to a conference.</p></body></html>');
    const resolved = args.map((a) => (a === 'FILE' ? join(FIX, 'lever/posting.html') : a === 'PDF' ? pdf : a === 'BLOG' ? blog : a));
    const r = await run(resolved);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
